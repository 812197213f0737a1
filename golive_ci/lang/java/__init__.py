import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="java",
        grammar=("tree_sitter_java", "language"),
        node_roles={
            "argument_container": frozenset({"argument_list"}),
            "string_part": frozenset({"escape_sequence"}),
            "call.constructor": frozenset({"object_creation_expression"}),
            "call.qualified": frozenset({"method_invocation"}),
            "parenthesized": frozenset({"parenthesized_expression"}),
            "binary": frozenset({"binary_expression"}),
            "mapping": frozenset({"array_creation_expression"}),
            "plain_name": frozenset({"identifier"}),
            "ternary": frozenset({"ternary_expression"}),
            "declarator": frozenset({"variable_declarator"}),
        },
        suffixes=(".java",),
        stripe_code=r"^[ \t]*import[ \t]+com\.stripe\.",
        stripe_code_flags=re.MULTILINE,
        card_error="CardException",
        idempotency_option='RequestOptions.builder().setIdempotencyKey("order-" + orderId).build()',
        network_retries_setting="`Stripe.setMaxNetworkRetries(2)`",
        sdk_ecosystem="java",
        sdk_pin_example="com.stripe:stripe-java:34.0.0",
        sdk_major_prefix="",
        typed_sdk=True,
        browser_code=False,
        api_version_setter=None,
        client_api_version_option=None,
        webhook_endpoint_api_version=(
            ".setApiVersion(WebhookEndpointCreateParams.ApiVersion.…) matching Stripe.API_VERSION"
        ),
        minor_units_rounding="`Math.round(price * 100)` (or BigDecimal `movePointRight(2).longValueExact()`)",
        prices_are_decimals=False,
        amount_floats_need_cast=True,
        request_body_reads=rb"@RequestBody|getReader\(\)|getInputStream\(\)|\.body\(\)|@Body\b",
        parsed_body_reads=(
            r"\.writeValueAsString\(|\.writeValueAsBytes\(|\.toJson\(|JSONObject\(|\.toJSONString\("
            r"|@RequestBody\s+(?:final\s+)?(?!String\b|byte\s*\[\])[\w.]+"
        ),
        whole_request_bodies=frozenset(),
        bare_print_calls=frozenset(),
        catch_keyword="catch",
        env_reads_empty_when_unset=None,
        webhook_tolerance_nulls=frozenset(),
        webhook_tolerance_zero_disables=True,
        webhook_tolerance_negative_disables=True,
        webhook_version_mismatch_flag=None,
    ),
)
