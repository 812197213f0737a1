"""webhook-signature: handlers per framework and language, bypasses, and the traps that must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import RuleContext
from golive_ci.rules.webhook_signature import WebhookSignatureRule
from golive_ci.sourcefile import SourceFile
from tests import paths
from tests.rule_runner import check_text

FIXTURES = paths.FIXTURES / "webhooks"


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookSignatureRule, path, text)


def check_fixture(name: str) -> list[Finding]:
    return check(name, (FIXTURES / name).read_text())


# fixture -> (line, severity, words the message must contain)
FLAGGED = {
    "flask_unverified.py": (10, Severity.ERROR, "without verifying"),
    "django_header_optional.py": (13, Severity.ERROR, "only when `sig_header`"),
    "flask_secret_optional.py": (19, Severity.WARNING, "unless `endpoint_secret` (branch at line 19)"),
    "express_unverified.js": (6, Severity.ERROR, "without verifying"),
    "express_header_optional.js": (9, Severity.ERROR, "only when `signature`"),
    "express_secret_optional.js": (10, Severity.WARNING, "unless `endpointSecret`"),
    "express_caught.js": (9, Severity.ERROR, "carries on"),
    "rails_unverified_controller.rb": (4, Severity.ERROR, "`create`"),
    "rails_header_optional_controller.rb": (7, Severity.ERROR, "signature.present?"),
    "plain_php_unverified.php": (7, Severity.ERROR, "without verifying"),
    "laravel_unverified_controller.php": (10, Severity.ERROR, "`handle`"),
    "go_nethttp_unverified.go": (11, Severity.ERROR, "`handleWebhook`"),
    "go_ignored_error.go": (13, Severity.ERROR, "discards the error"),
    "SpringUnverifiedController.java": (10, Severity.ERROR, "`handle`"),
    "AspNetUnverifiedController.cs": (9, Severity.ERROR, "`Receive`"),
}
CLEAN = [
    "flask_verified.py",
    "fastapi_refetch.py",
    "django_dispatch_model.py",
    "nextjs_route_verified.ts",
    "nextjs_pages_refetch.ts",
    "sinatra_verified.rb",
    "plain_php_verified.php",
    "laravel_verified_controller.php",
    "go_nethttp_verified.go",
    "SpringWebhookController.java",
    "AspNetWebhookController.cs",
]


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_flags_unverified_or_bypassed_handlers(name: str) -> None:
    line, severity, words = FLAGGED[name]
    findings = check_fixture(name)
    assert [(f.line, f.severity) for f in findings] == [(line, severity)]
    assert words in findings[0].message
    assert findings[0].checklist == "webhooks"


@pytest.mark.parametrize("name", CLEAN)
def test_verified_refetching_and_non_handlers_are_clean(name: str) -> None:
    assert check_fixture(name) == []


def test_every_fixture_is_classified() -> None:
    names = {p.name for p in FIXTURES.iterdir() if p.is_file()} - {"README.md"}
    rule_fixtures = {n for n in names if not n.lower().startswith(("dup_", "tolerance"))}
    assert rule_fixtures == set(FLAGGED) | set(CLEAN)


def test_header_only_verification_is_an_error_even_when_negated() -> None:
    findings = check(
        "hook.py",
        """
import json, stripe
from flask import request

def hook():
    payload = request.data
    event = json.loads(payload)
    if not request.headers.get("Stripe-Signature") is None:
        event = stripe.Webhook.construct_event(payload, request.headers["Stripe-Signature"], SECRET)
    if event["type"] == "invoice.paid":
        pay()
""",
    )
    assert [(f.line, f.severity) for f in findings] == [(8, Severity.ERROR)]


def test_verification_that_gates_the_whole_handler_is_not_a_bypass() -> None:
    findings = check(
        "hook.py",
        """
import stripe
from django.http import HttpResponse

def hook(request):
    if request.method == "POST":
        event = stripe.Webhook.construct_event(request.body, request.META["HTTP_STRIPE_SIGNATURE"], SECRET)
        if event.type == "checkout.session.completed":
            fulfil(event)
    return HttpResponse()
""",
    )
    assert findings == []


def test_client_style_refetch_is_safe() -> None:
    text = """
