"""Building the ``stripe.StripeClient`` and turning its exceptions into plain-word reasons."""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import stripe

from golive_ci.account.facts import Failure
from golive_ci.account.permissions import permission_label
from golive_ci.account.policy import RequestPolicy

# Pin what the checks read against: field names below are those of this version's objects.
STRIPE_API_VERSION = "2026-10-28.endive"

_RAK = re.compile(r"\brak_[a-z0-9_]+")
_TEST_MODE_TWIN = "similar object exists in test mode"


class RateLimiter:
    """At most ``rate`` request starts per second across every thread (a simple spacing limiter)."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self._interval
        if start > now:
            time.sleep(start - now)


class RequestBudgetSpent(Exception):
    """The run's cap of Stripe requests is reached: no further request is sent."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the run's cap of {limit} Stripe requests was reached")
        self.limit = limit


class CallCounter:
    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def take(self, limit: int) -> bool:
        """Count one request if fewer than ``limit`` were made; False (and no count) otherwise."""
        with self._lock:
            if self.count >= limit:
                return False
            self.count += 1
            return True


class PoliteHttpClient(stripe.RequestsClient):
    """``requests`` transport with a timeout on every call, a shared rate limit, a shared cap on the
    number of requests (retries count), bounded retries that also cover 429, and the policy's
    backoff (the SDK's is fixed at 0.5-5 s)."""

    def __init__(self, policy: RequestPolicy, limiter: RateLimiter, counter: CallCounter) -> None:
        super().__init__(timeout=(policy.connect_timeout, policy.read_timeout))
        self._policy = policy
        self._limiter = limiter
        self._counter = counter

    def request(self, method: str, url: str, headers: Mapping[str, str] | None, post_data: Any = None) -> Any:
        if not self._counter.take(self._policy.max_requests):
            raise RequestBudgetSpent(self._policy.max_requests)
        self._limiter.wait()
        return super().request(method, url, headers, post_data)

    def _should_retry(
        self,
        response: tuple[Any, int, Mapping[str, str] | None] | None,
        api_connection_error: stripe.APIConnectionError | None,
        num_retries: int,
        max_network_retries: int | None,
    ) -> bool:
        if response is not None and response[1] == 429 and num_retries < (max_network_retries or 0):
            headers = response[2] or {}
            return headers.get("stripe-should-retry") != "false"
        return super()._should_retry(response, api_connection_error, num_retries, max_network_retries)

    def _sleep_time_seconds(self, num_retries: int) -> float:
        delay = min(self._policy.backoff_initial * (2 ** (num_retries - 1)), self._policy.backoff_max)
        return delay * (0.5 + random.random() / 2)


class _ScrubbingFilter(logging.Filter):
    def __init__(self, scrub: Callable[[str], str]) -> None:
        super().__init__()
        self._scrub = scrub

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._scrub(record.getMessage())
        record.args = ()
        return True


@contextmanager
def quiet_stripe_logging(scrub: Callable[[str], str]) -> Iterator[None]:
    """No console logging by the SDK during a run (``STRIPE_LOG=debug`` prints response bodies),
    and records of the ``stripe`` logger scrubbed of key values for whoever configured logging."""
    from stripe import _util

    saved = (stripe.log, getattr(_util, "STRIPE_LOG", None))
    stripe.log = None
    _util.STRIPE_LOG = None
    scrubbing = _ScrubbingFilter(scrub)
    logging.getLogger("stripe").addFilter(scrubbing)
    try:
        yield
    finally:
        logging.getLogger("stripe").removeFilter(scrubbing)
        stripe.log, _util.STRIPE_LOG = saved


def build_client(key: str, api_base: str, policy: RequestPolicy, limiter: RateLimiter, counter: CallCounter):
    """A StripeClient with explicit retries (a bare StripeClient retries nothing) and our transport."""
    return stripe.StripeClient(
        key,
        base_addresses={"api": api_base},
        stripe_version=STRIPE_API_VERSION,
        max_network_retries=policy.max_retries,
        http_client=PoliteHttpClient(policy, limiter, counter),
    )


def describe_failure(exc: BaseException, scrub: Callable[[str], str]) -> Failure:
    """A plain-word reason for a failed call; key values are scrubbed from anything kept."""
    if isinstance(exc, RequestBudgetSpent):
        return Failure("not-checked", f"not checked: {exc}")
    message = scrub(_stripe_message(exc))[:300]
    status = getattr(exc, "http_status", None)
    if isinstance(exc, stripe.AuthenticationError):
        return Failure(
            "auth", f"Stripe rejected the key (HTTP {status or 401}): it is wrong, revoked or expired", status
        )
    if isinstance(exc, stripe.PermissionError):
        match = _RAK.search(message)
        if match:
            permission = match.group(0)
            reason = f"the key lacks the permission {permission} ({permission_label(permission)}): grant it"
            return Failure("permission", reason, status, permission)
        return Failure("permission", f"the key is not allowed to read this (HTTP 403): {message}", status)
    if isinstance(exc, stripe.RateLimitError):
        return Failure("rate-limit", "Stripe kept answering 429 (rate limited) after the retries", status)
    if isinstance(exc, stripe.InvalidRequestError):
        if exc.code == "resource_missing":
            kind = "test-only" if _TEST_MODE_TWIN in message else "not-found"
            return Failure(kind, message or "no such object", status)
        return Failure("invalid-request", f"Stripe refused the request (HTTP {status}): {message}", status)
    if isinstance(exc, stripe.APIConnectionError):
        lowered = message.lower()
        if "timeout" in lowered or "timed out" in lowered:
            return Failure("timeout", "Stripe did not answer in time (timeout, after the retries)")
        return Failure("connection", f"could not connect to the Stripe API (after the retries): {_first_line(message)}")
    if isinstance(exc, stripe.APIError):
        if "Invalid response body" in message or "Invalid response object" in message:
            return Failure(
                "malformed", f"the Stripe API answered with something that is not valid JSON (HTTP {status})", status
            )
        return Failure(
            "server", f"the Stripe API failed (HTTP {status}) after the retries: {_first_line(message)}", status
        )
    if isinstance(exc, stripe.StripeError):
        return Failure("other", f"Stripe error (HTTP {status}): {_first_line(message)}", status)
    detail = f"{exc.__class__.__name__}: {_first_line(scrub(str(exc)))[:200]}"
    return Failure("other", f"unexpected answer from the Stripe API ({detail})")


def _stripe_message(exc: BaseException) -> str:
    if isinstance(exc, stripe.StripeError):
        return getattr(exc, "user_message", None) or str(exc)
    return str(exc)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    network = next((line for line in lines if line.startswith("(Network error")), None)
    return (network or (lines[0] if lines else text)).strip("()")[:200]
