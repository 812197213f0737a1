"""handled_event_types / collect_handled_event_types: the interface the account checks rely on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks.events import collect_handled_event_types, handled_event_types
from tests import paths

FIXTURES = paths.FIXTURES / "webhooks"


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "a.py",
            'if event["type"] == "checkout.session.completed":\n    pass\n'
            'elif event.type in ("invoice.paid", "invoice.payment_failed"):\n    pass\n',
            [("checkout.session.completed", 1), ("invoice.paid", 3), ("invoice.payment_failed", 3)],
        ),
        ("a.py", 'match event.type:\n    case "charge.refunded":\n        pass\n', [("charge.refunded", 2)]),
        ("a.py", "HANDLERS = {'invoice.paid': on_paid, 'invoice.created': 'a label'}\n", [("invoice.paid", 1)]),
        ("a.js", "switch (event.type) {\n  case 'payment_intent.succeeded':\n}\n", [("payment_intent.succeeded", 2)]),
        ("a.ts", "if (event.type === 'customer.subscription.deleted') {}\n", [("customer.subscription.deleted", 1)]),
        ("a.rb", "case event.type\nwhen 'invoice.paid' then pay\nend\n", [("invoice.paid", 2)]),
        ("a.rb", "events.subscribe 'charge.failed' do |e|\nend\n", [("charge.failed", 1)]),
        ("a.php", "<?php\nswitch ($event->type) { case 'invoice.paid': break; }\n", [("invoice.paid", 2)]),
        ("a.php", "<?php\nmatch ($event->type) { 'charge.refunded' => 1 };\n", [("charge.refunded", 2)]),
        ("a.go", 'package a\nfunc f() {\nswitch e.Type {\ncase "invoice.paid":\n}\n}\n', [("invoice.paid", 4)]),
        ("a.go", "package a\nfunc f() { if e.Type == stripe.EventTypeChargeRefunded {} }\n", [("charge.refunded", 2)]),
        ("A.java", 'class A { void f() { if ("invoice.paid".equals(e.getType())) {} } }', [("invoice.paid", 1)]),
        (
            "A.cs",
            "class A { void F() {\nif (e.Type == Events.CheckoutSessionCompleted) {}\n"
            "if (e.Type == EventTypes.InvoicePaid) {}\n} }",
            [("checkout.session.completed", 2), ("invoice.paid", 3)],
        ),
    ],
)
def test_branches_per_language(path: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert handled_event_types(SourceFile.from_text(path, text)) == expected


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # a subscription list is not handling
        ("a.py", 'stripe.WebhookEndpoint.create(url=u, enabled_events=["charge.failed", "invoice.paid"])\n'),
        ("a.js", "const label = 'invoice.paid';\nconsole.log('checkout.session.completed');\n"),
        ("a.py", 'if filename == "file.txt" or key == "customer.email":\n    pass\n'),  # not event types
        ("a.py", "def broken(:\n    'invoice.paid' == x\n"),  # unparseable: nothing, no crash
    ],
)
def test_not_handling(path: str, text: str) -> None:
    assert handled_event_types(SourceFile.from_text(path, text)) == []


def test_collect_over_a_repository(tmp_path: Path) -> None:
    for name in ("express_unverified.js", "go_nethttp_verified.go", "flask_verified.py"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "lib.js").write_text("if (e.type === 'charge.captured') {}\n")
    (tmp_path / "notes.txt").write_text("if event.type == 'charge.failed'\n")
    handled = collect_handled_event_types(tmp_path, Config(exclude=["vendor"]))
    assert handled == {
        "checkout.session.completed": ["express_unverified.js:9"],
        "customer.subscription.deleted": ["flask_verified.py:20"],
        "invoice.paid": ["flask_verified.py:18", "go_nethttp_verified.go:33"],
        "invoice.payment_failed": ["express_unverified.js:12"],
        "payment_intent.succeeded": ["go_nethttp_verified.go:27"],
    }


def test_ruby_comparison_and_modifier() -> None:
    text = "mark_paid(event) if event['type'] == 'invoice.paid'\nnotify if event.type != 'charge.failed'\n"
    assert handled_event_types(SourceFile.from_text("a.rb", text)) == [("invoice.paid", 1), ("charge.failed", 2)]


def test_constants_holding_event_types_count_where_they_are_compared() -> None:
    from golive_ci.sourcefile import SourceFile as _Source
    from golive_ci.webhooks.events import handled_event_types as _handled

    go = (
        'package h\nconst InvoicePaid = "invoice.paid"\nconst Label = "invoice.pdf"\n'
        "func f(e stripe.Event) {\n\tswitch e.Type {\n\tcase InvoicePaid:\n\t\tg()\n\t}\n}\n"
    )
    assert _handled(_Source.from_text("h.go", go)) == [("invoice.paid", 6)]
    ts = 'const PAID = "invoice.paid";\nif (event.type === PAID) { grant(); }\n'
    assert _handled(_Source.from_text("h.ts", ts)) == [("invoice.paid", 2)]
