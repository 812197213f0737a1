"""What every pre-commit hook shares: parse the file names, scan them with some rules, print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from golive_ci.config import ConfigError, find_config_file, load_config
from golive_ci.engine import scan
from golive_ci.escaping import escape_untrusted
from golive_ci.findings import Severity
from golive_ci.formats import render
from golive_ci.help_format import ArgumentParser, HelpFormatter
from golive_ci.rules import UnknownRuleError
from golive_ci.secrets import redact


def hook_parser(description: str) -> argparse.ArgumentParser:
    parser = ArgumentParser(description=description, formatter_class=HelpFormatter)
    parser.add_argument("filenames", nargs="*", help="files to check (pre-commit passes the staged ones)")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest pyproject.toml)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    return parser


def run_hook(
    args: argparse.Namespace, rules: Sequence[str], *, partial: bool = True, extra_paths: Sequence[Path] = ()
) -> int:
    """Scan ``args.filenames`` with ``rules``; 1 when an error-level finding remains, 2 on bad config."""
    root = Path.cwd()
    try:
        config_path = Path(args.config) if args.config else find_config_file(root)
        config = load_config(config_path)
        paths = [Path(name) for name in args.filenames] + list(extra_paths)
        report = scan(paths, root, config, select=list(rules), partial=partial)
    except (ConfigError, UnknownRuleError) as exc:
        # A configuration value is repository text, and may be a key pasted in the wrong place.
        sys.stderr.write(f"golive-ci: error: {escape_untrusted(redact(str(exc)))}\n")
        return 2
    if report.findings or report.notices:
        sys.stdout.write(render(report, args.format, {}, color=False))
    return 1 if any(f.severity is Severity.ERROR for f in report.findings) else 0
