"""The account facts the checks read: gathered from Stripe, or loaded from a snapshot.

A fact is a value, or a :class:`Failure` saying why it could not be read. Checks never treat a
failure as an empty value: a failed call ends in "could not verify" with the failure's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Failure:
    # auth, permission, not-found, test-only, rate-limit, invalid-request, timeout, connection,
    # malformed, server, other, not-configured (an input the user did not give, e.g. no test key),
    # or not-checked (over the run's cap of lookups or requests: never a pass)
    kind: str
    reason: str
    http_status: int | None = None
    permission: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "reason": self.reason}
        if self.http_status is not None:
            data["http_status"] = self.http_status
        if self.permission:
            data["permission"] = self.permission
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Failure:
        status = data.get("http_status")
        return cls(
            kind=str(data.get("kind", "other")),
            reason=str(data.get("reason", "unknown failure")),
            http_status=status if isinstance(status, int) else None,
            permission=str(data["permission"]) if data.get("permission") else None,
        )


@dataclass(frozen=True)
class Fact:
    value: Any = None
    failure: Failure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None

    @classmethod
    def missing(cls, kind: str, reason: str) -> Fact:
        return cls(failure=Failure(kind, reason))

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value} if self.failure is None else {"failure": self.failure.to_dict()}

    @classmethod
    def from_dict(cls, data: Any) -> Fact:
        if not isinstance(data, dict):
            return cls.missing("other", "snapshot entry is not an object")
        if "failure" in data and isinstance(data["failure"], dict):
            return cls(failure=Failure.from_dict(data["failure"]))
        return cls(value=data.get("value"))


NOT_IN_SNAPSHOT = Failure("not-recorded", "not recorded in the snapshot")


@dataclass
class AccountFacts:
    """What Stripe told us. Everything here is JSON-ready and free of keys and signing secrets."""

    live_key: dict[str, Any] | None = None  # KeyKind.to_dict() of STRIPE_LIVE_KEY, never the key
    test_key: dict[str, Any] | None = None
    account: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    live_endpoints: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    test_endpoints: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    recent_events: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    undelivered_events: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    # v2 event destinations (EventBridge, Azure Event Grid, webhook; snapshot or thin payloads)
    live_event_destinations: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    # read only when the code needs them (billing-settings-ready); "not-configured" otherwise
    portal_configurations: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    tax_settings: Fact = field(default_factory=lambda: Fact(failure=NOT_IN_SNAPSHOT))
    # object id -> {"kind", "state": "live"|"test-only"|"missing", "active"}
    objects: dict[str, Fact] = field(default_factory=dict)
    # price lookup key -> {"price": id | None, "active": bool}
    lookup_keys: dict[str, Fact] = field(default_factory=dict)

    def object_fact(self, object_id: str) -> Fact:
        return self.objects.get(object_id, Fact(failure=NOT_IN_SNAPSHOT))

    def lookup_key_fact(self, lookup_key: str) -> Fact:
        return self.lookup_keys.get(lookup_key, Fact(failure=NOT_IN_SNAPSHOT))

    def live_failures(self) -> list[Failure]:
        """Every failure of a call made with the live key (for the api-keys check)."""
        facts = [self.account, self.live_endpoints, self.recent_events, self.undelivered_events]
        facts += [self.live_event_destinations, self.portal_configurations, self.tax_settings]
        facts += list(self.objects.values()) + list(self.lookup_keys.values())
        return [f.failure for f in facts if f.failure is not None]
