"""One account run: code facts, account facts (Stripe or snapshot), every check, the report."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from golive_ci.account.checks import CHECKS, CheckContext, load_check
from golive_ci.account.client import CallCounter, RateLimiter, build_client, quiet_stripe_logging
from golive_ci.account.code import collect_code_facts
from golive_ci.account.display import public_facts
from golive_ci.account.facts import AccountFacts, Fact
from golive_ci.account.fetch import Fetcher
from golive_ci.account.keys import Scrubber, key_kind
from golive_ci.account.model import AccountReport, CheckResult
from golive_ci.account.options import AccountOptions
from golive_ci.account.policy import (
    CI_BOUNDS,
    DEFAULT_API_BASE,
    LIVE_KEY_ENV,
    TEST_KEY_ENV,
    RequestPolicy,
    check_account_options,
)
from golive_ci.account.snapshot import load_snapshot, save_snapshot
from golive_ci.secrets import blank_or_control_problem

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LIVE_FACTS = (
    "account",
    "live_endpoints",
    "recent_events",
    "undelivered_events",
    "live_event_destinations",
    "portal_configurations",
    "tax_settings",
)


class AccountInputError(ValueError):
    """The run cannot start: no key and no snapshot, or a key that is not a Stripe key."""


def run_account_checks(options: AccountOptions) -> AccountReport:
    scrub = Scrubber([options.live_key, options.test_key])
    for name, value in ((LIVE_KEY_ENV, options.live_key), (TEST_KEY_ENV, options.test_key)):
        problem = blank_or_control_problem(name, value or "")
        if problem:
            raise AccountInputError(problem)
    account_options = dict(options.config.account)
    check_account_options(account_options)
    policy, notes = run_policy(options, account_options)
    api_base = ""
    if options.snapshot_in is None:  # refuse bad inputs before reading the whole repository
        if not options.live_key:
            raise AccountInputError(
                "no live key: set STRIPE_LIVE_KEY (a read-only rk_live_ key) or use --from-snapshot"
            )
        api_base = checked_api_base(options.api_base or DEFAULT_API_BASE)
    code = options.code_facts
    if code is None:
        code = collect_code_facts(options.root, options.config, options.version_picture)
    counter = CallCounter()
    if options.snapshot_in is not None:
        facts = load_snapshot(options.snapshot_in)
        source = "snapshot"
    else:
        assert options.live_key is not None
        ids = {object_id: str(ref.get("kind")) for object_id, ref in code.object_ids().items()}
        ids, keys, over = capped_lookups(ids, list(code.lookup_keys()), policy.max_lookups)
        facts = _facts_from_stripe(
            options.live_key, options.test_key, api_base, ids, keys, policy, counter, scrub, code.billing_needs()
        )
        if over is not None:
            facts.objects.update(over[0])
            facts.lookup_keys.update(over[1])
        source = "stripe"
    shown = facts if options.full_urls else public_facts(facts)
    context = CheckContext(facts=shown, code=code, options=account_options)
    report = AccountReport(results=[_run_check(slug, context, scrub) for slug in CHECKS], source=source)
    report.api_calls = counter.count
    report.notes.extend(code.notes)
    report.notes.extend(notes)
    if options.snapshot_out is not None:
        save_snapshot(facts, options.snapshot_out)
        report.notes.append(f"account facts saved to {options.snapshot_out}")
    return report


def run_policy(options: AccountOptions, account_options: dict[str, Any]) -> tuple[RequestPolicy, list[str]]:
    """The request policy of this run and a note when the configured one had to be clamped."""
    if options.policy is not None:  # given by code (tests, benchmarks), not by a configuration file
        return options.policy, []
    bounds = options.bounds or CI_BOUNDS
    policy, changes = RequestPolicy.from_config(dict(account_options)).clamped(bounds)
    # Defaults outside the bounds (500 lookups in ci, which allows 200) are not the configuration's doing.
    moved = [f"{key} {value:g} → {used:g}" for key, (value, used) in changes.items() if key in account_options]
    if not moved or options.snapshot_in is not None:
        return policy, []
    note = (
        f"[tool.golive-ci.account] values outside the bounds of `{bounds.name}` were clamped: "
        + ", ".join(moved)
        + " (see docs/account.md, Request bounds)"
    )
    return policy, [note]


def capped_lookups(
    kinds: dict[str, str], lookup_keys: list[str], cap: int
) -> tuple[dict[str, str], list[str], tuple[dict[str, Fact], dict[str, Fact]] | None]:
    """The first ``cap`` object IDs and lookup keys (sorted, IDs first) to look up, and "not checked"
    facts for the rest (None when nothing is left over)."""
    ids = sorted(kinds)
    keys = sorted(lookup_keys)
    total = len(ids) + len(keys)
    if total <= cap:
        return kinds, keys, None
    kept_ids = ids[:cap]
    kept_keys = keys[: cap - len(kept_ids)]
    reason = f"not checked: a run looks up at most {cap} of the {total} referenced objects and lookup keys"
    skipped = Fact.missing("not-checked", reason)
    over_ids = {object_id: skipped for object_id in ids[len(kept_ids) :]}
    over_keys = {key: skipped for key in keys[len(kept_keys) :]}
    return {object_id: kinds[object_id] for object_id in kept_ids}, kept_keys, (over_ids, over_keys)


def _facts_from_stripe(
    live_key: str,
    test_key: str | None,
    api_base: str,
    kinds: dict[str, str],
    lookup_keys: list[str],
    policy: RequestPolicy,
    counter: CallCounter,
    scrub: Scrubber,
    billing: frozenset[str] = frozenset(),
) -> AccountFacts:
    """The account facts, read with the live key (and the test key for test-mode endpoints)."""
    facts = AccountFacts(live_key=key_kind(live_key).to_dict())
    if test_key:
        facts.test_key = key_kind(test_key).to_dict()
    limiter = RateLimiter(policy.max_requests_per_second)
    live = build_client(live_key, api_base, policy, limiter, counter)
    test = build_client(test_key, api_base, policy, limiter, counter) if test_key else None
    fetcher = Fetcher(live, test, scrub, policy.concurrency)
    with quiet_stripe_logging(scrub):
        if key_kind(live_key).usable_secret:
            return fetcher.gather(kinds, lookup_keys, facts, billing)
        reason = f"STRIPE_LIVE_KEY is a {key_kind(live_key).label}: no call was made with it"
        for name in LIVE_FACTS:
            setattr(facts, name, Fact.missing("invalid-key", reason))
        facts.objects = {object_id: Fact.missing("invalid-key", reason) for object_id in kinds}
        facts.lookup_keys = {key: Fact.missing("invalid-key", reason) for key in lookup_keys}
        if test is not None:
            facts.test_endpoints = fetcher.guarded(lambda: fetcher.read_endpoints(test))
        return facts


def checked_api_base(url: str) -> str:
    """The base address without a trailing slash; keys never travel in clear text off this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AccountInputError(
            f"--stripe-api-base must be an http(s) address such as https://api.stripe.com, not {url!r}"
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise AccountInputError(
            f"refusing to send the key in clear text to {parts.hostname}: use https:// (plain http is for 127.0.0.1)"
        )
    return url.strip().rstrip("/")


def _run_check(slug: str, context: CheckContext, scrub: Scrubber) -> CheckResult:
    check = load_check(slug)()
    try:
        result = check.run(context)
    except Exception as exc:  # one broken check must not hide the others
        result = CheckResult(
            slug, "could-not-verify", check.checklist, f"the check failed internally ({exc.__class__.__name__}: {exc})"
        )
    result.message = scrub(result.message)
    result.evidence = [scrub(line) for line in result.evidence]
    result.fix = scrub(result.fix)
    return result
