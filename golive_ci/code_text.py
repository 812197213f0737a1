"""Whether a character of a file is code or text (a string literal or a comment), for rules that
search a file's text with patterns and must not report documentation or examples."""

from __future__ import annotations

from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.webhooks.tree import in_literal_or_comment


def in_string_or_comment(source: SourceFile, offset: int) -> bool:
    """The character at ``offset`` of ``source.text`` is in a string or comment; a file that cannot
    be parsed counts as code."""
    try:
        return in_literal_or_comment(source, len(source.text[:offset].encode("utf-8", "surrogateescape")))
    except ParseError:
        return False
