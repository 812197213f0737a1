import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="ruby",
        grammar=("tree_sitter_ruby", "language"),
        suffixes=(".rb",),
        stripe_code=r"""^[ \t]*require[ \t(]+['"]stripe['"]|\bStripe::[A-Z]|\bStripe\.api_key\b""",
        stripe_code_flags=re.MULTILINE,
        card_error="Stripe::CardError",
        idempotency_option='idempotency_key: "order-#{order.id}" in the options hash',
        network_retries_setting="`Stripe.max_network_retries = 2`",
        sdk_ecosystem="ruby",
        sdk_pin_example="gem 'stripe', '20.0.0' (and commit Gemfile.lock)",
        sdk_major_prefix="",
        typed_sdk=False,
        browser_code=False,
        api_version_setter="Stripe.api_version = '…'",
        client_api_version_option="pass stripe_version: '…'",
        webhook_endpoint_api_version="api_version: '…'",
        minor_units_rounding="`(price * 100).round` (or keep prices in BigDecimal / integer cents)",
        prices_are_decimals=True,
        amount_floats_need_cast=False,
        request_body_reads=rb"\brequest\.(?:body|raw_post|POST|params)\b|\bparams\b|\b\w+\.body\.read\b",
        parsed_body_reads=r"\.to_json\b|\bJSON\.(?:generate|dump|pretty_generate)\(|\bparams\.permit\b|\bto_unsafe_h\b",
        whole_request_bodies=frozenset({"params"}),
        bare_print_calls=frozenset({"puts", "p", "pp", "print", "warn"}),
        catch_keyword="rescue",
        env_reads_empty_when_unset=None,
        webhook_tolerance_nulls=frozenset({"nil"}),
        webhook_tolerance_zero_disables=False,
        webhook_tolerance_negative_disables=False,
        webhook_version_mismatch_flag=None,
    ),
)
