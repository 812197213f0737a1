from golive_ci.lang import LanguageProfile

JAVASCRIPT = LanguageProfile(
    name="javascript",
    suffixes=(".js", ".mjs", ".cjs", ".jsx"),
    stripe_code=(
        r"""require\(\s*['"](?:stripe|@stripe/stripe-js)['"]\s*\)"""
        r"""|from\s+['"](?:stripe|@stripe/stripe-js|@stripe/react-stripe-js)['"]"""
    ),
    card_error="err.type === 'StripeCardError'",
    idempotency_option="{ idempotencyKey: `order-${order.id}` } as the options argument",
)
PROFILES = (
    JAVASCRIPT,
    JAVASCRIPT.sibling("typescript", (".ts", ".mts", ".cts")),
    JAVASCRIPT.sibling("tsx", (".tsx",)),
)
