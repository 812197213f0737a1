from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="php",
        grammar=("tree_sitter_php", "language_php"),
        node_roles={
            "identifier": frozenset({"name"}),
            "variable": frozenset({"variable_name"}),
            "sigiled_variable": frozenset({"variable_name"}),
            "namespaced_name": frozenset({"name", "qualified_name"}),
            "string_content": frozenset({"escape_sequence", "string_content"}),
            "string_escape_or_interpolation": frozenset({"escape_sequence", "variable_name"}),
            "number": frozenset({"float", "integer"}),
            "boolean": frozenset({"boolean"}),
            "null": frozenset({"null"}),
            "comment": frozenset({"comment"}),
            "call.constructor": frozenset({"object_creation_expression"}),
            "call.member": frozenset({"member_call_expression", "nullsafe_member_call_expression"}),
            "call.scoped": frozenset({"scoped_call_expression"}),
            "call.bare": frozenset({"function_call_expression"}),
            "method_call": frozenset(
                {"member_call_expression", "nullsafe_member_call_expression", "scoped_call_expression"}
            ),
            "argument_list": frozenset({"arguments"}),
            "argument": frozenset({"argument"}),
            "array": frozenset({"array_creation_expression", "array_element_initializer"}),
            "mapping": frozenset({"array_creation_expression"}),
            "pair": frozenset({"pair"}),
            "mapping_element": frozenset({"array_element_initializer"}),
            "spread": frozenset({"variadic_unpacking"}),
            "member_access": frozenset(
                {"member_access_expression", "nullsafe_member_access_expression", "scoped_property_access_expression"}
            ),
            "subscript": frozenset({"subscript_expression"}),
            "parenthesized": frozenset({"parenthesized_expression"}),
            "binary": frozenset({"binary_expression"}),
            "unary": frozenset({"unary_op_expression"}),
            "ternary": frozenset({"conditional_expression"}),
            "fallback_conditional": frozenset({"conditional_expression"}),
            "if": frozenset({"if_statement"}),
            "else_if": frozenset({"else_if_clause"}),
            "else": frozenset({"else_clause"}),
            "switch": frozenset({"switch_statement"}),
            "case": frozenset({"case_statement", "match_condition_list"}),
            "default_case": frozenset({"default_statement"}),
            "try": frozenset({"try_statement"}),
            "catch": frozenset({"catch_clause"}),
            "finally": frozenset({"finally_clause"}),
            "caught_type": frozenset({"type_list"}),
            "return": frozenset({"return_statement"}),
            "positional_constant": frozenset({"const_element"}),
            "annotation": frozenset({"attribute_list"}),
            "class": frozenset({"class_declaration"}),
            "use_clause": frozenset({"namespace_use_clause"}),
        },
        suffixes=(".php",),
        stripe_code=r"\\?\bStripe\\(?:StripeClient|Stripe|PaymentIntent|Charge|Customer|Checkout|Webhook|Subscription)\b",
        card_error="\\Stripe\\Exception\\CardException",
        idempotency_option="['idempotency_key' => \"order-{$order->id}\"] as the options array",
        network_retries_setting="`\\Stripe\\Stripe::setMaxNetworkRetries(2)`",
        sdk_ecosystem="php",
        sdk_pin_example='"stripe/stripe-php": "21.0.0" (and commit composer.lock)',
        sdk_major_prefix="",
        typed_sdk=False,
        browser_code=False,
        api_version_setter="\\Stripe\\Stripe::setApiVersion('…')",
        client_api_version_option="pass ['api_key' => …, 'stripe_version' => '…']",
        webhook_endpoint_api_version="'api_version' => '…'",
        minor_units_rounding="`(int) round($price * 100)`",
        prices_are_decimals=False,
        amount_floats_need_cast=True,
        request_body_reads=(
            rb"php://input|->getContent\(|->all\(\)|->input\(|\$_POST\b|->json\(|->getBody\(|->get_body\("
            rb"|->get_json_params\("
        ),
        parsed_body_reads=(
            r"\bjson_encode\(|->all\(\)|->json\(|->input\(|->toArray\(\)|->getParsedBody\(|\$_POST\b"
            r"|->request->all\(|->get_json_params\(|->get_params\("
        ),
        whole_request_bodies=frozenset({"_POST", "_REQUEST", "HTTP_RAW_POST_DATA"}),
        bare_print_calls=frozenset(
            {"error_log", "var_dump", "print_r", "var_export", "syslog", "dump", "dd", "logger"}
        ),
        catch_keyword="catch",
        env_reads_empty_when_unset=(
            r"\bgetenv\(\s*['\"][^'\"]+['\"]\s*\)|\b(?:env|config)\(\s*['\"][^'\"]+['\"]\s*\)|\$_(?:ENV|SERVER)\["
            r"|\bConfig::get\(\s*['\"][^'\"]+['\"]\s*\)"
        ),
        webhook_tolerance_nulls=frozenset({"null", "NULL"}),
        webhook_tolerance_zero_disables=True,
        webhook_tolerance_negative_disables=True,
        webhook_version_mismatch_flag=None,
    ),
)
