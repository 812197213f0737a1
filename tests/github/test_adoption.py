"""``golive-ci ci`` on an existing codebase: baseline, --new-only, the whole key history, rotations (issue 12)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from golive_ci.cli import main
from golive_ci.config import Config, parse_config
from golive_ci.github.pipeline import CiOptions
from golive_ci.github.publish import run_ci
from tests.github.test_pipeline import commit, environment, pr_event
from tests.keys import key

OLD_KEY = key("sk_live", seed=71)
NEW_KEY = key("sk_live", seed=72)
PAY = 'import stripe\n\n\ndef pay(order):\n    stripe.Charge.create(amount=order.total, currency="usd")\n'


def run(repo: Path, env: dict[str, str], config: Config | None = None, **options: object) -> tuple[int, str, str]:
    out = io.StringIO()
    code = run_ci(CiOptions(path=repo, config=config or Config(), comment=False, **options), env, out)  # type: ignore[arg-type]
    summary = Path(env["GITHUB_STEP_SUMMARY"])
    return code, out.getvalue(), summary.read_text(encoding="utf-8") if summary.exists() else ""


def legacy_repo(repo: Path) -> str:
    return commit(repo, {"settings.py": f'KEY = "{OLD_KEY}"\n', "billing.py": PAY}, "legacy")


def test_ci_honours_the_baseline_and_counts_known_and_new(git_repo: Path, tmp_path: Path, monkeypatch) -> None:
    legacy_repo(git_repo)
    monkeypatch.chdir(git_repo)
    assert main(["baseline"]) == 0
    base = commit(git_repo, {}, "adopt golive-ci")  # the baseline file is committed
    head = commit(git_repo, {"README.md": "docs\n", "billing.py": "# billing\n" + PAY}, "clean change")
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)))
    assert code == 0, out
    assert "::error" not in out
    assert "known (baselined), 0 new" in summary
    assert OLD_KEY not in out + summary

    assert "changes the baseline" not in summary
    head = commit(git_repo, {"more.py": f'K = "{NEW_KEY}"\n'}, "new key")
    (tmp_path / "summary").unlink()
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)))
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert errors and all("more.py" in line for line in errors)  # only the new key is annotated
    assert "new: " in summary and "new in this pull request" in summary
    assert NEW_KEY not in out + summary

    # A pull request that baselines its own new key passes, but the run says the baseline changed.
    assert main(["baseline", "--update"]) == 0
    head = commit(git_repo, {}, "baseline the new key")
    (tmp_path / "summary").unlink()
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)))
    assert code == 0 and "this pull request changes the baseline .golive-ci-baseline.json" in summary
    code, _, _ = run(git_repo, environment(tmp_path, pr_event(base, head)), new_only=True)
    assert code == 1  # --new-only compares with the merge base, whatever the baseline says


def test_new_only_fails_on_a_new_finding_only(git_repo: Path, tmp_path: Path) -> None:
    base = legacy_repo(git_repo)
    head = commit(git_repo, {"billing.py": "import os\n" + PAY, "docs.md": "hello\n"}, "clean change")
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)), new_only=True)
    assert code == 0, out
    assert "already present at the merge base" in summary
    assert "::error" not in out

    # Without --new-only the old errors fail the same pull request.
    (tmp_path / "summary").unlink()
    assert run(git_repo, environment(tmp_path, pr_event(base, head)))[0] == 1

    head = commit(git_repo, {"refund.py": f'import stripe\nstripe.api_key = "{NEW_KEY}"\n'}, "new key")
    (tmp_path / "summary").unlink()
    code, out, _ = run(git_repo, environment(tmp_path, pr_event(base, head)), new_only=True)
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert errors and all("refund.py" in line for line in errors)
    assert not any("settings.py" in line for line in errors)


def test_new_only_outside_a_pull_request_counts_everything(git_repo: Path, tmp_path: Path) -> None:
    legacy_repo(git_repo)
    env = environment(tmp_path, {"ref": "refs/heads/main", "before": "0" * 40})
    code, _, summary = run(git_repo, env, new_only=True)
    assert code == 1 and "--new-only applies to pull requests" in summary


def test_key_removed_before_the_base_shows_and_a_recorded_rotation_passes(git_repo: Path, tmp_path: Path) -> None:
    commit(git_repo, {"settings.py": f'KEY = "{OLD_KEY}"\n'}, "leak")
    base = commit(git_repo, {"settings.py": 'import os\nKEY = os.environ["STRIPE_KEY"]\n'}, "unleak")
    head = commit(git_repo, {"app.py": "print('hi')\n"}, "feature")
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)))
    assert code == 1
    assert "secret-key-history: Stripe live secret key sk\\_live\\_…" in summary
    assert "new in this pull request" not in summary  # committed before the base
    fingerprint = json.loads((tmp_path / "golive-ci.sarif").read_text())["runs"][0]["results"][0][
        "partialFingerprints"
    ]["golive-ci/v1"]
    assert f'rotated = \\["{fingerprint}"\\]' in summary  # the message tells which fingerprint to record

    config = parse_config(
        {"rules": {"secret-key-history": {"rotated": [{"fingerprint": fingerprint, "date": "2026-11-02"}]}}}
    )
    (tmp_path / "summary").unlink()
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)), config=config)
    assert code == 0, out
    assert "### ✅ Key rotation" in summary
    assert "- ✅ [settings.py:1]" in summary and "was rotated on 2026-11-02" in summary
    assert OLD_KEY not in out + summary


def test_account_evidence_items_are_not_verified_without_a_live_key(git_repo: Path, tmp_path: Path) -> None:
    commit(git_repo, {"app.py": "print('hello')\n"}, "clean")
    code, _, summary = run(git_repo, environment(tmp_path), history=False)
    assert code == 0
    for title in ("Test objects recreated in live mode", "Webhooks"):
        section = summary.split(f"### ⏭ {title}", 1)[1].split("###", 1)[0]
        assert "not verified" in section and "no live key given" in section
    assert "### ✅ Webhooks" not in summary and "### ✅ Test objects" not in summary


def test_nothing_passes_when_every_file_was_excluded(git_repo: Path, tmp_path: Path) -> None:
    commit(git_repo, {"app.py": "print('hello')\n"}, "clean")
    config = parse_config({"exclude": ["*"]})
    code, _, summary = run(git_repo, environment(tmp_path), config=config, history=False)
    assert code == 0
    assert "### ✅" not in summary
    assert "not verified: no file was scanned" in summary


def test_a_rotation_recorded_in_the_baseline_passes_ci(git_repo: Path, tmp_path: Path, monkeypatch) -> None:
    commit(git_repo, {"settings.py": f'KEY = "{OLD_KEY}"\n'}, "leak")
    commit(git_repo, {"settings.py": "KEY = None\n"}, "unleak")
    monkeypatch.chdir(git_repo)
    assert main(["baseline"]) == 0
    path = git_repo / ".golive-ci-baseline.json"
    document = json.loads(path.read_text())
    for entry in document["entries"]:
        entry["rotated"] = "2026-10-01"
    path.write_text(json.dumps(document))
    base = commit(git_repo, {}, "adopt")
    head = commit(git_repo, {"app.py": "print('hi')\n"}, "feature")
    code, out, summary = run(git_repo, environment(tmp_path, pr_event(base, head)))
    assert code == 0, out
    assert "### ✅ Key rotation" in summary and "was rotated on 2026-10-01" in summary


def test_the_ci_command_line_takes_the_new_flags(git_repo: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    base = legacy_repo(git_repo)
    head = commit(git_repo, {"docs.md": "hello\n"}, "clean change")
    env = environment(tmp_path, pr_event(base, head))
    env.pop("GITHUB_TOKEN")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["ci", str(git_repo), "--comment", "false"]) == 1
    assert main(["ci", str(git_repo), "--comment", "false", "--new-only"]) == 0
    capsys.readouterr()
    assert main(["ci", str(git_repo), "--new-only", "--baseline", str(git_repo / "nothing.json")]) == 2
    assert "nothing.json does not exist" in capsys.readouterr().err


def test_the_merge_base_archive_is_unpacked_as_regular_files_inside_the_folder(tmp_path: Path) -> None:
    import tarfile

    from golive_ci.github.adoption import findings_at, unpack_regular_files

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in (("ok/a.py", b"x = 1\n"), ("../escape.py", b"bad\n"), ("/abs.py", b"bad\n")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("ok/link")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    target = tmp_path / "unpacked"
    target.mkdir()
    unpack_regular_files(buffer.getvalue(), target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["ok", "ok/a.py"]
    assert not (tmp_path / "escape.py").exists() and not (target / "ok" / "link").exists()
    assert findings_at(tmp_path, "--output=/tmp/x", "", Config()) is None  # never an option for git
