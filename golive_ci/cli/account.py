"""golive-ci account: the account-level go-live checks, against the Stripe API or a snapshot."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from golive_ci.cli.common import add_output_arguments, check_paths, resolve_config
from golive_ci.report import exit_code

HELP = "check the live Stripe account (webhook endpoints, live objects, API version, readiness)"


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
    parser.add_argument(
        "--language",
        choices=("en", "fr"),
        default=None,
        help="language of the text output (default: the configuration's, else en); json/sarif never change",
    )
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if args.from_snapshot is None:
        from golive_ci.extras import require

        require("account", ("stripe",), "account", "to talk to Stripe (only --from-snapshot runs without it)")
    from golive_ci.account import AccountOptions, run_account_checks
    from golive_ci.account.policy import ACCOUNT_BOUNDS, CI_BOUNDS, LIVE_KEY_ENV, TEST_KEY_ENV
    from golive_ci.account.runner import AccountInputError
    from golive_ci.account.snapshot import SnapshotError
    from golive_ci.cli import UserError

    check_paths([args.path])
    root = args.path.resolve() if args.path.is_dir() else args.path.resolve().parent
    config = resolve_config(args, root)
    on_runner = os.environ.get("GITHUB_ACTIONS") == "true"
    options = AccountOptions(
        root=root,
        config=config,
        live_key=os.environ.get(LIVE_KEY_ENV, "").strip() or None,
        test_key=os.environ.get(TEST_KEY_ENV, "").strip() or None,
        api_base=args.stripe_api_base,
        snapshot_in=args.from_snapshot,
        snapshot_out=args.save_snapshot,
        # On a runner the configuration may come from a pull request and the log may be public:
        # the same request bounds and endpoint URLs as `golive-ci ci`. At the developer's terminal,
        # their own values (under sane maxima) and full URLs.
        bounds=CI_BOUNDS if on_runner else ACCOUNT_BOUNDS,
        full_urls=not on_runner,
    )
    if options.snapshot_in is None and options.live_key is None:
        raise UserError(f"no live key: set {LIVE_KEY_ENV} (a read-only rk_live_ key) or use --from-snapshot FILE")
    try:
        account_report = run_account_checks(options)
    except (SnapshotError, AccountInputError) as exc:
        raise UserError(str(exc)) from None
    report = account_report.to_report(include_pass=args.show_passes)
    args.language = args.language or config.language
    text = render_account(account_report, report, args)
    _write(text, args)
    return exit_code(report, args.fail_on)


def render_account(account_report, report, args: argparse.Namespace) -> str:  # AccountReport, Report
    from golive_ci.account import all_check_infos
    from golive_ci.report import render
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
        from golive_ci.escaping import escape_json_output

        return escape_json_output(redact(json.dumps(document, indent=2, ensure_ascii=False) + "\n"))
    if args.format != "text":
        return render(report, args.format, infos)
    from golive_ci.escaping import escape_untrusted as safe  # Stripe's answers and repository text
    from golive_ci.report.checklist import ITEM_SPECS, spec_in
    from golive_ci.report.wording import phrase

    language = getattr(args, "language", None) or "en"
    titles = {spec.slug: spec_in(spec, language).title for spec in ITEM_SPECS} if language != "en" else {}
    lines: list[str] = []
    for result in account_report.results:
        label = phrase(language, f"status.{result.status}")
        item = titles.get(result.checklist, result.checklist)
        lines.append(f"{label:<10}  {result.check} [{item}]: {safe(result.message)}")
        lines.extend(f"{INDENT}{safe(line)}" for line in result.evidence[:20])
        if len(result.evidence) > 20:
            lines.append(INDENT + phrase(language, "and_more", count=len(result.evidence) - 20))
        if result.fix and result.status != "pass":
            lines.append(INDENT + phrase(language, "fix", fix=safe(result.fix)))
    lines.extend(phrase(language, "notice", note=safe(note)) for note in account_report.notes)
    counts = account_report.counts()
    if account_report.source == "snapshot":
        source = phrase(language, "source_snapshot")
    else:
        source = phrase(language, "source_api", calls=account_report.api_calls)
    lines.append(
        phrase(
            language,
            "account_counts",
            passed=counts["pass"],
            failed=counts["fail"],
            warnings=counts["warning"],
            unverified=counts["could-not-verify"],
            not_run=counts["not-run"],
            source=source,
        )
    )
    return redact("\n".join(lines) + "\n")


def _write(text: str, args: argparse.Namespace) -> None:
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
