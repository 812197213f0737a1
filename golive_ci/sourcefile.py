"""A file as rules see it: bytes read once, text and syntax trees built lazily and cached."""

from __future__ import annotations

import bisect
import re
from pathlib import Path, PurePosixPath

from golive_ci.lang import language_by_suffix
from golive_ci.parse_error import ParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# File suffix -> language, from the language profiles (golive_ci/lang/).
LANGUAGE_BY_SUFFIX: dict[str, str] = language_by_suffix()

# Byte columns up to this are converted by decoding the line's start; beyond, by counting once per line.
_DECODE_LIMIT = 4096
_UTF8_LEAD = re.compile(rb"[\xc0-\xff]")
# The length of a UTF-8 sequence by its lead byte's high nibble (valid text only has 0xC-0xF leads).
_SEQUENCE_LENGTH = {0xC: 2, 0xD: 2, 0xE: 3, 0xF: 4}
_DIRECT_POSITIONS = 16  # position() calls answered by counting before a line index is built
_UNKNOWN = "?"  # the language is not looked up yet (None: no language)
TEST_PATH_PARTS = ("test", "tests", "spec", "specs", "__tests__", "testdata", "fixtures")


class SourceFile:
    """``path`` is relative to the scanned root and '/'-separated; ``first_line`` is above 1 when
    this is a chunk of a file too large to read at once. ``cache`` holds facts derived from the
    syntax tree (calls, assignments), shared by every rule of a run."""

    __slots__ = (
        "_ascii",
        "_byte_line_starts",
        "_found_needles",
        "_language",
        "_line_starts",
        "_lines",
        "_position_calls",
        "_recent_line",
        "_syntax",
        "_syntax_error",
        "_text",
        "cache",
        "data",
        "first_line",
        "holds_one_of",
        "path",
        "stripe_user",
    )

    def __init__(
        self,
        path: str,
        data: bytes,
        first_line: int = 1,
        holds_one_of: frozenset[bytes] | None = None,
        stripe_user: bool | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.first_line = first_line
        # Set when git grep already found one of these byte strings in the file.
        self.holds_one_of = holds_one_of
        # Whether the file uses Stripe (golive_ci.stripe_use), when git grep already told; else computed once.
        self.stripe_user = stripe_user
        self.cache: dict[str, Any] = {}
        self._text: str | None = None
        self._line_starts: list[int] | None = None
        self._lines: list[str] | None = None
        self._syntax: Any = None
        self._syntax_error: ParseError | None = None
        self._byte_line_starts: list[int] | None = None
        self._position_calls = 0
        self._ascii: bool | None = None
        self._language: str | None = _UNKNOWN
        self._found_needles: dict[tuple[bytes, ...], bool] = {}  # contains(), asked by many rules alike
        # (line number, offset of its first character) of the last position() counted directly.
        self._recent_line: tuple[int, int] | None = None

    def __repr__(self) -> str:
        return f"SourceFile(path={self.path!r}, {len(self.data)} bytes, first_line={self.first_line})"

    @classmethod
    def from_text(cls, path: str, text: str) -> SourceFile:
        return cls(path=path, data=text.encode("utf-8", "surrogateescape"))

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.data.decode("utf-8", "replace")
        return self._text

    @property
    def lines(self) -> list[str]:
        """Lines split at ``\n`` only (as :meth:`position` counts them), without their line ending."""
        if self._lines is None:
            lines = self.text.split("\n")
            self._lines = [line.removesuffix("\r") for line in lines] if "\r" in self.text else lines
        return self._lines

    @property
    def language(self) -> str | None:
        if self._language is _UNKNOWN:
            self._language = LANGUAGE_BY_SUFFIX.get(PurePosixPath(self.path).suffix.lower())
        return self._language

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def is_test(self) -> bool:
        """Test code by the conventions of its language (folders, ``test_x.py``, ``x.spec.ts``, ``XTest.java``)."""
        path = PurePosixPath(self.path)
        if any(part.lower() in TEST_PATH_PARTS for part in path.parts[:-1]):
            return True
        stem, lower = path.stem, path.stem.lower()
        language = self.language
        if language == "python":
            return lower.startswith("test_") or lower.endswith("_test") or lower == "conftest"
        if language in ("javascript", "typescript", "tsx"):
            return lower.endswith((".test", ".spec", "_test", "-test", ".e2e"))
        if language == "ruby":
            return lower.endswith(("_spec", "_test")) or lower.startswith("test_")
        if language == "php":
            return stem.endswith("Test") or lower.endswith("_test")
        if language == "go":
            return lower.endswith("_test")
        if language in ("java", "csharp"):
            return stem.endswith(("Test", "Tests", "IT", "Spec"))
        return lower.startswith("test_") or lower.endswith(("_test", ".test", ".spec", "_spec"))

    def contains(self, *needles: bytes) -> bool:
        if self.holds_one_of is not None and self.holds_one_of.issubset(needles):
            return True
        found = self._found_needles.get(needles)
        if found is None:
            found = self._found_needles[needles] = any(n in self.data for n in needles)
        return found

    @property
    def uses_stripe(self) -> bool:
        """The file names Stripe, a Stripe event type or an SDK event constant (golive_ci.stripe_use)."""
        if self.stripe_user is None:
            from golive_ci.stripe_use import uses_stripe

            self.stripe_user = uses_stripe(self.data)
        return self.stripe_user

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into :attr:`text`."""
        text = self.text
        if self._line_starts is None:
            self._position_calls += 1
            if self._position_calls <= _DIRECT_POSITIONS:  # a few findings in a big file: count, don't index
                line = self.first_line + text.count("\n", 0, offset)
                line_start = text.rfind("\n", 0, offset) + 1
                self._recent_line = (line, line_start)
                return line, offset - line_start + 1
            starts = [0]
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._line_starts = starts
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return self.first_line + index, offset - self._line_starts[index] + 1

    def byte_offset(self, line: int, byte_column: int) -> int:
        """Byte offset into :attr:`data` of a 1-based line and a 0-based byte column."""
        if self._byte_line_starts is None:
            starts = [0]
            i = self.data.find(b"\n")
            while i != -1:
                starts.append(i + 1)
                i = self.data.find(b"\n", i + 1)
            self._byte_line_starts = starts
        index = min(max(line - self.first_line, 0), len(self._byte_line_starts) - 1)
        return self._byte_line_starts[index] + byte_column

    def char_column(self, line: int, byte_column: int) -> int:
        """1-based character column of a 0-based byte column (tree-sitter and ``ast`` count bytes)."""
        if self._ascii is None:
            self._ascii = self.data.isascii()
        if self._ascii:
            return byte_column + 1
        start = self.byte_offset(line, 0)
        if byte_column < _DECODE_LIMIT:
            return len(self.data[start : start + byte_column].decode("utf-8", "replace")) + 1
        # A long line (minified code): count its multi-byte characters once, then bisect.
        lead_bytes = self._wide_characters(start)
        if lead_bytes is None:  # not valid UTF-8: decode as text does
            return len(self.data[start : start + byte_column].decode("utf-8", "replace")) + 1
        starts, extra = lead_bytes
        before = bisect.bisect_left(starts, start + byte_column)
        return byte_column - (extra[before - 1] if before else 0) + 1

    def _wide_characters(self, line_start: int) -> tuple[list[int], list[int]] | None:
        """Offsets of the multi-byte characters of the line at ``line_start`` and, for each, the
        continuation bytes up to and including it; None when the line is not valid UTF-8."""
        wide = self.cache.setdefault("sourcefile.wide_characters", {})
        if line_start not in wide:
            end = self.data.find(b"\n", line_start)
            line = self.data[line_start : len(self.data) if end == -1 else end]
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                wide[line_start] = None
            else:
                starts, extra, total = [], [], 0
                for match in _UTF8_LEAD.finditer(line):
                    total += _SEQUENCE_LENGTH[line[match.start()] >> 4] - 1
                    starts.append(line_start + match.start())
                    extra.append(total)
                wide[line_start] = (starts, extra)
        return wide[line_start]

    def line_text(self, line: int) -> str:
        """Line ``line`` without its line ending; "" outside the file."""
        if self._lines is None and self._recent_line is not None:
            # Suppression checks read the line of a finding and the one above: near the last
            # position() counted, so a big file need not be split into lines for them.
            recent, start = self._recent_line
            text = self.text
            if line == recent or (line == recent - 1 and start > 0):
                if line != recent:
                    start = text.rfind("\n", 0, start - 1) + 1
                end = text.find("\n", start)
                return text[start : len(text) if end == -1 else end].removesuffix("\r")
        index = line - self.first_line
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def syntax(self) -> Any:
        """The parse tree: ``ast.Module`` for Python, a tree-sitter ``Tree`` otherwise.

        Cached so that every rule shares one parse. Raises :class:`ParseError`.
        """
        if self._syntax_error is not None:
            raise self._syntax_error
        if self._syntax is None:
            from golive_ci import parsing

            try:
                tree = parsing.parse(self.data, self.language)
                if self.language != "python":
                    parsing.check_depth(tree.root_node)
                self._syntax = tree
            except ParseError as exc:
                self._syntax_error = exc
                raise
        return self._syntax


def read_source(root: Path, relative: str) -> SourceFile:
    from golive_ci.sources.files import read_file

    return SourceFile(path=relative, data=read_file(root / relative))
