"""Issue 11, class 9: outdated-sdk reports what matters for going live, at the severity that applies."""

from __future__ import annotations

from pathlib import Path

from golive_ci.findings import Severity
from tests.api_version_runner import findings_of, run_rules

RULES = ["outdated-sdk", "outdated-api-version"]


def test_two_majors_behind_within_a_year_is_not_reported(tmp_path: Path) -> None:
    files = {"package.json": '{"dependencies": {"stripe": "21.0.0"}}', "requirements.txt": "stripe==15.4.0\n"}
    assert findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk") == []


def test_three_majors_behind_is_a_warning(tmp_path: Path) -> None:
    [finding] = findings_of(run_rules(tmp_path, {"requirements.txt": "stripe==13.2.0\n"}, rules=RULES))
    assert finding.severity is Severity.WARNING and "3 major(s) behind" in finding.message


def test_sdk_before_default_pinning_is_an_error_only_when_no_code_pins_a_version(tmp_path: Path) -> None:
    manifest = {"package.json": '{"dependencies": {"stripe": "^8.0.0"}}'}
    [error] = findings_of(run_rules(tmp_path / "a", manifest, rules=RULES), "outdated-sdk")
    assert error.severity is Severity.ERROR and "no code of this repository pins a version" in error.message
    pinned = {
        **manifest,
        "server.js": "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY, { apiVersion: '2020-08-27' });\n",
    }
    [warning] = findings_of(run_rules(tmp_path / "b", pinned, rules=RULES), "outdated-sdk")
    assert warning.severity is Severity.WARNING and "predates" not in warning.message
    assert "sends no API version of its own (the code sets one)" in warning.message


def test_code_pinning_another_language_does_not_count(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"stripe": "^8.0.0"}}',
        "tools/report.py": "import stripe\nstripe.api_version = '2020-08-27'\n",
    }
    [finding] = findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk")
    assert finding.severity is Severity.ERROR


def test_dev_only_dependencies_are_at_most_info(tmp_path: Path) -> None:
    files = {
        "package.json": '{"devDependencies": {"stripe": "^8.0.0"}}',
        "composer.json": '{"require-dev": {"stripe/stripe-php": "^7.0"}}',
        "requirements-dev.txt": "stripe==5.5.0\n",
    }
    findings = findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk")
    assert len(findings) == 3 and {f.severity for f in findings} == {Severity.INFO}


def test_sdk_and_api_version_messages_agree_about_the_newest(tmp_path: Path) -> None:
    files = {
        "go.mod": "module x\n\nrequire github.com/stripe/stripe-go/v72 v72.122.0\n",
        "app.py": "import stripe\nstripe.api_version = '2020-08-27'\n",
    }
    report = run_rules(tmp_path, files, rules=RULES)
    [sdk] = findings_of(report, "outdated-sdk")
    [api] = findings_of(report, "outdated-api-version")
    assert "latest" not in sdk.message and "newest stripe-go major golive-ci knows" in sdk.message
    assert "newest known" in api.message and api.details["latest"] not in sdk.message


def test_test_scoped_java_and_ruby_dependencies_are_at_most_info(tmp_path: Path) -> None:
    files = {
        "pom.xml": "<project><dependencies><dependency><groupId>com.stripe</groupId><artifactId>stripe-java"
        "</artifactId><version>7.0.0</version><scope>test</scope></dependency></dependencies></project>",
        "build.gradle": "dependencies {\n    testImplementation 'com.stripe:stripe-java:7.0.0'\n}\n",
        "Gemfile": "group :development, :test do\n  gem 'stripe', '~> 8.0'\nend\n",
        "sub/Gemfile": "gem 'stripe', '~> 8.0', group: :test\n",
    }
    findings = findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk")
    assert len(findings) == 4 and {f.severity for f in findings} == {Severity.INFO}


def test_production_gem_outside_a_group_is_not_dev(tmp_path: Path) -> None:
    files = {"Gemfile": "gem 'stripe', '~> 8.0'\ngroup :test do\n  gem 'rspec'\nend\n"}
    [finding] = findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk")
    assert finding.severity is Severity.ERROR
