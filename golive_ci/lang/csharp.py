import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="csharp",
        suffixes=(".cs",),
        stripe_code=r"^[ \t]*using[ \t]+Stripe(?:[ \t]*;|\.)",
        stripe_code_flags=re.MULTILINE,
        card_error='e.StripeError.Type == "card_error"',
        idempotency_option='new RequestOptions { IdempotencyKey = $"order-{orderId}" }',
    ),
)
