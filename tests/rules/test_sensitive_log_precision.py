"""Issue 11, class 5: only the body or the event is "the payload"; a logged PaymentIntent is a secret."""

from __future__ import annotations

from golive_ci.findings import Finding
from golive_ci.rules.sensitive_log import SensitiveLogRule
from tests.rule_runner import check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(SensitiveLogRule, path, text)


GO_UNMARSHAL_ERROR = """
package main

import "github.com/stripe/stripe-go/v82/webhook"

func handle(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	event, verr := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
	if verr != nil {
		return
	}
	if err := json.Unmarshal(payload, &event); err != nil {
		log.Printf("webhook: cannot parse: %v", err)
	}
}
"""

NODE_VALIDATION_RESULT = """
const stripe = require("stripe")(process.env.STRIPE_SECRET_KEY);
app.post("/webhook", express.raw({ type: "application/json" }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  const result = validateOrder(event);
  console.log("validation", result);
  const code = checkPayload(req.body);
  console.log("reason code", code);
  res.sendStatus(200);
});
"""

PYTHON_INTENT = """
import stripe


def create_payment(order):
    intent = stripe.PaymentIntent.create(amount=order.total, currency="eur")
    logger.info("created %s", intent)
    logger.info("created %s", intent.id)
    return intent.client_secret
"""


def test_an_error_from_parsing_the_payload_is_not_the_payload() -> None:
    assert check("webhook.go", GO_UNMARSHAL_ERROR) == []


def test_a_value_computed_from_the_event_is_not_the_event() -> None:
    assert check("webhook.js", NODE_VALIDATION_RESULT) == []


def test_the_body_and_what_is_parsed_from_it_are_still_reported() -> None:
    text = NODE_VALIDATION_RESULT.replace(
        "res.sendStatus(200);", "const parsed = JSON.parse(req.body);\n  console.log(parsed);\n  res.sendStatus(200);"
    )
    [finding] = check("webhook.js", text)
    assert "raw webhook payload" in finding.message and "`parsed`" in finding.message


def test_a_logged_payment_intent_is_reported_as_the_client_secret_it_carries() -> None:
    [finding] = check("payments.py", PYTHON_INTENT)
    assert finding.line == 7
    assert "client_secret" in finding.message and "`intent`" in finding.message


def test_a_call_on_the_event_inside_the_log_call_is_not_the_event_but_a_conversion_is() -> None:
    text = (
        "import stripe\n\n\ndef w(request):\n"
        "    event = stripe.Webhook.construct_event(request.data, sig, secret)\n"
        "    logger.info('invalid: %s', validate(event))\n"
        "    logger.info('event: %s', str(event))\n"
    )
    assert [f.line for f in check("webhook.py", text)] == [7]


PICKED_FIELD = """
import json
import stripe


def checkout(request):
    price = json.loads(request.body).get("priceId")
    log.info("Creating Stripe Checkout Session.", price=price)


def webhook(request):
    payload = json.loads(request.body)
    log.info("webhook %s", payload)
"""


def test_one_field_picked_from_the_parsed_body_is_not_the_payload() -> None:
    [finding] = check("views.py", PICKED_FIELD)
    assert finding.line == 13 and "payload" in finding.message


def test_the_parsed_body_itself_is_still_the_payload_in_js() -> None:
    text = (
        "// stripe webhook\nfunction hook(req) {\n  const email = JSON.parse(req.body).email;\n  console.log(email);\n"
        "  const event = JSON.parse(req.body);\n  console.log(event);\n}\n"
    )
    assert [f.line for f in check("hook.js", text)] == [6]


GENERATED_SECRET = """
import secrets


def seed():
    webhook_secret = generate_token(prefix="whs_")
    hook_secret = secrets.token_urlsafe(32)
    stripe_webhook_secret = settings.STRIPE_WEBHOOK_SECRET
    print(f"WEBHOOK_SECRET={webhook_secret}")
    print(f"OTHER_WEBHOOK_SECRET={hook_secret}")
    print(f"STRIPE_WEBHOOK_SECRET={stripe_webhook_secret}")
"""


def test_a_secret_the_code_generates_itself_is_not_a_stripe_secret() -> None:
    [finding] = check("seed.py", GENERATED_SECRET)
    assert finding.line == 11 and "webhook signing secret" in finding.message
