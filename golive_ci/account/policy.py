"""How politely the account checks talk to Stripe: retries, backoff, timeouts, concurrency, rate,
and how much one run may ask at most (lookups, requests). See docs/account.md "Request bounds"."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from golive_ci.config import ConfigError

DEFAULT_API_BASE = "https://api.stripe.com"
API_BASE_ENV = "GOLIVE_CI_STRIPE_API_BASE"
LIVE_KEY_ENV = "STRIPE_LIVE_KEY"
TEST_KEY_ENV = "STRIPE_TEST_KEY"


@dataclass(frozen=True)
class RequestPolicy:
    """Bounds on every call. Defaults stay far under Stripe's read limits (100/s live, 25/s test).

    Configurable in ``[tool.golive-ci.account]`` with the same names, dashes for underscores,
    and always clamped to :class:`PolicyBounds` (strict in ``ci``, where a pull request wrote them).
    """

    max_retries: int = 2  # retries after the first try, for connection errors, timeouts, 409, 429, 5xx
    backoff_initial: float = 0.5  # seconds before the first retry, doubled each time, with jitter
    backoff_max: float = 5.0
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    concurrency: int = 4  # requests in flight at once
    max_requests_per_second: float = 20.0
    max_lookups: int = 500  # referenced object IDs and lookup keys looked up; the rest are "not checked"
    max_requests: int = 2000  # Stripe requests in one run, retries included

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
            if not math.isfinite(raw):  # TOML has inf and nan
                raise ConfigError(f"[tool.golive-ci.account] {key} must be a finite number, not {raw!r}")
            if raw < 0 or (spec.name in _POSITIVE and raw <= 0):
                raise ConfigError(f"[tool.golive-ci.account] {key} must be positive, not {raw!r}")
            values[spec.name] = int(raw) if spec.type in ("int", int) else float(raw)
        return cls(**values)

    def clamped(self, bounds: PolicyBounds) -> tuple[RequestPolicy, dict[str, tuple[float, float]]]:
        """This policy inside ``bounds``, and configuration key -> (value, value used) for each that moved."""
        values: dict[str, Any] = {}
        changes: dict[str, tuple[float, float]] = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.name not in bounds.limits:
                continue
            low, high = bounds.limits[spec.name]
            used = min(max(value, low), high)
            used = int(used) if spec.type in ("int", int) else float(used)
            if used != value:
                values[spec.name] = used
                changes[spec.name.replace("_", "-")] = (value, used)
        return replace(self, **values), changes


_POSITIVE = frozenset({"concurrency", "max_requests_per_second", "max_requests"})


@dataclass(frozen=True)
class PolicyBounds:
    """Lowest and highest value of each :class:`RequestPolicy` field that a run accepts."""

    name: str
    limits: Mapping[str, tuple[float, float]]


# In ``ci`` the configuration comes from the pull request: it must neither turn the live key into a
# flood of requests (high rate, many retries, many lookups) nor make checks give up early (no
# retries, tiny timeouts, no lookups), which would turn a failure into "could not verify".
# Lookups and requests are fixed: a pull request can change neither.
CI_BOUNDS = PolicyBounds(
    "ci",
    {
        "max_retries": (2, 3),
        "backoff_initial": (0.25, 2.0),
        "backoff_max": (1.0, 10.0),
        "connect_timeout": (2.0, 10.0),
        "read_timeout": (5.0, 30.0),
        "concurrency": (1, 4),
        "max_requests_per_second": (5.0, 20.0),
        "max_lookups": (200, 200),
        "max_requests": (600, 600),
    },
)
# The developer's own ``golive-ci account`` run keeps their values, under sane maxima (Stripe allows
# 100 live reads per second for the whole account, production traffic included).
ACCOUNT_BOUNDS = PolicyBounds(
    "account",
    {
        "max_retries": (0, 10),
        "backoff_initial": (0.0, 30.0),
        "backoff_max": (0.0, 60.0),
        "connect_timeout": (0.1, 60.0),
        "read_timeout": (0.1, 120.0),
        "concurrency": (1, 16),
        "max_requests_per_second": (0.5, 80.0),
        "max_lookups": (0, 5000),
        "max_requests": (1, 20000),
    },
)


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
