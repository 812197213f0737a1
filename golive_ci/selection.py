"""Which rules a run selects: rule slugs, ``ALL`` or checklist items, checked with a suggestion.

A misspelt slug must not quietly select nothing (or everything): every unknown name stops the
run with exit code 2 and the closest known name, and so does a selection that selects no rule.
"""

from __future__ import annotations

from golive_ci.findings import CHECKLIST_ITEMS
from golive_ci.rules.registry import RULES, UnknownRuleError, load_rule

HISTORY_RULE = "secret-key-history"


def suggestion(name: str, known: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known``, else ""."""
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def account_check_slugs() -> frozenset[str]:
    from golive_ci.account.checks.registry import CHECKS

    return frozenset(CHECKS)


def unknown_name_message(name: str, where: str, known: frozenset[str] | set[str]) -> str:
    return f"{where}: unknown rule {name!r}{suggestion(name, known)}; `golive-ci rules` lists them"


def rules_of_item(item: str) -> list[str]:
    return [slug for slug in RULES if load_rule(slug).checklist == item]


def _expand(names: list[str], where: str) -> list[str]:
    slugs: list[str] = []
    known = {*RULES, "ALL", *CHECKLIST_ITEMS}
    for name in names:
        if name == "ALL":
            slugs.extend(RULES)
        elif name in RULES:
            slugs.append(name)
        elif name in CHECKLIST_ITEMS:
            slugs.extend(rules_of_item(name))
        else:
            raise UnknownRuleError(unknown_name_message(name, where, known))
    return slugs


def select_rules(
    select: list[str] | None, ignore: list[str], *, where_select: str = "--select", where_ignore: str = "--ignore"
) -> list[str]:
    """Ruff-style: ``select`` (default: all; rule slugs, ``ALL`` or checklist items) minus ``ignore``."""
    chosen = list(RULES) if not select else _expand(select, where_select)
    ignored = set(_expand(ignore, where_ignore))
    slugs = [slug for slug in dict.fromkeys(chosen) if slug not in ignored]
    if not slugs:
        items = [name for name in select or () if name in CHECKLIST_ITEMS]
        why = f" (no static rule covers the checklist item(s) {', '.join(items)})" if items and not ignored else ""
        raise UnknownRuleError(
            f"the selection (select {', '.join(select or ['ALL'])}; ignore {', '.join(ignore) or 'nothing'}) "
            f"selects no rule{why}"
        )
    return slugs
