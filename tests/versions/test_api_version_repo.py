"""Repository-wide API-version checks, in full scans and in pre-commit runs that see only staged files."""

from __future__ import annotations

import subprocess
from pathlib import Path

from golive_ci.hooks.stripe_api_version import API_VERSION_RULES
from golive_ci.hooks.stripe_api_version import main as hook_main

from golive_ci.findings import Severity
from golive_ci.rules import RULES, load_rule
from tests.api_version_runner import findings_of, lines_of, run_rules, write_tree
from tests.conftest import git

INCONSISTENT = "inconsistent-api-version"


def test_pins_that_disagree_are_listed_together(tmp_path: Path) -> None:
    files = {
        "billing/settings.py": "STRIPE_API_VERSION = '2026-10-28.endive'\n",
        "web/server.js": "const stripe = require('stripe')(k, { apiVersion: '2026-03-25.dahlia' });\n",
        "web/other.js": "const stripe = require('stripe')(k, { apiVersion: '2026-03-25.dahlia' });\n",
    }
    report = run_rules(tmp_path, files)
    found = findings_of(report, INCONSISTENT)
    assert sorted((f.path, f.line) for f in found) == [
        ("billing/settings.py", 1),
        ("web/other.js", 1),
        ("web/server.js", 1),
    ]
    assert all(f.severity is Severity.WARNING for f in found)
    message = found[0].message
    assert "2 different" in message and "2026-03-25.dahlia at web/other.js:1, web/server.js:1" in message
    assert "2026-10-28.endive at billing/settings.py:1" in message


def test_one_version_everywhere_is_consistent(tmp_path: Path) -> None:
    files = {
        "a.py": "import stripe\nstripe.api_version = '2026-10-28.endive'\n",
        "b.rb": "Stripe.api_version = '2026-10-28.endive'\n",
    }
    assert findings_of(run_rules(tmp_path, files), INCONSISTENT) == []


def test_pins_in_tests_do_not_count(tmp_path: Path) -> None:
    files = {
        "a.py": "import stripe\nstripe.api_version = '2026-10-28.endive'\n",
        "tests/test_old.py": "import stripe\nstripe.api_version = '2020-08-27'\n",
    }
    assert findings_of(run_rules(tmp_path, files), INCONSISTENT) == []


def test_suppressed_pin_is_not_reported(tmp_path: Path) -> None:
    files = {
        "a.py": "import stripe\nstripe.api_version = '2026-10-28.endive'\n",
        "b.py": "import stripe\nstripe.api_version = '2020-08-27'  # golive-ci: ignore[inconsistent-api-version]\n",
    }
    assert lines_of(run_rules(tmp_path, files), INCONSISTENT) == [("a.py", 2)]


def _repo(git_repo: Path, files: dict[str, str]) -> Path:
    write_tree(git_repo, files)
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "init")
    return git_repo


def test_partial_run_sees_the_global_version_set_in_an_unchanged_file(git_repo: Path) -> None:
    repo = _repo(git_repo, {"config/stripe_setup.py": "import stripe\nstripe.api_version = '2026-10-28.endive'\n"})
    (repo / "views.py").write_text("import os\nimport stripe\nstripe.api_key = os.environ['K']\n")
    report = run_rules(repo, partial_paths=["views.py"])
    assert findings_of(report, "unpinned-api-version") == []


def test_partial_run_without_a_global_version_reports_the_key(git_repo: Path) -> None:
    repo = _repo(git_repo, {"other.py": "import stripe\nstripe.Customer.list()\n"})
    (repo / "views.py").write_text("import os\nimport stripe\nstripe.api_key = os.environ['K']\n")
    report = run_rules(repo, partial_paths=["views.py"])
    assert lines_of(report, "unpinned-api-version") == [("views.py", 3)]


def test_partial_run_catches_a_second_version_against_committed_pins(git_repo: Path) -> None:
    repo = _repo(git_repo, {"settings.py": "STRIPE_API_VERSION = '2026-10-28.endive'\n"})
    (repo / "new.js").write_text("const stripe = require('stripe')(k, { apiVersion: '2026-03-25.dahlia' });\n")
    report = run_rules(repo, partial_paths=["new.js"])
    found = findings_of(report, INCONSISTENT)
    assert [(f.path, f.line) for f in found] == [("new.js", 1)]  # only staged files get findings
    assert "settings.py:1" in found[0].message


def test_partial_run_ignores_excluded_files(git_repo: Path) -> None:
    repo = _repo(git_repo, {"vendor_copy/stripe_old.py": "STRIPE_API_VERSION = '2019-02-11'\n"})
    (repo / "a.py").write_text("import stripe\nstripe.api_version = '2026-10-28.endive'\n")
    from golive_ci.config import parse_config

    report = run_rules(repo, partial_paths=["a.py"], config=parse_config({"exclude": ["vendor_copy"]}))
    assert findings_of(report, INCONSISTENT) == []


def test_hook_main_end_to_end_in_a_git_repository(git_repo: Path, monkeypatch, capsys) -> None:
    repo = _repo(git_repo, {"settings.py": "STRIPE_API_VERSION = '2026-10-28.endive'\n"})
    (repo / "pay.rb").write_text("client = Stripe::StripeClient.new(ENV['K'], stripe_version: '2026-10-28.endive')\n")
    (repo / "requirements.txt").write_text("stripe==16.1.0\n")
    monkeypatch.chdir(repo)
    assert hook_main(["pay.rb", "requirements.txt"]) == 0
    assert capsys.readouterr().out == ""
    (repo / "pay.rb").write_text("client = Stripe::StripeClient.new(ENV['K'])\n")
    assert hook_main(["pay.rb"]) == 1
    assert "pay.rb:1:10: unpinned-api-version" in capsys.readouterr().out


