"""Rules declare the facts they read; their needles and languages, derived from those facts or set
by the rule, are what they were before facts existed (recorded below from the rules as they were)."""

from __future__ import annotations

import pytest

from golive_ci.facts import Fact
from golive_ci.rules import RULES, load_rule
from golive_ci.rules.base import Rule

_CODE = frozenset(["csharp", "go", "java", "javascript", "php", "python", "ruby", "tsx", "typescript"])
_DYNAMIC = frozenset(["javascript", "php", "python", "ruby", "tsx", "typescript"])
_STRIPE = (b"stripe", b"Stripe", b"STRIPE")
_WEBHOOK = (
    b"onstruct_event", b"onstructEvent", b"construct_from", b"constructFrom", b"tripe-Signature",
    b"tripe-signature", b"STRIPE_SIGNATURE", b"_intent.", b"checkout.session", b"invoice.", b"customer.",
    b"charge.", b"EventType", b"Events.", b"stripe.Event", b"Stripe.Event", b"stripe.model.Event", b"EventUtility",
    b"ebhook",
)  # fmt: skip
_VERIFY = (b"onstruct_event", b"onstructEvent", b"erify_header", b"erifyHeader", b"alidatePayload")

# slug: (needles, languages), as every rule had them before it declared facts.
EXPECTED: dict[str, tuple[tuple[bytes, ...], frozenset[str] | None]] = {
    "secret-key": ((b"k_live_", b"k_test_", b"whsec_", b"sk_org_"), None),
    "unpinned-api-version": (_STRIPE, _DYNAMIC),
    "unknown-api-version": (_STRIPE, _DYNAMIC),
    "outdated-api-version": (_STRIPE, _DYNAMIC),
    "inconsistent-api-version": (_STRIPE, _DYNAMIC),
    "webhook-endpoint-api-version": ((b"ebhookEndpoint", b"ebhook_endpoint"), None),
    "unpinned-sdk": ((b"stripe", b"Stripe"), None),
    "outdated-sdk": (_STRIPE, None),
    "webhook-signature": (_WEBHOOK, _CODE),
    "webhook-tolerance": ((*_VERIFY, b"alidateSignature"), _CODE),
    "webhook-duplicates": (_WEBHOOK, _CODE),
    "idempotency-key": ((b"tripe", b"TRIPE"), _CODE),
    "card-error-handling": ((b"tripe", b"TRIPE"), _CODE),
    "card-number": ((), None),
    "sensitive-log": ((*_STRIPE, b"whsec"), _CODE),
    "decline-tests": ((), None),
    "test-object-id": ((b"price_", b"prod_", b"plan_", b"promo_", b"txr_", b"shr_", b"ookupKey", b"ookup_keys"), None),
    "webhook-raw-body": (_VERIFY, _CODE),
    "webhook-secret-placeholder": (_VERIFY, _CODE),
    "webhook-unhandled-status": (_WEBHOOK, _CODE),
    "webhook-stale-state": (_WEBHOOK, _CODE),
    "raw-card-data-api": ((b"xp_month", b"xpMonth", b"xpmonth"), _CODE),
    "legacy-payments-api": ((b"tripe", b"TRIPE"), _CODE),
    "sdk-retries": ((*_STRIPE, b"etwork_retries", b"etworkRetries", b"ETWORK_RETRIES"), None),
    "amount-minor-units": (
        (
            b"* 100",
            b"*100",
            b"100 *",
            b"100*",
            b"ero_decimal",
            b"eroDecimal",
            b"ERO_DECIMAL",
            b"ero-decimal",
            b"krw",
            b"KRW",
        ),
        _CODE,
    ),
    "secret-key-client-exposure": (
        (
            b"PUBLIC_",
            b"VITE_",
            b"REACT_APP_",
            b"GATSBY_",
            b"STORYBOOK_",
            b"untimeConfig",
            b"use client",
            b"react-native",
            b"ECRET",
        ),
        None,
    ),
    "live-return-urls": (
        (
            b"uccess_url",
            b"uccessUrl",
            b"uccessURL",
            b"ancel_url",
            b"ancelUrl",
            b"ancelURL",
            b"eturn_url",
            b"eturnUrl",
            b"eturnURL",
            b"efresh_url",
            b"efreshUrl",
            b"efreshURL",
        ),
        _CODE,
    ),
    "test-mode-artifacts": ((b"k_test_", b"stripe.com/test_", b"login/test_", b"cs_test_"), None),
}


def test_every_rule_is_pinned() -> None:
    assert set(EXPECTED) == set(RULES)


@pytest.mark.parametrize("slug", list(RULES))
def test_needles_and_languages_are_what_they_were(slug: str) -> None:
    rule = load_rule(slug)
    needles, languages = EXPECTED[slug]
    assert rule.needles == needles
    assert rule.languages == languages


def test_the_rules_that_read_stripe_facts_declare_them() -> None:
    declaring = {slug for slug in RULES if load_rule(slug).facts}
    assert declaring >= {
        "secret-key",
        "unpinned-api-version",
        "unknown-api-version",
        "outdated-api-version",
        "inconsistent-api-version",
        "webhook-endpoint-api-version",
        "unpinned-sdk",
        "outdated-sdk",
        "webhook-signature",
        "webhook-duplicates",
        "webhook-raw-body",
        "webhook-secret-placeholder",
        "webhook-unhandled-status",
        "webhook-stale-state",
        "idempotency-key",
        "card-error-handling",
        "legacy-payments-api",
        "sensitive-log",
    }


def test_needles_and_languages_come_from_the_facts_unless_the_rule_sets_them() -> None:
    wide = Fact("wide", lambda source: 1, needles=(b"a", b"b"), languages=frozenset({"go"}))
    other = Fact("other", lambda source: 2, needles=(b"b", b"c"), languages=frozenset({"php"}))
    anywhere = Fact("anywhere", lambda source: 3)

    class Derived(Rule):
        facts = (wide, other)

    class Narrowed(Rule):
        facts = (wide, other)
        needles = (b"a",)

    class Unbounded(Rule):
        facts = (wide, anywhere)

    assert (Derived.needles, Derived.languages) == ((b"a", b"b", b"c"), frozenset({"go", "php"}))
    assert (Narrowed.needles, Narrowed.languages) == ((b"a",), frozenset({"go", "php"}))
    assert (Unbounded.needles, Unbounded.languages) == ((), None)
