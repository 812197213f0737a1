from golive_ci.lang import LanguageProfile

# The TypeScript types of stripe-node accept only the version the installed release pins.
_TYPED_VERSION = "pass { apiVersion: '…' } (the version your stripe release pins, which its types require)"
# What TypeScript's grammar adds to JavaScript's (NestJS binds the request body with ``@Body()``).
_TYPESCRIPT_SHAPES: dict[str, object] = {
    "type_name_kinds": frozenset({"type_identifier"}),
    "non_null_kinds": frozenset({"non_null_expression"}),
    "parameter_kinds": frozenset({"optional_parameter", "required_parameter"}),
    "body_parameter_annotation": r"@Body\(",
}

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
        "null": frozenset({"null", "undefined"}),
        "mapping": frozenset({"object"}),
        "spread": frozenset({"spread_element"}),
        "plain_name": frozenset({"identifier"}),
        "declarator": frozenset({"variable_declarator"}),
        "wrapper": frozenset({"parenthesized_expression"}),
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
    identifier_kinds=frozenset({"identifier"}),
    property_name_kinds=frozenset(
        {"private_property_identifier", "property_identifier", "shorthand_property_identifier"}
    ),
    self_kinds=frozenset({"this"}),
    string_content_kinds=frozenset({"escape_sequence", "string_fragment"}),
    number_kinds=frozenset({"number"}),
    signed_number_kinds=frozenset({"unary_expression"}),
    boolean_kinds=frozenset({"false", "true"}),
    null_kinds=frozenset({"null"}),
    comment_kinds=frozenset({"comment"}),
    member_access_kinds=frozenset({"member_expression"}),
    subscript_kinds=frozenset({"subscript_expression"}),
    constructor_kinds=frozenset({"new_expression"}),
    argument_list_kinds=frozenset({"arguments"}),
    array_kinds=frozenset({"array"}),
    pair_kinds=frozenset({"pair"}),
    parenthesized_kinds=frozenset({"parenthesized_expression"}),
    await_kinds=frozenset({"await_expression"}),
    binary_kinds=frozenset({"binary_expression"}),
    unary_kinds=frozenset({"unary_expression"}),
    if_kinds=frozenset({"if_statement"}),
    else_kinds=frozenset({"else_clause"}),
    ternary_kinds=frozenset({"ternary_expression"}),
    switch_kinds=frozenset({"switch_statement"}),
    case_kinds=frozenset({"switch_case"}),
    default_case_kinds=frozenset({"switch_default"}),
    try_kinds=frozenset({"try_statement"}),
    catch_kinds=frozenset({"catch_clause"}),
    finally_kinds=frozenset({"finally_clause"}),
    block_kinds=frozenset({"statement_block"}),
    return_kinds=frozenset({"return_statement"}),
    class_kinds=frozenset({"class", "class_declaration"}),
    constant_declaration_kinds=frozenset({"variable_declarator"}),
    promise_error_callbacks=True,
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
        **_TYPESCRIPT_SHAPES,
    ),
    JAVASCRIPT.sibling(
        "tsx",
        (".tsx",),
        grammar=("tree_sitter_typescript", "language_tsx"),
        node_roles=_TYPESCRIPT_ROLES,
        client_api_version_option=_TYPED_VERSION,
        webhook_endpoint_api_version="api_version: Stripe.API_VERSION",
        **_TYPESCRIPT_SHAPES,
    ),
)
