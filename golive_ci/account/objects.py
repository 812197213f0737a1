"""Looking up the referenced objects in live mode with as few calls as the numbers allow.

For a kind with a few IDs, one retrieve per ID. For more, list the kind (100 a page) and stop
paging as soon as retrieving the still-unfound IDs one by one would cost no more than the next page.
IDs not found by listing are retrieved once each: the 404 says whether a twin exists in test mode.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from golive_ci.account.facts import Fact

SERVICES: dict[str, str] = {
    "price": "prices",
    "product": "products",
    "plan": "plans",
    "coupon": "coupons",
    "promotion_code": "promotion_codes",
    "tax_rate": "tax_rates",
    "shipping_rate": "shipping_rates",
}
LIST_THRESHOLD = 3  # from this many IDs of one kind, listing may be cheaper than retrieving each
LOOKUP_KEY_BATCH = 10  # GET /v1/prices takes at most 10 lookup_keys


def object_state(stripe_object: Any, kind: str) -> dict[str, Any]:
    obj = stripe_object.to_dict()
    active = obj.get("valid") if kind == "coupon" else obj.get("active")
    return {"kind": kind, "state": "live", "active": bool(active), "livemode": obj.get("livemode")}


class ObjectLookup:
    def __init__(
        self, client: Any, guarded: Callable[[Callable[[], Any]], Fact], *, list_threshold: int | None = None
    ) -> None:
        self.client = client
        self.guarded = guarded
        self.list_threshold = LIST_THRESHOLD if list_threshold is None else list_threshold

    def run(
        self, pool: Executor, object_ids: dict[str, str], lookup_keys: list[str]
    ) -> tuple[dict[str, Fact], dict[str, Fact]]:
        by_kind: dict[str, list[str]] = {}
        for object_id, kind in object_ids.items():
            by_kind.setdefault(kind, []).append(object_id)
        results: dict[str, Fact] = {}
        listings: dict[str, Future[Fact]] = {}
        retrieves: dict[str, Future[Fact]] = {}
        for kind, ids in by_kind.items():
            if kind not in SERVICES:
                for object_id in ids:
                    results[object_id] = Fact.missing("other", f"unknown object kind {kind!r}")
            elif len(ids) >= self.list_threshold:
                listings[kind] = pool.submit(self.guarded, lambda kind=kind, ids=ids: self.list_kind(kind, ids))
            else:
                for object_id in ids:
                    retrieves[object_id] = pool.submit(self.retrieve, kind, object_id)
        batches = [lookup_keys[i : i + LOOKUP_KEY_BATCH] for i in range(0, len(lookup_keys), LOOKUP_KEY_BATCH)]
        key_jobs = [
            (batch, pool.submit(self.guarded, lambda b=batch: self.prices_by_lookup_key(b))) for batch in batches
        ]
        for kind, job in listings.items():
            listing = job.result()
            if not listing.ok:
                for object_id in by_kind[kind]:
                    results[object_id] = listing
                continue
            found: dict[str, dict[str, Any]] = listing.value
            for object_id in by_kind[kind]:
                if object_id in found:
                    results[object_id] = Fact(found[object_id])
                else:
                    retrieves[object_id] = pool.submit(self.retrieve, kind, object_id)
        for object_id, job in retrieves.items():
            results[object_id] = job.result()
        keys: dict[str, Fact] = {}
        for batch, job in key_jobs:
            fact = job.result()
            for key in batch:
                keys[key] = Fact(fact.value.get(key, {"price": None, "active": False})) if fact.ok else fact
        return results, keys

    def service(self, kind: str) -> Any:
        return getattr(self.client.v1, SERVICES[kind])

    def list_kind(self, kind: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        wanted = set(ids)
        found: dict[str, dict[str, Any]] = {}
        params: dict[str, Any] = {"limit": 100}
        pages = 0
        while True:
            page = self.service(kind).list(params)
            pages += 1
            for obj in page.data:
                if obj.id in wanted:
                    found[obj.id] = object_state(obj, kind)
            unresolved = len(wanted) - len(found)
            if not page.has_more or not page.data or unresolved == 0 or pages >= unresolved:
                return found
            params = {"limit": 100, "starting_after": page.data[-1].id}

    def retrieve(self, kind: str, object_id: str) -> Fact:
        fact = self.guarded(lambda: object_state(self.service(kind).retrieve(object_id), kind))
        if fact.failure is not None and fact.failure.kind in ("test-only", "not-found"):
            state = "test-only" if fact.failure.kind == "test-only" else "missing"
            return Fact({"kind": kind, "state": state, "active": False, "livemode": None})
        return fact

    def prices_by_lookup_key(self, batch: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for stripe_price in self.client.v1.prices.list({"lookup_keys": batch, "limit": 100}).auto_paging_iter():
            price = stripe_price.to_dict()
            key = price.get("lookup_key")
            if key in batch and (key not in found or price.get("active")):
                found[key] = {"price": price.get("id"), "active": bool(price.get("active"))}
        return found
