"""Issue 11, class 3: webhook-signature judges only handlers that receive Stripe events."""

from __future__ import annotations

from golive_ci.findings import Finding
from golive_ci.rules.webhook_signature import WebhookSignatureRule
from tests.rule_runner import check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookSignatureRule, path, text)


CLERK_SVIX_FLASK = """
from flask import Flask, request
from svix.webhooks import Webhook, WebhookVerificationError

app = Flask(__name__)


@app.post("/clerk/webhook")
def clerk_webhook():
    payload = request.get_data()
    try:
        evt = Webhook(SECRET).verify(payload, dict(request.headers))
    except WebhookVerificationError:
        return "", 400
    if evt["type"] == "customer.created":
        create_account(evt["data"])
    return "", 204
"""

PADDLE_EXPRESS = """
const express = require("express");
const app = express();
app.post("/paddle/webhook", express.raw({ type: "application/json" }), (req, res) => {
  const sig = req.headers["paddle-signature"];
  const event = paddle.webhooks.unmarshal(req.body.toString(), secret, sig);
  switch (event.eventType) {
    case "customer.created":
      onCustomer(event.data);
      break;
  }
  res.sendStatus(200);
});
"""

STRIPE_UNVERIFIED_IN_MIXED_FILE = """
import json
import stripe
from flask import request


@app.post("/stripe/webhook")
def stripe_webhook():
    event = json.loads(request.data)
    if event["type"] == "checkout.session.completed":
        fulfil(event["data"]["object"])
    return ""
"""

STRIPE_TYPES_NO_NAME = """
import json
from flask import request


@app.post("/hooks")
def hooks():
    event = json.loads(request.data)
    if event["type"] == "payment_intent.succeeded":
        fulfil(event["data"]["object"])
    return ""
"""


def test_verified_svix_handler_with_a_type_stripe_also_uses_is_not_judged() -> None:
    assert check("clerk_hooks.py", CLERK_SVIX_FLASK) == []


def test_paddle_handler_is_not_judged() -> None:
    assert check("paddle.js", PADDLE_EXPRESS) == []


def test_unverified_stripe_handler_is_still_an_error() -> None:
    [finding] = check("payments.py", STRIPE_UNVERIFIED_IN_MIXED_FILE)
    assert "without verifying" in finding.message


def test_stripe_event_types_alone_make_a_handler_stripe_s() -> None:
    [finding] = check("hooks.py", STRIPE_TYPES_NO_NAME)
    assert "without verifying" in finding.message


def test_a_link_to_github_in_a_comment_does_not_hide_a_stripe_handler() -> None:
    text = "# see https://github.com/stripe/stripe-python\n" + STRIPE_TYPES_NO_NAME.replace(
        "payment_intent.succeeded", "invoice.paid"
    )
    [finding] = check("hooks.py", text)
    assert "without verifying" in finding.message


def test_stripe_only_event_types_are_judged_even_next_to_another_provider() -> None:
    text = STRIPE_TYPES_NO_NAME + "\n\ndef github_hook(request):\n    return verify_github(request)\n"
    [finding] = check("hooks.py", text)
    assert "`hooks`" in finding.message
