"""The finding model shared by static rules, account checks and every output format."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

CHECKLIST_ITEMS: tuple[str, ...] = (
    "api-version",
    "edge-cases",
    "error-handling",
    "logging",
    "test-objects",
    "webhooks",
    "announcements",
    "key-rotation",
)


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


@dataclass(frozen=True)
class Finding:
    """One problem at one place. ``message`` must never hold an unmasked secret."""

    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    checklist: str
    end_line: int | None = None
    end_column: int | None = None
    # A stable identity for SARIF partialFingerprints and baselines (never the secret itself).
    fingerprint: str = ""
    # Extra machine-readable facts (masked values only), shown in JSON as "details".
    details: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


@dataclass(frozen=True)
class Notice:
    """Something the user should know that is not a finding: an unreadable file, a parse failure."""

    path: str
    message: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files_scanned: int = 0
    files_skipped: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> dict[str, int]:
        return {
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "files_scanned": self.files_scanned,
            "files_skipped": self.files_skipped,
            "notices": len(self.notices),
        }
