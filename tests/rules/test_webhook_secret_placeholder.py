"""webhook-secret-placeholder: placeholder, empty-default and empty-when-unset secrets per language."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.webhook_secret_placeholder import WebhookSecretPlaceholderRule
from tests.rule_runner import assert_docs_hold, check_text

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookSecretPlaceholderRule, path, text)


FLAGGED = {
    "python-literal": (
        "app.py",
        'def hook():\n    stripe.Webhook.construct_event(request.data, sig, "whsec_...")\n',
        ERROR,
    ),
    "python-getenv-default": (
        "app.py",
        'SECRET = os.getenv("STRIPE_WEBHOOK_SECRET", "")\n'
        "def hook():\n    stripe.Webhook.construct_event(request.data, sig, SECRET)\n",
        ERROR,
    ),
    "python-keyword": (
        "app.py",
        'def hook():\n    stripe.Webhook.construct_event(payload=p, sig_header=s, secret="SET-ME-PLEASE")\n',
        ERROR,
    ),
    "js-or-empty": (
        "server.js",
        "const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET || '';\n"
        "app.post('/w', (req, res) => { stripe.webhooks.constructEvent(req.body, sig, endpointSecret); });\n",
        ERROR,
    ),
    "ts-nullish-placeholder": (
        "route.ts",
        "const secret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_xxx';\n"
        "export async function POST(req: Request) { stripe.webhooks.constructEvent(await req.text(), s, secret); }\n",
        ERROR,
    ),
    "ruby-fetch-default": (
        "webhooks_controller.rb",
        "def create\n  secret = ENV.fetch('STRIPE_WEBHOOK_SECRET', '')\n"
        "  Stripe::Webhook.construct_event(request.body.read, sig, secret)\nend\n",
        ERROR,
    ),
    "php-literal": (
        "webhook.php",
        "<?php\n$endpoint_secret = 'changeme';\n\\Stripe\\Webhook::constructEvent($payload, $sig, $endpoint_secret);\n",
        ERROR,
    ),
    "php-config-unset": (
        "WebhookController.php",
        "<?php\nclass W { function handle($request) {\n"
        "  \\Stripe\\Webhook::constructEvent($request->getContent(), $sig, config('services.stripe.webhook'));\n} }\n",
        WARNING,
    ),
    "go-getenv": (
        "hook.go",
        "package h\nfunc hook(w http.ResponseWriter, r *http.Request) {\n"
        '  secret := os.Getenv("STRIPE_WEBHOOK_SECRET")\n'
        "  event, err := webhook.ConstructEvent(payload, sig, secret)\n}\n",
        WARNING,
    ),
    "java-spring-empty-default": (
        "Hook.java",
        'class Hook {\n  @Value("${stripe.webhook-secret:}")\n  private String webhookSecret;\n'
        "  void hook(String payload, String sig) { Webhook.constructEvent(payload, sig, webhookSecret); }\n}\n",
        ERROR,
    ),
    "csharp-empty": (
        "HookController.cs",
        "class HookController {\n  IActionResult Hook() {\n"
        '    var secret = _config["Stripe:WebhookSecret"] ?? string.Empty;\n'
        "    var e = EventUtility.ConstructEvent(json, sig, secret);\n  }\n}\n",
        ERROR,
    ),
    "csharp-version-mismatch": (
        "HookController.cs",
        "class HookController {\n  IActionResult Hook() {\n"
        "    var e = EventUtility.ConstructEvent(json, sig, _secret, throwOnApiVersionMismatch: false);\n  }\n}\n",
        WARNING,
    ),
}

QUIET = {
    "python-environ": (
        "app.py",
        'def hook():\n    stripe.Webhook.construct_event(request.data, sig, os.environ["STRIPE_WEBHOOK_SECRET"])\n',
    ),
    "python-getenv-none": (
        "app.py",
        'def hook():\n    stripe.Webhook.construct_event(request.data, sig, os.getenv("STRIPE_WEBHOOK_SECRET"))\n',
    ),
    "python-default-checked": (
        "app.py",
        'SECRET = os.getenv("STRIPE_WEBHOOK_SECRET", "")\nif not SECRET:\n    raise RuntimeError("unset")\n'
        "def hook():\n    stripe.Webhook.construct_event(request.data, sig, SECRET)\n",
    ),
    "js-env": (
        "server.js",
        "const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET;\n"
        "app.post('/w', (req, res) => { stripe.webhooks.constructEvent(req.body, sig, endpointSecret); });\n",
    ),
    "js-or-empty-checked": (
        "server.js",
        "const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET || '';\n"
        "if (!endpointSecret) throw new Error('STRIPE_WEBHOOK_SECRET is not set');\n"
        "app.post('/w', (req, res) => { stripe.webhooks.constructEvent(req.body, sig, endpointSecret); });\n",
    ),
    "ruby-fetch": (
        "webhooks_controller.rb",
        "def create\n"
        "  Stripe::Webhook.construct_event(request.body.read, sig, ENV.fetch('STRIPE_WEBHOOK_SECRET'))\nend\n",
    ),
    "php-getenv-checked": (
        "webhook.php",
        "<?php\n$secret = getenv('STRIPE_WEBHOOK_SECRET');\nif (empty($secret)) { http_response_code(500); exit; }\n"
        "\\Stripe\\Webhook::constructEvent($payload, $sig, $secret);\n",
    ),
    "go-getenv-checked": (
        "hook.go",
        'package h\nvar secret = os.Getenv("STRIPE_WEBHOOK_SECRET")\n'
        'func init() { if secret == "" { log.Fatal("unset") } }\n'
        "func hook(w http.ResponseWriter, r *http.Request) {\n"
        "  event, err := webhook.ConstructEvent(payload, sig, secret)\n}\n",
    ),
    "java-spring-required": (
        "Hook.java",
        'class Hook {\n  @Value("${stripe.webhook-secret}")\n  private String webhookSecret;\n'
        "  void hook(String payload, String sig) { Webhook.constructEvent(payload, sig, webhookSecret); }\n}\n",
    ),
    "csharp-config": (
        "HookController.cs",
        'class HookController {\n  IActionResult Hook() {\n    var secret = _config["Stripe:WebhookSecret"];\n'
        "    var e = EventUtility.ConstructEvent(json, sig, secret, throwOnApiVersionMismatch: true);\n  }\n}\n",
    ),
    "real-looking-secret-is-another-rules-business": (
        "app.py",
        'def hook():\n    stripe.Webhook.construct_event(request.data, sig, "whsec_" + TAIL)\n',
    ),
}


@pytest.mark.parametrize("case", sorted(FLAGGED))
def test_flagged(case: str) -> None:
    path, text, severity = FLAGGED[case]
    findings = check(path, text)
    assert [f.severity for f in findings] == [severity], findings
    assert findings[0].checklist == "webhooks"


@pytest.mark.parametrize("case", sorted(QUIET))
def test_quiet(case: str) -> None:
    path, text = QUIET[case]
    assert check(path, text) == []


def test_a_placeholder_initialisation_overwritten_by_a_real_read_is_quiet() -> None:
    text = (
        "class Hook:\n    secret = ''\n    def __init__(self):\n"
        "        self.secret = os.environ['STRIPE_WEBHOOK_SECRET']\n"
        "    def handle(self):\n        stripe.Webhook.construct_event(request.data, sig, self.secret)\n"
    )
    assert check("hook.py", text) == []


def test_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(WebhookSecretPlaceholderRule, check)


def test_version_mismatch_is_quiet_when_the_handler_compares_the_version_itself() -> None:
    text = (
        "class HookController {\n  async Task<IActionResult> Hook() {\n"
        "    var e = EventUtility.ConstructEvent(json, sig, _secret, throwOnApiVersionMismatch: false);\n"
        "    if (StripeConfiguration.ApiVersion != e.ApiVersion) { return Ok(); }\n  }\n}\n"
    )
    assert check("HookController.cs", text) == []
