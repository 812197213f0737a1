import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="python",
        suffixes=(".py", ".pyi"),
        stripe_code=r"^[ \t]*(?:import[ \t]+stripe\b|from[ \t]+stripe\b)",
        stripe_code_flags=re.MULTILINE,
        card_error="stripe.CardError (stripe.error.CardError in older SDKs)",
        idempotency_option='idempotency_key=f"order-{order.id}"',
    ),
)
