"""The account checks: the registry (one line per check, in :mod:`golive_ci.account.checks.registry`) and loading."""

from __future__ import annotations

import importlib

from golive_ci.account.checks.base import AccountCheck, CheckContext
from golive_ci.account.checks.registry import CHECKS
from golive_ci.rules.base import RuleInfo


def load_check(slug: str) -> type[AccountCheck]:
    try:
        target = CHECKS[slug]
    except KeyError:
        raise ValueError(f"unknown account check {slug!r}; known: {', '.join(CHECKS)}") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def all_check_infos() -> list[RuleInfo]:
    return [load_check(slug).info() for slug in CHECKS]


__all__ = ["CHECKS", "AccountCheck", "CheckContext", "all_check_infos", "load_check"]
