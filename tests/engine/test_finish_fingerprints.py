"""A finding a rule's ``finish`` yields gets its fingerprint from the lines the rule kept while the file
was scanned: the same fingerprint as reading the file again gives, without the read (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci import fingerprints
from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Severity
from golive_ci.sourcefile import SourceFile

# Line breaks that str.splitlines() counts and a split at "\n" does not: the re-read numbers lines so.
ODD_TEXT = "import stripe\r\n# page\x0cbreak\nx = 1\r\ny = stripe.Customer.create()\u2028z = 2\nlast\n"


def finding(line: int, end_line: int | None = None) -> Finding:
    return Finding(
        rule="unpinned-api-version", severity=Severity.WARNING, path="app.py", line=line, column=1, message="m",
        checklist="api-version", end_line=end_line, fingerprint="rule-given",
    )  # fmt: skip


@pytest.mark.parametrize(("line", "end_line"), [(1, None), (2, 4), (3, None), (5, 9), (7, None), (40, None)])
def test_kept_lines_give_the_fingerprint_of_a_second_read(tmp_path: Path, line: int, end_line: int | None) -> None:
    (tmp_path / "app.py").write_bytes(ODD_TEXT.encode("utf-8"))
    kept: dict[str, dict[int, str] | None] = {}
    fingerprints.remember_lines(kept, SourceFile(path="app.py", data=ODD_TEXT.encode("utf-8")), line, end_line)
    from_kept = next(fingerprints.with_file_fingerprints([finding(line, end_line)], tmp_path, kept))
    (tmp_path / "app.py").unlink()  # the kept lines are enough: no file to read
    reread_root = tmp_path / "reread"
    reread_root.mkdir()
    (reread_root / "app.py").write_bytes(ODD_TEXT.encode("utf-8"))
    from_read = next(fingerprints.with_file_fingerprints([finding(line, end_line)], reread_root))
    assert from_kept.fingerprint == from_read.fingerprint


def test_a_repository_wide_finding_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.py").write_text("import stripe\nstripe.api_key = KEY\ncustomer = stripe.Customer.create()\n")
    reads: list[str] = []
    real = fingerprints.read_lines
    monkeypatch.setattr(fingerprints, "read_lines", lambda path, *args: reads.append(str(path)) or real(path, *args))
    report = scan([tmp_path], tmp_path, Config())
    repository_wide = [f for f in report.findings if f.rule == "decline-tests"]
    assert repository_wide and repository_wide[0].fingerprint != "" and reads == []
    assert repository_wide[0].fingerprint == fingerprints.content_fingerprint("decline-tests", ["import stripe"])
