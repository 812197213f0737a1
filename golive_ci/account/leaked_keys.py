"""``--verify-leaked-keys``: ask Stripe, once per key, whether a committed key still works.

Opt-in and never in the hooks. Each distinct secret or restricted key found in the tree or in git
history gets one read-only request (``GET /v1/account``) through the ``stripe`` SDK, with no
retry and a short timeout. Stripe accepting it (200, or 403 for a restricted key without that
permission) means the key is live: an error, "roll it now". A 401 means Stripe rejects it: the
key counts as rotated. Anything else (5xx, timeout, no connection) says "could not verify",
never "rotated". The key is used as the request's credential and nowhere else: every message
that leaves this module is built from the masked form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from golive_ci.findings import Finding, Severity
from golive_ci.secrets import hex_digest, mask, redact

DEFAULT_TIMEOUT = 5.0
# A pull request can plant any number of key-shaped strings: each run asks Stripe about at most
# this many distinct keys, and says so for the rest.
MAX_KEYS_PER_RUN = 25
VERIFIABLE_PREFIXES = ("sk_live_", "sk_test_", "rk_live_", "rk_test_", "sk_org_")
ACTIVE, REJECTED, UNKNOWN = "active", "rejected", "could-not-verify"
NOT_VERIFIABLE = "webhook signing secrets and publishable keys cannot be checked through the API"


@dataclass(frozen=True)
class Verdict:
    status: str  # ACTIVE, REJECTED or UNKNOWN
    reason: str  # plain words, never the key


def keys_in_tree(findings: Iterable[Finding], top: Path) -> dict[int, str]:
    """id(finding) -> key, re-read from the line of each tree ``secret-key`` finding."""
    from golive_ci.fingerprints import read_lines
    from golive_ci.rules.secret_key import find_secrets

    keys: dict[int, str] = {}
    for finding in findings:
        if finding.rule != "secret-key":
            continue
        lines = read_lines(top / finding.path)
        if lines is None or not 0 < finding.line <= len(lines):
            continue
        found = list(find_secrets(lines[finding.line - 1]))
        at_column = [key for offset, key, _kind, _description in found if offset + 1 == finding.column]
        if at_column or found:
            keys[id(finding)] = (at_column or [found[0][1]])[0]
    return keys


def verify_key(key: str, api_base: str, timeout: float | None = None) -> Verdict:
    """One read-only request with ``key``; the verdict never holds the key."""
    if not key.startswith(VERIFIABLE_PREFIXES):
        return Verdict(UNKNOWN, NOT_VERIFIABLE)
    import stripe

    from golive_ci.account.client import STRIPE_API_VERSION, quiet_stripe_logging

    def scrub(text: str) -> str:
        return redact(text.replace(key, mask(key)))

    client = stripe.StripeClient(
        key,
        base_addresses={"api": api_base},
        stripe_version=STRIPE_API_VERSION,
        max_network_retries=0,
        http_client=stripe.RequestsClient(timeout=timeout or DEFAULT_TIMEOUT),
    )
    with quiet_stripe_logging(scrub):
        try:
            client.v1.accounts.retrieve_current()
        except stripe.AuthenticationError:
            return Verdict(REJECTED, "Stripe rejects it (HTTP 401): the key was rolled or deleted")
        except stripe.PermissionError:
            return Verdict(ACTIVE, "Stripe accepts it (a restricted key without this permission, HTTP 403)")
        except stripe.APIConnectionError as exc:
            lowered = str(exc).lower()
            why = "Stripe did not answer in time" if "timeout" in lowered or "timed out" in lowered else "no connection"
            return Verdict(UNKNOWN, f"could not verify: {why}")
        except stripe.StripeError as exc:
            return Verdict(UNKNOWN, f"could not verify: Stripe answered HTTP {getattr(exc, 'http_status', None)}")
        except Exception as exc:  # the SDK must not end the run, nor print the key in a traceback
            return Verdict(UNKNOWN, f"could not verify: {exc.__class__.__name__}")
    return Verdict(ACTIVE, "Stripe accepts it")


def apply_verdict(finding: Finding, verdict: Verdict) -> Finding:
    details = {**finding.details, "verified": verdict.status}
    if verdict.status == ACTIVE:
        message = f"{finding.message}. Still active: roll it now ({verdict.reason})"
        return finding.replace(severity=Severity.ERROR, message=message, details=details)
    if verdict.status == REJECTED:
        secret = finding.details.get("secret", "key")
        message = f"Stripe key {secret} was committed but is no longer valid: {verdict.reason}; counted as rotated"
        return finding.replace(severity=Severity.INFO, message=message, details={**details, "rotated": True})
    return finding.replace(message=f"{finding.message} ({verdict.reason})", details=details)


def verify_leaked_keys(
    findings: list[Finding],
    keys: dict[int, str],
    api_base: str,
    timeout: float | None = None,
    verify: Callable[[str, str, float | None], Verdict] = verify_key,
    max_keys: int = MAX_KEYS_PER_RUN,
) -> tuple[list[Finding], int]:
    """``findings`` with a verdict applied to each one whose key is in ``keys`` (by ``id``);
    at most one request per distinct key and ``max_keys`` requests in all. Returns the findings
    and the number of requests made."""
    over_limit = Verdict(UNKNOWN, f"could not verify: over the limit of {max_keys} keys verified per run")
    verdicts: dict[str, Verdict] = {}
    asked = 0
    updated = []
    for finding in findings:
        key = keys.get(id(finding))
        if key is None:
            updated.append(finding)
            continue
        digest = hex_digest(key)
        if digest not in verdicts:
            if not key.startswith(VERIFIABLE_PREFIXES):
                verdicts[digest] = Verdict(UNKNOWN, NOT_VERIFIABLE)
            elif asked >= max_keys:
                verdicts[digest] = over_limit
            else:
                asked += 1
                verdicts[digest] = verify(key, api_base, timeout)
        updated.append(apply_verdict(finding, verdicts[digest]))
    return updated, asked
