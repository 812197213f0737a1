"""Configuration mistakes stop the run: unknown rule slugs and option names, with a suggestion.

A misspelt option (``test-key`` for ``test-keys``) would otherwise be ignored and the run would
pass on defaults the user believes they changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from golive_ci.findings import CHECKLIST_ITEMS
from golive_ci.rules.registry import RULES
from golive_ci.selection import HISTORY_RULE, account_check_slugs, suggestion, unknown_name_message

# The options each rule reads from [tool.golive-ci.rules.<slug>]. A rule that gains an option
# adds it here (tests/engine/test_config_check.py checks the rules' documentation names no other).
_INCLUDE_TESTS = frozenset({"include-tests"})
RULE_OPTIONS: dict[str, frozenset[str]] = {
    "secret-key": frozenset({"test-keys", "baseline"}),
    HISTORY_RULE: frozenset({"rotated"}),
    "webhook-tolerance": frozenset({"max-seconds"}),
    "decline-tests": frozenset({"test-paths"}),
    # max-age-days: read by outdated-sdk on the precision-rules branch (issue 11), accepted ahead of the merge.
    "outdated-sdk": frozenset({"max-majors-behind", "max-age-days"}),
    "test-object-id": frozenset({"coupons", "plans", "include-tests", "include-docs"}),
    "outdated-api-version": frozenset({"max-age-days", "allow-legacy", "include-tests"}),
    "unpinned-api-version": _INCLUDE_TESTS,
    "unknown-api-version": _INCLUDE_TESTS,
    "inconsistent-api-version": _INCLUDE_TESTS,
    "webhook-endpoint-api-version": _INCLUDE_TESTS,
}


def check_names(table: Mapping[str, Any], where: str, error: type[Exception]) -> None:
    """Raise ``error`` for the first unknown slug or option name in a ``[tool.golive-ci]`` table."""
    statics = frozenset({*RULES, "ALL"})
    for key in ("select", "ignore"):
        for name in _names(table.get(key)):
            if name not in statics and name not in CHECKLIST_ITEMS:
                raise error(unknown_name_message(name, f"{where}: {key}", statics | set(CHECKLIST_ITEMS)))
    every = frozenset({*RULES, HISTORY_RULE})
    severity = table.get("severity")
    if isinstance(severity, Mapping):
        for name in severity:
            if name not in every and name not in account_check_slugs():
                raise error(unknown_name_message(name, f"{where}: [severity]", every | account_check_slugs()))
    rules = table.get("rules")
    if isinstance(rules, Mapping):
        for name, options in rules.items():
            if name not in every:
                raise error(unknown_name_message(name, f"{where}: [rules.{name}]", every))
            if not isinstance(options, Mapping):
                continue
            known = RULE_OPTIONS.get(name, frozenset())
            for option in options:
                if option not in known:
                    hint = suggestion(option, known)
                    listed = f"; {name} takes {', '.join(sorted(known))}" if known else f"; {name} takes no options"
                    raise error(f"{where}: [rules.{name}]: unknown option {option!r}{hint}{listed}")


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def parse_rotated(value: Any, where: str, error: type[Exception]) -> dict[str, str]:
    """``rotated = ["<fingerprint>", {fingerprint = "…", date = "2026-01-31"}]`` -> fingerprint -> date."""
    if not isinstance(value, list):
        raise error(f"{where}: 'rotated' must be a list of fingerprints (or tables with fingerprint and date)")
    rotated: dict[str, str] = {}
    for item in value:
        if isinstance(item, str) and item.strip():
            rotated[item.strip()] = ""
        elif isinstance(item, Mapping) and isinstance(item.get("fingerprint"), str):
            unknown = set(item) - {"fingerprint", "date"}
            if unknown:
                raise error(f"{where}: 'rotated' entries take fingerprint and date, not {', '.join(sorted(unknown))}")
            rotated[item["fingerprint"].strip()] = str(item.get("date", "")).strip()
        else:
            raise error(f"{where}: 'rotated' entries are fingerprint strings or {{fingerprint = …, date = …}} tables")
    return rotated
