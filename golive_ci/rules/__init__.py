"""The rules' public names: the registry (one line per rule, in :mod:`golive_ci.rules.registry`) and selection."""

from __future__ import annotations

from golive_ci.rules.registry import RULES, UnknownRuleError, all_rule_infos, load_rule


def resolve_selection(select: list[str] | None, ignore: list[str]) -> list[str]:
    """Ruff-style selection: ``select`` (default: all; slugs, ``ALL`` or checklist items) minus
    ``ignore``; unknown names and empty selections raise :class:`UnknownRuleError` with a suggestion
    (see golive_ci.selection)."""
    from golive_ci.selection import select_rules

    return select_rules(select, ignore)


__all__ = ["RULES", "UnknownRuleError", "all_rule_infos", "load_rule", "resolve_selection"]
