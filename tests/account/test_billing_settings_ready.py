"""billing-settings-ready: a default live portal configuration when the code relies on it, active live
tax settings when it enables automatic_tax; read only when the code needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.account.billing_usage import automatic_tax_lines, portal_sessions
from golive_ci.sourcefile import SourceFile
from tests.account import fixtures as fx
from tests.account.conftest import LIVE_KEY, run_checks, statuses
from tests.account.standin import Fault

PORTAL_ROUTE = "GET /v1/billing_portal/configurations"
TAX_ROUTE = "GET /v1/tax/settings"
# Stripe's 403 text for a restricted key; the permission ids are illustrative: the check names what Stripe names.
DENIED = (
    "The provided key '{key}' does not have the required permissions for this endpoint on account "
    "'acct_1StandIn0000000'. Having the '{permission}' permission would allow this request to continue."
)

PORTAL_CODE = """const session = await stripe.billingPortal.sessions.create({
  customer: customerId,
  return_url: `${origin}/account`,
});
"""
TAX_CODE = """session = stripe.checkout.Session.create(
    mode="subscription",
    line_items=[{"price": PRICE, "quantity": 1}],
    automatic_tax={"enabled": True},
)
"""


def write(root: Path, portal: bool = False, tax: bool = False) -> Path:
    fx.write_code(root)
    if portal:
        (root / "billing.js").write_text(PORTAL_CODE, encoding="utf-8")
    if tax:
        (root / "checkout.py").write_text(TAX_CODE, encoding="utf-8")
    return root


def test_nothing_to_read_when_the_code_needs_no_billing_setting(standin, tmp_path: Path) -> None:
    server = standin(fx.healthy())
    report = run_checks(write(tmp_path), server.url)
    result = report.result("billing-settings-ready")
    assert result is not None and result.status == "pass"
    assert not server.calls(PORTAL_ROUTE) and not server.calls(TAX_ROUTE)


def test_default_live_portal_configuration_passes(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.portal_configurations = [fx.portal_configuration(1)]
    server = standin(scenario)
    result = run_checks(write(tmp_path, portal=True), server.url).result("billing-settings-ready")
    assert result is not None and result.status == "pass"
    assert "default live portal configuration: bpc_L0001StandIn" in result.evidence
    assert [r.mode for r in server.calls(PORTAL_ROUTE)] == ["live"] and not server.calls(TAX_ROUTE)
    assert ("is_default", "true") in server.calls(PORTAL_ROUTE)[0].query


@pytest.mark.parametrize(
    ("configurations", "state"),
    [([], "does not exist"), ([fx.portal_configuration(1, active=False)], "is inactive")],
    ids=["none", "inactive"],
)
def test_missing_default_portal_configuration_fails(standin, tmp_path: Path, configurations, state: str) -> None:
    scenario = fx.healthy()
    scenario.live.portal_configurations = configurations
    scenario.test.portal_configurations = [fx.portal_configuration(9)]  # saved in test mode only
    result = run_checks(write(tmp_path, portal=True), standin(scenario).url).result("billing-settings-ready")
    assert result is not None and result.status == "fail"
    assert f"the default live billing portal configuration {state}" in result.message
    assert "billing.js:1" in result.message and result.fix


def test_portal_session_with_its_own_configuration_needs_no_default(standin, tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "billing.js").write_text(PORTAL_CODE.replace("customer:", "configuration: BPC, customer:"))
    server = standin(fx.healthy())
    result = run_checks(tmp_path, server.url).result("billing-settings-ready")
    assert result is not None and result.status == "pass" and not server.calls(PORTAL_ROUTE)


def test_active_tax_settings_pass(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.tax_settings = fx.tax_settings("active")
    server = standin(scenario)
    result = run_checks(write(tmp_path, tax=True), server.url).result("billing-settings-ready")
    assert result is not None and result.status == "pass"
    assert [r.mode for r in server.calls(TAX_ROUTE)] == ["live"]


def test_pending_tax_settings_fail_and_name_the_missing_fields(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.tax_settings = fx.tax_settings("pending", ["head_office", "defaults.tax_behavior"])
    scenario.test.tax_settings = fx.tax_settings("active")
    result = run_checks(write(tmp_path, tax=True), standin(scenario).url).result("billing-settings-ready")
    assert result is not None and result.status == "fail"
    assert "live tax settings are pending (missing: head_office, defaults.tax_behavior)" in result.message
    assert "checkout.py:4" in result.message
    assert "head_office, defaults.tax_behavior" in result.fix


def test_both_problems_are_reported_together(standin, tmp_path: Path) -> None:
    result = run_checks(write(tmp_path, portal=True, tax=True), standin(fx.healthy()).url).result(
        "billing-settings-ready"
    )
    assert result is not None and result.status == "fail"
    assert "portal configuration does not exist" in result.message and "(missing: head_office)" in result.message


@pytest.mark.parametrize(
    ("route", "permission", "words"),
    [
        (
            PORTAL_ROUTE,
            "rak_billing_portal_configuration_read",
            "could not list the live billing portal configurations",
        ),
        (TAX_ROUTE, "rak_tax_settings_read", "could not read the live tax settings"),
    ],
    ids=["portal", "tax"],
)
def test_403_names_the_permission(standin, tmp_path: Path, route: str, permission: str, words: str) -> None:
    scenario = fx.healthy()
    message = DENIED.format(key=LIVE_KEY, permission=permission)
    scenario.faults[route] = [Fault(403, {"type": "invalid_request_error", "message": message}, repeat=True)]
    scenario.live.portal_configurations = [fx.portal_configuration(1)]
    scenario.live.tax_settings = fx.tax_settings("active")
    report = run_checks(write(tmp_path, portal=True, tax=True), standin(scenario).url)
    result = report.result("billing-settings-ready")
    assert result is not None and result.status == "could-not-verify"
    assert words in result.message and f"the key lacks the permission {permission}" in result.message
    assert permission in result.fix
    keys = report.result("api-keys")
    assert keys is not None and keys.status == "warning" and permission in keys.message
    assert LIVE_KEY not in result.message


@pytest.mark.parametrize("route", [PORTAL_ROUTE, TAX_ROUTE])
@pytest.mark.parametrize(
    ("fault", "reason"),
    [(Fault(500, {"type": "api_error", "message": "internal"}, repeat=True), "HTTP 500"),
     (Fault(200, delay=0.6, repeat=True), "did not answer in time")],
    ids=["5xx", "timeout"],
)  # fmt: skip
def test_5xx_and_timeout_could_not_verify(standin, tmp_path: Path, route: str, fault: Fault, reason: str) -> None:
    scenario = fx.healthy()
    scenario.faults[route] = [fault]
    scenario.live.portal_configurations = [fx.portal_configuration(1)]
    scenario.live.tax_settings = fx.tax_settings("active")
    report = run_checks(write(tmp_path, portal=True, tax=True), standin(scenario).url)
    result = report.result("billing-settings-ready")
    assert result is not None and result.status == "could-not-verify" and reason in result.message
    assert statuses(report)["account-readiness"] == "pass"


def test_billing_facts_round_trip_through_a_snapshot(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.portal_configurations = [fx.portal_configuration(1)]
    root = write(tmp_path, portal=True)
    snapshot = tmp_path / "snap.json"
    run_checks(root, standin(scenario).url, snapshot_out=snapshot)
    report = run_checks(root, None, live_key=None, test_key=None, snapshot_in=snapshot)
    assert statuses(report)["billing-settings-ready"] == "pass"


PORTAL_CASES = {
    "a.js": ("await stripe.billingPortal.sessions.create({customer: c, return_url: u});", False),
    "b.ts": ("await stripe.billingPortal.sessions.create({customer: c, configuration: 'bpc_1'});", True),
    "c.py": ("session = stripe.billing_portal.Session.create(customer=c, return_url=u)", False),
    "d.py": ('session = client.v1.billing_portal.sessions.create({"customer": c, "configuration": cfg})', True),
    "e.rb": ("Stripe::BillingPortal::Session.create({customer: c, return_url: u})", False),
    "f.php": ('<?php $stripe->billingPortal->sessions->create(["customer" => $c]);', False),
    "g.php": ('<?php \\Stripe\\BillingPortal\\Session::create(["customer" => $c, "configuration" => $id]);', True),
    "h.go": ("package x\nvar p = &stripe.BillingPortalSessionParams{Customer: stripe.String(c)}", False),
    "i.go": ('package x\nvar p = &stripe.BillingPortalSessionParams{Configuration: stripe.String("bpc")}', True),
    "j.java": ("class A { Object p = com.stripe.param.billingportal.SessionCreateParams.builder().build(); }", False),
    "k.java": ("class A { Object p = billingportal.SessionCreateParams.builder().setConfiguration(c); }", True),
    "l.cs": ("class A { void F() { var o = new Stripe.BillingPortal.SessionCreateOptions { Customer = c }; } }", False),
    "n.cs": ("using Stripe.BillingPortal;\nclass A { object o = new SessionCreateOptions { Customer = c }; }", False),
    "m.cs": ('class A { object o = new Stripe.BillingPortal.SessionCreateOptions { Configuration = "bpc" }; }', True),
}  # fmt: skip


@pytest.mark.parametrize("path", list(PORTAL_CASES))
def test_portal_sessions_in_every_language(path: str) -> None:
    text, configured = PORTAL_CASES[path]
    found = portal_sessions(SourceFile(path=path, data=text.encode()))
    assert [session["configuration"] for session in found] == [configured]


@pytest.mark.parametrize(
    "text",
    [
        "stripe.billingPortal.configurations.create({features: {}})",  # a configuration, not a session
        "stripe.checkout.sessions.create({mode: 'payment'})",
        "const url = '/billing-portal/session/create'",
    ],
)
def test_not_portal_sessions(text: str) -> None:
    assert portal_sessions(SourceFile(path="x.js", data=text.encode())) == []


TAX_CASES = {
    "a.js": "stripe.checkout.sessions.create({ automatic_tax: { enabled: true }, mode: 'payment' })",
    "b.py": 'stripe.checkout.Session.create(automatic_tax={"enabled": True})',
    "c.rb": "Stripe::Checkout::Session.create({automatic_tax: {enabled: true}})",
    "d.php": "<?php $s->create(['automatic_tax' => ['enabled' => true]]);",
    "e.go": "package x\nvar t = &stripe.CheckoutSessionAutomaticTaxParams{Enabled: stripe.Bool(true)}",
    "f.java": "class A { Object t = SessionCreateParams.AutomaticTax.builder().setEnabled(true).build(); }",
    "g.cs": "class A { object o = new SessionCreateOptions { AutomaticTax = new() { Enabled = true } }; }",
}  # fmt: skip


@pytest.mark.parametrize("path", list(TAX_CASES))
def test_automatic_tax_in_every_language(path: str) -> None:
    assert automatic_tax_lines(SourceFile(path=path, data=TAX_CASES[path].encode())) != []


def test_automatic_tax_behind_a_setting_is_reported_once_at_the_parameter() -> None:
    text = "if SiteSetting.enable_automatic_tax\n  params[:automatic_tax] = { enabled: true }\nend\n"
    assert automatic_tax_lines(SourceFile(path="x.rb", data=text.encode())) == [2]


@pytest.mark.parametrize(
    "text",
    [
        "stripe.checkout.sessions.create({ automatic_tax: { enabled: false } })",
        "if (session.automatic_tax.enabled === true) { log() }",  # reading the field, not switching it on
        "const enabled = true; stripe.checkout.sessions.create({ mode: 'payment' })",
        "if (settings.enable_automatic_tax === true) { log() }",  # a setting named like the parameter
    ],
)
def test_automatic_tax_off_or_read_is_not_use(text: str) -> None:
    assert automatic_tax_lines(SourceFile(path="x.js", data=text.encode())) == []


def test_test_code_is_left_out(standin, tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "billing.test.js").write_text(PORTAL_CODE)
    server = standin(fx.healthy())
    result = run_checks(tmp_path, server.url).result("billing-settings-ready")
    assert result is not None and result.status == "pass" and not server.calls(PORTAL_ROUTE)
