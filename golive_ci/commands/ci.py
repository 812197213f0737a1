"""golive-ci ci: the GitHub Action's command (static scan, key history, account checks, PR checklist)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from golive_ci.cli import UserError
from golive_ci.commands.common import FAIL_ON, check_paths, resolve_config

HELP = "run every check for CI and publish the go-live checklist (PR comment, job summary, SARIF, annotations)"
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off", ""}


def boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {value!r}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="repository folder")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest pyproject.toml)")
    parser.add_argument(
        "--fail-on", choices=FAIL_ON, default="error", help="lowest severity that fails the run (default: error)"
    )
    parser.add_argument(
        "--comment", type=boolean, default=True, metavar="true|false", help="post the checklist comment on the PR"
    )
    parser.add_argument(
        "--history", type=boolean, default=True, metavar="true|false", help="scan git history for committed keys"
    )
    parser.add_argument(
        "--history-range",
        nargs="+",
        metavar="REV",
        help="git log revisions to scan for committed keys (default: all history reachable from the branch; "
        "keys first committed in the pull request are marked new)",
    )
    parser.add_argument(
        "--new-only",
        action="store_true",
        help="on a pull request, fail and annotate only findings not present at the merge base "
        "(scans the merge base too: about twice the time)",
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="baseline file (default: config `baseline`, else .golive-ci-baseline.json)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="ignore the baseline: every finding counts")
    parser.add_argument(
        "--verify-leaked-keys",
        action="store_true",
        help="ask Stripe (one read-only request per key, no retry, 5 s timeout) whether each committed key "
        "still works: active is an error, rejected counts as rotated",
    )
    parser.add_argument(
        "--sarif-file", default="", metavar="FILE", help="write SARIF here (default on Actions: $RUNNER_TEMP)"
    )
    parser.add_argument(
        "--comment-author",
        default=os.environ.get("GOLIVE_CI_COMMENT_AUTHOR", ""),
        metavar="LOGIN",
        help="login that owns the checklist comment (default: $GOLIVE_CI_COMMENT_AUTHOR, the token's user, "
        "else github-actions[bot])",
    )


def run(args: argparse.Namespace) -> int:
    from golive_ci.github.pipeline import CiOptions
    from golive_ci.github.publish import run_ci

    check_paths([args.path])
    if not args.path.is_dir():
        raise UserError(f"{args.path} is not a folder: golive-ci ci scans a repository")
    config = resolve_config(args, args.path.resolve())
    options = CiOptions(
        path=args.path,
        config=config,
        fail_on=args.fail_on,
        comment=args.comment,
        history=args.history,
        history_range=args.history_range,
        sarif_file=args.sarif_file,
        comment_author=args.comment_author,
        baseline=args.baseline,
        use_baseline=not args.no_baseline,
        new_only=args.new_only,
        verify_leaked_keys=args.verify_leaked_keys,
    )
    return run_ci(options)
