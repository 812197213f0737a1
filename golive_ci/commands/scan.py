"""golive-ci scan: run the static rules over a repository or some files."""

from __future__ import annotations

import argparse
from pathlib import Path

from golive_ci.commands.common import (
    add_output_arguments,
    add_selection_arguments,
    check_paths,
    emit,
    exit_code,
    resolve_config,
    scan_root,
)
from golive_ci.engine import scan
from golive_ci.rules import load_rule

HELP = "scan files or a repository with the static rules"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="PATH")
    add_selection_arguments(parser)
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    check_paths(args.paths)
    root = scan_root(args.paths)
    config = resolve_config(args, root)
    head_start = getattr(args, "head_start", None)
    report = scan(args.paths, root, config, select=args.select, ignore=args.ignore, head_start=head_start)
    infos = {slug: load_rule(slug).info() for slug in {f.rule for f in report.findings}}
    emit(report, args, infos)
    return exit_code(report, args.fail_on)
