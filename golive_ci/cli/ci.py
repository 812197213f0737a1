"""golive-ci ci: the GitHub Action's command (static scan, key history, account checks, PR checklist)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from golive_ci.cli import UserError
from golive_ci.cli.common import check_paths, resolve_config
from golive_ci.report import FAIL_ON

HELP = "run every check for CI and publish the go-live checklist (PR comment, job summary, SARIF, annotations)"
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off", ""}
API_BASE_ENV = "GOLIVE_CI_STRIPE_API_BASE"
STRIPE_API_HOST = "api.stripe.com"


def boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {value!r}")


def stripe_api_base(flag: str | None, env: Mapping[str, str], *, allow_other_host: bool) -> str:
    """The API base the account checks may use: an earlier CI step can set the environment variable
    (``$GITHUB_ENV``), so a host other than Stripe's own is refused unless the caller allows it."""
    value = (flag if flag is not None else env.get(API_BASE_ENV, "")).strip()
    if not value:
        return ""
    host = urlsplit(value).hostname or ""
    if host != STRIPE_API_HOST and not allow_other_host:
        source = "--stripe-api-base" if flag is not None else f"${API_BASE_ENV}"
        raise UserError(
            f"{source} points at {host or value!r}, not {STRIPE_API_HOST}: refusing to send the live key there "
            "(pass --allow-non-stripe-api-host, or the action input allow-non-stripe-api-host: true, for a proxy)"
        )
    return value


def require_extras(*, comment: bool, live_key: bool) -> None:
    from golive_ci.extras import require

    if live_key:
        require("ci", ("stripe",), "action", "for the account checks (a live key is set)")
    if comment:
        require("ci", ("github",), "action", "for the pull-request comment (or pass --comment false)")


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
        "--stripe-api-base",
        default=None,
        metavar="URL",
        help="Stripe API base address for the account checks (default: $GOLIVE_CI_STRIPE_API_BASE, "
        "else https://api.stripe.com); a host other than api.stripe.com needs --allow-non-stripe-api-host",
    )
    parser.add_argument(
        "--allow-non-stripe-api-host",
        action="store_true",
        help="let --stripe-api-base name a host other than api.stripe.com (a proxy, a local stand-in)",
    )
    parser.add_argument(
        "--language",
        choices=("en", "fr"),
        default=None,
        help="language of the checklist comment and the job summary (default: the configuration's, else en)",
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
    api_base = stripe_api_base(args.stripe_api_base, os.environ, allow_other_host=args.allow_non_stripe_api_host)
    require_extras(comment=args.comment, live_key=bool(os.environ.get("STRIPE_LIVE_KEY", "").strip()))
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
        stripe_api_base=api_base,
        language=args.language or config.language,
    )
    return run_ci(options)
