"""The checklist comment lists the issue-14 webhook rules' findings under the webhooks item."""

from __future__ import annotations

from pathlib import Path

from golive_ci.config import Config
from golive_ci.github.pipeline import static_scan
from golive_ci.report.checklist import Status, build_checklist
from golive_ci.report.checklist_markdown import render_checklist

SERVER = """
const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET || "";
app.post("/webhook", async (req, res) => {
  const sig = req.headers["stripe-signature"];
  const event = stripe.webhooks.constructEvent(JSON.stringify(req.body), sig, endpointSecret);
  switch (event.type) {
    case "customer.subscription.updated": {
      const subscription = event.data.object;
      await db.user.update({ where: { id: subscription.metadata.userId }, data: { status: subscription.status } });
      break;
    }
    default:
      return res.status(400).send("unhandled");
  }
  res.json({ received: true });
});
"""
RULES = ("webhook-raw-body", "webhook-secret-placeholder", "webhook-unhandled-status", "webhook-stale-state")


def test_the_four_rules_show_under_the_webhooks_item(tmp_path: Path) -> None:
    (tmp_path / "server.js").write_text(SERVER)
    report, covered, _ = static_scan(tmp_path, "", Config())
    assert set(RULES) <= set(covered["webhooks"])
    checklist = build_checklist(report.findings, covered=covered, head_sha="c0ffee" + "0" * 34)
    item = checklist.item("webhooks")
    assert item.status is Status.FAIL
    shown = [evidence.text for evidence in item.evidence]
    for slug in RULES:
        assert any(text.startswith(f"{slug}:") for text in shown), (slug, shown)
    body = render_checklist(checklist, link_for=lambda path, line, commit: f"https://x/{path}#L{line}")
    section = body[body.index("### ❌ Webhooks") :]
    section = section[: section.find("\n### ", 1)] if "\n### " in section[1:] else section
    for slug in RULES:
        assert f"{slug}:" in section, slug