def test_hook_runs_every_api_version_rule_and_they_are_registered() -> None:
    assert set(API_VERSION_RULES) <= set(RULES)
    for slug in API_VERSION_RULES:
        info = load_rule(slug).info()
        assert info.summary and info.why.strip() and info.example.strip() and info.fix.strip()
        assert info.checklist == ("webhooks" if slug == "webhook-endpoint-api-version" else "api-version")


def test_hook_does_not_import_the_stripe_sdk(git_repo: Path) -> None:
    import subprocess
    import sys

    (git_repo / "a.py").write_text("import stripe\nstripe.api_key = k\n")
    code = (
        "import sys\nfrom golive_ci.hooks.stripe_api_version import main\n"
        "rc = main(['a.py'])\nassert 'stripe' not in sys.modules, 'stripe imported'\nprint('rc', rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=git_repo, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "rc 1" in result.stdout


def test_partial_run_ignores_pins_in_committed_tests(git_repo: Path) -> None:
    repo = _repo(git_repo, {"tests/test_billing.py": "import stripe\nstripe.api_version = '2020-08-27'\n"})
    (repo / "a.py").write_text("import stripe\nstripe.api_version = '2026-10-28.endive'\n")
    assert findings_of(run_rules(repo, partial_paths=["a.py"]), INCONSISTENT) == []


def test_partial_run_cache_is_used_and_refreshed(git_repo: Path) -> None:
    repo = _repo(git_repo, {"settings.py": "STRIPE_API_VERSION = '2026-10-28.endive'\n"})
    (repo / "new.py").write_text("import stripe\nstripe.api_version = '2026-10-28.endive'\n")
    assert findings_of(run_rules(repo, partial_paths=["new.py"]), INCONSISTENT) == []
    assert (repo / ".git" / "golive-ci" / "version-index-v1.json").is_file()
    (repo / "settings.py").write_text("STRIPE_API_VERSION = '2026-03-25.dahlia'  # changed since the last run\n")
    assert lines_of(run_rules(repo, partial_paths=["new.py"]), INCONSISTENT) == [("new.py", 2)]


def test_other_files_are_found_whatever_the_users_grep_settings(tmp_path: Path) -> None:
    from golive_ci.versions.repo_index import grep_candidates

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "pin.py").write_text('import stripe\nstripe.api_version = "2024-06-20"\n')
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "pin"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "grep.fullName", "true"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "color.ui", "always"], check=True)
    assert grep_candidates(tmp_path / "app") == ["pin.py"]
    assert grep_candidates(tmp_path) == ["app/pin.py"]


DAHLIA_CLIENT = "import Stripe from 'stripe';\nconst stripe = new Stripe(k, { apiVersion: '2026-03-25.dahlia' });\n"
ENDIVE_CLIENT = "import Stripe from 'stripe';\nconst stripe = new Stripe(k, { apiVersion: '2026-10-28.endive' });\n"


def test_pins_in_separate_deployables_are_not_compared(tmp_path: Path) -> None:
    files = {
        "apps/web/package.json": '{"name": "web"}\n',
        "apps/web/lib/stripe.ts": DAHLIA_CLIENT,
        "apps/web/scripts/sync.ts": DAHLIA_CLIENT,
        "packages/stripe-app/package.json": '{"name": "stripe-app"}\n',
        "packages/stripe-app/src/stripe.ts": ENDIVE_CLIENT,
    }
    assert findings_of(run_rules(tmp_path, files), INCONSISTENT) == []


def test_disagreement_inside_one_deployable_is_still_reported(tmp_path: Path) -> None:
    files = {
        "apps/web/package.json": '{"name": "web"}\n',
        "apps/web/lib/stripe.ts": DAHLIA_CLIENT,
        "apps/web/lib/deep/other.ts": ENDIVE_CLIENT,
        "packages/stripe-app/package.json": '{"name": "stripe-app"}\n',
        "packages/stripe-app/src/stripe.ts": ENDIVE_CLIENT,
    }
    found = findings_of(run_rules(tmp_path, files), INCONSISTENT)
    assert sorted(f.path for f in found) == ["apps/web/lib/deep/other.ts", "apps/web/lib/stripe.ts"]
    assert all("packages/stripe-app" not in f.message for f in found)


def test_preview_version_beside_the_ga_pin_is_deliberate(tmp_path: Path) -> None:
    files = {
        "service.py": (
            "import stripe\n"
            "stripe.api_version = '2026-01-28.clover'\n"
            "RISK_API_VERSION = '2026-03-25.preview'\n"
            "client = stripe.StripeClient(k)\n"
            "async def signals(account):\n"
            "    return await client.raw_request_async('get', '/v1/x', stripe_version=RISK_API_VERSION)\n"
        ),
        "other.py": "import stripe\nclient = stripe.StripeClient(k, stripe_version='2026-01-28.clover')\n",
    }
    assert findings_of(run_rules(tmp_path, files), INCONSISTENT) == []
