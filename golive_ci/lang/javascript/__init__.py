from golive_ci.lang import LanguageProfile

# The TypeScript types of stripe-node accept only the version the installed release pins.
_TYPED_VERSION = "pass { apiVersion: '…' } (the version your stripe release pins, which its types require)"

JAVASCRIPT = LanguageProfile(
    name="javascript",
    grammar=("tree_sitter_javascript", "language"),
    node_roles={
        "argument_container": frozenset({"arguments"}),
        "comment": frozenset({"comment"}),
        "string_part": frozenset({"escape_sequence", "template_substitution"}),
        "mapping_pair": frozenset({"pair"}),
        "shorthand_property": frozenset({"shorthand_property_identifier"}),
        "call.function": frozenset({"call_expression"}),
        "call.constructor": frozenset({"new_expression"}),
        "parenthesized": frozenset({"parenthesized_expression"}),
        "null": frozenset({"null", "undefined"}),
        "binary": frozenset({"binary_expression"}),
        "mapping": frozenset({"object"}),
        "spread": frozenset({"spread_element"}),
        "plain_name": frozenset({"identifier"}),
        "declarator": frozenset({"variable_declarator"}),
        "wrapper": frozenset({"parenthesized_expression"}),
        "ternary": frozenset({"ternary_expression"}),
        "import": frozenset({"import_statement"}),
        "import_names": frozenset({"import_clause"}),
        "imported_name": frozenset({"import_specifier"}),
        "module_import": frozenset({"namespace_import"}),
        "destructuring": frozenset({"object_pattern"}),
        "shorthand_pattern": frozenset({"shorthand_property_identifier_pattern"}),
    },
    suffixes=(".js", ".mjs", ".cjs", ".jsx"),
    stripe_code=(
        r"""require\(\s*['"](?:stripe|@stripe/stripe-js)['"]\s*\)"""
        r"""|from\s+['"](?:stripe|@stripe/stripe-js|@stripe/react-stripe-js)['"]"""
    ),
    card_error="err.type === 'StripeCardError'",
    idempotency_option="{ idempotencyKey: `order-${order.id}` } as the options argument",
    network_retries_setting="`new Stripe(key, { maxNetworkRetries: 2 })`",
    sdk_ecosystem="node",
    sdk_pin_example='"stripe": "23.1.0" (and commit package-lock.json)',
    sdk_major_prefix="",
    typed_sdk=False,
    browser_code=True,
    api_version_setter=None,
    client_api_version_option="pass { apiVersion: '…' } as the second argument",
    webhook_endpoint_api_version="api_version: '…'",
    minor_units_rounding="`Math.round(price * 100)`",
    prices_are_decimals=False,
    amount_floats_need_cast=False,
    request_body_reads=(
        rb"\b(?:req|request|ctx\.request|c\.req)\.(?:body|rawBody|json\(|text\(|arrayBuffer\(|payload)"
        rb"|\b(?:buffer|getRawBody|rawBody|readBody|json)\(\s*(?:req|request|event)\b|\bevent\.body\b"
    ),
    parsed_body_reads=(
        r"JSON\.stringify\(|\bawait\s+(?:req|request|c\.req|ctx\.req|event\.request)\.json\(\)"
        r"|\b(?:req|request)\.json\(\)\.then"
        r"|^@Body\(\s*\)"  # a NestJS controller parameter: the parsed JSON body
    ),
    whole_request_bodies=frozenset(),
    bare_print_calls=frozenset(),
    catch_keyword="catch",
    env_reads_empty_when_unset=None,
    webhook_tolerance_nulls=frozenset({"null"}),
    webhook_tolerance_zero_disables=True,
    webhook_tolerance_negative_disables=True,
    webhook_version_mismatch_flag=None,
)
_TYPESCRIPT_ROLES = {
    **JAVASCRIPT.node_roles,
    "wrapper": frozenset({"as_expression", "non_null_expression", "parenthesized_expression", "satisfies_expression"}),
    "import_require": frozenset({"import_require_clause"}),
}
PROFILES = (
    JAVASCRIPT,
    JAVASCRIPT.sibling(
        "typescript",
        (".ts", ".mts", ".cts"),
        grammar=("tree_sitter_typescript", "language_typescript"),
        node_roles=_TYPESCRIPT_ROLES,
        client_api_version_option=_TYPED_VERSION,
        webhook_endpoint_api_version="api_version: Stripe.API_VERSION",
    ),
    JAVASCRIPT.sibling(
        "tsx",
        (".tsx",),
        grammar=("tree_sitter_typescript", "language_tsx"),
        node_roles=_TYPESCRIPT_ROLES,
        client_api_version_option=_TYPED_VERSION,
        webhook_endpoint_api_version="api_version: Stripe.API_VERSION",
    ),
)
