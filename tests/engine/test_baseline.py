"""Adopting golive-ci on an existing codebase: `golive-ci baseline`, then only new findings fail (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive_ci.cli import main
from golive_ci.fingerprints import content_fingerprint
from hooks import stripe_golive, stripe_secret_keys
from tests.conftest import git
from tests.keys import key

LIVE = key("sk_live", seed=81)
PAY = 'import stripe\n\n\ndef pay(order):\n    stripe.Charge.create(amount=order.total, currency="usd")\n'
REFUND = "\n\ndef refund(charge):\n    stripe.Refund.create(charge=charge)\n"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def legacy(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An existing Stripe codebase with an old error (a committed key) and an old warning."""
    (git_repo / "settings.py").write_text(f'STRIPE_KEY = "{LIVE}"\nDEBUG = False\n')
    (git_repo / "billing.py").write_text(PAY)
    (git_repo / "tests").mkdir()
    (git_repo / "tests" / "test_billing.py").write_text("def test_declined_card(): assert 'card_declined'\n")
    commit_all(git_repo, "legacy")
    monkeypatch.chdir(git_repo)
    return git_repo


def test_adopting_then_a_clean_change_passes_and_a_new_finding_fails(
    legacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "scan", ".")[0] == 1  # the old key fails before adoption
    code, out, _ = run_cli(capsys, "baseline")
    assert code == 0 and "wrote" in out
    document = json.loads((legacy / ".golive-ci-baseline.json").read_text())
    rules = sorted(entry["rule"] for entry in document["entries"])
    assert rules == ["idempotency-key", "secret-key", "secret-key-history"]
    assert all(set(e) >= {"rule", "path", "fingerprint", "description"} for e in document["entries"])
    assert LIVE not in (legacy / ".golive-ci-baseline.json").read_text()  # masked, never the key
    assert run_cli(capsys, "scan", ".")[0] == 0

    # A clean change: lines move, the file is reformatted elsewhere, the old lines re-indented.
    (legacy / "settings.py").write_text(f'# Settings\nDEBUG = True\n\nSTRIPE_KEY  =  "{LIVE}"\n')
    (legacy / "billing.py").write_text("import os\n" + PAY.replace("    stripe", "    stripe", 1))
    code, out, _ = run_cli(capsys, "scan", ".")
    assert code == 0, out
    assert stripe_secret_keys.main(["settings.py"]) == 0
    assert stripe_golive.main(["settings.py", "billing.py"]) == 0
    assert "stale" not in out

    # A new finding fails the scan and the hook, old ones stay quiet.
    (legacy / "billing.py").write_text(PAY + f'\nOTHER = "{key("sk_live", seed=82)}"\n')
    code, out, _ = run_cli(capsys, "scan", ".")
    assert code == 1 and out.count("secret-key ") == 1 and "settings.py" not in out
    assert stripe_secret_keys.main(["billing.py", "settings.py"]) == 1


def test_a_fixed_finding_makes_its_entry_stale_and_update_drops_it(
    legacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "baseline", "--history", "false")
    (legacy / "billing.py").write_text(PAY.replace("currency=", "idempotency_key=order.key, currency="))
    code, out, _ = run_cli(capsys, "scan", ".")
    assert code == 0
    assert "billing.py: stale baseline entry (idempotency-key" in out and "--update" in out
    # An explicit run over some files (a hook) never calls entries stale.
    assert "stale" not in run_cli(capsys, "scan", "settings.py")[1]
    code, _, err = run_cli(capsys, "baseline", "--history", "false")
    assert code == 2 and "already exists" in err and "--update" in err
    code, out, _ = run_cli(capsys, "baseline", "--update", "--history", "false")
    assert code == 0 and "dropped 1 stale entry" in out
    assert "stale" not in run_cli(capsys, "scan", ".")[1]


def test_show_baselined_no_baseline_and_json_mark(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "baseline", "--history", "false")
    code, out, _ = run_cli(capsys, "scan", "--format", "json", ".")
    document = json.loads(out)
    assert code == 0 and document["findings"] == [] and document["summary"]["baselined"] == 2
    code, out, _ = run_cli(capsys, "scan", "--format", "json", "--show-baselined", ".")
    shown = json.loads(out)["findings"]
    assert code == 0 and len(shown) == 2 and all(f["baselined"] is True for f in shown)
    assert {"rule", "severity", "path", "line", "column", "message", "checklist", "fingerprint"} <= set(shown[0])
    code, out, _ = run_cli(capsys, "scan", "--show-baselined", ".")
    assert "[baselined]" in out and "2 baselined finding(s) not counted" in out
    code, out, _ = run_cli(capsys, "scan", "--no-baseline", "--format", "json", ".")
    assert code == 1 and all("baselined" not in f for f in json.loads(out)["findings"])
    assert stripe_secret_keys.main(["--no-baseline", "settings.py"]) == 1


