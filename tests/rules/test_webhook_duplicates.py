"""webhook-duplicates: verified handlers with repeatable effects, and de-duplicated or idempotent ones."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.webhook_duplicates import WebhookDuplicatesRule
from tests import paths
from tests.rule_runner import check_text

FIXTURES = paths.FIXTURES / "webhooks"


def check(path: str, text: str) -> list[Finding]:
    return check_text(WebhookDuplicatesRule, path, text)


FLAGGED = {
    "dup_django_creates_order.py": (11, "Order.objects.create"),  # effect in a same-file helper
    "dup_express_credits.js": (7, "user.credits += 100"),
    "dup_rails_mailer.rb": (4, "deliver_later"),
    "dup_laravel_creates.php": (11, "Payment::create"),
}
QUIET = [
    "dup_django_get_or_create.py",  # an upsert on a natural key
    "dup_express_event_log.js",  # checks the event id first
    "dup_rails_status_only.rb",  # setting a status is idempotent
    "flask_unverified.py",  # unverified: webhook-signature's business, not this rule's
    "flask_verified.py",  # passes event.id on
    "nextjs_route_verified.ts",
    "go_nethttp_verified.go",
]


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_flags_repeatable_effects(name: str) -> None:
    line, effect = FLAGGED[name]
    findings = check(name, (FIXTURES / name).read_text())
    assert [(f.line, f.severity) for f in findings] == [(line, Severity.INFO)]
    assert effect in findings[0].message
    assert "candidate" in findings[0].message


@pytest.mark.parametrize("name", QUIET)
def test_quiet_handlers(name: str) -> None:
    assert check(name, (FIXTURES / name).read_text()) == []


def test_refetching_handler_counts_as_verified() -> None:
    text = """
import stripe
from flask import request

def hook():
    event = stripe.Event.retrieve(request.get_json()["id"])
    if event.type == "charge.refunded":
        RefundNote.create(charge=event.data.object.id)
"""
    assert [f.line for f in check("hook.py", text)] == [5]


EFFECTS_BY_LANGUAGE = {
    "hook.go": (
        """package hooks

func Handle(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	event, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if event.Type == "checkout.session.completed" {
		db.Exec("INSERT INTO orders (session) VALUES ($1)", event.Data.Object["id"])
	}
}
""",
        "if processed(event.ID) { return }\n\t",
    ),
    "Hook.cs": (
        """class Hook : ControllerBase {
    [HttpPost]
    public async Task<IActionResult> Index() {
        var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync();
        var stripeEvent = EventUtility.ConstructEvent(json, Request.Headers["Stripe-Signature"], _secret);
        if (stripeEvent.Type == EventTypes.CheckoutSessionCompleted) {
            _db.Orders.Add(new Order { Session = ((Session)stripeEvent.Data.Object).Id });
            await _db.SaveChangesAsync();
        }
        return Ok();
    }
}
""",
        "if (await _db.Seen(stripeEvent.Id)) return Ok();\n            ",
    ),
    "Hook.java": (
        """class Hook {
    @PostMapping("/webhook")
    public String handle(@RequestBody String payload, @RequestHeader("Stripe-Signature") String sig) throws Exception {
        Event event = Webhook.constructEvent(payload, sig, secret);
        if ("invoice.payment_failed".equals(event.getType())) {
            mailSender.send(reminderFor(event));
        }
        return "";
    }
}
""",
        "if (seen.contains(event.getId())) { return null; }\n        ",
    ),
}


@pytest.mark.parametrize("name", sorted(EFFECTS_BY_LANGUAGE))
def test_effects_in_go_csharp_java(name: str) -> None:
    text, _ = EFFECTS_BY_LANGUAGE[name]
    assert len(check(name, text)) == 1


@pytest.mark.parametrize("name", sorted(EFFECTS_BY_LANGUAGE))
def test_event_id_check_silences_go_csharp_java(name: str) -> None:
    text, guard = EFFECTS_BY_LANGUAGE[name]
    marker = "if (" if not name.endswith(".go") else "if event.Type"
    guarded = text.replace(marker, guard + marker, 1)
    assert guarded != text
    assert check(name, guarded) == []


def test_typescript_route_that_creates_rows() -> None:
    text = """
export async function POST(req: Request) {
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, req.headers.get("stripe-signature")!, secret);
  if (event.type === "checkout.session.completed") {
    await prisma.order.create({ data: { session: event.data.object.id } });
  }
  return new Response(null, { status: 200 });
}
"""
    assert [f.line for f in check("app/api/webhook/route.ts", text)] == [2]
    upsert = text.replace("prisma.order.create({ data:", "prisma.order.upsert({ where: { session: x }, create:")
    assert check("app/api/webhook/route.ts", upsert) == []
