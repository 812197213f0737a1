"""What an account check is: docs (like a rule's) plus ``run(context) -> CheckResult``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from golive_ci.account.code import CodeFacts
from golive_ci.account.facts import AccountFacts, Failure
from golive_ci.account.model import CheckResult, Status
from golive_ci.findings import Severity
from golive_ci.rules.base import RuleInfo


@dataclass
class CheckContext:
    facts: AccountFacts
    code: CodeFacts
    options: dict[str, Any] = field(default_factory=dict)  # [tool.golive-ci.account]


class AccountCheck:
    slug: ClassVar[str]
    checklist: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR  # of a "fail" result
    summary: ClassVar[str]
    why: ClassVar[str]
    example: ClassVar[str]
    fix: ClassVar[str]

    @classmethod
    def info(cls) -> RuleInfo:
        return RuleInfo(
            cls.slug, cls.summary, cls.why, cls.example, cls.fix, cls.checklist, cls.severity, kind="account"
        )

    def run(self, context: CheckContext) -> CheckResult:
        raise NotImplementedError

    def result(self, status: Status, message: str, evidence: list[str] | None = None, fix: str = "") -> CheckResult:
        return CheckResult(self.slug, status, self.checklist, message, list(evidence or []), fix)

    def unverified(self, failure: Failure, what: str, evidence: list[str] | None = None) -> CheckResult:
        if failure.kind == "not-configured":
            return self.result("not-run", f"{what}: {failure.reason}", evidence)
        fix = ""
        if failure.permission:
            fix = f"Grant the restricted key the {failure.permission} permission, or run with a key that has it."
        elif failure.kind == "auth":
            fix = "Check STRIPE_LIVE_KEY: it must be a current live key (rk_live_ recommended)."
        return self.result("could-not-verify", f"{what}: {failure.reason}", evidence, fix)


def worst(statuses: list[Status]) -> Status:
    """fail > could-not-verify > warning > not-run > pass: a failed call never reads as a pass."""
    for status in ("fail", "could-not-verify", "warning"):
        if status in statuses:
            return status  # type: ignore[return-value]
    if statuses and all(s == "not-run" for s in statuses):
        return "not-run"
    return "pass"


def utc(timestamp: object) -> str:
    """A Stripe unix timestamp as ``2026-11-26 09:00 UTC`` (anything else as it is)."""
    if isinstance(timestamp, int) and not isinstance(timestamp, bool):
        return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return str(timestamp)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
