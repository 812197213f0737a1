"""unpinned-sdk and outdated-sdk findings: severities, messages, options."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Severity
from tests.api_version_runner import config_with, findings_of, run_rules

SDK_RULES = ["unpinned-sdk", "outdated-sdk"]


@pytest.mark.parametrize(
    ("name", "text", "severity"),
    [
        ("requirements.txt", "stripe\n", Severity.WARNING),
        ("package.json", '{"dependencies": {"stripe": "latest"}}', Severity.WARNING),
        ("package.json", '{"dependencies": {"stripe": "*", "typescript": "5"}}', Severity.ERROR),
        ("Gemfile", "gem 'stripe'\n", Severity.WARNING),
        ("composer.json", '{"require": {"stripe/stripe-php": ">=10"}}', Severity.WARNING),
        ("build.gradle", "dependencies { implementation 'com.stripe:stripe-java:+' }\n", Severity.ERROR),
        ("App.csproj", '<Project><ItemGroup><PackageReference Include="Stripe.net" Version="*"/></ItemGroup></Project>',
         Severity.ERROR),
    ],
)  # fmt: skip
def test_floating_dependency(tmp_path: Path, name: str, text: str, severity: Severity) -> None:
    [finding] = findings_of(run_rules(tmp_path, {name: text}, rules=SDK_RULES), "unpinned-sdk")
    assert finding.severity is severity and finding.path == name and "floats" in finding.message


def test_typescript_project_by_tsconfig(tmp_path: Path) -> None:
    files = {"package.json": '{"dependencies": {"stripe": "latest"}}', "tsconfig.json": "{}"}
    [finding] = findings_of(run_rules(tmp_path, files, rules=SDK_RULES), "unpinned-sdk")
    assert finding.severity is Severity.ERROR and "fixes the API version" in finding.message


def test_floating_spec_with_committed_lock_passes(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"stripe": "*"}}',
        "package-lock.json": '{"packages": {"node_modules/stripe": {"version": "23.1.0"}}}',
    }
    assert findings_of(run_rules(tmp_path, files, rules=SDK_RULES)) == []


def test_bounded_ranges_are_not_floating(tmp_path: Path) -> None:
    files = {"requirements.txt": "stripe>=16,<17\n", "package.json": '{"dependencies": {"stripe": "^23.0.0"}}'}
    assert findings_of(run_rules(tmp_path, files, rules=SDK_RULES)) == []


def test_outdated_go_names_both_pins(tmp_path: Path) -> None:
    files = {"go.mod": "module x\n\nrequire github.com/stripe/stripe-go/v72 v72.122.0\n"}
    [finding] = findings_of(run_rules(tmp_path, files, rules=SDK_RULES), "outdated-sdk")
    assert finding.severity is Severity.WARNING and finding.line == 3
    assert (
        "stripe-go v72 pins 2020-08-27; the newest stripe-go major golive-ci knows, v86, pins 2026-05-27.dahlia: "
        "14 major(s) and 5 year(s) behind" in finding.message
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("requirements.txt", "stripe==5.5.0\n"),
        ("package.json", '{"dependencies": {"stripe": "^8.0.0"}}'),
        ("Gemfile", "gem 'stripe', '~> 8.0'\n"),
        ("composer.json", '{"require": {"stripe/stripe-php": "^7.0"}}'),
        ("pom.xml", "<project><dependencies><dependency><groupId>com.stripe</groupId>"
         "<artifactId>stripe-java</artifactId><version>7.0.0</version></dependency></dependencies></project>"),
    ],
)  # fmt: skip
def test_sdk_older_than_default_pinning_is_an_error(tmp_path: Path, name: str, text: str) -> None:
    [finding] = findings_of(run_rules(tmp_path, {name: text}, rules=SDK_RULES), "outdated-sdk")
    assert finding.severity is Severity.ERROR and "predates default API-version pinning" in finding.message


def test_outdated_uses_the_lock_file_release(tmp_path: Path) -> None:
    files = {"Gemfile": "gem 'stripe'\n", "Gemfile.lock": "GEM\n  specs:\n    stripe (17.1.0)\n"}
    [finding] = findings_of(run_rules(tmp_path, files, rules=SDK_RULES), "outdated-sdk")
    assert "stripe-ruby 17 (from Gemfile.lock) pins 2025-10-29.clover; the newest stripe-ruby major" in finding.message


def test_current_majors_pass(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "stripe==16.1.0\n",
        "package.json": '{"dependencies": {"stripe": "23.1.0"}}',
        "go.mod": "module x\nrequire github.com/stripe/stripe-go/v86 v86.2.0\n",
        "pom.xml": "<project><dependencies><dependency><groupId>com.stripe</groupId>"
        "<artifactId>stripe-java</artifactId><version>34.0.0</version></dependency></dependencies></project>",
    }
    assert findings_of(run_rules(tmp_path, files, rules=SDK_RULES)) == []


def test_max_majors_behind_option(tmp_path: Path) -> None:
    files = {"requirements.txt": "stripe==13.2.0\n"}  # 3 majors behind 16, its pin exactly a year older
    assert len(findings_of(run_rules(tmp_path, files, rules=SDK_RULES), "outdated-sdk")) == 1
    config = config_with({"outdated-sdk": {"max-majors-behind": 3}})
    assert findings_of(run_rules(tmp_path, rules=SDK_RULES, config=config)) == []


def test_broken_manifest_is_a_notice(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"package.json": '{"dependencies": {"stripe": '}, rules=SDK_RULES)
    assert report.findings == []
    assert len(report.notices) == 1 and "cannot parse package.json" in report.notices[0].message


def test_suppression_in_a_manifest(tmp_path: Path) -> None:
    files = {"requirements.txt": "stripe  # golive-ci: ignore[unpinned-sdk]\n"}
    assert findings_of(run_rules(tmp_path, files, rules=SDK_RULES)) == []
