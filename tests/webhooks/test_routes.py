"""Where the code serves Stripe webhooks (routes for the live-endpoint-url account check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks.routes import collect_webhook_routes, file_route, route_matches, webhook_routes

VERIFY_JS = 'const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);'
SOURCES = {
    "app.py": (
        '@app.route("/stripe/webhook", methods=["POST"])\n'
        "def webhook():\n"
        '    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], s)\n'
        '    if event["type"] == "invoice.paid":\n'
        "        pass\n",
        "/stripe/webhook",
    ),
    "server.js": (
        'app.post("/payments/events", express.raw({type: "application/json"}), (req, res) => {\n'
        f"  {VERIFY_JS}\n"
        '  if (event.type === "invoice.paid") {}\n'
        "});\n",
        "/payments/events",
    ),
    "hook.js": (
        "async function handleStripe(req, res) {\n"
        f"  {VERIFY_JS}\n"
        '  switch (event.type) { case "invoice.paid": break; }\n'
        "}\n"
        'router.post("/billing/notify", handleStripe);\n',
        "/billing/notify",
    ),
    "urls.py": ('urlpatterns = [path("stripe/webhook/", views.stripe_webhook)]\n', "stripe/webhook/"),
    "config/routes.rb": ('mount StripeEvent::Engine, at: "/stripe-events"\n', "/stripe-events"),
    "routes/web.php": (
        "<?php\nRoute::post('stripe/webhook', [WebhookController::class, 'handle']);\n",
        "stripe/webhook",
    ),
    "Hook.java": (
        "public class WebhookController {\n"
        '  @PostMapping("/api/stripe/webhook")\n'
        '  public String handle(@RequestBody String payload, @RequestHeader("Stripe-Signature") String sig) {\n'
        "    Event event = Webhook.constructEvent(payload, sig, secret);\n"
        '    if ("invoice.paid".equals(event.getType())) {}\n'
        '    return "";\n'
        "  }\n"
        "}\n",
        "/api/stripe/webhook",
    ),
    "main.go": (
        'package main\nfunc main() { http.HandleFunc("/webhook", handleWebhook) }\n'
        "func handleWebhook(w http.ResponseWriter, req *http.Request) {\n"
        "  payload, _ := io.ReadAll(req.Body)\n"
        '  event, _ := webhook.ConstructEvent(payload, req.Header.Get("Stripe-Signature"), secret)\n'
        '  switch event.Type { case "invoice.paid": }\n'
        "}\n",
        "/webhook",
    ),
    "Controllers/HookController.cs": (
        "public class StripeWebhookController : Controller {\n"
        '  [HttpPost("stripe/webhook")]\n'
        "  public async Task<IActionResult> Index() {\n"
        "    var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync();\n"
        '    var stripeEvent = EventUtility.ConstructEvent(json, Request.Headers["Stripe-Signature"], secret);\n'
        '    if (stripeEvent.Type == "invoice.paid") {}\n'
        "    return Ok();\n"
        "  }\n"
        "}\n",
        "stripe/webhook",
    ),
}


@pytest.mark.parametrize("path", list(SOURCES))
def test_routes_in_every_language(path: str) -> None:
    text, route = SOURCES[path]
    found = [found_route for found_route, _ in webhook_routes(SourceFile(path=path, data=text.encode()))]
    assert route in found


def test_a_route_name_is_not_a_path() -> None:
    text, _ = SOURCES["app.py"]
    text = text.replace('methods=["POST"]', 'methods=["POST"], name="integrations.stripe.webhook"')
    found = [route for route, _ in webhook_routes(SourceFile(path="app.py", data=text.encode()))]
    assert found == ["/stripe/webhook"]


def test_a_route_that_is_not_a_webhook_is_not_collected() -> None:
    text = 'app.get("/products", (req, res) => res.json(products));\nconst hook = "ebhook";\n'
    assert webhook_routes(SourceFile(path="server.js", data=text.encode())) == []


@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("app/api/webhooks/stripe/route.ts", "/api/webhooks/stripe"),
        ("src/app/(shop)/api/webhook/route.ts", "/api/webhook"),
        ("pages/api/stripe/webhook.ts", "/api/stripe/webhook"),
        ("pages/api/webhook/index.js", "/api/webhook"),
        ("src/routes/api/stripe/+server.ts", "/api/stripe"),
        ("app/routes/api.webhooks.stripe.tsx", "/api/webhooks/stripe"),
        ("server/api/webhook.post.ts", "/api/webhook"),
        ("netlify/functions/stripe-webhook.ts", "/stripe-webhook"),
        ("supabase/functions/stripe-webhook/index.ts", "/stripe-webhook"),
        ("lib/stripe.ts", None),
        ("pages/checkout.tsx", None),
    ],
)
def test_file_system_routes(path: str, route: str | None) -> None:
    assert file_route(path) == route


@pytest.mark.parametrize(
    ("endpoint", "route", "matches"),
    [
        ("/stripe/webhook", "/stripe/webhook", True),
        ("/stripe/webhook/", "stripe/webhook/", True),
        ("/api/v1/stripe/webhook", "/stripe/webhook", True),  # mounted under a prefix
        ("/webhooks/acct_1/x", "/webhooks/:account/x", True),
        ("/webhooks/stripe", "/webhooks/{provider}", True),
        ("/hooks/payments", "/stripe/webhook", False),
        ("/stripe", "/stripe/webhook", False),
        ("/anything", "/", False),  # the root route matches nothing
        ("/anything", "/:path*", False),
    ],
)
def test_route_matching(endpoint: str, route: str, matches: bool) -> None:
    assert route_matches(endpoint, route) is matches


def test_collect_leaves_out_tests_and_excluded_files(tmp_path: Path) -> None:
    text, _ = SOURCES["app.py"]
    (tmp_path / "app.py").write_text(text)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_hook.py").write_text(text.replace("/stripe/webhook", "/test/hook"))
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "lib.py").write_text(text.replace("/stripe/webhook", "/vendor/hook"))
    routes = collect_webhook_routes(tmp_path, Config(exclude=["vendor"]))
    assert routes == {"/stripe/webhook": ["app.py:1"]}
