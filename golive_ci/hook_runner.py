"""What every pre-commit hook shares: parse the file names, scan them with some rules, print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from golive_ci.cli.help_format import ArgumentParser, HelpFormatter
from golive_ci.config import Config, ConfigError, find_config_file, load_config
from golive_ci.escaping import escape_untrusted
from golive_ci.findings import Report
from golive_ci.hook_rules import rules_that_can_fire
from golive_ci.report import FAIL_ON, exit_code, render
from golive_ci.rules import UnknownRuleError, resolve_selection
from golive_ci.secrets import redact


def hook_parser(description: str) -> argparse.ArgumentParser:
    parser = ArgumentParser(description=description, formatter_class=HelpFormatter)
    parser.add_argument("filenames", nargs="*", help="files to check (pre-commit passes the staged ones)")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest pyproject.toml)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="lowest severity that fails the hook (default: error; add `verbose: true` to see warnings)",
    )
    parser.add_argument("--baseline", metavar="FILE", help="baseline file (default: .golive-ci-baseline.json)")
    parser.add_argument("--no-baseline", action="store_true", help="ignore the baseline: every finding counts")
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
        report = hook_report(paths, root, config, rules, partial=partial)
        if not getattr(args, "no_baseline", False):
            _honour_baseline(report, config, root, getattr(args, "baseline", None))
    except (ConfigError, UnknownRuleError) as exc:
        # A configuration value is repository text, and may be a key pasted in the wrong place.
        sys.stderr.write(f"golive-ci: error: {escape_untrusted(redact(str(exc)))}\n")
        return 2
    if report.findings or report.notices:
        sys.stdout.write(render(report, args.format, {}, color=False))
    return exit_code(report, getattr(args, "fail_on", "error"))


def hook_report(paths: list[Path], root: Path, config: Config, rules: Sequence[str], *, partial: bool = True) -> Report:
    """The scan of ``paths`` with ``rules`` (less the configuration's ``ignore``), importing only the
    rules that can fire on those files (golive_ci.hook_rules): the same report as with all of them."""
    chosen = rules_that_can_fire(resolve_selection(list(rules), list(config.ignore)), paths, root, config)
    if not chosen:
        return Report()
    from golive_ci.engine import scan

    return scan(paths, root, config, select=chosen, partial=partial)


def _honour_baseline(report: Report, config: Config, root: Path, explicit: str | None) -> None:
    """Known findings do not block a commit; a hook sees some files only, so nothing is stale."""
    if explicit is None and not config.baseline and not _default_baseline_exists(root, config):
        return  # nothing to load: keep the hook's start-up free of the baseline module
    from golive_ci.baseline import honour_baseline

    honour_baseline(report, config, root, explicit=explicit, full_scan=False)


def _default_baseline_exists(root: Path, config: Config) -> bool:
    """Whether golive_ci.baseline.project_root holds the default file (without importing it)."""
    from golive_ci.sources.git import find_repository

    repository = find_repository(str(root.resolve()))
    if repository is not None:
        top = Path(repository.top)
    else:
        top = config.path.resolve().parent if config.path is not None else root
    return (top / ".golive-ci-baseline.json").is_file()
