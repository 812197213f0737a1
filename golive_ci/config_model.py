"""The configuration as a value: below the rules that read it and the loader that checks it against them."""

from __future__ import annotations

from pathlib import Path

from golive_ci.findings import Severity
from golive_ci.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Config(Record):
    """``rules`` holds per-rule options (``[tool.golive-ci.rules.<slug>]``), ``account`` the
    account-check options (``[tool.golive-ci.account]``), ``baseline`` the baseline file named by
    ``baseline = "…"`` (relative to the configuration file; "" for the default)."""

    __slots__ = ("account", "baseline", "exclude", "ignore", "language", "path", "rules", "select", "severity")

    def __init__(
        self,
        path: Path | None = None,
        exclude: list[str] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        account: dict[str, Any] | None = None,
        baseline: str = "",
        language: str = "en",
    ) -> None:
        self.path = path
        self.exclude: list[str] = [] if exclude is None else exclude
        self.select = select
        self.ignore: list[str] = [] if ignore is None else ignore
        self.severity: dict[str, Severity] = {} if severity is None else severity
        self.rules: dict[str, dict[str, Any]] = {} if rules is None else rules
        self.account: dict[str, Any] = {} if account is None else account
        self.baseline = baseline
        self.language = language  # of the checklist comment, job summary and `account` text: en or fr

    def rule_options(self, slug: str) -> dict[str, Any]:
        return self.rules.get(slug, {})
