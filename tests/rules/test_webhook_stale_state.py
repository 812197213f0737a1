"""webhook-stale-state: state stored straight from the event, and Checkout fulfilment ignoring payment_status."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.webhook_stale_state import WebhookStaleStateRule
from tests.rule_runner import assert_docs_hold, check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookStaleStateRule, path, text)


# (file, handler with a {store} slot, a store from the event object, a store of something else)
CASES = {
    "python": (
        "webhooks.py",
        """
@app.post("/stripe/webhook")
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
    if event["type"] == "customer.subscription.updated":
        subscription = event["data"]["object"]
        account = Account.objects.get(customer=subscription["customer"])
        {store}
        account.save()
    return "", 200
""",
        'account.status = subscription["status"]',
        'account.status = "pending"',
    ),
    "javascript": (
        "server.js",
        """
app.post("/webhook", express.raw({{ type: "application/json" }}), async (req, res) => {{
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  switch (event.type) {{
    case "customer.subscription.updated": {{
      const subscription = event.data.object;
      await db.user.update({{ where: {{ id: subscription.metadata.userId }}, data: {{ {store} }} }});
      break;
    }}
  }}
  res.json({{ received: true }});
}});
""",
        "status: subscription.status",
        "status: 'refresh'",
    ),
    "typescript-helper": (
        "app/api/webhook/route.ts",
        """
async function onSubscription(subscription: Stripe.Subscription) {{
  await prisma.team.update({{ where: {{ stripeId: subscription.id }}, data: {{ {store} }} }});
}}
export async function POST(req: Request) {{
  const event = stripe.webhooks.constructEvent(await req.text(), sig, secret);
  if (event.type === "customer.subscription.updated") await onSubscription(event.data.object);
  return new Response("ok");
}}
""",
        "plan: subscription.items.data[0].price.id",
        "plan: planFor(team)",
    ),
    "ruby": (
        "stripe_webhooks_controller.rb",
        """
class StripeWebhooksController < ApplicationController
  def create
    event = Stripe::Webhook.construct_event(request.body.read, request.headers["Stripe-Signature"], secret)
    case event.type
    when "invoice.payment_failed"
      invoice = event.data.object
      Account.find_by(customer: invoice.customer).update!({store})
    end
    head :ok
  end
end
""",
        "status: invoice.status",
        "status: 'past_due'",
    ),
    "php": (
        "WebhookController.php",
        """<?php
class WebhookController {{
    public function handle(Request $request) {{
        $sig = $request->header('Stripe-Signature');
        $event = \\Stripe\\Webhook::constructEvent($request->getContent(), $sig, $k);
        if ($event->type === 'customer.subscription.updated') {{
            $subscription = $event->data->object;
            Team::where('stripe_id', $subscription->id)->update([{store}]);
        }}
        return response('', 200);
    }}
}}
""",
        "'stripe_status' => $subscription->status",
        "'stripe_status' => 'unknown'",
    ),
    "go": (
        "hook.go",
        """package h
func handleWebhook(w http.ResponseWriter, r *http.Request) {{
	payload, _ := io.ReadAll(r.Body)
	event, _ := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
	switch event.Type {{
	case "customer.subscription.updated":
		var sub stripe.Subscription
		json.Unmarshal(event.Data.Raw, &sub)
		db.Save(&Account{{ {store} }})
	}}
	w.WriteHeader(http.StatusOK)
}}
""",
        "Status: string(sub.Status)",
        'Status: "active"',
    ),
    "java": (
        "StripeWebhookController.java",
        """
class StripeWebhookController {{
  ResponseEntity<String> handle(@RequestBody String payload, @RequestHeader("Stripe-Signature") String sig) {{
    Event event = Webhook.constructEvent(payload, sig, secret);
    if ("customer.subscription.updated".equals(event.getType())) {{
      Subscription subscription = (Subscription) event.getDataObjectDeserializer().getObject().get();
      account.{store};
      repository.save(account);
    }}
    return ResponseEntity.ok("");
  }}
}}
""",
        "setStatus(subscription.getStatus())",
        'setStatus("active")',
    ),
    "csharp": (
        "StripeWebhookController.cs",
        """
public class StripeWebhookController : Controller {{
  public async Task<IActionResult> Index() {{
    var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync();
    var stripeEvent = EventUtility.ConstructEvent(json, Request.Headers["Stripe-Signature"], secret);
    if (stripeEvent.Type == "customer.subscription.updated") {{
      var subscription = stripeEvent.Data.Object as Subscription;
      account.{store};
    }}
    return Ok();
  }}
}}
""",
        "Status = subscription.Status",
        'Status = "active"',
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_store_from_the_event_object_is_reported(case: str) -> None:
    path, template, stale, _ = CASES[case]
    findings = check(path, template.format(store=stale))
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.INFO
    assert findings[0].checklist == "webhooks"
    assert "out of order" in findings[0].message


@pytest.mark.parametrize("case", sorted(CASES))
def test_store_of_other_values_is_quiet(case: str) -> None:
    path, template, _, other = CASES[case]
    assert check(path, template.format(store=other)) == []


def test_a_refetch_in_the_file_is_quiet() -> None:
    path, template, stale, _ = CASES["javascript"]
    text = template.format(store=stale).replace(
        "const subscription = event.data.object;",
        "const subscription = await stripe.subscriptions.retrieve(event.data.object.id);",
    )
    assert check(path, text) == []


def test_a_created_comparison_is_quiet() -> None:
    path, template, stale, _ = CASES["python"]
    text = template.format(store=stale).replace(
        "        account.save()", "        if event['created'] > account.last_event_at:\n            account.save()"
    )
    assert check(path, text) == []


def test_other_event_families_are_not_judged() -> None:
    path, template, stale, _ = CASES["python"]
    text = template.format(store=stale).replace("customer.subscription.updated", "charge.refunded")
    assert check(path, text) == []


CHECKOUT = """
app.post("/webhook", express.raw({ type: "application/json" }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  if (event.type === "checkout.session.completed") {
    const session = event.data.object;
    CHECK
    await fulfilOrder(session.client_reference_id);
  }
  res.json({ received: true });
});
"""


def test_checkout_completed_without_payment_status_is_reported() -> None:
    findings = check("server.js", CHECKOUT.replace("CHECK", ""))
    assert len(findings) == 1
    assert "payment_status" in findings[0].message


@pytest.mark.parametrize(
    "check_line",
    [
        "if (session.payment_status !== 'paid') return res.json({ received: true });",
        "const cardOnly = { payment_method_types: ['card'] };",
    ],
)
def test_checkout_that_looks_at_payment_status_is_quiet(check_line: str) -> None:
    assert check("server.js", CHECKOUT.replace("CHECK", check_line)) == []


def test_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(WebhookStaleStateRule, check)


def test_checkout_handed_to_another_module_is_not_judged() -> None:
    text = CHECKOUT.replace("const session = event.data.object;", "").replace(
        "await fulfilOrder(session.client_reference_id);", "await checkoutSessionCompleted(event);"
    )
    assert check("server.js", text.replace("CHECK", "")) == []
