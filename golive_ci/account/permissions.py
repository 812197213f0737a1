"""The restricted-key (``rk_live_``) read permissions the account checks need, in plain words."""

from __future__ import annotations

# permission id -> (Dashboard resource and access, what golive-ci reads with it)
READ_PERMISSIONS: dict[str, tuple[str, str]] = {
    "rak_webhook_read": (
        "Webhook Endpoints: Read",
        "GET /v1/webhook_endpoints (live-webhook-endpoints, webhook-parity)",
    ),
    "rak_event_read": ("Events: Read", "GET /v1/events (account-api-version, webhook-delivery)"),
    "rak_plan_read": ("Prices and Plans: Read", "GET /v1/prices, /v1/plans (live-objects)"),
    "rak_product_read": ("Products: Read", "GET /v1/products (live-objects)"),
    "rak_coupon_read": ("Coupons: Read", "GET /v1/coupons (live-objects)"),
    "rak_promotion_code_read": ("Promotion Codes: Read", "GET /v1/promotion_codes (live-objects)"),
    "rak_tax_rate_read": ("Tax Rates: Read", "GET /v1/tax_rates (live-objects)"),
    "rak_shipping_rate_read": ("Shipping Rates: Read", "GET /v1/shipping_rates (live-objects)"),
    "rak_connected_account_read": ("Account / Connected accounts: Read", "GET /v1/account (account-readiness)"),
    "rak_accounts_kyc_id_numbers_read": (
        "Account identity numbers: Read",
        "GET /v1/account with some restricted keys (account-readiness)",
    ),
}


def permission_label(permission: str) -> str:
    known = READ_PERMISSIONS.get(permission)
    return known[0] if known else "the permission Stripe names"
