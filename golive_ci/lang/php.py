from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="php",
        suffixes=(".php",),
        stripe_code=r"\\?\bStripe\\(?:StripeClient|Stripe|PaymentIntent|Charge|Customer|Checkout|Webhook|Subscription)\b",
        card_error="\\Stripe\\Exception\\CardException",
        idempotency_option="['idempotency_key' => \"order-{$order->id}\"] as the options array",
    ),
)
