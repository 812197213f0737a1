"""Fixtures that say what the rules must report, in comments next to the code.

``# expect: RULE SEVERITY`` (or ``// expect: …``) on a line of code: exactly one finding of RULE
there, of that severity. ``# ok: RULE``: no finding of RULE there. On a line of its own, an
annotation is about the next line of code. Every rule named in a file's annotations is judged
over the whole file: a finding of it that no ``expect`` announced fails the test too. Rules a
file does not name are not judged there. Every annotated file under tests/fixtures is read, each
scanned on its own with the rules it names.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.rules import RULES
from tests import paths

FIXTURES = paths.FIXTURES
# Only registered rule slugs: "// ok: raw body" in an older fixture is prose, not an annotation.
ANNOTATION = re.compile(
    r"(?:#|//)\s*(?P<kind>expect|ok):\s*(?P<rule>"
    + "|".join(sorted(map(re.escape, RULES), key=len, reverse=True))
    + r")\b(?!-)(?:[ \t]+(?P<severity>error|warning|info)\b)?"
)
_ONLY_COMMENT = re.compile(r"^\s*(?:#|//)")


class Expectations:
    def __init__(self) -> None:
        self.findings: Counter[tuple[str, int, str]] = Counter()  # (rule, line, severity)
        self.clean: set[tuple[str, int]] = set()  # (rule, line) that must have no finding
        self.rules: set[str] = set()


def expectations(text: str) -> Expectations:
    found = Expectations()
    lines = text.split("\n")
    pending: list[re.Match[str]] = []
    for number, line in enumerate(lines, start=1):
        matches = list(ANNOTATION.finditer(line))
        if matches and _ONLY_COMMENT.match(line):
            pending += matches
            continue
        if not line.strip():
            continue
        for match in (*pending, *matches):
            rule = match["rule"]
            found.rules.add(rule)
            if match["kind"] == "expect":
                found.findings[(rule, number, match["severity"] or "")] += 1
            else:
                found.clean.add((rule, number))
        pending = []
    if pending:
        raise ValueError(f"annotation after the last line of code: {pending[0].group(0)}")
    return found


def annotated_files() -> list[Path]:
    return sorted(
        path
        for path in FIXTURES.rglob("*")
        if path.is_file() and ANNOTATION.search(path.read_text(encoding="utf-8", errors="replace"))
    )


@pytest.mark.parametrize("path", annotated_files(), ids=lambda path: str(path.relative_to(FIXTURES)))
def test_the_rules_report_what_the_fixture_says(path: Path) -> None:
    wanted = expectations(path.read_text(encoding="utf-8"))
    report = scan([path], path.parent, Config(), select=sorted(wanted.rules))
    got = Counter(
        (finding.rule, finding.line, finding.severity.value if wanted_severity(wanted, finding) else "")
        for finding in report.findings
        if finding.rule in wanted.rules
    )
    assert got == wanted.findings, "\n".join(
        f"{finding.path}:{finding.line}: {finding.rule} {finding.severity.value}: {finding.message}"
        for finding in report.findings
    )
    assert not {(rule, line) for rule, line, _ in got} & wanted.clean


def wanted_severity(wanted: Expectations, finding: object) -> bool:
    """Compare the severity only where the annotation gives one."""
    rule, line = finding.rule, finding.line  # type: ignore[attr-defined]
    return (rule, line, "") not in wanted.findings


def test_annotations_are_read_as_documented() -> None:
    text = "a = 1  # expect: secret-key error\n# ok: card-number\n\nb = 2\n// expect: test-object-id\nc = 3\n"
    found = expectations(text)
    assert found.findings == Counter({("secret-key", 1, "error"): 1, ("test-object-id", 6, ""): 1})
    assert found.clean == {("card-number", 4)}
    assert found.rules == {"secret-key", "card-number", "test-object-id"}


def test_there_are_annotated_fixtures_for_the_code_rules() -> None:
    named = set().union(*(expectations(path.read_text(encoding="utf-8")).rules for path in annotated_files()))
    assert {"webhook-signature", "webhook-tolerance", "idempotency-key", "sensitive-log"} <= named
