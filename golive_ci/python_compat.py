"""Reading Python 3.12-3.14 syntax with the ``ast`` of an older interpreter.

When ``ast.parse`` fails, the line it names is rewritten into equivalent older syntax and parsing is
tried again, one line at a time. Every rewrite keeps the byte length of the line (so node positions
still point into the original file), except where noted:

- PEP 695 ``type X[T] = …`` -> ``X           = …`` and ``def f[T](…)`` / ``class C[T]:`` -> the
  brackets blanked (a PEP 696 default inside them goes with them);
- PEP 701 f-strings that reuse their own quote inside a replacement field -> the other quote, and
  one-quote f-strings whose replacement field runs over lines -> triple quotes (+2 bytes at each end);
- PEP 758 ``except A, B:`` -> ``except(A, B):`` (one more byte before the colon);
- PEP 750 template strings ``t"…"`` -> ``f"…"`` (same grammar for what the rules read).

Anything else (or a rewrite that does not help) gives up: the caller reports the file as not parsed.
"""

from __future__ import annotations

import ast
import re
import warnings

_MAX_REPAIRS = 200
_TYPE_ALIAS = re.compile(r"^(\s*)(type)(\s+)([A-Za-z_]\w*)\s*(?=[\[=])")
_GENERIC_HEAD = re.compile(r"^\s*(?:async\s+def|def|class)\s+[A-Za-z_]\w*\s*(?=\[)")
_EXCEPT_GROUP = re.compile(r"^(\s*except\*?)\s+(?!\()([^:#]+?,[^:#]+?)\s*:")
_TEMPLATE_PREFIX = re.compile(r"(?<![\w'\"])([rR]?)[tT]([rR]?)(?=['\"])")
_STRING_PREFIX = re.compile(r"(?<![\w])([rRbBuUfF]{0,2})(['\"])")


