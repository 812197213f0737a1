"""How politely the account checks talk to Stripe: retries, backoff, timeouts, concurrency, rate."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from golive_ci.config import ConfigError

DEFAULT_API_BASE = "https://api.stripe.com"
API_BASE_ENV = "GOLIVE_CI_STRIPE_API_BASE"
LIVE_KEY_ENV = "STRIPE_LIVE_KEY"
TEST_KEY_ENV = "STRIPE_TEST_KEY"


@dataclass(frozen=True)
class RequestPolicy:
    """Bounds on every call. Defaults stay far under Stripe's read limits (100/s live, 25/s test).

    Configurable in ``[tool.golive-ci.account]`` with the same names, dashes for underscores.
    """

    max_retries: int = 2  # retries after the first try, for connection errors, timeouts, 409, 429, 5xx
    backoff_initial: float = 0.5  # seconds before the first retry, doubled each time, with jitter
    backoff_max: float = 5.0
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    concurrency: int = 4  # requests in flight at once
    max_requests_per_second: float = 20.0

    @classmethod
    def from_config(cls, account: dict[str, Any]) -> RequestPolicy:
        values: dict[str, Any] = {}
        for spec in fields(cls):
            key = spec.name.replace("_", "-")
            if key not in account:
                continue
            raw = account[key]
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise ConfigError(f"[tool.golive-ci.account] {key} must be a number, not {raw!r}")
            if raw < 0 or (spec.name in ("concurrency", "max_requests_per_second") and raw <= 0):
                raise ConfigError(f"[tool.golive-ci.account] {key} must be positive, not {raw!r}")
            values[spec.name] = int(raw) if spec.type in ("int", int) else float(raw)
        return cls(**values)


def check_account_options(account: dict[str, Any]) -> None:
    """Refuse unknown keys and wrong types in ``[tool.golive-ci.account]`` (never silently ignored)."""
    known = {spec.name.replace("_", "-") for spec in fields(RequestPolicy)} | {"host-map"}
    unknown = sorted(set(account) - known)
    if unknown:
        raise ConfigError(
            f"[tool.golive-ci.account] unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    host_map = account.get("host-map", {})
    if not isinstance(host_map, dict) or not all(isinstance(v, str) for v in host_map.values()):
        raise ConfigError('[tool.golive-ci.account] host-map must be a table of "test host" = "live host"')
    RequestPolicy.from_config(account)
