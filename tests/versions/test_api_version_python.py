"""unpinned/unknown/outdated-api-version on Python: every initialisation style, positives and traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Severity
from tests.api_version_runner import config_with, findings_of, lines_of, run_rules

UNPINNED = "unpinned-api-version"


def test_global_api_key_without_version_is_an_error(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"app.py": "import os\nimport stripe\nstripe.api_key = os.environ['K']\n"})
    [finding] = findings_of(report, UNPINNED)
    assert (finding.path, finding.line, finding.severity) == ("app.py", 3, Severity.ERROR)
    from golive_ci.versions.knowledge import latest_api_version

    assert f'stripe.api_version = "{latest_api_version()}"' in finding.message  # the concrete value to write


def test_global_version_in_another_file_pins_the_program(tmp_path: Path) -> None:
    files = {
        "app.py": "import os\nimport stripe\nstripe.api_key = os.environ['K']\n",
        "settings.py": "import stripe\nstripe.api_version = '2026-10-28.endive'\n",
    }
    assert findings_of(run_rules(tmp_path, files)) == []


def test_global_version_of_another_language_does_not_pin_python(tmp_path: Path) -> None:
    files = {
        "app.py": "import os\nimport stripe\nstripe.api_key = os.environ['K']\n",
        "app.rb": "Stripe.api_version = '2026-10-28.endive'\n",
    }
    assert lines_of(run_rules(tmp_path, files), UNPINNED) == [("app.py", 3)]


def test_module_alias_is_followed(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"app.py": "import stripe as s\ns.api_key = 'x'\n"})
    assert lines_of(report, UNPINNED) == [("app.py", 2)]


def test_api_version_none_means_account_default(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"app.py": "import stripe\nstripe.api_key = 'k'\nstripe.api_version = None\n"})
    [finding] = findings_of(report, UNPINNED)
    assert finding.line == 3 and "account's default" in finding.message


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("StripeClient(key)", [("c.py", 3)]),
        ("stripe.StripeClient(key)", [("c.py", 3)]),
        ("StripeClient(key, stripe_version=None)", [("c.py", 3)]),
        ("StripeClient(key, stripe_version='')", [("c.py", 3)]),
        ("StripeClient(key, stripe_version='2026-10-28.endive')", []),
        ("StripeClient(key, stripe_version=settings.STRIPE_API_VERSION)", []),
        ("StripeClient(key, stripe_version=VERSION)", []),
        ("StripeClient(key, **options)", []),
        ("StripeClient(key, stripe_version=os.environ.get('V', '2026-10-28.endive'))", []),
    ],
)
def test_stripe_client_styles(tmp_path: Path, call: str, expected: list[tuple[str, int]]) -> None:
    source = f"import stripe\nfrom stripe import StripeClient\nclient = {call}\n"
    assert lines_of(run_rules(tmp_path, {"c.py": source}), UNPINNED) == expected


@pytest.mark.parametrize(
    "reader", ["os.environ['STRIPE_API_VERSION']", "os.getenv('STRIPE_API_VERSION')", "env('STRIPE_API_VERSION')"]
)
def test_version_from_environment_without_default_is_a_warning(tmp_path: Path, reader: str) -> None:
    source = f"import os\nfrom stripe import StripeClient\nclient = StripeClient(key, stripe_version={reader})\n"
    [finding] = findings_of(run_rules(tmp_path, {"c.py": source}), UNPINNED)
    assert finding.severity is Severity.WARNING and "STRIPE_API_VERSION" in finding.message


def test_global_version_from_environment_warns_once_and_pins_the_key(tmp_path: Path) -> None:
    source = "import os, stripe\nstripe.api_key = os.environ['K']\nstripe.api_version = os.environ['V']\n"
    [finding] = findings_of(run_rules(tmp_path, {"a.py": source}), UNPINNED)
    assert (finding.line, finding.severity) == (3, Severity.WARNING)


def test_constant_in_the_same_file_is_resolved_and_checked(tmp_path: Path) -> None:
    source = "import stripe\nAPI_VERSION = '2023-10-15'\nstripe.api_key = 'k'\nstripe.api_version = API_VERSION\n"
    report = run_rules(tmp_path, {"a.py": source})
    assert findings_of(report, UNPINNED) == []
    [unknown] = findings_of(report, "unknown-api-version")
    assert unknown.line == 2 and "2023-10-16" in unknown.message


@pytest.mark.parametrize(
    "source",
    [
        "from payments.fake import StripeClient\nclient = StripeClient(key)\n",  # another library's class
        "class StripeClient:\n    pass\n\nclient = StripeClient('stripe')\n",  # a local class
        "import stripe\n# stripe.api_key = 'k'\n# client = stripe.StripeClient(key)\n",  # commented out
        "import stripe\ns = 'stripe.api_key = x'\n",  # in a string
        "stripe_api_key = 'k'\nstripe_client = make_client(stripe_api_key)\n",  # names that only look alike
    ],
)
def test_traps_are_not_flagged(tmp_path: Path, source: str) -> None:
    assert findings_of(run_rules(tmp_path, {"mod.py": source})) == []


def test_test_files_are_skipped_unless_configured(tmp_path: Path) -> None:
    files = {"tests/test_pay.py": "import stripe\nstripe.api_key = 'k'\nstripe.api_version = '2019-01-01'\n"}
    assert findings_of(run_rules(tmp_path, files)) == []
    config = config_with({UNPINNED: {"include-tests": True}, "unknown-api-version": {"include-tests": True}})
    report = run_rules(tmp_path, config=config)
    assert lines_of(report, "unknown-api-version") == [("tests/test_pay.py", 3)]


def test_suppression_comment_silences_a_global_init(tmp_path: Path) -> None:
    source = "import stripe\nstripe.api_key = 'k'  # golive-ci: ignore[unpinned-api-version]\n"
    assert findings_of(run_rules(tmp_path, {"a.py": source})) == []


def test_unparseable_file_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"broken.py": "import stripe\ndef (:\n"})
    assert report.findings == []
    assert [n.path for n in report.notices] == ["broken.py"]
    assert "could not parse" in report.notices[0].message


@pytest.mark.parametrize(
    ("version", "severity", "fragment"),
    [
        ("2023-10-15", Severity.ERROR, "did you mean 2023-10-16"),
        ("2025-03-31.clover", Severity.ERROR, "write 2025-03-31.basil"),
        ("2025-03-31", Severity.ERROR, "write 2025-03-31.basil"),
        ("latest", Severity.ERROR, "not a Stripe API version"),
        ("2026-02-25.preview", Severity.WARNING, ".preview"),
        ("2020-08-27; orders_beta=v3", Severity.WARNING, "beta"),
        ("2025-03-01.dashboard", Severity.WARNING, "not a public changelog release"),
        ("2027-01-27.endive", Severity.WARNING, "newer than golive-ci's version table"),
    ],
)
def test_unknown_versions(tmp_path: Path, version: str, severity: Severity, fragment: str) -> None:
    source = f"import stripe\nstripe.api_version = {version!r}\n"
    [finding] = findings_of(run_rules(tmp_path, {"a.py": source}), "unknown-api-version")
    assert finding.severity is severity and fragment in finding.message


def test_per_request_version_is_checked(tmp_path: Path) -> None:
    source = "import stripe\nstripe.Customer.create(email='a', stripe_version='2024-13-01')\n"
    assert lines_of(run_rules(tmp_path, {"a.py": source}), "unknown-api-version") == [("a.py", 2)]


@pytest.mark.parametrize(
    ("version", "outdated"),
    [("2024-06-20", True), ("2020-08-27", True), ("2025-03-31.basil", True), ("2026-03-25.dahlia", False)],
)
def test_outdated_versions(tmp_path: Path, version: str, outdated: bool) -> None:
    report = run_rules(tmp_path, {"a.py": f"import stripe\nstripe.api_version = '{version}'\n"})
    found = findings_of(report, "outdated-api-version")
    assert bool(found) is outdated
    if outdated:
        assert found[0].severity is Severity.WARNING and "2026-10-28.endive" in found[0].message


def test_outdated_names_the_release_train(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"a.py": "import stripe\nstripe.api_version = '2025-03-31.basil'\n"})
    assert "(basil)" in findings_of(report, "outdated-api-version")[0].message
    report = run_rules(tmp_path, {"a.py": "import stripe\nstripe.api_version = '2022-11-15'\n"})
    assert "legacy, pre-acacia" in findings_of(report, "outdated-api-version")[0].message


def test_outdated_threshold_is_configurable(tmp_path: Path) -> None:
    files = {"a.py": "import stripe\nstripe.api_version = '2026-01-28.clover'\n"}
    assert findings_of(run_rules(tmp_path, files), "outdated-api-version") == []
    config = config_with({"outdated-api-version": {"max-age-days": 30}})
    assert lines_of(run_rules(tmp_path, config=config), "outdated-api-version") == [("a.py", 2)]


def test_stripe_version_constant_in_settings_is_a_pin(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"settings.py": "STRIPE_API_VERSION = '2019-02-11'\n", "other.py": "import stripe\n"})
    assert lines_of(report, "outdated-api-version") == [("settings.py", 1)]
