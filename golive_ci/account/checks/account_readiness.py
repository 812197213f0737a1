"""account-readiness: the account can take live charges and pay out, with nothing due."""

from __future__ import annotations

from typing import Any

from golive_ci.account.checks.base import AccountCheck, CheckContext, utc
from golive_ci.account.model import CheckResult


class AccountReadiness(AccountCheck):
    slug = "account-readiness"
    checklist = "test-objects"
    summary = "The live account can accept charges and send payouts, its details are submitted and nothing is due."
    why = """
Until Stripe has what it needs to verify the business, live charges or payouts stay disabled,
and requirements that pass their deadline disable them again. A launch on such an account fails
at the first payment, or money piles up that cannot be paid out.
"""
    example = """
```
account-readiness: live charges are disabled; 2 requirement(s) past due: individual.id_number, external_account
```
"""
    fix = """
Open the Dashboard (Settings → Account details, or the banner on the home page) and provide
every requirement listed as currently or past due; then wait for verification. With a restricted
key, GET /v1/account may need the permission Stripe names in its 403 (see docs/account.md).
"""

    def run(self, context: CheckContext) -> CheckResult:
        fact = context.facts.account
        if not fact.ok:
            assert fact.failure is not None
            return self.unverified(fact.failure, "could not read the account")
        account: dict[str, Any] = fact.value or {}
        requirements: dict[str, Any] = account.get("requirements") or {}
        future: dict[str, Any] = account.get("future_requirements") or {}
        problems: list[str] = []
        for flag, words in (
            ("charges_enabled", "live charges are disabled"),
            ("payouts_enabled", "payouts are disabled"),
            ("details_submitted", "account details are not submitted"),
        ):
            if account.get(flag) is not True:
                problems.append(words)
        disabled = requirements.get("disabled_reason")
        if disabled:
            problems.append(f"the account is disabled ({disabled})")
        past_due = list(requirements.get("past_due") or [])
        currently_due = [item for item in requirements.get("currently_due") or [] if item not in past_due]
        if past_due:
            problems.append(f"{len(past_due)} requirement(s) past due")
        if currently_due:
            problems.append(f"{len(currently_due)} requirement(s) currently due")
        evidence = [f"past due: {item}" for item in past_due] + [f"currently due: {item}" for item in currently_due]
        for error in requirements.get("errors") or []:
            if isinstance(error, dict):
                evidence.append(f"requirement error: {error.get('requirement')}: {error.get('reason')}")
        if requirements.get("current_deadline"):
            evidence.append(f"deadline: {utc(requirements['current_deadline'])}")
        if problems:
            return self.result(
                "fail",
                "; ".join(problems),
                evidence,
                "Provide the listed requirements in the Dashboard (Settings → Account details) before launch.",
            )
        upcoming = list(requirements.get("eventually_due") or []) + list(future.get("currently_due") or [])
        pending = list(requirements.get("pending_verification") or [])
        if upcoming or pending:
            notes = [f"eventually due: {item}" for item in upcoming] + [
                f"pending verification: {item}" for item in pending
            ]
            return self.result(
                "warning",
                f"live charges and payouts are enabled, but {len(upcoming) + len(pending)} requirement(s) are pending",
                notes,
                "Provide the eventually-due information early so payouts are not paused later.",
            )
        return self.result("pass", "live charges and payouts are enabled, details submitted, nothing due")
