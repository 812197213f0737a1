"""webhook-parity: live endpoints cover what the test endpoints and the code's handlers expect."""

from __future__ import annotations

from typing import Any

from golive_ci.account.checks.base import AccountCheck, CheckContext, worst
from golive_ci.account.checks.endpoints import enabled, live_destinations, split_url, subscribes
from golive_ci.account.model import CheckResult, Status


class WebhookParity(AccountCheck):
    slug = "webhook-parity"
    checklist = "webhooks"
    summary = (
        "Every test-mode endpoint has a live counterpart (same path) subscribing to at least the same events, "
        "and every event type the code handles is enabled on a live endpoint."
    )
    why = """
Endpoints and their event subscriptions are configured twice, once per mode, and they drift:
an event added to the test endpoint while building a feature is easily forgotten in live mode.
The handler then exists and is tested, but live mode never sends it the event.
"""
    example = """
```
webhook-parity: live endpoints do not receive 2 handled event type(s):
  invoice.payment_failed, customer.subscription.deleted
```
"""
    fix = """
Add the missing event types to the live endpoint (Dashboard → Developers → Webhooks → the endpoint
→ Update details, or `POST /v1/webhook_endpoints/{id}` with `enabled_events`). When staging and
production hosts differ, map them in `[tool.golive-ci.account] host-map = { "staging.example.com" =
"example.com" }` so each test endpoint is compared with the live endpoint on the mapped host.
"""

    def run(self, context: CheckContext) -> CheckResult:
        live_fact = context.facts.live_endpoints
        if not live_fact.ok:
            assert live_fact.failure is not None
            return self.unverified(live_fact.failure, "could not list the live webhook endpoints")
        live = enabled(live_fact.value or [])
        live += live_destinations(context.facts, live)  # EventBridge, Azure and thin-event destinations deliver too
        statuses: list[Status] = []
        problems: list[str] = []
        evidence: list[str] = []
        notes: list[str] = []
        host_map = {str(k).lower(): str(v).lower() for k, v in (context.options.get("host-map") or {}).items()}

        test_fact = context.facts.test_endpoints
        if not test_fact.ok:
            assert test_fact.failure is not None
            status: Status = "not-run" if test_fact.failure.kind == "not-configured" else "could-not-verify"
            statuses.append(status)
            notes.append(f"test endpoints not compared: {test_fact.failure.reason}")
        else:
            test_endpoints = enabled(test_fact.value or [])
            if not test_endpoints:
                notes.append("no enabled test-mode webhook endpoint to compare")
            missing = self._compare_endpoints(test_endpoints, live, host_map, evidence)
            statuses.append("fail" if missing else "pass")
            if missing:
                problems.append(f"{missing} test endpoint(s) lack a live counterpart with the same events")

        handled_fact = context.code.handled_events
        if not handled_fact.ok:
            assert handled_fact.failure is not None
            statuses.append("could-not-verify")
            notes.append(f"handled event types not compared: {handled_fact.failure.reason}")
        else:
            handled: dict[str, list[str]] = handled_fact.value or {}
            unsent = sorted(event for event in handled if not any(subscribes(e, event) for e in live))
            for event in unsent:
                evidence.append(f"handled but no live endpoint subscribes: {event} ({', '.join(handled[event][:3])})")
            statuses.append("fail" if unsent else "pass")
            if unsent:
                problems.append(
                    f"live endpoints do not receive {len(unsent)} handled event type(s): {', '.join(unsent)}"
                )
            else:
                notes.append(f"all {len(handled)} handled event type(s) are enabled on a live endpoint")

        status = worst(statuses)
        evidence += notes
        fix = "Subscribe the live endpoint to the listed events, or create the missing live endpoints."
        if status == "fail":
            return self.result("fail", "; ".join(problems), evidence, fix)
        if status == "could-not-verify":
            failures = [n for n in notes if not n.startswith("all ")]
            return self.result("could-not-verify", "; ".join(failures), evidence)
        if status == "not-run":
            return self.result("not-run", "; ".join(notes), evidence)
        ran = [s for s in statuses if s == "pass"]
        message = "live endpoints cover the test endpoints and handled events" if len(ran) == 2 else "; ".join(notes)
        return self.result("pass", message, evidence)

    @staticmethod
    def _compare_endpoints(
        test: list[dict[str, Any]], live: list[dict[str, Any]], host_map: dict[str, str], evidence: list[str]
    ) -> int:
        missing = 0
        for endpoint in test:
            host, path = split_url(str(endpoint.get("url") or ""))
            wanted_host = host_map.get(host)
            candidates = [
                e
                for e in live
                if split_url(str(e.get("url") or ""))[1] == path
                and (wanted_host is None or split_url(str(e.get("url") or ""))[0] == wanted_host)
            ]
            events = [str(x) for x in endpoint.get("enabled_events") or []]
            where = f"{wanted_host}{path}" if wanted_host else f"path {path}"
            if not candidates:
                missing += 1
                evidence.append(f"no enabled live endpoint at {where} for test endpoint {endpoint.get('url')}")
                continue
            best = min(candidates, key=lambda e: len(_uncovered(events, e)))
            gaps = _uncovered(events, best)
            if gaps:
                missing += 1
                evidence.append(
                    f"live endpoint {best.get('url')} lacks events of {endpoint.get('url')}: {', '.join(gaps)}"
                )
            else:
                evidence.append(f"test endpoint {endpoint.get('url')} ↔ live endpoint {best.get('url')}")
        return missing


def _uncovered(events: list[str], live_endpoint: dict[str, Any]) -> list[str]:
    live_events = live_endpoint.get("enabled_events") or []
    if "*" in live_events:
        return []
    if "*" in events:
        return ["* (all events)"]
    return sorted(set(events) - set(live_events))
