"""golive-ci baseline: record today's findings so that only new ones fail scan, the hooks and ci."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from golive_ci.cli import UserError
from golive_ci.cli.ci import boolean
from golive_ci.cli.common import add_selection_arguments, check_paths, resolve_config

TYPE_CHECKING = False
if TYPE_CHECKING:
    from golive_ci.config import Config
    from golive_ci.findings import Finding

HELP = """record the current findings in a baseline file (default .golive-ci-baseline.json at the top
of the repository); scan, the hooks and ci then fail only on findings it does not hold. Commit the
file. Entries hold the rule, the path, a fingerprint and a masked description, never a secret."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="folder to scan")
    parser.add_argument("--update", action="store_true", help="rewrite an existing baseline from today's findings")
    parser.add_argument(
        "--baseline", metavar="FILE", help="file to write (default: config `baseline`, else the default)"
    )
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest pyproject.toml)")
    parser.add_argument(
        "--history",
        type=boolean,
        default=True,
        metavar="true|false",
        help="also record the keys committed in git history (default: true)",
    )
    add_selection_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from golive_ci.baseline import (
        Baseline,
        BaselineEntry,
        baseline_location,
        load_baseline,
        path_mapper,
        project_root,
        write_baseline,
    )
    from golive_ci.engine import scan
    from golive_ci.selection import HISTORY_RULE, select_rules

    check_paths([args.path])
    if not args.path.is_dir():
        raise UserError(f"{args.path} is not a folder: a baseline covers a repository or one of its folders")
    scan_root = args.path.resolve()
    config = resolve_config(args, scan_root)
    root = project_root(scan_root, config)
    target, _ = baseline_location(config, root, args.baseline)
    shown = target.relative_to(root).as_posix()
    previous: Baseline | None = None
    if target.exists():
        if not args.update:
            raise UserError(f"{shown} already exists: `golive-ci baseline --update` rewrites it")
        previous = load_baseline(target)
    report = scan([scan_root], scan_root, config, select=args.select, ignore=args.ignore)
    to_project = path_mapper(scan_root, root)
    findings = list(report.findings)
    history = args.history and scan_root == root
    if history:
        findings.extend(_history_findings(root, config))
    ran = set(select_rules(args.select if args.select is not None else config.select, [*config.ignore, *args.ignore]))
    prefix = to_project("")

    def outside(entry: BaselineEntry) -> bool:
        """Entries this run did not cover stay: other folders, rules not selected, history when skipped."""
        if entry.rule == HISTORY_RULE:
            return not history
        return entry.rule not in ran or bool(prefix and not entry.path.startswith(prefix + "/"))

    entries = write_baseline(target, findings, to_project, keep=previous, outside=outside)
    stale = 0
    if previous is not None:
        now = {entry.key for entry in entries}
        stale = sum(1 for entry in previous.entries if entry.key not in now)
    for notice in report.notices:
        sys.stderr.write(f"notice: {notice.path + ': ' if notice.path else ''}{notice.message}\n")
    dropped = f", dropped {stale} stale entr{'y' if stale == 1 else 'ies'}" if previous is not None else ""
    sys.stdout.write(
        f"golive-ci: wrote {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} to {shown}{dropped}; "
        "commit it: scan, the hooks and ci now fail only on new findings\n"
    )
    return 0


def _history_findings(root: Path, config: Config) -> list[Finding]:
    from golive_ci.history import scan_history
    from golive_ci.sources.git import find_repository

    if find_repository(str(root)) is None:
        return []
    history = scan_history(root, ["HEAD"], config)
    for notice in history.notices:
        sys.stderr.write(f"notice: {notice.message}\n")
    return history.findings
