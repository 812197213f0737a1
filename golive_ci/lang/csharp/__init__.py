import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="csharp",
        grammar=("tree_sitter_c_sharp", "language"),
        node_roles={
            "argument_container": frozenset({"argument_list"}),
            "comment": frozenset({"comment"}),
            "named_argument": frozenset({"argument"}),
            "string_part": frozenset({"escape_sequence", "interpolation"}),
            "declarator_subscript": frozenset({"bracketed_argument_list"}),
            "initializer": frozenset({"equals_value_clause"}),
            "call.constructor": frozenset({"object_creation_expression"}),
            "parenthesized": frozenset({"parenthesized_expression"}),
            "binary": frozenset({"binary_expression"}),
            "fallback_conditional": frozenset({"conditional_expression"}),
            "mapping": frozenset({"array_creation_expression"}),
            "spread": frozenset({"spread_element"}),
            "plain_name": frozenset({"identifier"}),
            "ternary": frozenset({"conditional_expression"}),
            "declarator": frozenset({"variable_declarator"}),
        },
        suffixes=(".cs",),
        stripe_code=r"^[ \t]*using[ \t]+Stripe(?:[ \t]*;|\.)",
        stripe_code_flags=re.MULTILINE,
        card_error='e.StripeError.Type == "card_error"',
        idempotency_option='new RequestOptions { IdempotencyKey = $"order-{orderId}" }',
        network_retries_setting="`StripeConfiguration.MaxNetworkRetries = 2`",
        sdk_ecosystem="dotnet",
        sdk_pin_example='Version="52.2.0"',
        sdk_major_prefix="",
        typed_sdk=True,
        browser_code=False,
        api_version_setter=None,
        client_api_version_option=None,
        webhook_endpoint_api_version="ApiVersion = StripeConfiguration.ApiVersion",
        minor_units_rounding="`(long)Math.Round(price * 100)` (or keep prices in `decimal`)",
        prices_are_decimals=True,
        amount_floats_need_cast=True,
        request_body_reads=rb"Request\.(?:Body|InputStream)|\[FromBody\]|ReadToEnd(?:Async)?\(|ReadAsStringAsync\(",
        parsed_body_reads=(
            r"JsonConvert\.SerializeObject\(|JsonSerializer\.Serialize\(|\.ToJson\(|JObject\.FromObject\("
            r"|\[FromBody\]\s*(?!string\b|String\b)[\w.]+"
        ),
        whole_request_bodies=frozenset(),
        bare_print_calls=frozenset(),
        catch_keyword="catch",
        env_reads_empty_when_unset=None,
        webhook_tolerance_nulls=frozenset(),
        webhook_tolerance_zero_disables=False,
        webhook_tolerance_negative_disables=False,
        webhook_version_mismatch_flag="throwOnApiVersionMismatch",
    ),
)
