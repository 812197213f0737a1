"""What one source file says about the Stripe API version: client initialisations, pins, webhook endpoints.

Extracted once per file (a :mod:`golive_ci.facts` fact) and shared by every API-version rule.
The value classes live in :mod:`golive_ci.versions.fact_types`, below the per-language extractors.
"""

from __future__ import annotations

from golive_ci.facts import Fact, fact
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.fact_types import (
    DYNAMIC_LANGUAGES,
    KIND_CLIENT,
    KIND_CONSTANT,
    KIND_GLOBAL,
    KIND_REQUEST,
    KIND_WEBHOOK,
    STRIPE_NEEDLES,
    TYPED_LANGUAGES,
    WEBHOOK_ENDPOINT_NEEDLES,
    ApiVersionPin,
    ClientInit,
    FileFacts,
    WebhookEndpointCreation,
    program_of,
)

__all__ = [
    "API_VERSION_PINS",
    "DYNAMIC_LANGUAGES",
    "KIND_CLIENT",
    "KIND_CONSTANT",
    "KIND_GLOBAL",
    "KIND_REQUEST",
    "KIND_WEBHOOK",
    "STRIPE_NEEDLES",
    "TYPED_LANGUAGES",
    "WEBHOOK_ENDPOINTS",
    "WEBHOOK_ENDPOINT_NEEDLES",
    "ApiVersionPin",
    "ClientInit",
    "FileFacts",
    "WebhookEndpointCreation",
    "file_facts",
    "program_of",
]


@fact("API-version pins, client inits and webhook endpoint creations")
def file_facts(source: SourceFile) -> FileFacts:
    """The API-version facts of ``source``; raises :class:`golive_ci.sourcefile.ParseError`."""
    facts = FileFacts()
    language = source.language
    if source.contains(*STRIPE_NEEDLES) or source.contains(*WEBHOOK_ENDPOINT_NEEDLES):
        if language == "python":
            from golive_ci.versions.python_clients import extract_python

            extract_python(source, facts)
        elif language in ("javascript", "typescript", "tsx"):
            from golive_ci.versions.js_clients import extract_js

            extract_js(source, facts)
        elif language in ("ruby", "php"):
            from golive_ci.versions.ruby_php_clients import extract_ruby_php

            extract_ruby_php(source, facts)
        if language is not None and source.contains(*WEBHOOK_ENDPOINT_NEEDLES):
            from golive_ci.versions.webhook_endpoints import extract_webhook_endpoints

            extract_webhook_endpoints(source, facts)
    facts.pins.sort(key=lambda p: (p.line, p.column))
    return facts


# What files :func:`file_facts` finds each part in: pins and client inits in files naming Stripe
# in a language whose clients it reads, webhook endpoint creations in any code that names them.
API_VERSION_PINS = Fact(
    "API-version pins and client inits", file_facts, needles=STRIPE_NEEDLES, languages=DYNAMIC_LANGUAGES
)
WEBHOOK_ENDPOINTS = Fact("webhook endpoint creations", file_facts, needles=WEBHOOK_ENDPOINT_NEEDLES)
