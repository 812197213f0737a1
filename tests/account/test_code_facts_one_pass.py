"""The account checks' code facts (event types, webhook routes, billing use) read each file once."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from golive_ci import engine
from golive_ci.account import code
from golive_ci.config import Config

HANDLER = """import stripe
from flask import Flask, request

app = Flask(__name__)


@app.route("/stripe/webhook", methods=["POST"])
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
    if event["type"] == "invoice.paid":
        pass
    return "", 200
"""
PORTAL = "import stripe\nsession = stripe.billing_portal.Session.create(customer=customer_id)\n"


def test_each_code_file_is_read_once_for_the_three_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.py").write_text(HANDLER)
    (tmp_path / "billing.py").write_text(PORTAL)
    (tmp_path / "util.js").write_text("export const x = 1;\n")
    reads: list[str] = []
    real = engine.open_file

    def counting(path: Path) -> BinaryIO:
        reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(engine, "open_file", counting)
    events, routes, billing = code.collect_in_one_pass(tmp_path, Config(), [])
    assert sorted(reads) == ["app.py", "billing.py", "util.js"]
    assert events.value == {"invoice.paid": ["app.py:10"]}
    assert routes.value == {"/stripe/webhook": ["app.py:7"]}
    assert billing.value["portal"] == [{"where": "billing.py:2", "configuration": False}]


def test_a_collector_that_fails_could_not_verify_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.py").write_text(HANDLER)

    def broken(routes: dict, source: object) -> None:
        raise RecursionError

    monkeypatch.setattr("golive_ci.webhooks.routes.add_webhook_routes", broken)
    events, routes, billing = code.collect_in_one_pass(tmp_path, Config(), [])
    assert routes.failure is not None and "webhook routes failed: RecursionError" in routes.failure.reason
    assert events.value == {"invoice.paid": ["app.py:10"]} and billing.ok
