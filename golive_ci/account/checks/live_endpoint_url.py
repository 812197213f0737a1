"""live-endpoint-url: live endpoints point at a public production host on a route the code serves."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from golive_ci.account.checks.base import AccountCheck, CheckContext, plural, worst
from golive_ci.account.checks.endpoints import describe, enabled, live_destinations, split_url
from golive_ci.account.model import CheckResult, Status
from golive_ci.findings import Severity

# Forwarding tunnels from a developer's machine: they stop when the laptop sleeps.
TUNNEL_DOMAINS = (
    "ngrok.io", "ngrok.app", "ngrok.dev", "ngrok-free.app", "ngrok-free.dev", "ngrok.pro", "loca.lt",
    "localtunnel.me", "trycloudflare.com", "serveo.net", "serveousercontent.com", "localhost.run", "lhr.life",
    "lhr.rocks", "pagekite.me", "tunnelmole.net", "loclx.io", "devtunnels.ms", "sharedwithexpose.com",
    "expose.dev", "pinggy.link", "pinggy.online", "bore.pub", "localto.net", "zrok.io", "tunnel.pyjam.as",
    "smee.io",
)  # fmt: skip
# Sites that record requests for inspection: nothing is processed, and they show every payload to whoever has the URL.
INSPECTION_DOMAINS = (
    "webhook.site", "requestbin.com", "requestbin.net", "requestbin.io", "pipedream.net", "beeceptor.com",
    "hookbin.com", "requestcatcher.com", "webhook.cool", "mockbin.org", "mockbin.io", "postb.in", "ptsv2.com",
    "ptsv3.com", "typedwebhook.tools", "webhookinbox.com", "requestinspector.com", "play.svix.com",
    "webhook-test.com", "httpdump.app", "hookrelay.dev", "putsreq.com", "httpbin.org", "reqbin.com",
)  # fmt: skip
STAGING_LABELS = frozenset({"staging", "stage", "stg", "dev", "test", "sandbox", "uat", "qa"})
# Host names that only resolve inside a network (RFC 6761 and common private suffixes).
PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".test", ".invalid", ".example")


def _under(host: str, domains: tuple[str, ...]) -> str | None:
    return next((domain for domain in domains if host == domain or host.endswith("." + domain)), None)


def host_problem(url: str) -> str | None:
    """Why Stripe cannot or should not deliver live events to ``url`` (an error), or None."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return "is not a valid URL"
    if parts.scheme.lower() != "https":
        return f"uses {parts.scheme or 'no'}:// (live endpoints must use https)"
    if not host:
        return "has no host"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return None if address.is_global else f"is a private, loopback or link-local address ({host})"
    if host == "localhost" or host.endswith(PRIVATE_SUFFIXES) or "." not in host:
        return f"is a local or internal host name ({host}), unreachable from Stripe"
    tunnel = _under(host, TUNNEL_DOMAINS)
    if tunnel:
        return f"is a development tunnel ({tunnel}): it stops when the developer's machine does"
    inspector = _under(host, INSPECTION_DOMAINS)
    if inspector:
        return f"is a request-inspection site ({inspector}): events are recorded, not processed"
    labels = host.split(".")[:-2]  # the registrable domain (example.com) is the company's name, not a stage
    staged = next((label for label in labels if _staging_label(label)), None)
    if staged:
        return f"looks like a staging host ({staged}. in {host})"
    return None


def _staging_label(label: str) -> bool:
    if label in STAGING_LABELS:
        return True
    return label.startswith(("staging-", "sandbox-")) or label.endswith(("-staging", "-sandbox"))


