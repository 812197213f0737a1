"""Check logic on plain facts (no server): the paths the end-to-end tests do not reach."""

from __future__ import annotations

from golive_ci.account.checks import CHECKS, all_check_infos, load_check
from golive_ci.account.checks.base import CheckContext, worst
from golive_ci.account.checks.versions import release_train
from golive_ci.account.code import CodeFacts
from golive_ci.account.facts import AccountFacts, Fact, Failure
from golive_ci.account.keys import key_kind
from golive_ci.account.model import PSEUDO_PATH, AccountReport, CheckResult
from golive_ci.findings import CHECKLIST_ITEMS, Severity
from tests.account import fixtures as fx

VERSION = fx.VERSION


def run(slug: str, facts: AccountFacts, code: CodeFacts | None = None, options: dict | None = None) -> CheckResult:
    return load_check(slug)().run(CheckContext(facts, code or CodeFacts(), options or {}))


def live_facts(**kwargs: object) -> AccountFacts:
    facts = AccountFacts(live_key=key_kind(fx.fake_key("rk_live_")).to_dict())
    for name, value in kwargs.items():
        setattr(facts, name, value)
    return facts


def test_registry_docs_are_complete() -> None:
    infos = all_check_infos()
    assert [i.slug for i in infos] == list(CHECKS)
    assert len(infos) == 10
    for info in infos:
        assert info.kind == "account"
        assert info.checklist in CHECKLIST_ITEMS
        assert info.summary and info.why.strip() and info.example.strip() and info.fix.strip()
        assert f"# {info.slug}" in info.render()


def test_severity_mapping_and_pseudo_path() -> None:
    report = AccountReport(
        results=[
            CheckResult("a", "fail", "webhooks", "bad"),
            CheckResult("b", "warning", "webhooks", "meh"),
            CheckResult("c", "could-not-verify", "webhooks", "403"),
            CheckResult("d", "not-run", "webhooks", "no test key"),
            CheckResult("e", "pass", "webhooks", "fine"),
        ]
    )
    findings = {f.rule: f for f in report.to_findings()}
    assert set(findings) == {"a", "b", "c", "d"}
    assert findings["a"].severity is Severity.ERROR
    assert findings["b"].severity is Severity.WARNING
    assert findings["c"].severity is Severity.WARNING and findings["c"].message == "could not verify: 403"
    assert findings["d"].severity is Severity.INFO
    assert all(f.path == PSEUDO_PATH and f.line == 1 for f in findings.values())
    assert len(report.to_findings(include_pass=True)) == 5


def test_worst_never_turns_a_failure_into_a_pass() -> None:
    assert worst(["pass", "could-not-verify"]) == "could-not-verify"
    assert worst(["pass", "not-run"]) == "pass"
    assert worst(["not-run", "not-run"]) == "not-run"
    assert worst(["warning", "fail", "could-not-verify"]) == "fail"


def test_release_trains() -> None:
    assert release_train("2026-10-28.endive") == "endive"
    assert release_train("2024-06-20") == "2024-06-20"


def test_readiness_warns_on_eventually_due_and_fails_on_disabled_reason() -> None:
    eventually = fx.account(requirements={"eventually_due": ["company.tax_id"]})
    result = run("account-readiness", live_facts(account=Fact(eventually)))
    assert result.status == "warning" and "eventually due: company.tax_id" in result.evidence
    disabled = fx.account(requirements={"disabled_reason": "requirements.past_due"})
    result = run("account-readiness", live_facts(account=Fact(disabled)))
    assert result.status == "fail" and "requirements.past_due" in result.message


def test_permission_failure_on_account_is_could_not_verify_with_grant_advice() -> None:
    failure = Failure("permission", "the key lacks the permission rak_x", 403, "rak_accounts_kyc_id_numbers_read")
    result = run("account-readiness", live_facts(account=Fact(failure=failure)))
    assert result.status == "could-not-verify"
    assert "rak_accounts_kyc_id_numbers_read" in result.fix


def test_disabled_endpoints_are_a_warning_when_one_is_enabled() -> None:
    endpoints = [
        fx.endpoint(1, "https://a.example.com/hook", ["*"]),
        fx.endpoint(2, "https://old.example.com/hook", ["*"], status="disabled"),
    ]
    result = run("live-webhook-endpoints", live_facts(live_endpoints=Fact(endpoints)))
    assert result.status == "warning" and "https://old.example.com/hook" in result.message


def test_parity_test_endpoint_with_all_events_needs_live_wildcard() -> None:
    test = [fx.endpoint(1, "https://staging.example.com/hook/", ["*"], live=False)]
    live = [fx.endpoint(1, "https://example.com/hook", ["invoice.paid"])]
    code = CodeFacts(handled_events=Fact({"invoice.paid": ["app.py:1"]}))
    result = run("webhook-parity", live_facts(live_endpoints=Fact(live), test_endpoints=Fact(test)), code)
    assert result.status == "fail"
    assert any("* (all events)" in line for line in result.evidence)


