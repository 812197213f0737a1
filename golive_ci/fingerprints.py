"""Finding fingerprints that survive unrelated edits: what baselines and SARIF match findings by.

A fingerprint is built from the rule and the finding's own line(s) with all whitespace removed:
moving the line, re-indenting it or editing other lines of the file keeps it; changing the line
itself (or fixing the problem) does not. It holds no path (a baseline pairs it with the path
relative to the repository, whatever folder was scanned) and no secret: it is a digest, and the
digits of a card-number line are dropped first (a card number has too few unknown digits to be
safe in a digest). Findings without a line in a file keep the fingerprint their rule gave.
"""

from __future__ import annotations

from golive_ci.facts import Fact
from golive_ci.secrets import hex_digest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from pathlib import Path

    from golive_ci.findings import Finding
    from golive_ci.sourcefile import SourceFile

_DIGITS_DROPPED = frozenset({"card-number"})
MAX_LINES = 3  # a finding spanning a whole function is identified by its first lines
READ_LIMIT = 8 * 1024 * 1024  # repository-wide findings: files read again for their lines, up to this size
_UNKNOWN: dict[int, str] = {}


def _split_lines(source: SourceFile) -> list[str]:
    return source.text.splitlines()  # as read_lines numbers them (not SourceFile.lines)


_SPLIT_LINES = Fact("lines, as str.splitlines splits them", _split_lines)


def normalise(text: str) -> str:
    return "".join(text.split())


def content_fingerprint(rule: str, lines: list[str]) -> str:
    body = "\n".join(normalise(line) for line in lines)
    if rule in _DIGITS_DROPPED:
        body = "".join(char for char in body if not char.isdigit())
    return hex_digest(f"golive-ci/v2\0{rule}\0{body}")[:32]


def with_content_fingerprint(finding: Finding, source: SourceFile) -> Finding:
    """``finding`` with its fingerprint taken from its own lines in ``source`` (when it has some)."""
    if finding.line < source.first_line:
        return finding
    return _from_lines(finding, source.line_text)


def with_file_fingerprints(
    findings: Iterable[Finding], root: Path, known: Mapping[str, Mapping[int, str] | None] | None = None
) -> Iterator[Finding]:
    """The same for repository-wide findings (a rule's ``finish``): their lines come from ``known``
    (kept by :func:`remember_lines` while the file was scanned), else the file is read again."""
    texts: dict[str, list[str] | None] = {}
    for finding in findings:
        if finding.path and finding.line > 0:
            kept = known.get(finding.path, _UNKNOWN) if known else _UNKNOWN
            if kept is None:  # too large to read again: no fingerprint from its lines
                yield finding
                continue
            if kept is not _UNKNOWN and all(number in kept for number in _numbers(finding)):
                yield _from_lines(finding, kept.__getitem__)
                continue
            if finding.path not in texts:
                texts[finding.path] = read_lines(root / finding.path)
            lines = texts[finding.path]
            if lines is not None:
                finding = _from_lines(finding, _line_reader(lines))
        yield finding


def remember_lines(kept: dict[str, dict[int, str] | None], source: SourceFile, line: int, end_line: int | None) -> None:
    """Keep in ``kept`` the lines :func:`with_file_fingerprints` would read again for a finding at
    ``line`` of ``source``, numbered as :func:`read_lines` numbers them, so a repository-wide
    finding needs no second read of its file. Chunks and re-encoded files are left to the read."""
    if source.first_line != 1 or source.recoded or kept.get(source.path, {}) is None:
        return
    if len(source.data) > READ_LIMIT:
        kept[source.path] = None
        return
    lines = _SPLIT_LINES.of(source)
    known = kept.setdefault(source.path, {})
    assert known is not None
    for number in _numbers_of(line, end_line):
        known[number] = lines[number - 1] if 0 < number <= len(lines) else ""


def _numbers(finding: Finding) -> range:
    return _numbers_of(finding.line, finding.end_line)


def _numbers_of(line: int, end_line: int | None) -> range:
    return range(line, max(line, min(end_line or line, line + MAX_LINES - 1)) + 1)


def _line_reader(lines: list[str]) -> Callable[[int], str]:
    return lambda number: lines[number - 1] if 0 < number <= len(lines) else ""


def read_lines(path: Path, limit: int = READ_LIMIT) -> list[str] | None:
    """The lines of a regular file up to ``limit`` bytes; None for links, devices, pipes, big files."""
    from golive_ci.sources.files import SkippedFile, read_file

    try:
        return read_file(path, limit).decode("utf-8", "replace").splitlines()
    except (OSError, SkippedFile):
        return None


def _from_lines(finding: Finding, line_text: Callable[[int], str]) -> Finding:
    lines = [line_text(number) for number in _numbers(finding)]
    if not any(line.strip() for line in lines):
        return finding
    finding.fingerprint = content_fingerprint(finding.rule, lines)
    return finding
