"""The rule registry: adding a rule is one module and one line here.

Entries are import paths, so a hook that selects one rule imports only that rule's module. The
registry sits below :mod:`golive_ci.selection` and the configuration checks, which need its names.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from golive_ci.rules.base import Rule, RuleInfo

RULES: dict[str, str] = {
    "secret-key": "golive_ci.rules.secret_key:SecretKeyRule",
    "unpinned-api-version": "golive_ci.rules.unpinned_api_version:UnpinnedApiVersionRule",
    "unknown-api-version": "golive_ci.rules.unknown_api_version:UnknownApiVersionRule",
    "outdated-api-version": "golive_ci.rules.outdated_api_version:OutdatedApiVersionRule",
    "inconsistent-api-version": "golive_ci.rules.inconsistent_api_version:InconsistentApiVersionRule",
    "webhook-endpoint-api-version": "golive_ci.rules.webhook_endpoint_api_version:WebhookEndpointApiVersionRule",
    "unpinned-sdk": "golive_ci.rules.unpinned_sdk:UnpinnedSdkRule",
    "outdated-sdk": "golive_ci.rules.outdated_sdk:OutdatedSdkRule",
    "webhook-signature": "golive_ci.rules.webhook_signature:WebhookSignatureRule",
    "webhook-tolerance": "golive_ci.rules.webhook_tolerance:WebhookToleranceRule",
    "webhook-duplicates": "golive_ci.rules.webhook_duplicates:WebhookDuplicatesRule",
    "idempotency-key": "golive_ci.rules.idempotency_key:IdempotencyKeyRule",
    "card-error-handling": "golive_ci.rules.card_error_handling:CardErrorHandlingRule",
    "card-number": "golive_ci.rules.card_number:CardNumberRule",
    "sensitive-log": "golive_ci.rules.sensitive_log:SensitiveLogRule",
    "decline-tests": "golive_ci.rules.decline_tests:DeclineTestsRule",
    "test-object-id": "golive_ci.rules.test_object_id:TestObjectIdRule",
    "webhook-raw-body": "golive_ci.rules.webhook_raw_body:WebhookRawBodyRule",
    "webhook-secret-placeholder": "golive_ci.rules.webhook_secret_placeholder:WebhookSecretPlaceholderRule",
    "webhook-unhandled-status": "golive_ci.rules.webhook_unhandled_status:WebhookUnhandledStatusRule",
    "webhook-stale-state": "golive_ci.rules.webhook_stale_state:WebhookStaleStateRule",
    "raw-card-data-api": "golive_ci.rules.raw_card_data_api:RawCardDataApiRule",
    "legacy-payments-api": "golive_ci.rules.legacy_payments_api:LegacyPaymentsApiRule",
    "sdk-retries": "golive_ci.rules.sdk_retries:SdkRetriesRule",
    "amount-minor-units": "golive_ci.rules.amount_minor_units:AmountMinorUnitsRule",
    "secret-key-client-exposure": "golive_ci.rules.secret_key_client_exposure:SecretKeyClientExposureRule",
    "live-return-urls": "golive_ci.rules.live_return_urls:LiveReturnUrlsRule",
    "test-mode-artifacts": "golive_ci.rules.test_mode_artifacts:TestModeArtifactsRule",
}


class UnknownRuleError(ValueError):
    pass


def load_rule(slug: str) -> type[Rule]:
    try:
        target = RULES[slug]
    except KeyError:
        raise UnknownRuleError(f"unknown rule {slug!r}; `golive-ci rules` lists them") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def all_rule_infos() -> list[RuleInfo]:
    return [load_rule(slug).info() for slug in RULES]
