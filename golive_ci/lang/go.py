from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="go",
        suffixes=(".go",),
        stripe_code=r'"github\.com/stripe/stripe-go',
        card_error="stripeErr.Type == stripe.ErrorTypeCard (errors.As(err, &stripeErr))",
        idempotency_option='params.SetIdempotencyKey("order-" + orderID)',
    ),
)
