"""Account-level go-live checks against the Stripe API (``golive-ci account``).

Public interface: :class:`AccountOptions`, :func:`run_account_checks` -> :class:`AccountReport`
(``.results: list[CheckResult]``, ``.to_findings()``), and :func:`all_check_infos`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from golive_ci.account.model import PSEUDO_PATH, STATUSES, AccountReport, CheckResult
from golive_ci.config import Config

if TYPE_CHECKING:
    from golive_ci.account.policy import PolicyBounds, RequestPolicy
    from golive_ci.rules.base import RuleInfo


@dataclass
class AccountOptions:
    root: Path
    config: Config
    live_key: str | None
    test_key: str | None
    api_base: str | None = None
    snapshot_in: Path | None = None
    snapshot_out: Path | None = None
    # Overrides [tool.golive-ci.account] retries/timeouts/concurrency (tests and benchmarks).
    policy: RequestPolicy | None = None
    # Bounds for the configured policy: None is the strictest, policy.CI_BOUNDS (the configuration
    # may come from a pull request); the developer's own `account` command passes ACCOUNT_BOUNDS.
    bounds: PolicyBounds | None = None
    # Webhook endpoint URLs in full (userinfo, query): only for the developer's own terminal.
    full_urls: bool = False

    def __repr__(self) -> str:  # keys never appear in a repr, a log or a traceback
        return f"AccountOptions(root={self.root!r}, api_base={self.api_base!r}, snapshot_in={self.snapshot_in!r})"


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
