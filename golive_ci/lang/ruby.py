import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="ruby",
        suffixes=(".rb",),
        stripe_code=r"""^[ \t]*require[ \t(]+['"]stripe['"]|\bStripe::[A-Z]|\bStripe\.api_key\b""",
        stripe_code_flags=re.MULTILINE,
        card_error="Stripe::CardError",
        idempotency_option='idempotency_key: "order-#{order.id}" in the options hash',
    ),
)
