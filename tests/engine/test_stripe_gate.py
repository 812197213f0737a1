"""The Stripe-use gate: the rules that judge Stripe code read only files that use Stripe."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.candidates import CandidateSearch
from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.rules import RULES, load_rule
from golive_ci.rules.base import RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.stripe_use import GATE_NEEDLES, uses_stripe
from tests.conftest import git

UNVERIFIED = """
@app.post("/webhook")
def webhook():
    event = json.loads(request.data)
    if event["type"] == "{event_type}":
        fulfil(event["data"]["object"])
"""
GATED = ("webhook-signature", "webhook-duplicates", "webhook-tolerance")


@pytest.mark.parametrize(
    "text",
    [
        "import stripe",
        "const s = require('STRIPE')",
        "headers['StRiPe-Signature']",
        "url = 'https://api.stripe.com/v1'",
        'if t == "invoice.paid": pass',
        "case Events.CheckoutSessionCompleted: break;",
        "case EventTypes.InvoicePaid: break;",
    ],
)
def test_files_that_name_stripe_or_its_events_use_stripe(text: str) -> None:
    assert uses_stripe(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "def webhook(): log.info('received')",
        'if event["type"] == "push": deploy()',
        "customer.name = 'x'; invoice.total = 3",  # objects named like Stripe's, no event type
        "case Events.Unknown: break;",
    ],
)
def test_files_without_any_stripe_mark_do_not(text: str) -> None:
    assert not uses_stripe(text.encode())


def test_the_gate_is_a_case_insensitive_substring_search_for_its_needles() -> None:
    for needle in GATE_NEEDLES:
        assert needle == needle.lower()
        assert uses_stripe(b"x " + needle.upper() + b" y")


def test_the_webhook_rules_declare_the_gate_and_others_do_not_need_it() -> None:
    gated = {slug for slug in RULES if load_rule(slug).stripe_only}
    assert gated == set(GATED)


def test_a_gated_rule_never_parses_a_file_without_stripe(tmp_path: Path) -> None:
    context = RuleContext(root=tmp_path, config=Config())
    source = SourceFile.from_text("hooks.py", UNVERIFIED.replace("{event_type}", "repo.pushed") + "# webhook\n")
    for slug in GATED:
        rule = load_rule(slug)(context)
        assert not rule.wants(source)
    assert source.facts == {}  # never parsed
    stripe_source = SourceFile.from_text("hooks.py", UNVERIFIED.replace("{event_type}", "invoice.paid"))
    assert load_rule("webhook-signature")(context).wants(stripe_source)


def test_a_handler_of_stripe_event_types_is_still_judged_without_the_word_stripe(tmp_path: Path) -> None:
    (tmp_path / "hooks.py").write_text(UNVERIFIED.replace("{event_type}", "checkout.session.completed"))
    report = scan([tmp_path], tmp_path, Config(), select=["webhook-signature"])
    assert [finding.rule for finding in report.findings] == ["webhook-signature"]


def _repository(root: Path) -> None:
    git(root, "init", "-q")
    (root / "a.py").write_text("import stripe\n# webhook\n")
    (root / "b.py").write_text("# webhook only\n")
    (root / "c.py").write_text('# webhook\nif t == "invoice.paid": pass\n')
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "files")


def test_git_lists_the_files_naming_stripe_when_asked(tmp_path: Path) -> None:
    _repository(tmp_path)
    search = CandidateSearch(str(tmp_path), (b"ebhook",), stripe_marks=True)
    found = search.result()
    assert found is not None
    assert sorted(found[0]) == ["a.py", "b.py", "c.py"]
    assert search.stripe_users == {"a.py"}  # c.py's event type is left to Python
    plain = CandidateSearch(str(tmp_path), (b"ebhook",))
    assert plain.result() is not None
    assert plain.stripe_users == set()


def test_findings_are_the_same_with_and_without_gits_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    for index, event_type in enumerate(("invoice.paid", "repo.pushed", "checkout.session.completed")):
        (tmp_path / f"h{index}.py").write_text(UNVERIFIED.replace("{event_type}", event_type))
    (tmp_path / "s.py").write_text("import stripe\n" + UNVERIFIED.replace("{event_type}", "charge.succeeded"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "files")
    with_git = scan([tmp_path], tmp_path, Config(), select=list(GATED))
    monkeypatch.setattr("golive_ci.discovery.git_candidates", lambda *args, **kwargs: None)
    monkeypatch.setattr("golive_ci.discovery.git_files", lambda directory: None)
    walked = scan([tmp_path], tmp_path, Config(), select=list(GATED))
    assert with_git.findings == walked.findings
    assert sorted(finding.path for finding in with_git.findings) == ["h0.py", "h2.py", "s.py"]
