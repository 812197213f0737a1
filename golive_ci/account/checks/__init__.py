"""The account-check registry: adding a check is one module and one line here."""

from __future__ import annotations

import importlib

from golive_ci.account.checks.base import AccountCheck, CheckContext
from golive_ci.rules.base import RuleInfo

CHECKS: dict[str, str] = {
    "account-readiness": "golive_ci.account.checks.account_readiness:AccountReadiness",
    "live-webhook-endpoints": "golive_ci.account.checks.live_webhook_endpoints:LiveWebhookEndpoints",
    "webhook-parity": "golive_ci.account.checks.webhook_parity:WebhookParity",
    "webhook-endpoint-version": "golive_ci.account.checks.webhook_endpoint_version:WebhookEndpointVersion",
    "live-objects": "golive_ci.account.checks.live_objects:LiveObjects",
    "account-api-version": "golive_ci.account.checks.account_api_version:AccountApiVersion",
    "webhook-delivery": "golive_ci.account.checks.webhook_delivery:WebhookDelivery",
    "api-keys": "golive_ci.account.checks.api_keys:ApiKeys",
}


def load_check(slug: str) -> type[AccountCheck]:
    try:
        target = CHECKS[slug]
    except KeyError:
        raise ValueError(f"unknown account check {slug!r}; known: {', '.join(CHECKS)}") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def all_check_infos() -> list[RuleInfo]:
    return [load_check(slug).info() for slug in CHECKS]


__all__ = ["CHECKS", "AccountCheck", "CheckContext", "all_check_infos", "load_check"]
