"""The language-neutral Stripe facts the rules read, by topic, and where each is computed.

Each fact is computed once per file by the module named, whatever language the file is in (the
language-specific work stays in those modules and ``golive_ci/lang/``). A rule names the ones it
reads in ``facts = (...)``; its needles and languages follow (golive_ci.rules.base.Rule).

This module imports every module that computes a fact: the rules and the hooks do not import it.
Per-file memos that are not facts of the file (tree-sitter parents, function texts) stay private
to their modules, made with :func:`golive_ci.facts.per_file`.
"""

from __future__ import annotations

from golive_ci.card_apis import stripe_calls, stripe_js_bindings
from golive_ci.logging_calls import log_calls
from golive_ci.rules.secret_key import SECRETS
from golive_ci.sdk_calls import client_variables, imports_models
from golive_ci.syntax import ASSIGNMENTS, CALLS, DECLARATIONS, PYTHON_NODES
from golive_ci.versions.facts import API_VERSION_PINS, WEBHOOK_ENDPOINTS, file_facts
from golive_ci.versions.sdk_rules import MANIFEST_DEPENDENCIES
from golive_ci.webhooks.arguments import verification_calls
from golive_ci.webhooks.events import type_branches
from golive_ci.webhooks.handlers import find_handlers
from golive_ci.webhooks.payments import payment_calls
from golive_ci.webhooks.provider import stripe_event_handlers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from golive_ci.facts import Fact

CATALOG: dict[str, tuple[Fact[Any], ...]] = {
    # Calls, assignments and declarations in one shape for every language (golive_ci.syntax).
    "syntax": (CALLS, ASSIGNMENTS, DECLARATIONS, PYTHON_NODES),
    # API-version pins and client inits, webhook endpoint creations (golive_ci.versions.facts): one
    # extraction, file_facts, seen through the two facts that say which files hold each part.
    "api-versions": (API_VERSION_PINS, WEBHOOK_ENDPOINTS, file_facts),
    # Webhook handlers with their anchors and verifications, those receiving Stripe events, the
    # verification calls taking a payload and a secret, event-type branches (golive_ci.webhooks).
    "webhooks": (find_handlers, stripe_event_handlers, verification_calls, type_branches),
    # Money-moving SDK calls (golive_ci.webhooks.payments), Stripe server create/confirm calls and
    # Stripe.js bindings (golive_ci.card_apis), client variables and model imports (golive_ci.sdk_calls).
    "payments": (payment_calls, stripe_calls, stripe_js_bindings, client_variables, imports_models),
    # Calls that write to a log, the console or a standard stream (golive_ci.logging_calls).
    "logging": (log_calls,),
    # Stripe keys and webhook signing secrets (golive_ci.rules.secret_key, over golive_ci.secrets).
    "secrets": (SECRETS,),
    # A manifest's Stripe SDK dependencies (golive_ci.versions.sdk_rules over golive_ci.versions.manifests).
    "manifests": (MANIFEST_DEPENDENCIES,),
}
