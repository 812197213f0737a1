from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="php",
        grammar=("tree_sitter_php", "language_php"),
        node_roles={
            "argument_container": frozenset({"arguments"}),
            "comment": frozenset({"comment"}),
            "string_part": frozenset({"escape_sequence", "variable_name"}),
            "mapping_pair": frozenset({"pair"}),
            "mapping_element": frozenset({"array_element_initializer"}),
            "call.member": frozenset({"member_call_expression", "nullsafe_member_call_expression"}),
            "call.scoped": frozenset({"scoped_call_expression"}),
            "call.bare": frozenset({"function_call_expression"}),
            "null": frozenset({"null"}),
            "fallback_conditional": frozenset({"conditional_expression"}),
            "mapping": frozenset({"array_creation_expression"}),
            "spread": frozenset({"variadic_unpacking"}),
            "plain_name": frozenset({"variable_name"}),
            "constant": frozenset({"const_element"}),
            "use_clause": frozenset({"namespace_use_clause"}),
            "namespaced_name": frozenset({"name", "qualified_name"}),
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
        identifier_kinds=frozenset({"name"}),
        variable_kinds=frozenset({"variable_name"}),
        string_content_kinds=frozenset({"escape_sequence", "string_content"}),
        number_kinds=frozenset({"float", "integer"}),
        boolean_kinds=frozenset({"boolean"}),
        null_kinds=frozenset({"null"}),
        comment_kinds=frozenset({"comment"}),
        member_access_kinds=frozenset(
            {"member_access_expression", "nullsafe_member_access_expression", "scoped_property_access_expression"}
        ),
        subscript_kinds=frozenset({"subscript_expression"}),
        constructor_kinds=frozenset({"object_creation_expression"}),
        method_call_kinds=frozenset(
            {"member_call_expression", "nullsafe_member_call_expression", "scoped_call_expression"}
        ),
        argument_list_kinds=frozenset({"arguments"}),
        argument_kinds=frozenset({"argument"}),
        array_kinds=frozenset({"array_creation_expression", "array_element_initializer"}),
        parenthesized_kinds=frozenset({"parenthesized_expression"}),
        binary_kinds=frozenset({"binary_expression"}),
        unary_kinds=frozenset({"unary_op_expression"}),
        if_kinds=frozenset({"if_statement"}),
        else_if_kinds=frozenset({"else_if_clause"}),
        else_kinds=frozenset({"else_clause"}),
        ternary_kinds=frozenset({"conditional_expression"}),
        switch_kinds=frozenset({"switch_statement"}),
        case_kinds=frozenset({"case_statement", "match_condition_list"}),
        default_case_kinds=frozenset({"default_statement"}),
        try_kinds=frozenset({"try_statement"}),
        catch_kinds=frozenset({"catch_clause"}),
        finally_kinds=frozenset({"finally_clause"}),
        caught_type_kinds=frozenset({"type_list"}),
        return_kinds=frozenset({"return_statement"}),
        annotation_kinds=frozenset({"attribute_list"}),
        class_kinds=frozenset({"class_declaration"}),
    ),
)
