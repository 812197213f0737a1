"""The runner's side channels: outputs, summary, masks, capped annotations, changed lines."""

from __future__ import annotations

from pathlib import Path

from golive_ci.findings import Finding, Severity
from golive_ci.github.workflow import (
    ANNOTATIONS_PER_LEVEL,
    SUMMARY_LIMIT,
    add_mask_command,
    annotations,
    append_summary,
    changed_lines,
    write_outputs,
)
from tests.conftest import git
from tests.github.action_runner import parse_file_command
from tests.keys import key


def finding(path: str, line: int, severity: Severity = Severity.ERROR, rule: str = "r", message: str = "m") -> Finding:
    return Finding(rule, severity, path, line, 1, message, "logging")


def test_outputs_survive_newlines_and_equals_signs_and_never_hold_keys(tmp_path: Path) -> None:
    out = tmp_path / "out"
    live = key("sk_live", seed=41)
    write_outputs(str(out), {"a": "x=y", "multi": "one\ntwo", "leak": f"k {live}", "empty": ""})
    parsed = parse_file_command(out.read_text(encoding="utf-8"))
    assert parsed["a"] == "x=y" and parsed["multi"] == "one\ntwo" and parsed["empty"] == ""
    assert live not in out.read_text() and parsed["leak"].startswith("k sk_live_…")


def test_summary_is_appended_and_capped(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    append_summary(str(summary), "# hello\n")
    assert summary.read_text() == "before\n# hello\n"
    big = tmp_path / "big.md"
    append_summary(str(big), ("é" * 100 + "\n") * 20_000)
    text = big.read_text(encoding="utf-8")
    assert len(text.encode()) < SUMMARY_LIMIT and text.endswith("1 MiB job summary limit._\n")


def test_add_mask_escapes_newlines() -> None:
    assert add_mask_command("a\nb%") == "::add-mask::a%0Ab%25\n"


def test_annotations_are_capped_per_level_and_the_rest_counted() -> None:
    findings = [finding("a.py", i) for i in range(1, 16)]
    findings += [finding("a.py", 100 + i, Severity.WARNING) for i in range(12)]
    findings += [finding("b.py", 5), finding("a.py", 500)]
    changed = {"a.py": set(range(1, 200))}
    result = annotations(findings, changed)
    levels = [line.split(" ", 1)[0] for line in result.lines]
    assert levels.count("::error") == ANNOTATIONS_PER_LEVEL and levels.count("::warning") == ANNOTATIONS_PER_LEVEL
    assert result.omitted == 5 + 2
    assert result.elsewhere == 2


def test_annotations_everywhere_when_changed_lines_are_unknown_and_messages_are_escaped() -> None:
    live = key("sk_live", seed=42)
    result = annotations([finding("dir,x/a:b.py", 3, message=f"two\nlines {live} 100%")], None)
    assert result.lines == [
        "::error file=dir%2Cx/a%3Ab.py,line=3,col=1,title=golive-ci r::two%0Alines sk_live_…" + live[-4:] + " 100%25"
    ]


def test_unlocated_rules_have_no_position() -> None:
    result = annotations([finding("gone.py", 2, rule="hist")], {"other.py": {1}}, unlocated=frozenset({"hist"}))
    assert result.lines == ["::error title=golive-ci hist::m"] and result.elsewhere == 0


def test_changed_lines_of_a_pull_request(git_repo: Path) -> None:
    (git_repo / "a.py").write_text("1\n2\n3\n4\n", encoding="utf-8")
    (git_repo / "gone.py").write_text("x\n", encoding="utf-8")
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "base")
    base = git(git_repo, "rev-parse", "HEAD").strip()
    git(git_repo, "checkout", "-q", "-b", "pr")
    (git_repo / "a.py").write_text("1\nTWO\n3\n4\n5\n6\n", encoding="utf-8")
    (git_repo / "new file.py").write_text("n\n", encoding="utf-8")
    (git_repo / "gone.py").unlink()
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "pr")
    head = git(git_repo, "rev-parse", "HEAD").strip()
    assert changed_lines(git_repo, base, head) == {"a.py": {2, 5, 6}, "new file.py": {1}}
    assert changed_lines(git_repo, "0" * 40, head) is None