const stripe = require('stripe')(key);
app.post('/hook', async (req, res) => {
  const event = await client.v1.events.retrieve(req.body.id);
  if (event.type === 'invoice.paid') { await pay(event); }
  res.end();
});
"""
    assert check("hook.js", text) == []


def test_stripe_event_gem_subscriptions_are_not_handlers() -> None:
    text = """
StripeEvent.configure do |events|
  events.subscribe 'charge.failed' do |event|
    Mailer.charge_failed(event.data.object).deliver_later
  end
end
"""
    assert check("config/initializers/stripe.rb", text) == []


def test_other_providers_webhooks_without_stripe_types_are_ignored() -> None:
    text = """
from flask import request
def github_hook():
    payload = request.get_json()
    if payload["action"] == "opened":
        open_pr(payload)
"""
    assert check("hooks.py", text) == []


def test_test_files_are_skipped() -> None:
    text = (FIXTURES / "flask_unverified.py").read_text()
    assert check("tests/test_webhook.py", text) == []


def test_unparseable_file_becomes_a_notice() -> None:
    from golive_ci import engine
    from golive_ci.findings import Report

    rule = WebhookSignatureRule(RuleContext(root=Path("."), config=Config()))
    source = SourceFile.from_text("broken.py", "def hook(:\n    stripe.Webhook.construct_event(\n")
    report = Report()
    engine.run_rules(source, [rule], rule.context, report)
    assert report.findings == []
    # one notice per file whichever rule met it (issue 11): the file, why, and that it was not checked
    assert rule.context.notices and rule.context.notices[0].message.startswith("not checked: could not parse")


# Traps met in real packages (better-auth, Ghost, flink-app-stripe-plugin, django-payments).


def test_both_arms_verify_is_not_a_bypass() -> None:
    text = """
app.post('/hook', async (ctx) => {
  const payload = await ctx.request.text();
  let event;
  if (typeof client.webhooks.constructEventAsync === 'function')
    event = await client.webhooks.constructEventAsync(payload, sig, secret);
  else event = client.webhooks.constructEvent(payload, sig, secret);
  switch (event.type) { case 'checkout.session.completed': await done(event); }
});
"""
    assert check("hook.js", text) == []


def test_signature_header_handed_to_a_wrapper_counts_as_verified() -> None:
    text = """
async function handle(req, res) {
  if (!req.body || !req.headers['stripe-signature']) { return res.end(); }
  const event = this.webhookManager.parseWebhook(req.body, req.headers['stripe-signature']);
  if (event.type === 'invoice.payment_succeeded') { await this.invoiceEvent(event.data.object); }
}
"""
    assert check("WebhookController.js", text) == []


def test_signature_header_only_logged_is_not_verification() -> None:
    text = """
app.post('/hook', (req, res) => {
  const sig = req.headers['stripe-signature'];
  console.log('signature', sig);
  const event = req.body;
  if (event.type === 'invoice.paid') { pay(event); }
});
"""
    assert len(check("hook.js", text)) == 1


def test_handler_that_re_reads_the_object_from_the_api_is_safe() -> None:
    text = """
app.post('/callback/:event', async (req, res) => {
  if (req.params.event == 'charge.succeeded') {
    const paymentIntent = await stripe.paymentIntents.retrieve(req.body.data.object.payment_intent);
    if (paymentIntent.status == 'succeeded') { done(paymentIntent.id); }
  }
});
"""
    assert check("routes.js", text) == []


def test_unrelated_type_fields_do_not_make_a_handler() -> None:
    text = """
function init(app) {
  app.get('/setup/:token', (req, res) => {
    const tokenData = verify(req.params.token);
    if (tokenData.type != 'setup_card') { throw 'bad'; }
  });
  app.post('/other', (req, res) => { save(req.body); });
}
const KNOWN = { 'charge.succeeded': onCharge };
"""
    assert check("plugin.js", text) == []


def test_payload_getter_that_skips_verification_by_setting_is_a_warning() -> None:
    text = """
import json, stripe

class Provider:
    def event_payload(self, request):
        if self.secure_endpoint:
            return stripe.Webhook.construct_event(request.body, request.headers["STRIPE_SIGNATURE"], self.secret)
        else:
            return json.loads(request.body)
