import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        name="python",
        suffixes=(".py", ".pyi"),
        stripe_code=r"^[ \t]*(?:import[ \t]+stripe\b|from[ \t]+stripe\b)",
        stripe_code_flags=re.MULTILINE,
        card_error="stripe.CardError (stripe.error.CardError in older SDKs)",
        idempotency_option='idempotency_key=f"order-{order.id}"',
        network_retries_setting="`stripe.max_network_retries = 2` (or `StripeClient(key, max_network_retries=2)`)",
        sdk_ecosystem="python",
        sdk_pin_example="stripe==16.1.0",
        sdk_major_prefix="",
        typed_sdk=False,
        browser_code=False,
        api_version_setter='stripe.api_version = "…"',
        client_api_version_option='pass stripe_version="…"',
        webhook_endpoint_api_version='api_version="…"',
        minor_units_rounding="`int(round(price * 100))` or `int((Decimal(price) * 100).quantize(Decimal(1)))`",
        prices_are_decimals=True,
        amount_floats_need_cast=False,
        request_body_reads=(
            rb"\b(?:request|req)\.(?:data|body|json|get_json|get_data|stream|POST|form)\b"
            rb"|await\s+\w+\.(?:body|json)\(|\bevent\[\s*['\"]body['\"]\s*\]|\bevent\.get\(\s*['\"]body['\"]"
        ),
        parsed_body_reads=(
            r"\bjson\.dumps\(|\bjson\.dump\(|\b(?:request|req)\.get_json\(|\b(?:request|req)\.json\b"
            r"|\b(?:request|req)\.(?:POST|form)\b|\bawait\s+\w+\.json\(\)"
            # a FastAPI / Django Ninja model or dict parameter: the framework parsed the body
            r"|^\w+:\s*(?!(?:bytes|str|Request|HttpRequest|Optional\[(?:bytes|str)\]|bytes\s*\|\s*None|Any)\b)\w"
        ),
        whole_request_bodies=frozenset(),
        bare_print_calls=frozenset({"print", "pprint", "pp"}),
        catch_keyword="except",
        env_reads_empty_when_unset=None,
        webhook_tolerance_nulls=frozenset({"None"}),
        webhook_tolerance_zero_disables=True,
        webhook_tolerance_negative_disables=False,
        webhook_version_mismatch_flag=None,
    ),
)
