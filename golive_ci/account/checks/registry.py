"""The account-check registry: adding a check is one module and one line here.

Only names and import paths, so that checking a configuration's slugs (:mod:`golive_ci.selection`)
imports no check.
"""

CHECKS: dict[str, str] = {
    "account-readiness": "golive_ci.account.checks.account_readiness:AccountReadiness",
    "live-webhook-endpoints": "golive_ci.account.checks.live_webhook_endpoints:LiveWebhookEndpoints",
    "webhook-parity": "golive_ci.account.checks.webhook_parity:WebhookParity",
    "webhook-endpoint-version": "golive_ci.account.checks.webhook_endpoint_version:WebhookEndpointVersion",
    "live-objects": "golive_ci.account.checks.live_objects:LiveObjects",
    "account-api-version": "golive_ci.account.checks.account_api_version:AccountApiVersion",
    "webhook-delivery": "golive_ci.account.checks.webhook_delivery:WebhookDelivery",
    "api-keys": "golive_ci.account.checks.api_keys:ApiKeys",
    "live-endpoint-url": "golive_ci.account.checks.live_endpoint_url:LiveEndpointUrl",
    "billing-settings-ready": "golive_ci.account.checks.billing_settings_ready:BillingSettingsReady",
}
