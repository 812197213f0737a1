"""webhook-unhandled-status: unknown-type arms that throw or answer non-2xx, per language."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.webhook_unhandled_status import WebhookUnhandledStatusRule
from tests.rule_runner import assert_docs_hold, check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookUnhandledStatusRule, path, text)


PY_ELSE = """
@app.post("/stripe/webhook")
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
    if event["type"] == "invoice.paid":
        grant(event)
    elif event["type"] == "customer.subscription.deleted":
        revoke(event)
    else:
        {tail}
    return "", 200
"""
PY_MATCH = """
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
    match event.type:
        case "invoice.paid":
            grant(event)
        case _:
            {tail}
    return "", 200
"""
JS_SWITCH = """
app.post("/webhook", express.raw({{ type: "application/json" }}), (req, res) => {{
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  switch (event.type) {{
    case "checkout.session.completed":
      fulfil(event.data.object);
      break;
    default:
      {tail}
  }}
  res.json({{ received: true }});
}});
"""
TS_ROUTE = """
export async function POST(req: Request) {{
  const event = stripe.webhooks.constructEvent(await req.text(), sig, secret);
  if (event.type === "invoice.paid") {{
    await grant(event);
  }} else {{
    {tail}
  }}
  return new Response("ok");
}}
"""
RUBY_CASE = """
class StripeWebhooksController < ApplicationController
  def create
    event = Stripe::Webhook.construct_event(request.body.read, request.headers["Stripe-Signature"], secret)
    case event.type
    when "invoice.paid"
      grant(event)
    else
      {tail}
    end
    head :ok
  end
end
"""
PHP_SWITCH = """<?php
$payload = file_get_contents('php://input');
$event = \\Stripe\\Webhook::constructEvent($payload, $_SERVER['HTTP_STRIPE_SIGNATURE'], $secret);
switch ($event->type) {{
    case 'invoice.paid':
        grant($event);
        break;
    default:
        {tail}
}}
http_response_code(200);
"""
GO_SWITCH = """package h
func handleWebhook(w http.ResponseWriter, r *http.Request) {{
	payload, _ := io.ReadAll(r.Body)
	event, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
	switch event.Type {{
	case "invoice.paid":
		grant(event)
	default:
		{tail}
	}}
	w.WriteHeader(http.StatusOK)
}}
"""
JAVA_SWITCH = """
@RestController
class StripeWebhookController {{
  @PostMapping("/stripe/webhook")
  ResponseEntity<String> handle(@RequestBody String payload, @RequestHeader("Stripe-Signature") String sig) {{
    Event event = Webhook.constructEvent(payload, sig, secret);
    switch (event.getType()) {{
      case "invoice.paid":
        grant(event);
        break;
      default:
        {tail}
    }}
    return ResponseEntity.ok("");
  }}
}}
"""
CS_SWITCH = """
public class StripeWebhookController : Controller {{
  public async Task<IActionResult> Index() {{
    var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync();
    var stripeEvent = EventUtility.ConstructEvent(json, Request.Headers["Stripe-Signature"], secret);
    switch (stripeEvent.Type) {{
      case "invoice.paid":
        Grant(stripeEvent);
        break;
      default:
        {tail}
    }}
    return Ok();
  }}
}}
"""

CASES = {
    "python-else": ("app.py", PY_ELSE, 'raise ValueError("Unhandled event type")', 'logger.info("ignored")'),
    "python-match": ("app.py", PY_MATCH, 'return "unknown", 400', "pass"),
    "js-switch": (
        "server.js",
        JS_SWITCH,
        "return res.status(400).send(`Unhandled ${event.type}`);",
        "console.log(`Unhandled event type ${event.type}`);",
    ),
    "ts-else": (
        "app/api/webhook/route.ts",
        TS_ROUTE,
        'return new Response("unknown", { status: 400 });',
        "console.log(event.type);",
    ),
    "ruby-case": (
        "stripe_webhooks_controller.rb",
        RUBY_CASE,
        'raise "unhandled #{event.type}"',
        "Rails.logger.info(event.type)",
    ),
    "php-switch": (
        "webhook.php",
        PHP_SWITCH,
        "http_response_code(400); exit();",
        "error_log('Received unknown event type');",
    ),
    "go-switch": (
        "hook.go",
        GO_SWITCH,
        'http.Error(w, "unhandled", http.StatusBadRequest)\n\t\treturn',
        'log.Printf("unhandled %s", event.Type)',
    ),
    "java-switch": (
        "StripeWebhookController.java",
        JAVA_SWITCH,
        'throw new IllegalStateException("Unexpected value: " + event.getType());',
        'log.info("Unhandled event type: {}", event.getType());',
    ),
    "csharp-switch": (
        "StripeWebhookController.cs",
        CS_SWITCH,
        "return BadRequest();",
        'Console.WriteLine("Unhandled event type: {0}", stripeEvent.Type);',
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_failing_unknown_type_arm_is_a_warning(case: str) -> None:
    path, template, failing, _ = CASES[case]
    findings = check(path, template.format(tail=failing))
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.WARNING
    assert findings[0].checklist == "webhooks"
    assert "2xx" in findings[0].message


@pytest.mark.parametrize("case", sorted(CASES))
def test_acknowledging_unknown_types_is_quiet(case: str) -> None:
    path, template, _, quiet = CASES[case]
    assert check(path, template.format(tail=quiet)) == []


def test_a_throw_turned_into_a_2xx_by_a_try_is_quiet() -> None:
    text = """
