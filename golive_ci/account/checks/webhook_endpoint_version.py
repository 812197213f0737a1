"""webhook-endpoint-version: live endpoints send events in the version the code expects."""

from __future__ import annotations

from golive_ci.account.checks.base import AccountCheck, CheckContext, worst
from golive_ci.account.checks.endpoints import destination_name, enabled, live_destinations
from golive_ci.account.checks.versions import account_default, code_versions, release_train
from golive_ci.account.model import CheckResult, Status


class WebhookEndpointVersion(AccountCheck):
    slug = "webhook-endpoint-version"
    checklist = "api-version"
    summary = (
        "Live webhook endpoints and snapshot event destinations have an explicit API version equal to the code's "
        "pinned version (and, for Go, .NET and Java, on the typed SDK's release train)."
    )
    why = """
An endpoint renders every event with its own `api_version`, fixed when it was created; a null
version follows the account default, which changes when someone upgrades it in the Dashboard.
Payloads in another version have other fields. The typed SDKs (stripe-go, stripe-dotnet,
stripe-java) go further: constructing an event from another release train throws, so every
webhook fails with a 400 and Stripe eventually disables the endpoint. Event destinations (v2
API: EventBridge, Azure Event Grid, webhooks) that send snapshot events render them in their
`snapshot_api_version`, compared the same way; thin events carry no version.
"""
    example = """
```
webhook-endpoint-version: we_1… https://example.com/hook sends 2024-06-20 but the Go SDK expects
  2026-10-28.endive (release train endive): event construction fails
```
"""
    fix = """
An endpoint's `api_version` cannot be changed: create a new live endpoint with
`api_version` set to the version your code pins (Workbench → Webhooks → Create, or
`POST /v1/webhook_endpoints` with `api_version`), deploy its new `whsec_` secret, then delete
the old endpoint. An event destination's `snapshot_api_version` cannot be changed either: create
a new destination with the code's version and delete the old one.
"""

    def run(self, context: CheckContext) -> CheckResult:
        fact = context.facts.live_endpoints
        if not fact.ok:
            assert fact.failure is not None
            return self.unverified(fact.failure, "could not list the live webhook endpoints")
        endpoints = enabled(fact.value or [])
        destinations = live_destinations(context.facts, endpoints)
        thin = [d for d in destinations if d.get("event_payload") == "thin"]
        endpoints += [d for d in destinations if d.get("event_payload") != "thin"]
        if not endpoints:
            return self.result(
                "not-run", "no enabled live webhook endpoint or snapshot event destination to compare", []
            )
        versions = code_versions(context.code)
        default, default_failure, evidence = account_default(context.facts)
        evidence += [f"{destination_name(d)} sends thin events: not pinned to an API version" for d in thin]
        unread = context.facts.live_event_destinations.failure
        if unread is not None and unread.kind != "not-recorded":
            evidence.append(f"could not verify event destinations: {unread.reason}")
        statuses: list[Status] = []
        problems: list[str] = []
        if versions.failure is not None:
            statuses.append("could-not-verify")
            evidence.append(f"the code's API version is unknown: {versions.failure.reason}")
        expected = versions.expected
        if expected:
            evidence.append("the code expects " + ", ".join(sorted(expected)))
        for endpoint in endpoints:
            name = destination_name(endpoint)
            version = endpoint.get("api_version")
            effective = version or default
            if not version:
                statuses.append("warning")
                shown = default or "unknown"
                problems.append(f"{name} has no api_version: it follows the account default ({shown})")
                if default is None and (expected or versions.typed):
                    statuses.append("could-not-verify")
                    reason = default_failure.reason if default_failure else "unknown"
                    evidence.append(f"{name}: account default unknown ({reason})")
            if effective is None:
                continue
            for language, sdk_version in versions.typed:
                if release_train(effective) != release_train(sdk_version):
                    statuses.append("fail")
                    problems.append(
                        f"{name} sends {effective} but the {language} SDK expects {sdk_version} "
                        f"(release train {release_train(sdk_version)}): event construction fails"
                    )
            if expected and effective not in expected:
                statuses.append("warning")
                problems.append(f"{name} sends {effective}, the code pins {', '.join(sorted(expected))}")
            elif version and expected:
                evidence.append(f"{name} sends {version}, as the code expects")
        status = worst(statuses)
        fix = (
            "Create a new live endpoint with api_version set to the code's version, "
            "deploy its secret, delete the old one."
        )
        if problems:
            chosen = "fail" if status == "fail" else ("could-not-verify" if status == "could-not-verify" else "warning")
            return self.result(chosen, "; ".join(problems), evidence, fix)
        if status in ("could-not-verify", "not-run"):
            return self.result(status, "endpoint versions not compared with the code", evidence)
        return self.result("pass", "every live endpoint sends the version the code expects", evidence)
