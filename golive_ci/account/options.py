"""What one run of the account checks is given: where, which configuration, which keys, which bounds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from golive_ci.config import Config

if TYPE_CHECKING:
    from golive_ci.account.policy import PolicyBounds, RequestPolicy


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
    # The code's version picture when the caller built it already (ci shows it in the comment too).
    version_picture: Any = None
    # The code facts (account.code.CodeFacts) when the caller learnt them in its own pass (ci's scan).
    code_facts: Any = None

    def __repr__(self) -> str:  # keys never appear in a repr, a log or a traceback
        return f"AccountOptions(root={self.root!r}, api_base={self.api_base!r}, snapshot_in={self.snapshot_in!r})"
