"""Keys anywhere in git history: reported once, at the commit that first added them, always masked."""

from __future__ import annotations

import subprocess
from pathlib import Path

from golive_ci.config import Config, parse_config
from golive_ci.findings import Severity
from golive_ci.history import added_lines, scan_history, unquote_path
from tests.conftest import git
from tests.keys import docs_key, key


def commit(repo: Path, files: dict[str, str | None], message: str) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def test_a_key_removed_later_is_still_reported_once_with_its_first_commit(git_repo: Path) -> None:
    live = key("sk_live", seed=1)
    commit(git_repo, {"README.md": "hello\n"}, "start")
    first = commit(git_repo, {"app/config.py": f'import os\nSTRIPE = "{live}"\n'}, "add key")
    commit(git_repo, {"app/config.py": 'import os\nSTRIPE = os.environ["STRIPE"]\n'}, "remove key")
    commit(git_repo, {"other.py": f'AGAIN = "{live}"\n'}, "same key again")
    result = scan_history(git_repo, ["HEAD"], Config())
    assert len(result.findings) == 1
    found = result.findings[0]
    assert (found.path, found.line, found.column) == ("app/config.py", 2, 11)
    assert found.details["commit"] == first and first[:12] in found.message
    assert found.severity is Severity.ERROR and found.checklist == "key-rotation"
    assert live not in found.message and live not in str(found.details) and "rotate" in found.message
    assert result.commits_scanned == 4


def test_every_distinct_key_is_reported(git_repo: Path) -> None:
    commit(git_repo, {"a.py": f'A = "{key("sk_live", seed=2)}"\nB = "{key("rk_live", seed=3)}"\n'}, "two keys")
    commit(git_repo, {"b.env": f"WHSEC={key('whsec', length=32, seed=4)}\n"}, "webhook secret")
    result = scan_history(git_repo, ["HEAD"], Config())
    assert [(f.path, f.line) for f in result.findings] == [("a.py", 1), ("a.py", 2), ("b.env", 1)]
    assert len({f.fingerprint for f in result.findings}) == 3


def test_range_limits_the_scan_to_the_pull_requests_commits(git_repo: Path) -> None:
    base = commit(git_repo, {"old.py": f'OLD = "{key("sk_live", seed=5)}"\n'}, "old leak on main")
    git(git_repo, "checkout", "-q", "-b", "feature")
    head = commit(git_repo, {"new.py": f'NEW = "{key("sk_live", seed=6)}"\n'}, "new leak in the PR")
    result = scan_history(git_repo, [head, f"^{base}"], Config())
    assert [f.path for f in result.findings] == ["new.py"]
    assert result.commits_scanned == 1


def test_placeholders_suppressions_and_excludes_are_honoured(git_repo: Path) -> None:
    placeholder = "sk_" + "live_" + "x" * 30
    suppressed = key("sk_live", seed=7)
    above = key("sk_live", seed=8)
    excluded = key("sk_live", seed=9)
    text = (
        f'P = "{placeholder}"\n'
        f'S = "{suppressed}"  # golive-ci: ignore[secret-key]\n'
        "# golive-ci: ignore[secret-key]\n"
        f'T = "{above}"\n'
    )
    commit(git_repo, {"app.py": text, "fixtures/keys.txt": excluded + "\n"}, "noise")
    config = parse_config({"exclude": ["fixtures"]})
    assert scan_history(git_repo, ["HEAD"], config).findings == []


def test_test_keys_follow_the_secret_key_rule_options_and_docs_keys_warn(git_repo: Path) -> None:
    commit(git_repo, {"t.py": f'T = "{key("sk_test", seed=10)}"\nD = "{docs_key()}"\n'}, "test keys")
    default = scan_history(git_repo, ["HEAD"], Config())
    assert [f.severity for f in default.findings] == [Severity.ERROR, Severity.WARNING]
    lowered = scan_history(git_repo, ["HEAD"], parse_config({"rules": {"secret-key": {"test-keys": "warning"}}}))
    assert [f.severity for f in lowered.findings] == [Severity.WARNING, Severity.WARNING]


def test_unusual_file_names(git_repo: Path) -> None:
    commit(git_repo, {"we ird/naïve.txt": "a\n" + key("sk_live", seed=11) + "\n"}, "odd name")
    result = scan_history(git_repo, ["HEAD"], Config())
    assert [(f.path, f.line, f.column) for f in result.findings] == [("we ird/naïve.txt", 2, 1)]


def test_not_a_repository_and_bad_revisions_are_notices(tmp_path: Path, git_repo: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    result = scan_history(plain, ["HEAD"], Config())
    assert result.findings == [] and "not a git repository" in result.notices[0].message
    commit(git_repo, {"a.txt": "x\n"}, "one")
    bad = scan_history(git_repo, ["no-such-branch"], Config())
    assert bad.findings == [] and "not fully scanned" in bad.notices[-1].message


def test_shallow_clones_say_so(git_repo: Path, tmp_path: Path) -> None:
    for index in range(3):
        commit(git_repo, {"a.txt": f"{index}\n"}, f"c{index}")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{git_repo}", str(clone)], check=True, capture_output=True
    )
    result = scan_history(clone, ["HEAD"], Config())
    assert result.shallow and "fetch-depth: 0" in result.notices[0].message


def test_diff_parser_tracks_line_numbers_and_ignores_removed_lines() -> None:
    stream = [
        b"\x1ecommit " + b"a" * 40 + b" 2026-01-01T00:00:00+00:00\n",
        b"\n",
        b"diff --git a/x.py b/x.py\n",
        b"--- a/x.py\n",
        b"+++ b/x.py\n",
        b"@@ -3,2 +3,3 @@ def f():\n",
        b"-gone\n",
        b"+++ a line that starts with two pluses\n",
        b"+second\n",
        b"@@ -0,0 +10 @@\n",
        b"+tenth\n",
        b"diff --git a/old.py b/old.py\n",
        b"deleted file mode 100644\n",
        b"--- a/old.py\n",
        b"+++ /dev/null\n",
        b"@@ -1 +0,0 @@\n",
        b"-old\n",
    ]
    rows = [(path, line, content, above) for _, path, line, content, above in added_lines(stream)]
    assert rows == [
        ("x.py", 3, b"++ a line that starts with two pluses", None),
        ("x.py", 4, b"second", b"++ a line that starts with two pluses"),
        ("x.py", 10, b"tenth", None),
    ]


def test_unquote_path() -> None:
    assert unquote_path('"b/na\\303\\257ve \\"q\\".py"') == 'b/naïve "q".py'
    assert unquote_path("b/plain.py") == "b/plain.py"
