"""webhook-raw-body: parsed or re-serialised payloads per language, raw reads that stay quiet."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.webhook_raw_body import WebhookRawBodyRule
from tests.rule_runner import assert_docs_hold, check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookRawBodyRule, path, text)


PARSED = {
    "python-dumps": ("app.py", "def hook():\n    stripe.Webhook.construct_event(json.dumps(request.json), sig, key)\n"),
    "python-get-json": (
        "app.py",
        "def hook():\n    payload = request.get_json()\n    stripe.Webhook.construct_event(str(payload), sig, key)\n",
    ),
    "python-model": (
        "api.py",
        "async def hook(payload: dict, sig: str = Header(None)):\n"
        "    return stripe.Webhook.construct_event(payload, sig, key)\n",
    ),
    "js-stringify": (
        "server.js",
        "app.post('/w', (req, res) => {\n  stripe.webhooks.constructEvent(JSON.stringify(req.body), sig, s);\n});\n",
    ),
    "ts-await-json": (
        "route.ts",
        "export async function POST(req: Request) {\n  const body = await req.json();\n"
        "  const event = stripe.webhooks.constructEvent(JSON.stringify(body), sig, secret);\n}\n",
    ),
    "nest-body-parameter": (
        "stripe.controller.ts",
        "class StripeController {\n  @Post('webhook')\n"
        "  handle(@Body() body: any, @Headers('stripe-signature') sig: string) {\n"
        "    return this.stripe.webhooks.constructEvent(body, sig, this.secret);\n  }\n}\n",
    ),
    "express-global": (
        "server.js",
        "const app = express();\napp.use(express.json());\n"
        "app.post('/webhook', (req, res) => {\n  stripe.webhooks.constructEvent(req.body, sig, secret);\n});\n",
    ),
    "express-json-before-route-raw": (
        "server.js",
        "app.use(bodyParser.json());\n"
        "app.post('/webhook', bodyParser.raw({type: 'application/json'}), (req, res) => {\n"
        "  stripe.webhooks.constructEvent(req.body, sig, secret);\n});\n",
    ),
    "next-pages": (
        "pages/api/webhook.ts",
        "export default async function handler(req, res) {\n"
        "  const buf = await buffer(req);\n  stripe.webhooks.constructEvent(buf, sig, secret);\n}\n",
    ),
    "ruby-to-json": (
        "webhooks_controller.rb",
        "def create\n  payload = params.to_json\n  Stripe::Webhook.construct_event(payload, sig, secret)\nend\n",
    ),
    "php-all": (
        "WebhookController.php",
        "<?php\nclass W { function handle($request) {\n  $payload = json_encode($request->all());\n"
        "  \\Stripe\\Webhook::constructEvent($payload, $sig, $secret);\n} }\n",
    ),
    "go-marshal": (
        "hook.go",
        "package h\nfunc hook(c *gin.Context) {\n  var body map[string]any\n  c.ShouldBindJSON(&body)\n"
        "  payload, _ := json.Marshal(body)\n  event, err := webhook.ConstructEvent(payload, sig, secret)\n}\n",
    ),
    "java-request-body-map": (
        "Hook.java",
        "class Hook {\n  void hook(@RequestBody Map<String, Object> body, String sig) {\n"
        "    Event e = Webhook.constructEvent(objectMapper.writeValueAsString(body), sig, secret);\n  }\n}\n",
    ),
    "csharp-serialize": (
        "HookController.cs",
        "class HookController {\n  IActionResult Hook([FromBody] JObject body) {\n"
        "    var e = EventUtility.ConstructEvent(JsonConvert.SerializeObject(body), sig, secret);\n  }\n}\n",
    ),
}

RAW = {
    "python-data": ("app.py", "def hook():\n    stripe.Webhook.construct_event(request.data, sig, key)\n"),
    "python-get-data": (
        "app.py",
        "def hook():\n    payload = request.get_data()\n    stripe.Webhook.construct_event(payload, sig, key)\n",
    ),
    "django-body": ("views.py", "def hook(request):\n    stripe.Webhook.construct_event(request.body, sig, key)\n"),
    "python-bytes-param": (
        "api.py",
        "async def hook(payload: bytes = Body(...)):\n    stripe.Webhook.construct_event(payload, sig, key)\n",
    ),
    "js-express-raw-before-json": (
        "server.js",
        "app.post('/webhook', express.raw({type: 'application/json'}), (req, res) => {\n"
        "  stripe.webhooks.constructEvent(req.body, sig, secret);\n});\napp.use(express.json());\n",
    ),
    "js-json-with-verify-hook": (
        "server.js",
        "app.use(express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }));\n"
        "app.post('/webhook', (req, res) => {\n  stripe.webhooks.constructEvent(req.rawBody, sig, secret);\n});\n",
    ),
    "js-json-on-another-router": (
        "server.js",
        "api.use(express.json());\napp.post('/webhook', express.raw({type: 'application/json'}), (req, res) => {\n"
        "  stripe.webhooks.constructEvent(req.body, sig, secret);\n});\n",
    ),
    "js-no-global-parser": (
        "server.js",
        "app.post('/webhook', (req, res) => {\n  stripe.webhooks.constructEvent(req.body, sig, secret);\n});\n",
    ),
    "nest-raw-body": (
        "stripe.controller.ts",
        "class StripeController {\n  @Post('webhook')\n"
        "  handle(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') s) {\n"
        "    return this.stripe.webhooks.constructEvent(req.rawBody, s, this.secret);\n  }\n}\n",
    ),
    "ts-text": (
        "app/api/webhook/route.ts",
        "export async function POST(req: Request) {\n  const body = await req.text();\n"
        "  stripe.webhooks.constructEvent(body, sig, secret);\n}\n",
    ),
    "next-pages-off": (
        "pages/api/webhook.ts",
        "export const config = { api: { bodyParser: false } };\nexport default async function handler(req, res) {\n"
        "  const buf = await buffer(req);\n  stripe.webhooks.constructEvent(buf, sig, secret);\n}\n",
    ),
    "ruby-read": (
        "webhooks_controller.rb",
        "def create\n  payload = request.body.read\n  Stripe::Webhook.construct_event(payload, sig, secret)\nend\n",
    ),
    "php-input": (
        "webhook.php",
        "<?php\n$payload = file_get_contents('php://input');\n\\Stripe\\Webhook::constructEvent($payload, $sig, $s);\n",
    ),
    "php-get-content": (
        "WebhookController.php",
        "<?php\nclass W { function handle($request) {\n"
        "  \\Stripe\\Webhook::constructEvent($request->getContent(), $sig, $secret);\n} }\n",
    ),
    "go-readall": (
        "hook.go",
        "package h\nfunc hook(w http.ResponseWriter, r *http.Request) {\n  payload, _ := io.ReadAll(r.Body)\n"
        "  event, err := webhook.ConstructEvent(payload, sig, secret)\n}\n",
    ),
    "java-string-body": (
        "Hook.java",
        "class Hook {\n  void hook(@RequestBody String payload, String sig) {\n"
        "    Event e = Webhook.constructEvent(payload, sig, secret);\n  }\n}\n",
    ),
    "csharp-stream": (
        "HookController.cs",
        "class HookController {\n  async Task<IActionResult> Hook() {\n"
        "    var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync();\n"
        "    var e = EventUtility.ConstructEvent(json, sig, secret);\n  }\n}\n",
    ),
}


@pytest.mark.parametrize("case", sorted(PARSED))
def test_parsed_bodies_are_errors(case: str) -> None:
    path, text = PARSED[case]
    findings = check(path, text)
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.ERROR
    assert findings[0].checklist == "webhooks"
    assert "raw" in findings[0].message


@pytest.mark.parametrize("case", sorted(RAW))
def test_raw_bodies_are_quiet(case: str) -> None:
    path, text = RAW[case]
    assert check(path, text) == []


def test_express_parser_mounted_after_the_route_is_not_blamed() -> None:
    text = (
        "app.post('/webhook', (req, res) => {\n  stripe.webhooks.constructEvent(req.body, sig, secret);\n});\n"
        "app.use(express.json());\n"
    )
    assert check("server.js", text) == []


def test_tests_are_skipped() -> None:
    assert check("tests/test_hook.py", "stripe.Webhook.construct_event(json.dumps(body), sig, key)\n") == []


def test_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(WebhookRawBodyRule, check)