def parse_newer(data: bytes) -> ast.Module | None:
    """The module parsed after rewriting newer syntax line by line, or None if that does not work."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.splitlines(keepends=True)
    last_error: tuple[int, str] | None = None
    for _ in range(_MAX_REPAIRS):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return ast.parse("".join(lines))
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            if not line or line > len(lines):
                return None
            error = (line, str(getattr(exc, "msg", exc)))
            if error == last_error or not _repair(lines, line - 1):
                return None
            last_error = error
        except (RecursionError, MemoryError):
            return None
    return None


def _repair(lines: list[str], index: int) -> bool:
    """Rewrite newer syntax on ``lines[index]`` (or the line before, where errors are reported late)."""
    for candidate in (index, index - 1):
        if candidate < 0:
            continue
        original = lines[candidate]
        repaired = _repair_line(original)
        if repaired != original:
            lines[candidate] = repaired
            return True
        if _multiline_fstring(lines, candidate) or _multiline_type_params(lines, candidate):
            return True
    return False


def _multiline_type_params(lines: list[str], index: int) -> bool:
    """``class C[\\n  T: X,\\n](Base):`` -> the brackets blanked, the lines joined by backslashes."""
    match = _GENERIC_HEAD.match(lines[index])
    if match is None:
        return False
    depth, row, column = 0, index, match.end()
    while row < len(lines) and row - index < 50:
        text = lines[row]
        while column < len(text):
            char = text[column]
            if char in "[(":
                depth += 1
            elif char in "])":
                depth -= 1
                if depth == 0:
                    if row == index:
                        return False  # closes on its own line: _generic_brackets' business
                    _join_blanked(lines, index, match.end(), row, column)
                    return True
            column += 1
        row, column = row + 1, 0
    return False


def _join_blanked(lines: list[str], first: int, start: int, last: int, end: int) -> None:
    head = lines[first]
    lines[first] = head[:start] + " " * (len(head.rstrip("\r\n")) - start - 1) + "\\" + head[len(head.rstrip("\r\n")) :]
    for row in range(first + 1, last):
        body = lines[row].rstrip("\r\n")
        lines[row] = " " * max(len(body) - 1, 0) + "\\" + lines[row][len(body) :]
    tail = lines[last]
    lines[last] = " " * (end + 1) + tail[end + 1 :]


def _multiline_fstring(lines: list[str], index: int) -> bool:
    """PEP 701: a one-quote f-string whose replacement field runs over several lines becomes a
    triple-quoted one (two more bytes after its opening and its closing quote)."""
    line = lines[index]
    for match in _STRING_PREFIX.finditer(line):
        prefix, quote = match.group(1), match.group(2)
        if "f" not in prefix.lower() or line[match.end() - 1 : match.end() + 2] == quote * 3:
            continue
        end = _field_end(lines, index, match.end(), quote)
        if end is None:
            continue
        end_line, end_column = end
        closing = lines[end_line]
        lines[end_line] = closing[:end_column] + quote * 3 + closing[end_column + 1 :]
        opening = lines[index]  # (re-read: the closing quote may sit on this line)
        lines[index] = opening[: match.end()] + quote * 2 + opening[match.end() :]
        return True
    return False


def _field_end(lines: list[str], index: int, start: int, quote: str) -> tuple[int, int] | None:
    """(line, column) of the closing quote of an f-string body starting at ``start`` that has a
    replacement field open at the end of its first line; None otherwise."""
    depth, nested = 0, ""
    row, column = index, start
    while row < len(lines) and row - index < 50:
        text = lines[row]
        while column < len(text):
            char = text[column]
            if nested:
                nested = "" if char == nested else nested
            elif depth == 0:
                if char == quote:
                    return (row, column) if row > index else None
                if char == "\\":
                    column += 1
                elif char == "{" and text[column + 1 : column + 2] != "{":
                    depth = 1
                elif char == "{":
                    column += 1
                elif char == "\n":
                    return None  # the literal part may not run over lines
            elif char in "'\"":
                nested = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            column += 1
        if depth == 0 and row == index:
            return None
        row, column = row + 1, 0
    return None


def _repair_line(line: str) -> str:
    for rewrite in (_type_alias, _generic_brackets, _except_group, _template_strings, _nested_quotes):
        changed = rewrite(line)
        if changed != line:
            return changed
    return line


def _type_alias(line: str) -> str:
    match = _TYPE_ALIAS.match(line)
    if match is None:
        return line
    bracket = match.end()
    if line[bracket : bracket + 1] == "[":
        line = _blank_brackets(line, bracket)
    # `type X = …` -> `X      = …`: the name moves to the statement's column (an indent must not change)
    start, end, name = match.start(2), match.end(4), match.group(4)
    return line[:start] + name + " " * (end - start - len(name)) + line[end:]


def _generic_brackets(line: str) -> str:
    match = _GENERIC_HEAD.match(line)
    return _blank_brackets(line, match.end()) if match is not None else line


def _blank_brackets(line: str, start: int) -> str:
    """Blank the ``[…]`` that opens at ``start`` (nested brackets included), if it closes on this line."""
    depth = 0
    for index in range(start, len(line)):
        char = line[index]
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
            if depth == 0:
                return line[:start] + " " * (index + 1 - start) + line[index + 1 :]
    return line


def _except_group(line: str) -> str:
    match = _EXCEPT_GROUP.match(line)
    if match is None or re.search(r"\bas\b", match.group(2)):
        return line
    return f"{match.group(1)}({match.group(2)}):{line[match.end() :]}"


def _template_strings(line: str) -> str:
    return _TEMPLATE_PREFIX.sub(lambda m: f"{m.group(1)}f{m.group(2)}", line)


def _nested_quotes(line: str) -> str:
    """In a one-line f-string, quotes equal to its own inside ``{…}`` become the other quote."""
    chars = list(line)
    index = 0
    while index < len(chars):
        match = _STRING_PREFIX.match(line, index)
        if match is None:
            index += 1
            continue
        prefix, quote = match.group(1), match.group(2)
        body = match.end()
        if line[body - 1 : body + 2] == quote * 3:
            return line  # triple-quoted: 3.11 already allows the quote inside
        if "f" not in prefix.lower():
            end = line.find(quote, body)
            while end != -1 and line[end - 1] == "\\":
                end = line.find(quote, end + 1)
            index = end + 1 if end != -1 else len(line)
            continue
        index = _rewrite_fstring(line, chars, body, quote)
    return "".join(chars)


def _rewrite_fstring(line: str, chars: list[str], start: int, quote: str) -> int:
    """Walk the f-string body from ``start``; returns the index after its closing quote."""
    other = "'" if quote == '"' else '"'
    depth = 0
    index = start
    while index < len(line):
        char = line[index]
        if depth == 0:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                return index + 1
            if char == "{":
                if line[index + 1 : index + 2] == "{":
                    index += 2
                    continue
                depth = 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == quote:  # a nested string in the replacement field
            end = line.find(quote, index + 1)
            if end == -1 or other in line[index + 1 : end]:
                return len(line)
            chars[index] = chars[end] = other
            index = end
        elif char == other:
            end = line.find(other, index + 1)
            index = end if end != -1 else len(line)
        index += 1
    return index
