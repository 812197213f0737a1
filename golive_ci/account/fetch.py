"""Gathering the account facts from Stripe: few calls, bounded concurrency, every failure kept."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from golive_ci.account.client import describe_failure
from golive_ci.account.facts import AccountFacts, Fact
from golive_ci.account.objects import ObjectLookup

ENDPOINT_FIELDS = ("id", "url", "status", "enabled_events", "api_version", "livemode", "application", "description")
ACCOUNT_FIELDS = ("id", "charges_enabled", "payouts_enabled", "details_submitted", "country", "type")
REQUIREMENT_FIELDS = (
    "currently_due",
    "past_due",
    "eventually_due",
    "pending_verification",
    "current_deadline",
    "disabled_reason",
    "errors",
)
DESTINATION_FIELDS = ("id", "type", "status", "event_payload", "snapshot_api_version", "enabled_events", "livemode")
PORTAL_FIELDS = ("id", "is_default", "active", "livemode")
RECENT_EVENTS = 20
DELIVERY_WINDOW_DAYS = 30
MAX_EVENT_PAGES = 50  # 5,000 undelivered events are enough to say "failing"


class Fetcher:
    """Runs the reads for one run. ``live`` and ``test`` are StripeClients (``test`` may be None)."""

    def __init__(self, live: Any, test: Any | None, scrub: Callable[[str], str], concurrency: int) -> None:
        self.live = live
        self.test = test
        self.scrub = scrub
        self.concurrency = concurrency

    def guarded(self, read: Callable[[], Any]) -> Fact:
        try:
            return Fact(read())
        except Exception as exc:
            return Fact(failure=describe_failure(exc, self.scrub))

    def gather(
        self,
        object_ids: dict[str, str],
        lookup_keys: list[str],
        facts: AccountFacts,
        billing: frozenset[str] = frozenset(),
    ) -> AccountFacts:
        """Fill ``facts``: ``object_ids`` maps each referenced ID to its kind; ``billing`` names the
        billing settings the code depends on ("portal", "tax"), the only ones read."""
        lookup = ObjectLookup(self.live, self.guarded)
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="golive-ci-stripe") as pool:
            jobs: dict[str, Future[Fact]] = {
                "account": pool.submit(self.guarded, self.read_account),
                "live_endpoints": pool.submit(self.guarded, lambda: self.read_endpoints(self.live)),
                "recent_events": pool.submit(self.guarded, self.read_recent_events),
                "undelivered_events": pool.submit(self.guarded, self.read_undelivered_events),
                "live_event_destinations": pool.submit(self.guarded, self.read_event_destinations),
            }
            for need, name, read in (
                ("portal", "portal_configurations", self.read_portal_configurations),
                ("tax", "tax_settings", self.read_tax_settings),
            ):
                if need in billing:
                    jobs[name] = pool.submit(self.guarded, read)
                else:
                    setattr(facts, name, Fact.missing("not-configured", "not read: the code does not need it"))
            if self.test is not None:
                jobs["test_endpoints"] = pool.submit(self.guarded, lambda: self.read_endpoints(self.test))
            else:
                facts.test_endpoints = Fact.missing("not-configured", "no test key given (STRIPE_TEST_KEY)")
            facts.objects, facts.lookup_keys = lookup.run(pool, object_ids, lookup_keys)
            for name, job in jobs.items():
                setattr(facts, name, job.result())
        return facts

    def read_account(self) -> dict[str, Any]:
        account = self.live.v1.accounts.retrieve_current().to_dict()
        data = {name: account.get(name) for name in ACCOUNT_FIELDS}
        for section in ("requirements", "future_requirements"):
            requirements = account.get(section) or {}
            data[section] = {name: requirements.get(name) for name in REQUIREMENT_FIELDS}
        return data

    @staticmethod
    def read_endpoints(client: Any) -> list[dict[str, Any]]:
        pages = client.v1.webhook_endpoints.list({"limit": 100}).auto_paging_iter()
        return [_plain(endpoint, ENDPOINT_FIELDS) for endpoint in pages]

    def read_event_destinations(self) -> list[dict[str, Any]]:
        """Live v2 event destinations; the webhook URL is asked for, the signing secret never kept."""
        params = {"include": ["webhook_endpoint.url"]}  # the default page size: no limit the API could refuse
        return [_destination(item) for item in self.live.v2.core.event_destinations.list(params).auto_paging_iter()]

    def read_portal_configurations(self) -> list[dict[str, Any]]:
        page = self.live.v1.billing_portal.configurations.list({"is_default": True, "limit": 10})
        return [_plain(configuration, PORTAL_FIELDS) for configuration in page.data]

    def read_tax_settings(self) -> dict[str, Any]:
        settings = self.live.v1.tax.settings.retrieve().to_dict()
        details = settings.get("status_details") or {}
        pending = details.get("pending") or {}
        return {
            "status": settings.get("status"),
            "livemode": settings.get("livemode"),
            "missing_fields": [str(name) for name in pending.get("missing_fields") or []],
        }

    def read_recent_events(self) -> list[dict[str, Any]]:
        page = self.live.v1.events.list({"limit": RECENT_EVENTS})
        return [_event_summary(event) for event in page.data]

    def read_undelivered_events(self) -> dict[str, Any]:
        since = int(time.time()) - DELIVERY_WINDOW_DAYS * 86400
        params = {"delivery_success": False, "created": {"gte": since}, "limit": 100}
        by_type: dict[str, int] = {}
        pending: dict[str, int] = {}
        count, oldest, newest = 0, None, None
        truncated = False
        for index, stripe_event in enumerate(self.live.v1.events.list(params).auto_paging_iter()):
            event = stripe_event.to_dict()
            if index >= MAX_EVENT_PAGES * 100:
                truncated = True
                break
            count += 1
            kind = str(event.get("type"))
            by_type[kind] = by_type.get(kind, 0) + 1
            pending[kind] = pending.get(kind, 0) + int(event.get("pending_webhooks") or 0)
            created = event.get("created")
            if isinstance(created, int):
                oldest = created if oldest is None else min(oldest, created)
                newest = created if newest is None else max(newest, created)
        return {
            "count": count,
            "by_type": by_type,
            "pending_webhooks_by_type": pending,
            "oldest": oldest,
            "newest": newest,
            "since": since,
            "truncated": truncated,
        }


def _plain(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    data = obj.to_dict()
    return {name: data.get(name) for name in names}


def _destination(item: Any) -> dict[str, Any]:
    data = item.to_dict()
    plain = {name: data.get(name) for name in DESTINATION_FIELDS}
    plain["url"] = (data.get("webhook_endpoint") or {}).get("url")
    plain["disabled_reason"] = ((data.get("status_details") or {}).get("disabled") or {}).get("reason")
    provider = data.get("amazon_eventbridge") or {}
    azure = data.get("azure_event_grid") or {}
    plain["provider_status"] = provider.get("aws_event_source_status") or azure.get("azure_partner_topic_status")
    return plain


def _event_summary(event: Any) -> dict[str, Any]:
    return _plain(event, ("id", "type", "created", "api_version", "livemode"))
