"""Results of the account checks and how they become findings of the shared finding model."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from golive_ci.findings import Finding, Report, Severity

Status = Literal["pass", "fail", "warning", "could-not-verify", "not-run"]
STATUSES: tuple[str, ...] = ("pass", "fail", "warning", "could-not-verify", "not-run")

# Account results are not in a file: they are reported at this pseudo path, line 1, column 1.
PSEUDO_PATH = "stripe:account"

# fail -> error, warning -> warning, could-not-verify -> warning (a check that did not run is
# never silent), not-run -> info, pass -> no finding (info when passes are asked for).
SEVERITY_BY_STATUS: dict[str, Severity | None] = {
    "fail": Severity.ERROR,
    "warning": Severity.WARNING,
    "could-not-verify": Severity.WARNING,
    "not-run": Severity.INFO,
    "pass": None,
}


@dataclass
class CheckResult:
    check: str
    status: Status
    checklist: str
    message: str
    evidence: list[str] = field(default_factory=list)
    fix: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "check": self.check,
            "status": self.status,
            "checklist": self.checklist,
            "message": self.message,
            "evidence": list(self.evidence),
            "fix": self.fix,
        }

    def to_finding(self, *, include_pass: bool = False) -> Finding | None:
        severity = SEVERITY_BY_STATUS[self.status]
        if severity is None:
            if not include_pass:
                return None
            severity = Severity.INFO
        prefix = {"could-not-verify": "could not verify: ", "not-run": "not run: "}.get(self.status, "")
        identity = f"{self.check}\0{self.status}\0{self.message}"
        return Finding(
            rule=self.check,
            severity=severity,
            path=PSEUDO_PATH,
            line=1,
            column=1,
            message=prefix + self.message,
            checklist=self.checklist,
            fingerprint=hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()[:32],
            details={"status": self.status, "evidence": list(self.evidence), "fix": self.fix},
        )


@dataclass
class AccountReport:
    results: list[CheckResult] = field(default_factory=list)
    # Where the facts came from: "stripe" (the API) or "snapshot".
    source: str = "stripe"
    api_calls: int = 0
    notes: list[str] = field(default_factory=list)

    def to_findings(self, *, include_pass: bool = False) -> list[Finding]:
        findings = [r.to_finding(include_pass=include_pass) for r in self.results]
        return [f for f in findings if f is not None]

    def to_report(self, *, include_pass: bool = False) -> Report:
        """A scan-shaped report, so the text/json/sarif/github formats render account results."""
        from golive_ci.findings import Notice

        report = Report(findings=self.to_findings(include_pass=include_pass))
        report.notices.extend(Notice(PSEUDO_PATH, note) for note in self.notes)
        return report

    def counts(self) -> dict[str, int]:
        return {status: sum(1 for r in self.results if r.status == status) for status in STATUSES}

    def result(self, check: str) -> CheckResult | None:
        return next((r for r in self.results if r.check == check), None)
