import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="java",
        suffixes=(".java",),
        stripe_code=r"^[ \t]*import[ \t]+com\.stripe\.",
        stripe_code_flags=re.MULTILINE,
        card_error="CardException",
        idempotency_option='RequestOptions.builder().setIdempotencyKey("order-" + orderId).build()',
    ),
)
