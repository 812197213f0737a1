from golive_ci.lang import LanguageProfile

# The TypeScript types of stripe-node accept only the version the installed release pins.
_TYPED_VERSION = "pass { apiVersion: '…' } (the version your stripe release pins, which its types require)"

JAVASCRIPT = LanguageProfile(
    name="javascript",
    grammar=("tree_sitter_javascript", "language"),
    node_roles={
        "identifier": frozenset({"identifier"}),
        "variable": frozenset({"identifier"}),
        "property_name": frozenset(
            {"private_property_identifier", "property_identifier", "shorthand_property_identifier"}
        ),
        "self": frozenset({"this"}),
        "string_content": frozenset({"escape_sequence", "string_fragment"}),
        "string_escape_or_interpolation": frozenset({"escape_sequence", "template_substitution"}),
        "number": frozenset({"number"}),
        "signed_number": frozenset({"unary_expression"}),
        "boolean": frozenset({"false", "true"}),
        "null": frozenset({"null"}),
        "comment": frozenset({"comment"}),
        "call.function": frozenset({"call_expression"}),
        "call.constructor": frozenset({"new_expression"}),
        "argument_list": frozenset({"arguments"}),
        "array": frozenset({"array"}),
        "mapping": frozenset({"object"}),
        "pair": frozenset({"pair"}),
        "shorthand_property": frozenset({"shorthand_property_identifier"}),
        "spread": frozenset({"spread_element"}),
        "member_access": frozenset({"member_expression"}),
        "subscript": frozenset({"subscript_expression"}),
        "parenthesized": frozenset({"parenthesized_expression"}),
        "wrapper": frozenset({"parenthesized_expression"}),
        "await": frozenset({"await_expression"}),
        "binary": frozenset({"binary_expression"}),
        "unary": frozenset({"unary_expression"}),
        "ternary": frozenset({"ternary_expression"}),
        "if": frozenset({"if_statement"}),
        "else": frozenset({"else_clause"}),
        "switch": frozenset({"switch_statement"}),
        "case": frozenset({"switch_case"}),
        "default_case": frozenset({"switch_default"}),
        "try": frozenset({"try_statement"}),
        "catch": frozenset({"catch_clause"}),
        "finally": frozenset({"finally_clause"}),
        "block": frozenset({"statement_block"}),
        "return": frozenset({"return_statement"}),
        "declarator": frozenset({"variable_declarator"}),
        "constant_declaration": frozenset({"variable_declarator"}),
        "class": frozenset({"class", "class_declaration"}),
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
    promise_error_callbacks=True,
)
# What TypeScript's grammar adds to JavaScript's.
_TYPESCRIPT_ROLES = {
    **JAVASCRIPT.node_roles,
    "type_name": frozenset({"type_identifier"}),
    "wrapper": frozenset({"as_expression", "non_null_expression", "parenthesized_expression", "satisfies_expression"}),
    "non_null": frozenset({"non_null_expression"}),
    "parameter": frozenset({"optional_parameter", "required_parameter"}),
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
        body_parameter_annotation=r"@Body\(",  # NestJS binds the request body with @Body()
    ),
    JAVASCRIPT.sibling(
        "tsx",
        (".tsx",),
        grammar=("tree_sitter_typescript", "language_tsx"),
        node_roles=_TYPESCRIPT_ROLES,
        client_api_version_option=_TYPED_VERSION,
        webhook_endpoint_api_version="api_version: Stripe.API_VERSION",
        body_parameter_annotation=r"@Body\(",  # NestJS binds the request body with @Body()
    ),
)
