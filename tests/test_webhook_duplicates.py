"""webhook-duplicates: verified handlers with repeatable effects, and de-duplicated or idempotent ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import RuleContext
from golive_ci.rules.webhook_duplicates import WebhookDuplicatesRule
from golive_ci.sourcefile import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "webhooks"


def check(path: str, text: str) -> list[Finding]:
    rule = WebhookDuplicatesRule(RuleContext(root=Path("."), config=Config()))
    source = SourceFile.from_text(path, text)
    return list(rule.check(source)) if rule.wants(source) else []


FLAGGED = {
    "dup_django_creates_order.py": (11, "Order.objects.create"),  # effect in a same-file helper
    "dup_express_credits.js": (7, "user.credits += 100"),
    "dup_rails_mailer.rb": (4, "deliver_later"),
    "dup_laravel_creates.php": (11, "Payment::create"),
}
QUIET = [
    "dup_django_get_or_create.py",  # an upsert on a natural key
    "dup_express_event_log.js",  # checks the event id first
    "dup_rails_status_only.rb",  # setting a status is idempotent
    "flask_unverified.py",  # unverified: webhook-signature's business, not this rule's
    "flask_verified.py",  # passes event.id on
    "nextjs_route_verified.ts",
    "go_nethttp_verified.go",
]


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_flags_repeatable_effects(name: str) -> None:
    line, effect = FLAGGED[name]
    findings = check(name, (FIXTURES / name).read_text())
    assert [(f.line, f.severity) for f in findings] == [(line, Severity.INFO)]
    assert effect in findings[0].message
    assert "candidate" in findings[0].message


@pytest.mark.parametrize("name", QUIET)
def test_quiet_handlers(name: str) -> None:
    assert check(name, (FIXTURES / name).read_text()) == []


def test_refetching_handler_counts_as_verified() -> None:
    text = """
import stripe
from flask import request

def hook():
    event = stripe.Event.retrieve(request.get_json()["id"])
    if event.type == "charge.refunded":
        RefundNote.create(charge=event.data.object.id)
"""
    assert [f.line for f in check("hook.py", text)] == [5]
