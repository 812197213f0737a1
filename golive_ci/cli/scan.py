"""golive-ci scan: run the static rules over a repository or some files."""

from __future__ import annotations

import argparse
from pathlib import Path

from golive_ci.cli.common import (
    add_baseline_arguments,
    add_output_arguments,
    add_selection_arguments,
    check_paths,
    emit,
    resolve_config,
    scan_root,
    shown_report,
)
from golive_ci.engine import scan
from golive_ci.findings import Notice, Report
from golive_ci.report import exit_code
from golive_ci.rules import load_rule
from golive_ci.selection import select_rules

HELP = "scan files or a repository with the static rules"
NOTHING_SCANNED = "no file was scanned (every file excluded, or no text file here): nothing was checked"
PARTIAL_NOTE = (
    "decline-tests did not run: it needs the whole repository (the tests may live elsewhere), "
    "and this scan covers some files or a sub-folder only"
)


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
    whole_folder = len(args.paths) == 1 and args.paths[0].is_dir()
    partial = not whole_folder or is_sub_folder(root)
    report = scan(
        args.paths, root, config, select=args.select, ignore=args.ignore, head_start=head_start, partial=partial
    )
    selected = select_rules(args.select if args.select is not None else config.select, [*config.ignore, *args.ignore])
    if partial and "decline-tests" in selected:
        report.notices.append(Notice("", PARTIAL_NOTE))
    if report.files_scanned == 0 and not report.files_excluded:  # the engine says so when exclusions did it
        report.notices.append(Notice("", NOTHING_SCANNED))
    if not args.no_baseline:
        from golive_ci.baseline import honour_baseline

        honour_baseline(report, config, root, explicit=args.baseline, rules_ran=selected, full_scan=whole_folder)
    relative_to_working_folder(report, root)
    shown = shown_report(report, args.show_baselined)
    infos = {slug: load_rule(slug).info() for slug in {f.rule for f in shown.findings}}
    if args.statistics:  # instead of the listing, as ruff does
        import sys

        from golive_ci.cli.statistics import render_statistics, statistics_json

        text = statistics_json(report) if args.format == "json" else render_statistics(report)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    else:
        emit(shown, args, infos)
    return exit_code(report, args.fail_on)


def is_sub_folder(root: Path) -> bool:
    """Whether ``root`` is a folder inside a git repository rather than its top level."""
    from golive_ci.sources.git import find_repository

    repository = find_repository(str(root))
    return repository is not None and Path(repository.top).resolve() != root


def relative_to_working_folder(report: Report, root: Path) -> None:
    """Paths as the user can open them from where they are (as ruff shows them)."""
    cwd = Path.cwd().resolve()
    if root == cwd or not root.is_relative_to(cwd):
        return
    prefix = root.relative_to(cwd).as_posix()
    for finding in (*report.findings, *report.baselined):
        finding.path = f"{prefix}/{finding.path}" if finding.path else prefix
    report.notices = [Notice(f"{prefix}/{n.path}" if n.path else "", n.message) for n in report.notices]
