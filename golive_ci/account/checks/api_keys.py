"""api-keys: the live key is a live key (restricted, ideally), the test key a test key."""

from __future__ import annotations

from golive_ci.account.checks.base import AccountCheck, CheckContext, worst
from golive_ci.account.keys import KeyKind
from golive_ci.account.model import CheckResult, Status
from golive_ci.account.permissions import permission_label


class ApiKeys(AccountCheck):
    slug = "api-keys"
    checklist = "key-rotation"
    summary = (
        "STRIPE_LIVE_KEY is a live key Stripe accepts (a restricted key, ideally), STRIPE_TEST_KEY a test key; "
        "missing permissions are named."
    )
    why = """
A test key deployed as the live key makes every payment a test payment; a revoked or expired
key fails every call. A full secret key (`sk_live_`) can do anything, including refunds and
payouts, so a leak costs more than a restricted key (`rk_live_`) that can only read what the
job needs. Stripe's go-live checklist asks you to keep keys secret, scoped and rotatable.
"""
    example = """
```
api-keys: STRIPE_LIVE_KEY is a live secret key (sk_live_…): a read-only restricted key would do
```
"""
    fix = """
Create a restricted key in live mode (Dashboard → Developers → API keys → Create restricted key)
with the read permissions listed in docs/account.md, and use it as STRIPE_LIVE_KEY. Roll any key
that was ever shared or committed.
"""

    def run(self, context: CheckContext) -> CheckResult:
        facts = context.facts
        statuses: list[Status] = []
        problems: list[str] = []
        evidence: list[str] = []
        fixes: list[str] = []
        if facts.live_key is None:
            return self.result("not-run", "no live key given (STRIPE_LIVE_KEY)")
        live = KeyKind.from_dict(facts.live_key)
        evidence.append(f"STRIPE_LIVE_KEY is a {live.label}")
        if live.mode != "live" or not live.usable_secret:
            statuses.append("fail")
            problems.append(f"STRIPE_LIVE_KEY is a {live.label}, not a live secret or restricted key")
            fixes.append("Set STRIPE_LIVE_KEY to a live restricted key (rk_live_…).")
        elif not live.restricted:
            statuses.append("warning")
            problems.append(f"STRIPE_LIVE_KEY is a {live.label}: a read-only restricted key would do")
            fixes.append("Create a read-only restricted key (rk_live_…) with the permissions in docs/account.md.")
        if facts.test_key is not None:
            test = KeyKind.from_dict(facts.test_key)
            evidence.append(f"STRIPE_TEST_KEY is a {test.label}")
            if test.mode != "test" or not test.usable_secret:
                statuses.append("fail")
                problems.append(f"STRIPE_TEST_KEY is a {test.label}, not a test secret or restricted key")
                fixes.append("Set STRIPE_TEST_KEY to a test-mode key (rk_test_… or sk_test_…).")
        test_failure = facts.test_endpoints.failure
        if facts.test_key is not None and test_failure is not None and test_failure.kind == "auth":
            statuses.append("fail")
            problems.append("Stripe rejected STRIPE_TEST_KEY (401): it is wrong, revoked or expired")
            fixes.append("Replace the test key.")
        failures = facts.live_failures()
        if any(f.kind == "auth" for f in failures):
            statuses.append("fail")
            problems.append("Stripe rejected STRIPE_LIVE_KEY (401): it is wrong, revoked or expired")
            fixes.append("Roll or replace the live key in the Dashboard.")
        missing = sorted({f.permission for f in failures if f.kind == "permission" and f.permission})
        if missing:
            statuses.append("warning")
            named = ", ".join(f"{p} ({permission_label(p)})" for p in missing)
            problems.append(f"the live key lacks {len(missing)} read permission(s): {named}")
            fixes.append("Grant the key these read permissions: " + ", ".join(missing) + ".")
        elif any(f.kind == "permission" for f in failures):
            statuses.append("warning")
            problems.append("the live key was refused some reads (403) without Stripe naming the permission")
        test_mode_answers = self._test_mode_answers(context)
        if test_mode_answers:
            statuses.append("fail")
            problems.append(f"Stripe answered with test-mode data for the live key ({test_mode_answers})")
        calls_made = [facts.account, facts.live_endpoints, facts.recent_events, facts.undelivered_events]
        if not any(f.ok for f in calls_made) and not any(f.kind == "auth" for f in failures):
            statuses.append("could-not-verify")
            problems.append("no call with the live key succeeded, so Stripe's acceptance of it is unknown")
        status = worst(statuses)
        if status == "pass":
            return self.result("pass", f"STRIPE_LIVE_KEY is a {live.label} that Stripe accepts", evidence)
        return self.result(status, "; ".join(problems), evidence, " ".join(fixes))

    @staticmethod
    def _test_mode_answers(context: CheckContext) -> str:
        fact = context.facts.live_endpoints
        if fact.ok and any(e.get("livemode") is False for e in fact.value or []):
            return "webhook endpoints with livemode false"
        events = context.facts.recent_events
        if events.ok and any(e.get("livemode") is False for e in events.value or []):
            return "events with livemode false"
        return ""
