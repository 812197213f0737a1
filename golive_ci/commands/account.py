"""golive-ci account: the account-level go-live checks, against the Stripe API or a snapshot."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from golive_ci.commands.common import add_output_arguments, check_paths, exit_code, resolve_config

HELP = "check the live Stripe account (webhook endpoints, live objects, API version, readiness)"

STATUS_LABELS = {
    "pass": "PASS",
    "fail": "FAIL",
    "warning": "WARN",
    "could-not-verify": "UNVERIFIED",
    "not-run": "NOT RUN",
}


INDENT = " " * 12


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from golive_ci.account.policy import API_BASE_ENV

    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="the code (default: .)")
    parser.add_argument(
        "--stripe-api-base",
        metavar="URL",
        default=os.environ.get(API_BASE_ENV) or None,
        help=f"Stripe API base address, e.g. a proxy (default: ${API_BASE_ENV} or https://api.stripe.com)",
    )
    parser.add_argument("--save-snapshot", type=Path, metavar="FILE", help="write the account facts used as JSON")
    parser.add_argument(
        "--from-snapshot", type=Path, metavar="FILE", help="run the checks offline from a saved snapshot"
    )
    parser.add_argument("--show-passes", action="store_true", help="json/sarif/github: list passed checks as info")
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if args.from_snapshot is None:
        from golive_ci.extras import require

        require("account", ("stripe",), "account", "to talk to Stripe (only --from-snapshot runs without it)")
    from golive_ci.account import AccountOptions, run_account_checks
    from golive_ci.account.policy import LIVE_KEY_ENV, TEST_KEY_ENV
    from golive_ci.account.runner import AccountInputError
    from golive_ci.account.snapshot import SnapshotError
    from golive_ci.cli import UserError

    check_paths([args.path])
    root = args.path.resolve() if args.path.is_dir() else args.path.resolve().parent
    config = resolve_config(args, root)
    options = AccountOptions(
        root=root,
        config=config,
        live_key=os.environ.get(LIVE_KEY_ENV, "").strip() or None,
        test_key=os.environ.get(TEST_KEY_ENV, "").strip() or None,
        api_base=args.stripe_api_base,
        snapshot_in=args.from_snapshot,
        snapshot_out=args.save_snapshot,
    )
    if options.snapshot_in is None and options.live_key is None:
        raise UserError(f"no live key: set {LIVE_KEY_ENV} (a read-only rk_live_ key) or use --from-snapshot FILE")
    try:
        account_report = run_account_checks(options)
    except (SnapshotError, AccountInputError) as exc:
        raise UserError(str(exc)) from None
    report = account_report.to_report(include_pass=args.show_passes)
    text = render_account(account_report, report, args)
    _write(text, args)
    return exit_code(report, args.fail_on)


def render_account(account_report, report, args: argparse.Namespace) -> str:  # AccountReport, Report
    from golive_ci.account import all_check_infos
    from golive_ci.formats import render
    from golive_ci.secrets import redact

    infos = {info.slug: info for info in all_check_infos()}
    if args.format == "json":
        document = json.loads(render(report, "json", infos))
        document["account"] = {
            "source": account_report.source,
            "api_calls": account_report.api_calls,
            "counts": account_report.counts(),
            "results": [r.to_dict() for r in account_report.results],
        }
        return redact(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    if args.format != "text":
        return render(report, args.format, infos)
    lines: list[str] = []
    for result in account_report.results:
        lines.append(f"{STATUS_LABELS[result.status]:<10}  {result.check} [{result.checklist}]: {result.message}")
        lines.extend(f"{INDENT}{line}" for line in result.evidence[:20])
        if len(result.evidence) > 20:
            lines.append(f"{INDENT}… and {len(result.evidence) - 20} more")
        if result.fix and result.status != "pass":
            lines.append(f"{INDENT}fix: {result.fix}")
    lines.extend(f"notice: {note}" for note in account_report.notes)
    counts = account_report.counts()
    source = "snapshot" if account_report.source == "snapshot" else f"{account_report.api_calls} Stripe API call(s)"
    lines.append(
        f"{counts['pass']} passed, {counts['fail']} failed, {counts['warning']} warning(s), "
        f"{counts['could-not-verify']} could not be verified, {counts['not-run']} not run ({source})."
    )
    return redact("\n".join(lines) + "\n")


def _write(text: str, args: argparse.Namespace) -> None:
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