"""
    findings = check("providers.py", text)
    assert [(f.line, f.severity) for f in findings] == [(6, Severity.WARNING)]
    assert "self.secure_endpoint" in findings[0].message


# Bypasses in the other languages: the request decides (error) or the configuration does (warning).

BYPASSES = {
    "php_header.php": (
        """<?php
$payload = @file_get_contents('php://input');
$event = json_decode($payload);
if (isset($_SERVER['HTTP_STRIPE_SIGNATURE'])) {
    $event = \\Stripe\\Webhook::constructEvent($payload, $_SERVER['HTTP_STRIPE_SIGNATURE'], getenv('WHSEC'));
}
switch ($event->type) {
    case 'invoice.paid':
        markPaid($event->data->object);
}
""",
        4,
        Severity.ERROR,
    ),
    "secret.go": (
        """package hooks

func Handle(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	var event stripe.Event
	json.Unmarshal(payload, &event)
	if secret := os.Getenv("STRIPE_WEBHOOK_SECRET"); secret != "" {
		verified, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		event = verified
	}
	if event.Type == "checkout.session.completed" {
		fulfil(event)
	}
}
""",
        7,
        Severity.WARNING,
    ),
    "Header.java": (
        """class Hook {
    @PostMapping("/webhook")
    public String handle(@RequestBody String payload,
                         @RequestHeader(value = "Stripe-Signature", required = false) String sig) throws Exception {
        Event event = ApiResource.GSON.fromJson(payload, Event.class);
        if (sig != null) {
            event = Webhook.constructEvent(payload, sig, secret);
        }
        if ("invoice.paid".equals(event.getType())) { pay(event); }
        return "";
    }
}
""",
        6,
        Severity.ERROR,
    ),
    "Secret.cs": (
        """class Hook : ControllerBase {
    [HttpPost]
    public async Task<IActionResult> Index() {
        var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync();
        var stripeEvent = EventUtility.ParseEvent(json);
        if (!string.IsNullOrEmpty(_webhookSecret)) {
            stripeEvent = EventUtility.ConstructEvent(json, Request.Headers["Stripe-Signature"], _webhookSecret);
        }
        if (stripeEvent.Type == EventTypes.InvoicePaid) { await Pay(stripeEvent); }
        return Ok();
    }
}
""",
        6,
        Severity.WARNING,
    ),
    "route.ts": (
        """export async function POST(req: Request) {
  const body = await req.text();
  const sig = req.headers.get("stripe-signature");
  const event: Stripe.Event = sig ? stripe.webhooks.constructEvent(body, sig, secret) : JSON.parse(body);
  if (event.type === "customer.subscription.deleted") { await revoke(event.data.object); }
  return new Response(null, { status: 200 });
}
""",
        4,
        Severity.ERROR,
    ),
    "else_arm.py": (
        """import json, os, stripe
from flask import request

def hook():
    secret = os.environ.get("WHSEC")
    if not secret:
        event = json.loads(request.data)
    else:
        event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], secret)
    if event["type"] == "invoice.paid":
        pay(event)
""",
        6,
        Severity.WARNING,
    ),
}


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_bypass_in_every_language(name: str) -> None:
    text, line, severity = BYPASSES[name]
    findings = check(name, text)
    assert [(f.line, f.severity) for f in findings] == [(line, severity)]
    assert f"line {line}" in findings[0].message


def test_unverified_typescript_handler() -> None:
    text = """
import type { NextApiRequest, NextApiResponse } from "next";
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const event = req.body as Stripe.Event;
  if (event.type === "checkout.session.completed") { await fulfil(event.data.object); }
  res.status(200).end();
}
"""
    findings = check("pages/api/stripe.ts", text)
    assert [(f.line, f.severity) for f in findings] == [(3, Severity.ERROR)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "lambda_function.py",
            "import json\n\ndef handler(event, context):\n    body = json.loads(event['body'])\n"
            "    if body['type'] == 'checkout.session.completed':\n        fulfil(body)\n"
            "    return {'statusCode': 200}\n",
        ),
        (
            "wp-stripe.php",
            "<?php\nfunction golive_webhook(WP_REST_Request $request) {\n"
            "    $event = json_decode($request->get_body());\n"
            "    if ($event->type === 'invoice.paid') { golive_mark_paid($event->data->object); }\n}\n",
        ),
        (
            "roda_app.rb",
            "route do |r|\n  r.post 'webhook' do\n    event = JSON.parse(r.body.read)\n"
            "    Orders.paid!(event['data']) if event['type'] == 'checkout.session.completed'\n  end\nend\n",
        ),
    ],
)
def test_more_frameworks_unverified(path: str, text: str) -> None:
    assert [f.severity for f in check(path, text)] == [Severity.ERROR]


def test_early_return_of_the_unverified_payload_is_a_bypass() -> None:
    text = """