class LiveEndpointUrl(AccountCheck):
    slug = "live-endpoint-url"
    checklist = "webhooks"
    summary = (
        "Live webhook endpoints use https on a public production host (no localhost, private address, tunnel, "
        "request-inspection site or staging host), on a route the code serves, once each, with chosen events."
    )
    why = """
Live endpoints are often created by copying the test setup: the ngrok or `stripe listen` tunnel,
a `webhook.site` URL used to look at payloads, the staging host, or `http://localhost:3000`.
Stripe then delivers every live event somewhere that either fails (and, after days of retries,
disables the endpoint) or records real customer data on a third-party site while nothing is
fulfilled. A path the code does not serve answers 404 to every event; two enabled endpoints on
the same URL deliver every event twice; `enabled_events: ["*"]` sends every event type, including
ones no handler expects, and new types as Stripe adds them.
"""
    example = """
```
live-endpoint-url: we_1… https://abc123.ngrok-free.app/webhook is a development tunnel (ngrok-free.app)
live-endpoint-url: we_1… https://shop.example.com/hooks/stripe: no webhook route of the code
  matches this path (routes: /api/stripe/webhook)
```
"""
    fix = """
Create the live endpoint on the production URL your webhook route serves (Dashboard → Developers →
Webhooks, in live mode), subscribe it to the event types your handlers process, store its own
`whsec_` secret in production, and delete the endpoint that points elsewhere. Keep one enabled
endpoint per URL.
"""
    severity = Severity.ERROR

    def run(self, context: CheckContext) -> CheckResult:
        fact = context.facts.live_endpoints
        if not fact.ok:
            assert fact.failure is not None
            return self.unverified(fact.failure, "could not list the live webhook endpoints")
        endpoints = enabled(fact.value or [])
        destinations = [d for d in live_destinations(context.facts, endpoints) if d.get("url")]
        evidence: list[str] = []
        unread = context.facts.live_event_destinations.failure
        if unread is not None and unread.kind != "not-recorded":
            evidence.append(f"could not verify event destinations: {unread.reason}")
        checked = endpoints + destinations
        if not checked:
            return self.result("not-run", "no enabled live webhook endpoint to check (see live-webhook-endpoints)")
        statuses: list[Status] = []
        errors: list[str] = []
        warnings: list[str] = []
        routes = context.code.webhook_routes
        if not routes.ok:
            assert routes.failure is not None
            evidence.append(f"endpoint paths not compared with the code: {routes.failure.reason}")
        for endpoint in checked:
            name = describe(endpoint)
            url = str(endpoint.get("url") or "")
            problem = host_problem(url)
            if problem:
                statuses.append("fail")
                errors.append(f"{name} {problem}")
                continue
            if routes.ok and not endpoint.get("application"):  # a Connect app's endpoint is not this code's
                known: dict[str, list[str]] = routes.value or {}
                path = split_url(url)[1]
                if not _served(path, known):
                    statuses.append("warning")
                    shown = ", ".join(sorted(known)[:5]) + (" …" if len(known) > 5 else "")
                    warnings.append(f"{name}: no webhook route of the code matches this path (routes: {shown})")
                else:
                    evidence.append(f"{name}: path served by the code")
            if "*" in (endpoint.get("enabled_events") or []):
                statuses.append("warning")
                warnings.append(f'{name} subscribes to every event type (enabled_events ["*"])')
        for url, same in _duplicates(endpoints).items():
            statuses.append("warning")
            warnings.append(f"{plural(len(same), 'enabled live endpoint')} share the URL {url}: " + ", ".join(same))
        status = worst(statuses)
        if status == "pass":
            verb = "looks" if len(checked) == 1 else "look"
            return self.result("pass", f"{plural(len(checked), 'live endpoint URL')} {verb} like production", evidence)
        fix = (
            "Point live endpoints at the production URL of your webhook route, one endpoint per URL, "
            "subscribed to the event types you handle; delete the others."
        )
        return self.result(status, "; ".join(errors + warnings), evidence, fix)


def _served(path: str, routes: dict[str, list[str]]) -> bool:
    from golive_ci.webhooks.routes import route_matches

    return any(route_matches(path, route) for route in routes)


def _duplicates(endpoints: list[dict[str, Any]]) -> dict[str, list[str]]:
    by_url: dict[str, list[str]] = {}
    for endpoint in endpoints:
        url = str(endpoint.get("url") or "")
        host, path = split_url(url)
        scheme = url.split(":", 1)[0].lower()
        by_url.setdefault(f"{scheme}://{host}{path}", []).append(str(endpoint.get("id")))
    return {url: ids for url, ids in by_url.items() if len(ids) > 1}