def test_parity_without_handler_analysis_could_not_verify() -> None:
    live = [fx.endpoint(1, "https://example.com/hook", ["*"])]
    facts = live_facts(live_endpoints=Fact(live), test_endpoints=Fact.missing("not-configured", "no test key given"))
    code = CodeFacts(handled_events=Fact.missing("unavailable", "no webhook-handler analysis"))
    result = run("webhook-parity", facts, code)
    assert result.status == "could-not-verify" and "no webhook-handler analysis" in result.message


def test_endpoint_version_mismatch_with_pin_is_a_warning_for_untyped_code() -> None:
    live = [fx.endpoint(1, "https://example.com/hook", ["*"], api_version="2024-06-20")]
    code = CodeFacts(versions=Fact({"pins": [{"version": VERSION, "where": "app.py:2"}], "sdks": []}))
    result = run("webhook-endpoint-version", live_facts(live_endpoints=Fact(live)), code)
    assert result.status == "warning" and "sends 2024-06-20, the code pins 2026-10-28.endive" in result.message


def test_typed_sdk_on_same_train_passes() -> None:
    live = [fx.endpoint(1, "https://example.com/hook", ["*"], api_version="2026-09-30.endive")]
    sdk = {"ecosystem": "dotnet", "package": "Stripe.net", "pinned_api_version": VERSION}
    code = CodeFacts(versions=Fact({"pins": [], "sdks": [sdk]}))
    result = run("webhook-endpoint-version", live_facts(live_endpoints=Fact(live)), code)
    assert result.status == "warning"  # same train (no construction failure), but not the exact version
    assert "event construction fails" not in result.message


def test_account_api_version_pass_and_differs() -> None:
    events = Fact([fx.event(1, "invoice.paid", api_version=VERSION)])
    pinned = CodeFacts(versions=Fact({"pins": [{"version": VERSION, "where": "a.py:1"}], "sdks": []}))
    assert run("account-api-version", live_facts(recent_events=events), pinned).status == "pass"
    older = Fact([fx.event(1, "invoice.paid", api_version="2024-06-20")])
    result = run("account-api-version", live_facts(recent_events=older), pinned)
    assert result.status == "warning" and "2024-06-20" in result.message


def test_undelivered_events_counted_by_type() -> None:
    summary = {"count": 7, "by_type": {"invoice.paid": 2, "checkout.session.completed": 5}, "truncated": True}
    result = run("webhook-delivery", live_facts(undelivered_events=Fact(summary)))
    assert result.status == "warning"
    assert result.message.startswith("at least 7 live event(s)")
    assert "checkout.session.completed ×5, invoice.paid ×2" in result.message


def test_live_key_answered_with_test_data_fails() -> None:
    endpoints = [fx.endpoint(1, "https://example.com/hook", ["*"], live=False)]
    result = run("api-keys", live_facts(live_endpoints=Fact(endpoints), account=Fact(fx.account())))
    assert result.status == "fail" and "test-mode data" in result.message


def test_publishable_key_is_not_usable() -> None:
    facts = AccountFacts(live_key=key_kind("pk_live_" + "x1" * 12).to_dict())
    result = run("api-keys", facts)
    assert result.status == "fail" and "publishable" in result.message


def test_live_objects_pass_when_code_references_nothing() -> None:
    code = CodeFacts(references=Fact({"ids": {}, "lookup_keys": {}}))
    result = run("live-objects", live_facts(), code)
    assert result.status == "pass" and "references no Stripe object" in result.message


def test_live_objects_not_in_snapshot_could_not_verify() -> None:
    code = CodeFacts(references=Fact({"ids": {fx.PRICE_LIVE: {"kind": "price", "locations": ["a.py:1"]}}}))
    result = run("live-objects", live_facts(), code)
    assert result.status == "could-not-verify" and "not recorded in the snapshot" in result.message


def test_invalid_coupon_fails() -> None:
    code = CodeFacts(references=Fact({"ids": {"SUMMER21": {"kind": "coupon", "locations": ["configuration"]}}}))
    facts = live_facts(objects={"SUMMER21": Fact({"kind": "coupon", "state": "live", "active": False})})
    result = run("live-objects", facts, code)
    assert result.status == "fail" and "coupon SUMMER21 is not valid in live mode" in result.message


def test_a_crashing_check_is_could_not_verify(monkeypatch) -> None:
    from golive_ci.account import runner
    from golive_ci.account.keys import Scrubber

    def broken(self, context):
        raise KeyError("boom")

    monkeypatch.setattr("golive_ci.account.checks.webhook_delivery.WebhookDelivery.run", broken)
    result = runner._run_check("webhook-delivery", CheckContext(live_facts(), CodeFacts()), Scrubber([]))
    assert result.status == "could-not-verify" and "failed internally" in result.message


def test_scrubber_hides_keys_but_not_short_placeholders() -> None:
    from golive_ci.account.keys import Scrubber

    live = fx.fake_key("rk_live_")
    scrub = Scrubber([live, "x", None])
    assert scrub(f"key {live} at https://example.com") == "key rk_live_… at https://example.com"
    assert live[8:20] not in scrub(f"echo {live[8:]}")
