from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from golive_ci.account import AccountOptions, AccountReport, run_account_checks
from golive_ci.account.policy import RequestPolicy
from golive_ci.config import Config
from tests.account import fixtures as fx
from tests.account.standin import Scenario, StripeStandIn

# Small retries and backoff so that fault tests do not sleep for seconds.
FAST = RequestPolicy(
    max_retries=2, backoff_initial=0.01, backoff_max=0.02, connect_timeout=1.0, read_timeout=0.5, concurrency=4,
    max_requests_per_second=1000.0,
)  # fmt: skip

LIVE_KEY = fx.fake_key("rk_live_")
TEST_KEY = fx.fake_key("rk_test_")


@pytest.fixture
def standin() -> Iterator[Callable[[Scenario], StripeStandIn]]:
    servers: list[StripeStandIn] = []

    def start(scenario: Scenario) -> StripeStandIn:
        server = StripeStandIn(scenario).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture
def code(tmp_path: Path) -> Path:
    fx.write_code(tmp_path)
    return tmp_path


def run_checks(
    root: Path,
    api_base: str | None,
    *,
    live_key: str | None = LIVE_KEY,
    test_key: str | None = TEST_KEY,
    config: Config | None = None,
    policy: RequestPolicy = FAST,
    **kwargs: object,
) -> AccountReport:
    options = AccountOptions(
        root=root,
        config=config or Config(),
        live_key=live_key,
        test_key=test_key,
        api_base=api_base,
        policy=policy,
        **kwargs,  # type: ignore[arg-type]
    )
    return run_account_checks(options)


def statuses(report: AccountReport) -> dict[str, str]:
    return {r.check: r.status for r in report.results}
