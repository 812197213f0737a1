"""Issue 10 item 6: keys a pull request could hide from golive-ci are reported.

Each test builds the hiding place in a throw-away repository: a ``.gitattributes`` line that
makes ``git log -p`` print "Binary files differ", a key typed while resolving a merge, UTF-16
and NUL-byte files, ``git grep -I``'s silent drop, ``exclude = ["*"]``, and a baseline outside
the repository.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from golive_ci.cli import main
from golive_ci.config import Config, ConfigError, parse_config
from golive_ci.engine import scan
from golive_ci.history import scan_history
from golive_ci.secrets import mask
from tests.conftest import git
from tests.keys import key


def commit(repo: Path, files: dict[str, str | bytes | None], message: str) -> str:
    for name, content in files.items():
        path = repo / name
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize("attribute", ["-diff", "binary"])
def test_gitattributes_cannot_hide_a_key_in_history(git_repo: Path, attribute: str) -> None:
    live = key("sk_live", seed=71)
    commit(git_repo, {".gitattributes": f"*.cfg {attribute}\n"}, "attributes")
    added = commit(git_repo, {"stripe.cfg": f"key={live}\n"}, "add key")
    commit(git_repo, {"stripe.cfg": "key=from-env\n"}, "remove key")
    assert "Binary files" in git(git_repo, "log", "-p", "-1", added)  # what the attribute does to git log
    [finding] = scan_history(git_repo, ["HEAD"], Config()).findings
    assert (finding.path, finding.line, finding.details["commit"]) == ("stripe.cfg", 1, added)


def _merge(repo: Path, resolution: dict[str, str]) -> str:
    git(repo, "merge", "-q", "--no-commit", "--no-ff", "side")
    return commit(repo, dict(resolution), "merge side")


def test_a_key_typed_while_resolving_a_merge_is_reported_at_the_merge(git_repo: Path) -> None:
    live, branch_key = key("rk_live", seed=72), key("sk_live", seed=73)
    commit(git_repo, {"app.py": "a = 1\n"}, "base")
    git(git_repo, "checkout", "-q", "-b", "side")
    side = commit(git_repo, {"side.py": f'K = "{branch_key}"\n'}, "side adds a key")
    git(git_repo, "checkout", "-q", "main")
    commit(git_repo, {"main.py": "m = 1\n"}, "main moves on")
    merge = _merge(git_repo, {"app.py": f'a = 1\nLIVE = "{live}"\n'})  # the "evil merge"
    commit(git_repo, {"app.py": "a = 1\n"}, "remove it again")
    findings = scan_history(git_repo, ["HEAD"], Config()).findings
    found = {f.details["secret"]: (f.path, f.line, f.details["commit"]) for f in findings}
    # Each key once, at the commit that typed it: the merge does not re-report the branch's key.
    assert found == {mask(live): ("app.py", 2, merge), mask(branch_key): ("side.py", 1, side)}


def test_merging_the_base_branch_does_not_attribute_its_keys_to_the_pull_request(git_repo: Path) -> None:
    base_key = key("sk_live", seed=74)
    commit(git_repo, {"app.py": "a = 1\n"}, "base")
    git(git_repo, "checkout", "-q", "-b", "feature")
    commit(git_repo, {"feature.py": "f = 1\n"}, "feature work")
    git(git_repo, "checkout", "-q", "main")
    base = commit(git_repo, {"main.py": f'K = "{base_key}"\n'}, "main: a key (already reported on main)")
    git(git_repo, "checkout", "-q", "feature")
    git(git_repo, "merge", "-q", "--no-edit", "main")
    head = git(git_repo, "rev-parse", "HEAD").strip()
    # The pull request's own commits: a first-parent diff of the merge would show main's key.
    assert scan_history(git_repo, [head, f"^{base}"], Config()).findings == []


def _utf16(text: str, encoding: str = "utf-16") -> bytes:
    return text.encode(encoding)  # "utf-16" writes a byte-order mark


@pytest.mark.parametrize("select", [["secret-key"], ["secret-key", "card-number"]], ids=["git-grep", "ls-files"])
def test_utf16_and_nul_byte_files_are_scanned_for_keys(git_repo: Path, select: list[str]) -> None:
    keys = {name: key("sk_live", seed=80 + number) for number, name in enumerate(["bom.ps1", "be.txt", "le.txt"])}
    commit(
        git_repo,
        {
            "bom.ps1": _utf16(f"# settings\r\n$key = '{keys['bom.ps1']}'\r\n"),
            "be.txt": "\ufeffone\ntwo\nkey={}\n".format(keys["be.txt"]).encode("utf-16-be"),
            "le.txt": f"no mark\nkey={keys['le.txt']}\n".encode("utf-16-le"),
            "data.bin": b"\x00\x01\x02KEY=" + key("rk_live", seed=84).encode() + b"\x00",
            "plain.py": "x = 1\n",
        },
        "hidden keys",
    )
    report = scan([git_repo], git_repo, Config(), select=select)
    found = {f.path: (f.line, f.details["secret"]) for f in report.findings if f.rule == "secret-key"}
    expected = {
        "bom.ps1": (2, mask(keys["bom.ps1"])),
        "be.txt": (3, mask(keys["be.txt"])),
        "le.txt": (2, mask(keys["le.txt"])),
        "data.bin": (1, mask(key("rk_live", seed=84))),
    }
    # With the git grep head start, UTF-16 without a byte-order mark is found by a second,
    # PCRE search for the key prefixes in that form.
    assert found == expected
    assert report.files_scanned == 5 and report.files_skipped == 0


def test_a_key_prefix_in_a_binary_file_without_a_readable_key_is_a_notice(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x00\x9c" + b"sk_live_" + bytes(range(128, 200)))
    report = scan([tmp_path], tmp_path, Config(), select=["secret-key"])
    assert report.findings == []
    assert [n.path for n in report.notices if "binary file holds a Stripe key prefix" in n.message] == ["blob.bin"]


def test_utf16_files_in_history_are_read(git_repo: Path) -> None:
    live = key("sk_live", seed=85)
    added = commit(git_repo, {"keys.txt": _utf16(f"first\nkey={live}\n")}, "utf-16 key")
    commit(git_repo, {"keys.txt": _utf16("first\n")}, "removed")
    [finding] = scan_history(git_repo, ["HEAD"], Config()).findings
    assert (finding.path, finding.details["commit"], finding.details["secret"]) == ("keys.txt", added, mask(live))


def test_excluding_everything_is_said_never_a_silent_pass(
    git_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = key("sk_live", seed=86)
    commit(git_repo, {"a.py": f'K = "{live}"\n', "b.py": "x = 1\n", "c.txt": "notes\n"}, "files")
    (git_repo / "pyproject.toml").write_text('[tool.golive-ci]\nexclude = ["*"]\n', encoding="utf-8")
    config = parse_config({"exclude": ["*"]})
    for select in (["secret-key"], None):  # git grep's prefilter, and every rule
        report = scan([git_repo], git_repo, config, select=select)
        assert report.findings == [] and report.files_scanned == 0 and report.files_excluded == 4, select
        assert any("nothing was scanned" in n.message for n in report.notices)
    assert main(["scan", str(git_repo), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["files_scanned"], summary["files_excluded"], summary["notices"]) == (0, 4, 1)
    assert main(["scan", str(git_repo)]) == 0
    out = capsys.readouterr().out
    assert "nothing was scanned" in out and "(0 file(s) scanned, 4 excluded by the configuration)" in out
    # Excluding some files is counted too.
    report = scan([git_repo], git_repo, parse_config({"exclude": ["*.txt"]}), select=["secret-key"])
    assert (report.files_scanned, report.files_excluded, len(report.findings)) == (3, 1, 1)
    # History: a key in an excluded file is counted in a notice.
    history = scan_history(git_repo, ["HEAD"], config)
    assert history.findings == [] and any("1 key(s) committed in files the configuration excludes" in n.message
                                          for n in history.notices)  # fmt: skip


def _baseline_for(path: str, secret: str) -> str:
    entry = {"type": "Stripe Access Key", "hashed_secret": hashlib.sha1(secret.encode()).hexdigest(),
             "is_secret": False, "line_number": 1}  # fmt: skip
    return json.dumps({"results": {path: [entry]}})


def test_a_baseline_outside_the_repository_is_a_configuration_error(
    git_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = key("sk_live", seed=87)
    commit(git_repo, {"a.py": f'K = "{live}"\n'}, "key")
    outside = tmp_path / "outside.baseline"
    outside.write_text(_baseline_for("a.py", live), encoding="utf-8")
    for value in ("../outside.baseline", str(outside)):
        config = parse_config({"rules": {"secret-key": {"baseline": value}}})
        with pytest.raises(ConfigError, match="leads outside the repository"):
            scan([git_repo], git_repo, config, select=["secret-key"])
        with pytest.raises(ConfigError, match="leads outside the repository"):
            scan_history(git_repo, ["HEAD"], config)
    (git_repo / ".secrets.baseline").symlink_to(outside)  # the default name, pointing away
    assert main(["scan", str(git_repo), "--select", "secret-key"]) == 2
    assert "leads outside the repository" in capsys.readouterr().err
    # Inside the repository a baseline still works, `..` included when it stays inside.
    (git_repo / ".secrets.baseline").unlink()
    (git_repo / "sub").mkdir()
    (git_repo / "audit.baseline").write_text(_baseline_for("a.py", live), encoding="utf-8")
    config = parse_config({"rules": {"secret-key": {"baseline": "sub/../audit.baseline"}}})
    assert scan([git_repo], git_repo, config, select=["secret-key"]).findings == []


def test_a_git_without_pcre_reads_every_tracked_file_rather_than_miss_utf16(
    git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from golive_ci import candidates

    live = key("sk_live", seed=90)
    commit(git_repo, {"le.txt": f"key={live}\n".encode("utf-16-le"), "plain.py": "x = 1\n"}, "utf-16 key")
    monkeypatch.setattr(candidates, "utf16_pattern", lambda needles: "(")  # git grep -P fails: bad pattern
    report = scan([git_repo], git_repo, Config(), select=["secret-key"])
    assert [(f.path, f.details["secret"]) for f in report.findings] == [("le.txt", mask(live))]
