"""The finding model shared by static rules, account checks and every output format."""

from __future__ import annotations

import enum

from golive_ci.records import Record

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


class Finding(Record):
    """One problem at one place. ``message`` must never hold an unmasked secret.

    ``fingerprint`` is a stable identity for SARIF partialFingerprints and baselines (never the
    secret itself; see golive_ci.fingerprints); ``details`` holds extra machine-readable facts
    (masked values only), shown in JSON as "details" and ignored by equality. ``baselined`` marks a
    finding the baseline already knows (shown only with ``--show-baselined``, never counted).
    """

    __slots__ = (
        "baselined",
        "checklist",
        "column",
        "details",
        "end_column",
        "end_line",
        "fingerprint",
        "line",
        "message",
        "path",
        "rule",
        "severity",
    )
    _uncompared = frozenset({"details", "baselined"})

    def __init__(
        self,
        rule: str,
        severity: Severity,
        path: str,
        line: int,
        column: int,
        message: str,
        checklist: str,
        end_line: int | None = None,
        end_column: int | None = None,
        fingerprint: str = "",
        details: dict[str, object] | None = None,
        baselined: bool = False,
    ) -> None:
        self.rule = rule
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.checklist = checklist
        self.end_line = end_line
        self.end_column = end_column
        self.fingerprint = fingerprint
        self.details: dict[str, object] = {} if details is None else details
        self.baselined = baselined

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


class Notice(Record):
    """Something the user should know that is not a finding: an unreadable file, a parse failure."""

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message


# Prefix of the one notice a file gets when its code cannot be parsed (see RuleContext.notice).
UNPARSED_PREFIX = "not checked: "


class Report(Record):
    """``findings`` are the ones that count; ``baselined`` those the baseline already knows."""

    __slots__ = ("baselined", "files_excluded", "files_scanned", "files_skipped", "findings", "notices")

    def __init__(
        self,
        findings: list[Finding] | None = None,
        notices: list[Notice] | None = None,
        files_scanned: int = 0,
        files_skipped: int = 0,
        files_excluded: int = 0,
        baselined: list[Finding] | None = None,
    ) -> None:
        self.findings: list[Finding] = [] if findings is None else findings
        self.notices: list[Notice] = [] if notices is None else notices
        self.files_scanned = files_scanned
        self.files_skipped = files_skipped
        # Files the configuration's ``exclude`` patterns left out (a scan of everything minus these).
        self.files_excluded = files_excluded
        self.baselined: list[Finding] = [] if baselined is None else baselined

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity and not f.baselined)

    def summary(self) -> dict[str, int]:
        return {
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "files_scanned": self.files_scanned,
            "files_skipped": self.files_skipped,
            "files_excluded": self.files_excluded,
            "notices": len(self.notices),
            "files_unparsed": len(self.unparsed_files()),
            "baselined": len(self.baselined) or sum(1 for f in self.findings if f.baselined),
        }

    def unparsed_files(self) -> list[str]:
        """Files the rules that read code could not check (their code could not be parsed)."""
        return sorted({n.path for n in self.notices if n.path and n.message.startswith(UNPARSED_PREFIX)})