import json
import stripe
from django.conf import settings

def get_event(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        return json.loads(request.body)
    signature = request.headers["Stripe-Signature"]
    return stripe.Webhook.construct_event(request.body, signature, settings.STRIPE_WEBHOOK_SECRET)
"""
    findings = check("events.py", text)
    assert [(f.line, f.severity) for f in findings] == [(7, Severity.WARNING)]
    assert "settings.STRIPE_WEBHOOK_SECRET" in findings[0].message


def test_early_branch_that_handles_events_unverified_in_development() -> None:
    text = """
app.post('/webhook', express.raw({ type: 'application/json' }), async (req, res) => {
  if (process.env.NODE_ENV === 'development') {
    await handleEvent(JSON.parse(req.body));
    return res.send();
  }
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);
  if (event.type === 'invoice.paid') { await markPaid(event.data.object); }
  res.send();
});
"""
    findings = check("webhook.js", text)
    assert [(f.line, f.severity) for f in findings] == [(3, Severity.WARNING)]


def test_early_exits_without_the_payload_are_fine() -> None:
    text = """
app.post('/webhook', async (req, res) => {
  if (!req.headers['stripe-signature']) {
    return res.status(400).send('missing signature');
  }
  if (req.method !== 'POST') { return res.status(405).end(); }
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);
  if (event.type === 'invoice.paid') { await markPaid(event.data.object); }
  res.send();
});
"""
    assert check("webhook.js", text) == []


def test_webhook_named_view_dispatching_on_the_payload_type() -> None:
    text = '''
import json
from django.http import HttpResponse

def webhooks_v2(request):
    """Handles all known webhooks from stripe, and calls signals."""
    event_json = json.loads(request.body)
    event_key = event_json["type"].replace(".", "_")
    WEBHOOK_MAP[event_key].send(sender=None, full_json=event_json)
    return HttpResponse(status=200)
'''
    assert [f.line for f in check("zebra/views.py", text)] == [5]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # a Slack webhook next to Stripe code: the function itself never names Stripe
        (
            "hooks.py",
            "import stripe\n\ndef slack_webhook(request):\n    payload = json.loads(request.body)\n"
            "    if payload['type'] == 'url_verification':\n        return payload['challenge']\n",
        ),
        # a payment endpoint reading a `type` field is not a webhook
        (
            "pay.py",
            "import stripe\n\ndef create_payment(request):\n    data = json.loads(request.body)\n"
            "    if data['type'] == 'card':\n        stripe.PaymentIntent.create(amount=1, idempotency_key=k)\n",
        ),
    ],
)
def test_loose_type_reads_need_a_webhook_label_and_stripe(path: str, text: str) -> None:
    assert check(path, text) == []


def test_short_circuit_verification_in_javascript() -> None:
    text = """
app.post('/hook', (req, res) => {
  let event = JSON.parse(req.body);
  const sig = req.headers['stripe-signature'];
  sig && (event = stripe.webhooks.constructEvent(req.body, sig, secret));
  if (event.type === 'invoice.paid') { pay(event); }
  res.end();
});
"""
    assert [(f.line, f.severity) for f in check("hook.js", text)] == [(5, Severity.ERROR)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "names.py",
            'from flask import request\nBUILDERS = {"construct_from", "constructFrom"}\n'
            "def handle():\n    return request.data\n",
        ),
        (
            "notes.py",
            "from flask import request\n# event = stripe.Event.construct_from(request.get_json(), key)\n"
            "def handle():\n    return request.data\n",
        ),
        (
            "notes.js",
            "// const event = Stripe.Event.constructFrom(req.body)\n"
            "app.post('/hook', (req, res) => res.send(req.body));\n",
        ),
    ],
)
def test_event_builders_named_in_strings_or_comments_are_not_handlers(path: str, text: str) -> None:
    assert check(path, text) == []