def test_configured_name_and_paths_that_leave_the_repository(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (legacy / ".golive-ci.toml").write_text('baseline = "ci/known-findings.json"\n')
    code, _, err = run_cli(capsys, "scan", ".")
    assert code == 2 and "ci/known-findings.json does not exist" in err and "golive-ci baseline" in err
    assert run_cli(capsys, "baseline", "--history", "false")[0] == 0
    assert (legacy / "ci" / "known-findings.json").is_file()
    assert run_cli(capsys, "scan", ".")[0] == 0
    (legacy / "ci" / "known-findings.jsn").write_text("{}")
    (legacy / "ci" / "known-findings.json").unlink()
    code, _, err = run_cli(capsys, "scan", ".")
    assert code == 2 and "did you mean 'known-findings.jsn'" in err
    (legacy / ".golive-ci.toml").write_text('baseline = "../outside.json"\n')
    code, _, err = run_cli(capsys, "scan", ".")
    assert code == 2 and "outside the repository" in err
    assert run_cli(capsys, "baseline")[0] == 2
    assert not (legacy.parent / "outside.json").exists()
    code, _, err = run_cli(capsys, "scan", "--baseline", "/tmp/elsewhere.json", ".")
    assert code == 2 and "outside the repository" in err


def test_a_broken_baseline_is_a_clear_error(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (legacy / ".golive-ci-baseline.json").write_text("{not json")
    code, _, err = run_cli(capsys, "scan", ".")
    assert code == 2 and "not valid JSON" in err
    (legacy / ".golive-ci-baseline.json").write_text('{"entries": [{"rule": "secret-key"}]}')
    code, _, err = run_cli(capsys, "scan", ".")
    assert code == 2 and "entry 1" in err
    assert stripe_secret_keys.main(["settings.py"]) == 2


def test_identical_findings_are_counted_not_merged(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "baseline", "--history", "false")
    (legacy / "billing.py").write_text(PAY + PAY.split("\n\n\n", 1)[1].replace("def pay", "def pay_again"))
    code, out, _ = run_cli(capsys, "scan", "--fail-on", "warning", ".")
    assert code == 1 and out.count("idempotency-key") == 1  # one of the two identical lines is new


def test_scanning_a_subfolder_matches_entries_by_repository_path(
    legacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (legacy / "svc").mkdir()
    (legacy / "svc" / "pay.py").write_text(PAY)
    run_cli(capsys, "baseline", "--history", "false")
    entries = json.loads((legacy / ".golive-ci-baseline.json").read_text())["entries"]
    assert "svc/pay.py" in {e["path"] for e in entries}
    code, out, _ = run_cli(capsys, "scan", "--fail-on", "warning", "svc")
    assert code == 0 and "stale" not in out


def test_fingerprint_ignores_whitespace_and_line_numbers_but_not_content() -> None:
    assert content_fingerprint("r", ["  x = f( 1 )"]) == content_fingerprint("r", ["x=f(1)"])
    assert content_fingerprint("r", ["x = f(1)"]) != content_fingerprint("r", ["x = f(2)"])
    assert content_fingerprint("r", ["x"]) != content_fingerprint("s", ["x"])
    # card numbers never feed a digest: only the line without its digits does
    assert content_fingerprint("card-number", ['c = "4242424242424242"']) == content_fingerprint(
        "card-number", ['c = "4000000000000002"']
    )


def test_hook_fail_on_and_statistics(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert stripe_golive.main(["--select", "idempotency-key", "billing.py"]) == 0  # a warning
    assert stripe_golive.main(["--select", "idempotency-key", "--fail-on", "warning", "billing.py"]) == 1
    capsys.readouterr()
    code, out, _ = run_cli(capsys, "scan", "--statistics", ".")
    assert code == 1
    rows = sorted(line.split() for line in out.splitlines()[:-1])
    assert rows == [["1", "idempotency-key", "warning"], ["1", "secret-key", "error"]]
    assert out.rstrip().endswith("Found 2 problem(s).") and "sk_live" not in out
    code, out, _ = run_cli(capsys, "scan", "--statistics", "--format", "json", ".")
    assert code == 1 and json.loads(out) == [
        {"rule": "idempotency-key", "severity": "warning", "count": 1},
        {"rule": "secret-key", "severity": "error", "count": 1},
    ]


def test_paths_are_relative_to_the_working_folder_and_decline_tests_is_off_for_partial_scans(
    legacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (legacy / "svc" / "api").mkdir(parents=True)
    (legacy / "svc" / "api" / "pay.py").write_text(PAY)
    code, out, _ = run_cli(capsys, "scan", "--no-baseline", "--fail-on", "warning", "svc/api")
    assert code == 1 and out.startswith("svc/api/pay.py:5:")  # openable from here, as ruff shows it
    assert "decline-tests did not run" in out and "sub-folder" in out
    code, out, _ = run_cli(capsys, "scan", "--no-baseline", "--select", "decline-tests", "billing.py")
    assert code == 0 and "decline-tests did not run" in out
    out = run_cli(capsys, "scan", "--no-baseline", "--select", "secret-key", ".")[1]
    assert "did not run" not in out and "settings.py:1:" in out


def test_a_rotation_recorded_in_the_baseline(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(legacy, "rm", "-q", "settings.py")
    commit_all(legacy, "unleak")
    run_cli(capsys, "baseline")
    path = legacy / ".golive-ci-baseline.json"
    document = json.loads(path.read_text())
    history = [e for e in document["entries"] if e["rule"] == "secret-key-history"]
    assert len(history) == 1 and "sk_live_…" in history[0]["description"]
    history[0]["rotated"] = "2026-11-30"
    path.write_text(json.dumps(document))
    from golive_ci.baseline import load_baseline

    assert load_baseline(path).rotated() == {history[0]["fingerprint"]: "2026-11-30"}
    # --update keeps the record of the rotation
    run_cli(capsys, "baseline", "--update")
    kept = [e for e in json.loads(path.read_text())["entries"] if e["rule"] == "secret-key-history"]
    assert kept[0]["rotated"] == "2026-11-30"


def test_update_over_part_of_the_repository_keeps_the_rest(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (legacy / "svc").mkdir()
    (legacy / "svc" / "pay.py").write_text(PAY)
    run_cli(capsys, "baseline")
    path = legacy / ".golive-ci-baseline.json"

    def entries() -> list[tuple[str, str]]:
        return sorted((e["rule"], e["path"]) for e in json.loads(path.read_text())["entries"])

    before = entries()
    assert ("secret-key-history", "settings.py") in before and ("idempotency-key", "svc/pay.py") in before
    (legacy / "svc" / "pay.py").write_text("print('fixed')\n")
    assert run_cli(capsys, "baseline", "--update", "svc")[0] == 0
    assert entries() == [entry for entry in before if entry != ("idempotency-key", "svc/pay.py")]
    assert run_cli(capsys, "baseline", "--update", "--select", "secret-key", "--history", "false")[0] == 0
    assert ("idempotency-key", "billing.py") in entries() and ("secret-key-history", "settings.py") in entries()


def test_a_scan_that_scanned_nothing_says_so(legacy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (legacy / ".golive-ci.toml").write_text('exclude = ["*"]\n')
    code, out, _ = run_cli(capsys, "scan", "--no-baseline", ".")
    assert code == 0 and "nothing was scanned" in out and "nothing was checked" in out


def test_repository_wide_findings_survive_line_moves_too(git_repo: Path, monkeypatch, capsys) -> None:
    (git_repo / "svc").mkdir()
    (git_repo / "svc" / "a.py").write_text('import stripe\nstripe.api_version = "2024-06-20"\n')
    (git_repo / "svc" / "b.py").write_text('import stripe\nstripe.api_version = "2025-01-27.acacia"\n')
    commit_all(git_repo, "two pins")
    monkeypatch.chdir(git_repo)
    args = ["--select", "inconsistent-api-version", "--fail-on", "info"]
    assert run_cli(capsys, "scan", *args, ".")[0] == 1
    assert run_cli(capsys, "baseline", *args[:2], "--history", "false")[0] == 0
    (git_repo / "svc" / "a.py").write_text('"""Billing."""\n\nimport stripe\n\nstripe.api_version  =  "2024-06-20"\n')
    code, out, _ = run_cli(capsys, "scan", *args, ".")
    assert code == 0 and "stale" not in out, out
    code, out, _ = run_cli(capsys, "scan", *args, "svc")
    assert code == 0 and "stale" not in out, out


def test_a_baseline_link_out_of_the_repository_is_refused(legacy: Path, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"entries": []}')
    (legacy / ".golive-ci-baseline.json").symlink_to(outside)
    code, _, err = run_cli(capsys, "scan", ".")
    assert code == 2 and "outside the repository" in err
    assert run_cli(capsys, "baseline", "--update")[0] == 2
    assert outside.read_text() == '{"entries": []}'  # never written through the link
