"""Account facts as the checks show them outside the developer's own terminal.

A webhook endpoint URL may carry credentials (``https://user:password@host/hook?token=…``). The PR
comment and the job summary are public on public repositories, so there an endpoint is shown as
``scheme://host/path``: no userinfo, no query, no fragment.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from golive_ci.account.facts import AccountFacts, Fact

HIDDEN_URL = "(URL not shown: not an http(s) address)"


def public_url(url: object) -> str:
    """``scheme://host[:port]/path`` of an http(s) URL; a placeholder for anything else."""
    text = str(url or "")
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return HIDDEN_URL
    host = parts.netloc.rpartition("@")[2]
    if parts.scheme.lower() not in ("http", "https") or not host:
        return HIDDEN_URL
    return urlunsplit((parts.scheme.lower(), host, parts.path, "", ""))


def _public_endpoints(fact: Fact) -> Fact:
    if not fact.ok or not isinstance(fact.value, list):
        return fact
    endpoints: list[Any] = [
        {**endpoint, "url": public_url(endpoint.get("url"))}
        if isinstance(endpoint, dict) and endpoint.get("url") is not None
        else endpoint
        for endpoint in fact.value
    ]
    return Fact(endpoints)


def public_facts(facts: AccountFacts) -> AccountFacts:
    """A copy of ``facts`` whose endpoint URLs are safe to publish (the original is left as it is)."""
    return replace(
        facts,
        live_endpoints=_public_endpoints(facts.live_endpoints),
        test_endpoints=_public_endpoints(facts.test_endpoints),
        live_event_destinations=_public_endpoints(facts.live_event_destinations),
    )
