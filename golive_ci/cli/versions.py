"""golive-ci versions: the repository's Stripe API-version picture as a table (text, markdown or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from golive_ci.cli.common import resolve_config
from golive_ci.secrets import redact

HELP = "show every Stripe API-version pin and SDK dependency, the newest version, and what to do"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest pyproject.toml)")
    parser.add_argument("--include-tests", action="store_true", help="also list pins in test files")


def run(args: argparse.Namespace) -> int:
    from golive_ci.cli import UserError
    from golive_ci.versions.picture import build_version_picture

    if not args.path.exists():
        raise FileNotFoundError(f"no such file or folder: {args.path}")
    if not args.path.is_dir():
        raise UserError(f"{args.path} is not a folder: `golive-ci versions` reads a whole repository")
    root = args.path.resolve()
    config = resolve_config(args, root)
    picture = build_version_picture(root, config, include_tests=args.include_tests)
    if args.format == "json":
        from golive_ci.escaping import escape_json_output

        text = escape_json_output(json.dumps(picture.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        from golive_ci.versions.picture_table import render_table

        text = render_table(picture, markdown=args.format == "markdown")
    text = redact(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
