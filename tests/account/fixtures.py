"""Hand-written Stripe objects, shaped like the API's, and ready-made scenarios."""

from __future__ import annotations

import time
from typing import Any

from tests.account.standin import Mode, Scenario

VERSION = "2026-10-28.endive"
NOW = int(time.time())


def fake_key(prefix: str) -> str:
    """A key-shaped value assembled at run time (no key literal in the repository)."""
    return prefix + "T3stK3y" + "q8Zr4WxLm2Np6Vb9Yc1Hd5Jf"


def account(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "acct_1StandIn0000000",
        "object": "account",
        "type": "standard",
        "country": "US",
        "charges_enabled": True,
        "payouts_enabled": True,
        "details_submitted": True,
        "requirements": {
            "alternatives": [],
            "current_deadline": None,
            "currently_due": [],
            "disabled_reason": None,
            "errors": [],
            "eventually_due": [],
            "past_due": [],
            "pending_verification": [],
        },
        "future_requirements": {
            "alternatives": [],
            "current_deadline": None,
            "currently_due": [],
            "disabled_reason": None,
            "errors": [],
            "eventually_due": [],
            "past_due": [],
            "pending_verification": [],
        },
    }
    for key, value in overrides.items():
        if key == "requirements":
            data["requirements"] = {**data["requirements"], **value}
        else:
            data[key] = value
    return data


def endpoint(
    n: int,
    url: str,
    events: list[str],
    *,
    status: str = "enabled",
    api_version: str | None = VERSION,
    live: bool = True,
) -> dict[str, Any]:
    return {
        "id": f"we_{'L' if live else 'T'}{n:04d}StandIn",
        "object": "webhook_endpoint",
        "api_version": api_version,
        "application": None,
        "created": NOW - 86400 * 10,
        "description": None,
        "enabled_events": events,
        "livemode": live,
        "metadata": {},
        "status": status,
        "url": url,
    }


def destination(
    n: int,
    kind: str,
    events: list[str],
    *,
    status: str = "enabled",
    payload: str = "snapshot",
    api_version: str | None = VERSION,
    url: str | None = None,
    provider_status: str = "active",
    secret: str | None = None,
) -> dict[str, Any]:
    """A v2 event destination: ``kind`` is amazon_eventbridge, azure_event_grid or webhook_endpoint."""
    data: dict[str, Any] = {
        "id": f"ed_L{n:04d}StandIn",
        "object": "v2.core.event_destination",
        "type": kind,
        "status": status,
        "status_details": {"disabled": {"reason": "user"}} if status == "disabled" else None,
        "event_payload": payload,
        "snapshot_api_version": api_version if payload == "snapshot" else None,
        "enabled_events": events,
        "events_from": ["@self"],
        "livemode": True,
        "name": f"destination {n}",
        "description": "",
        "metadata": {},
        "created": "2026-11-01T00:00:00.000Z",
        "updated": "2026-11-01T00:00:00.000Z",
        "amazon_eventbridge": None,
        "azure_event_grid": None,
        "webhook_endpoint": None,
    }
    if kind == "amazon_eventbridge":
        data["amazon_eventbridge"] = {
            "aws_account_id": "123456789012",
            "aws_event_source_arn": "arn:aws:events:us-east-1::event-source/aws.partner/stripe.com/ed_x",
            "aws_event_source_status": provider_status,
        }
    elif kind == "azure_event_grid":
        data["azure_event_grid"] = {
            "azure_partner_topic_name": "stripe-topic",
            "azure_partner_topic_status": "activated" if provider_status == "active" else provider_status,
            "azure_region": "eastus",
            "azure_resource_group_name": "rg",
            "azure_subscription_id": "00000000-0000-0000-0000-000000000000",
        }
    else:
        data["webhook_endpoint"] = {"url": url, "signing_secret": secret}
    return data


