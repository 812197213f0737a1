"""golive-ci scan: run the static rules over a repository or some files."""

from __future__ import annotations

import argparse
from pathlib import Path

from golive_ci.commands.common import (
    add_baseline_arguments,
    add_output_arguments,
    add_selection_arguments,
    check_paths,
    emit,
    exit_code,
    resolve_config,
    scan_root,
    shown_report,
)
from golive_ci.engine import scan
from golive_ci.rules import load_rule

HELP = "scan files or a repository with the static rules"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="PATH")
    add_selection_arguments(parser)
    add_output_arguments(parser)
    add_baseline_arguments(parser)
    parser.add_argument(
        "--statistics", action="store_true", help="print the number of findings per rule instead of each finding"
    )


def run(args: argparse.Namespace) -> int:
    check_paths(args.paths)
    root = scan_root(args.paths)
    config = resolve_config(args, root)
    head_start = getattr(args, "head_start", None)
    report = scan(args.paths, root, config, select=args.select, ignore=args.ignore, head_start=head_start)
    if not args.no_baseline:
        from golive_ci.baseline import honour_baseline
        from golive_ci.selection import select_rules

        ran = select_rules(args.select if args.select is not None else config.select, [*config.ignore, *args.ignore])
        full_scan = len(args.paths) == 1 and args.paths[0].is_dir()
        honour_baseline(report, config, root, explicit=args.baseline, rules_ran=ran, full_scan=full_scan)
    shown = shown_report(report, args.show_baselined)
    infos = {slug: load_rule(slug).info() for slug in {f.rule for f in shown.findings}}
    if args.statistics:  # instead of the listing, as ruff does
        import sys

        from golive_ci.commands.statistics import render_statistics

        text = render_statistics(report)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    else:
        emit(shown, args, infos)
    return exit_code(report, args.fail_on)
