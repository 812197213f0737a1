"""Account-level go-live checks against the Stripe API (``golive-ci account``).

Public interface: :class:`AccountOptions`, :func:`run_account_checks` -> :class:`AccountReport`
(``.results: list[CheckResult]``, ``.to_findings()``), and :func:`all_check_infos`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from golive_ci.account.model import PSEUDO_PATH, STATUSES, AccountReport, CheckResult
from golive_ci.account.options import AccountOptions

if TYPE_CHECKING:
    from golive_ci.rules.base import RuleInfo


def run_account_checks(options: AccountOptions) -> AccountReport:
    from golive_ci.account.runner import run_account_checks as run

    return run(options)


def all_check_infos() -> list[RuleInfo]:
    from golive_ci.account.checks import all_check_infos as infos

    return infos()


__all__ = [
    "PSEUDO_PATH",
    "STATUSES",
    "AccountOptions",
    "AccountReport",
    "CheckResult",
    "all_check_infos",
    "run_account_checks",
]