def portal_configuration(n: int, *, is_default: bool = True, active: bool = True) -> dict[str, Any]:
    return {
        "id": f"bpc_L{n:04d}StandIn",
        "object": "billing_portal.configuration",
        "active": active,
        "is_default": is_default,
        "livemode": True,
    }


def tax_settings(status: str = "active", missing: list[str] | None = None) -> dict[str, Any]:
    details: dict[str, Any] = {"active": {}} if status == "active" else {"pending": {"missing_fields": missing or []}}
    return {
        "object": "tax.settings",
        "defaults": {"tax_behavior": "exclusive", "tax_code": "txcd_10000000"},
        "head_office": {"address": {"country": "US"}},
        "livemode": True,
        "status": status,
        "status_details": details,
    }


def event(
    n: int, kind: str, *, pending: int = 0, age: int = 3600, api_version: str = VERSION, live: bool = True
) -> dict[str, Any]:
    return {
        "id": f"evt_{n:06d}StandIn",
        "object": "event",
        "api_version": api_version,
        "created": NOW - age,
        "data": {"object": {}},
        "livemode": live,
        "pending_webhooks": pending,
        "request": {"id": None, "idempotency_key": None},
        "type": kind,
    }


def price(object_id: str, *, active: bool = True, lookup_key: str | None = None, live: bool = True) -> dict[str, Any]:
    return {
        "id": object_id,
        "object": "price",
        "active": active,
        "currency": "usd",
        "livemode": live,
        "lookup_key": lookup_key,
        "product": "prod_StandInProduct1",
        "type": "recurring",
        "unit_amount": 1000,
    }


def product(object_id: str, *, active: bool = True, live: bool = True) -> dict[str, Any]:
    return {"id": object_id, "object": "product", "active": active, "livemode": live, "name": "Pro"}


def coupon(object_id: str, *, valid: bool = True, live: bool = True) -> dict[str, Any]:
    return {"id": object_id, "object": "coupon", "valid": valid, "livemode": live, "percent_off": 20.0}


HANDLED = ["checkout.session.completed", "invoice.paid", "customer.subscription.deleted"]
PRICE_LIVE = "price_1LiveLiveLive0001"
PRICE_TEST_ONLY = "price_1TestOnlyTest0002"
PRODUCT_LIVE = "prod_LiveProduct0001"


def healthy() -> Scenario:
    """A launch-ready account: every check passes against it."""
    live_events = [event(i, "checkout.session.completed", age=60 * (i + 1)) for i in range(5)]
    return Scenario(
        account=account(),
        live=Mode(
            endpoints=[endpoint(1, "https://shop.example.com/stripe/webhook", HANDLED)],
            events=live_events,
            objects={
                "prices": [price(PRICE_LIVE, lookup_key="pro_monthly")],
                "products": [product(PRODUCT_LIVE)],
            },
        ),
        test=Mode(
            endpoints=[endpoint(1, "https://staging.example.com/stripe/webhook", HANDLED, live=False)],
            objects={"prices": [price(PRICE_TEST_ONLY, live=False)]},
        ),
    )


def write_code(
    root: Any, *, ids: list[str] = (PRICE_LIVE, PRODUCT_LIVE), lookup_keys: list[str] = ("pro_monthly",)
) -> None:
    """A small Python integration referencing ``ids`` and ``lookup_keys``."""
    lines = ["import stripe", ""]
    lines += [f'OBJECT_{i} = "{object_id}"' for i, object_id in enumerate(ids)]
    if lookup_keys:
        keys = ", ".join(f'"{key}"' for key in lookup_keys)
        lines.append(f"prices = stripe.Price.list(lookup_keys=[{keys}])")
    (root / "app.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def stand_in_handled_events(monkeypatch: Any, fact: Any) -> None:
    """The code's handled event types are ``fact``; routes and billing use are still read from the code."""
    from golive_ci.account.code_pass import CodeFactsCollector

    real = CodeFactsCollector.facts
    monkeypatch.setattr(CodeFactsCollector, "facts", lambda self: (fact, *real(self)[1:]))