app.post("/webhook", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  try {
    switch (event.type) {
      case "invoice.paid": await grant(event); break;
      default: throw new Error("unhandled");
    }
  } catch (err) {
    console.error(err);
  }
  res.json({ received: true });
});
"""
    assert check("server.js", text) == []
    assert len(check("server.js", text.replace("console.error(err);", "return res.status(500).end();"))) == 1


def test_an_else_after_a_test_of_something_else_is_not_the_unknown_type_path() -> None:
    text = PY_ELSE.format(tail="pass").replace(
        "    else:\n        pass\n", "    elif not user:\n        pass\n    else:\n        abort(400)\n"
    )
    assert check("app.py", text) == []


def test_handlers_of_other_providers_are_not_judged() -> None:
    text = """
@app.post("/paddle/webhook")
def webhook():
    payload = request.get_json()
    paddle.verify(request)
    if payload["type"] == "subscription.created":
        grant(payload)
    else:
        abort(400)
"""
    assert check("app.py", text) == []


def test_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(WebhookUnhandledStatusRule, check)


def test_go_cases_on_file_constants_are_a_dispatch() -> None:
    text = """package webhooks

const (
	InvoiceFinalizedEventType = "invoice.finalized"
	CustomerUpdatedEventType  = "customer.updated"
)

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	payload, _ := io.ReadAll(req.Body)
	event, err := webhook.ConstructEvent(payload, req.Header.Get("Stripe-Signature"), h.secret)
	switch event.Type {
	case InvoiceFinalizedEventType:
		h.finalize(event)
	case CustomerUpdatedEventType:
		h.update(event)
	default:
		TAIL
	}
}
"""
    findings = check("stripe.go", text.replace("TAIL", "w.WriteHeader(http.StatusBadRequest)\n\t\treturn"))
    assert [f.line for f in findings] == [16]
    assert check("stripe.go", text.replace("TAIL", 'log.Infof("ignored %s", event.Type)')) == []


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "server.js",
            "app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {\n"
            "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);\n"
            "  if (event.type !== 'checkout.session.completed') {\n    return res.status(400).end();\n  }\n"
            "  fulfil(event.data.object);\n  res.json({ received: true });\n});\n",
        ),
        (
            "app.py",
            "@app.post('/stripe/webhook')\ndef webhook():\n"
            "    event = stripe.Webhook.construct_event(request.data, request.headers['Stripe-Signature'], SECRET)\n"
            "    if event['type'] != 'invoice.paid':\n        abort(400)\n    grant(event)\n    return '', 200\n",
        ),
    ],
)
def test_rejecting_every_other_type_up_front_is_reported(path: str, text: str) -> None:
    findings = check(path, text)
    assert len(findings) == 1 and "if type !=" in findings[0].message
    assert (
        check(
            path,
            text.replace("return res.status(400).end();", "return res.json({});").replace(
                "abort(400)", "return '', 200"
            ),
        )
        == []
    )


def test_negated_equals_in_java_is_an_up_front_rejection() -> None:
    text = JAVA_SWITCH.format(tail="break;").replace(
        "    switch (event.getType()) {",
        '    if (!"invoice.paid".equals(event.getType())) {\n'
        "      return ResponseEntity.badRequest().build();\n    }\n    switch (event.getType()) {",
    )
    findings = check("StripeWebhookController.java", text)
    assert len(findings) == 1 and "if type !=" in findings[0].message
