"""Untrusted text made safe for human-readable output read by the GitHub Actions runner.

The runner executes a workflow command found in any output line: ``::name::…`` at the start of
a line (after blanks), or the legacy ``##[name]…`` anywhere in it. File names, version strings,
configuration values and GitHub API answers come from whoever wrote the pull request, so every
human-readable writer passes them through :func:`escape_untrusted` before printing them:

- characters that do not print (line breaks, terminal escapes, zero-width and direction marks,
  which the runner's string comparison may ignore) are shown as ``\\n``, ``\\x1b``, ``\\u200b``,
  so the text stays on its line and cannot hide a command behind invisible characters;
- ``##[`` becomes ``##\\[``;
- a leading ``:`` becomes ``\\:``, so a field printed first on a line cannot start a command.

``--format github`` escapes its own way (``%0A``, …): the runner decodes that form.
Built-in modules only: the hooks import this on their fast path.
"""

from __future__ import annotations

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
LEGACY_COMMAND = "##["


def _visible(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape_untrusted(text: str) -> str:
    """``text`` on one line, with no runner command in it and no invisible characters."""
    if not text.isprintable():  # str.isprintable() is True for the space but for no other blank
        text = "".join(char if char.isprintable() else _visible(char) for char in text)
    if LEGACY_COMMAND in text:
        text = text.replace(LEGACY_COMMAND, "##\\[")
    stripped = text.lstrip(" ")
    if stripped.startswith(":"):
        text = text[: len(text) - len(stripped)] + "\\" + stripped
    return text


def escape_json_output(text: str) -> str:
    """JSON (or SARIF) that may be printed where the runner reads it: ``##[`` can occur only inside
    a JSON string there, where ``\\u005b`` reads back as the same ``[``. No line of indented JSON
    starts with ``::``, and JSON strings hold no raw line break."""
    return text.replace(LEGACY_COMMAND, "##\\u005b")
