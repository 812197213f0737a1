"""billing-settings-ready: the live billing settings the code relies on exist (portal, Stripe Tax)."""

from __future__ import annotations

from typing import Any

from golive_ci.account.checks.base import AccountCheck, CheckContext, worst
from golive_ci.account.facts import Fact
from golive_ci.account.model import CheckResult, Status


class BillingSettingsReady(AccountCheck):
    slug = "billing-settings-ready"
    checklist = "test-objects"
    summary = (
        "When the code opens billing portal sessions without a `configuration`, a default live portal "
        "configuration exists; when it enables `automatic_tax`, the live Stripe Tax settings are active."
    )
    why = """
Settings saved in test mode do not exist in live mode. A customer portal session created without
`configuration` uses the account's default live portal configuration: until the portal settings
are saved in live mode, every "Manage billing" button fails with "You can't create a portal session
in live mode without a default configuration". Checkout, invoices and subscriptions with
`automatic_tax[enabled]=true` fail in live mode until Stripe Tax is set up there (head office
address, default tax behavior): the live tax settings stay `pending` and name what is missing.
"""
    example = """
```
billing-settings-ready: no default live billing portal configuration, but the code opens portal
  sessions without `configuration` (app/billing.ts:12); live tax settings are pending (missing:
  head_office), but the code enables automatic_tax (app/checkout.ts:30)
```
"""
    fix = """
In live mode, save the customer portal settings (Dashboard → Settings → Billing → Customer portal)
or pass the ID of a live `bpc_` configuration as `configuration`; set up Stripe Tax (Dashboard →
Settings → Tax: head office address, default tax code and behavior) until its settings are active.
"""

    def run(self, context: CheckContext) -> CheckResult:
        usage_fact = context.code.billing
        if not usage_fact.ok:
            assert usage_fact.failure is not None
            return self.unverified(
                usage_fact.failure, "could not find billing portal and automatic tax use in the code"
            )
        usage: dict[str, Any] = usage_fact.value or {}
        needs = context.code.billing_needs()
        configured = [s["where"] for s in usage.get("portal") or [] if s.get("configuration")]
        evidence = [f"portal session with its own configuration: {where}" for where in configured[:5]]
        if not needs:
            return self.result(
                "pass",
                "the code opens no billing portal session without a configuration and does not enable automatic_tax",
                evidence,
            )
        statuses: list[Status] = []
        problems: list[str] = []
        fixes: list[str] = []
        if "portal" in needs:
            places = [s["where"] for s in usage.get("portal") or [] if not s.get("configuration")]
            status, problem, fix = self._portal(context.facts.portal_configurations, places, evidence)
            statuses.append(status)
            problems += [problem] if problem else []
            fixes += [fix] if fix else []
        if "tax" in needs:
            places = list(usage.get("automatic_tax") or [])
            status, problem, fix = self._tax(context.facts.tax_settings, places, evidence)
            statuses.append(status)
            problems += [problem] if problem else []
            fixes += [fix] if fix else []
        status = worst(statuses)
        if status == "pass":
            return self.result("pass", "the live billing settings the code relies on are ready", evidence)
        return self.result(status, "; ".join(problems), evidence, " ".join(fixes))

    @staticmethod
    def _portal(fact: Fact, places: list[str], evidence: list[str]) -> tuple[Status, str, str]:
        where = ", ".join(places[:3]) + (" …" if len(places) > 3 else "")
        evidence.append(f"portal sessions without configuration: {', '.join(places)}")
        if not fact.ok:
            assert fact.failure is not None
            return (
                "could-not-verify",
                f"could not list the live billing portal configurations: {fact.failure.reason}",
                _grant(fact),
            )
        defaults = [c for c in fact.value or [] if isinstance(c, dict) and c.get("is_default")]
        ready = [c for c in defaults if c.get("active")]
        if ready:
            evidence.append(f"default live portal configuration: {ready[0].get('id')}")
            return "pass", "", ""
        state = "is inactive" if defaults else "does not exist"
        problem = (
            f"the default live billing portal configuration {state}, but the code opens portal sessions "
            f"without `configuration` ({where})"
        )
        fix = "Save the customer portal settings in live mode, or pass a live configuration ID."
        return "fail", problem, fix

    @staticmethod
    def _tax(fact: Fact, places: list[str], evidence: list[str]) -> tuple[Status, str, str]:
        where = ", ".join(places[:3]) + (" …" if len(places) > 3 else "")
        evidence.append(f"automatic_tax enabled: {', '.join(places)}")
        if not fact.ok:
            assert fact.failure is not None
            return "could-not-verify", f"could not read the live tax settings: {fact.failure.reason}", _grant(fact)
        settings: dict[str, Any] = fact.value or {}
        status = settings.get("status")
        if status == "active":
            evidence.append("live tax settings: active")
            return "pass", "", ""
        missing = [str(name) for name in settings.get("missing_fields") or []]
        named = f" (missing: {', '.join(missing)})" if missing else ""
        problem = f"live tax settings are {status or 'not active'}{named}, but the code enables automatic_tax ({where})"
        fix = "Finish the Stripe Tax setup in live mode" + (f": {', '.join(missing)}." if missing else ".")
        return "fail", problem, fix


def _grant(fact: Fact) -> str:
    failure = fact.failure
    if failure is not None and failure.permission:
        return f"Grant the restricted key the {failure.permission} permission, or run with a key that has it."
    return ""
