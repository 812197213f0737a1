"""Where the signing secret given to a verification comes from, and whether it can be a public or empty value.

Three kinds, worst first:

- ``PLACEHOLDER``: the secret is a literal placeholder (``"whsec_..."``, ``"SET-ME-PLEASE"``,
  ``"changeme"``, ``""``);
- ``DEFAULT``: it is read from the environment or configuration with such a value as the fallback
  (``process.env.X || ''``, ``os.getenv("X", "")``, ``ENV.fetch("X", "")``, ``env('X', '')``,
  Spring ``${x:}``, ``?? string.Empty``);
- ``UNSET_EMPTY``: it is read in a way that gives an empty key when unset, and the SDK accepts an
  empty key (Go's ``os.Getenv`` gives ``""``; PHP's ``getenv`` / ``env()`` / ``config()`` give
  ``false`` / ``null``, which ``hash_hmac`` takes as ``""``). Python, Node, Ruby, Java and .NET fail
  on a missing (None/undefined/nil/null) key, so their plain reads are not reported.

Each is excused by a presence check of the secret (or its environment variable) in the file.
"""

from __future__ import annotations

import re

from golive_ci.lang import profile
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile

PLACEHOLDER = "placeholder"
DEFAULT = "default"
UNSET_EMPTY = "unset-empty"

_PLACEHOLDER_VALUE = lazy_pattern(
    r"(?i)\s*(?:whsec_?(?:\.\.\.|…|x+|\*+|0+|12345\w*|your\w*|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|placeholder|test|secret"
    r"|example|dummy|fake|change_?me|replace_?me|todo)?|set[-_ ]?me[-_ ]?please|change[-_ ]?me|replace[-_ ]?me"
    r"|your[-_ ]?\w*(?:secret|key)\w*|placeholder|todo|x{3,}|dummy|fake|secret|webhook[-_ ]?secret|<[^>]*>"
    r"|\{\{[^}]*\}\}|\.\.\.|)\s*"
)
_STRING = r"'[^'\n]*'|\"[^\"\n]*\"|`[^`$\n]*`|@\"[^\"\n]*\"|string\.Empty|String\.Empty"
_LITERAL = lazy_pattern(rf"(?P<literal>{_STRING})")
_DEFAULTS = (
    lazy_pattern(rf"(?:\|\||\?\?|\?:|\bor\b)\s*(?P<literal>{_STRING})\s*\)?\s*;?\s*$"),
    lazy_pattern(
        rf"\b(?:getenv|get|fetch|env|config|getOrDefault|GetValue\w*|getProperty|get_env|Getenv)\s*\(\s*"
        rf"[^,()]+,\s*(?P<literal>{_STRING})\s*\)"
    ),
    lazy_pattern(rf"\bENV\.fetch\([^)]*\)\s*\{{\s*(?:\|\w*\|\s*)?(?P<literal>{_STRING})\s*\}}"),
)
_ENV_NAME = lazy_pattern(r"['\"]([A-Za-z][\w.:-]{3,})['\"]|process\.env\.(\w+)|\$\{([\w.-]+)")
# Words of a line that checks a value is there (or stops when it is not).
_CHECK_WORDS = lazy_pattern(
    r"\b(?:if|unless|assert\w*|guard|require\w*|invariant|throw|raise|fail|panic|Fatal\w*|die|abort|empty|isset"
    r"|blank\?|present\?|nil\?|IsNullOrEmpty|IsNullOrWhiteSpace|isEmpty|isBlank|requireNonNull|ThrowIfNull\w*|Must\w*"
    r"|min\(1\)|nonempty|notEmpty|NotBlank|NotEmpty|Required)\b"
)
_SPRING_VALUE = r"@Value\(\s*\"\$\{{[^}}:]+:(?P<default>[^}}]*)\}}\"\s*\)[^;=]*?\b{name}\s*[;=]"


class SecretSource(Record):
    __slots__ = ("kind", "shown")
    kind: str  # PLACEHOLDER, DEFAULT or UNSET_EMPTY
    shown: str  # what to show: the placeholder or the read, never a real secret

    def __init__(self, kind: str, shown: str) -> None:
        self.kind = kind
        self.shown = shown


def is_placeholder(literal: str) -> bool:
    value = literal.strip()
    if value in ("string.Empty", "String.Empty"):
        return True
    value = value.removeprefix("@")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"`":
        value = value[1:-1]
    return _PLACEHOLDER_VALUE.fullmatch(value) is not None


def classify(source: SourceFile, texts: list[str], names: set[str]) -> SecretSource | None:
    """What the secret's origin texts say, or None when it comes from somewhere this cannot judge."""
    literals = [text for text in texts if _LITERAL.fullmatch(text.strip())]
    others = [text for text in texts if text not in literals and not _is_name(text)]
    if literals and not others:
        placeholders = [text for text in literals if is_placeholder(text)]
        if placeholders and len(placeholders) == len(literals):
            return SecretSource(PLACEHOLDER, _show(placeholders[0]))
        return None
    for text in others:
        for pattern in _DEFAULTS:
            match = pattern.search(text.strip())
            if match is not None and is_placeholder(match.group("literal")):
                return SecretSource(DEFAULT, text.strip())
    if source.language == "java":
        for name in names:
            match = re.search(_SPRING_VALUE.format(name=re.escape(name)), source.text)
            if match is not None and is_placeholder(match.group("default")):
                return SecretSource(DEFAULT, match.group(0).split(")")[0] + ")")
    language = profile(source.language)
    empty = language.env_reads_empty_when_unset if language is not None else None
    if empty is not None:
        for text in others:
            if re.search(empty, text):
                return SecretSource(UNSET_EMPTY, text.strip())
    return None


def presence_checked(source: SourceFile, texts: list[str], names: set[str], call_line: int) -> bool:
    """A line other than the verification's that checks the secret or its variable is set."""
    words = set(names)
    for text in texts:
        for match in _ENV_NAME.finditer(text):
            words.add(next(group for group in match.groups() if group))
    words = {word for word in words if len(word) > 2}
    if not words:
        return False
    mention = re.compile(r"(?<![\w$])[$@]?(?:" + "|".join(re.escape(word) for word in sorted(words)) + r")(?!\w)")
    for number, line in enumerate(source.text.splitlines(), start=source.first_line):
        if number != call_line and mention.search(line) and _CHECK_WORDS.search(line):
            return True
    return False


def _is_name(text: str) -> bool:
    return re.fullmatch(r"[$@]?[A-Za-z_][\w]*(?:(?:\.|->|::|\?\.)[$@]?[A-Za-z_]\w*)*", text.strip()) is not None


def _show(literal: str) -> str:
    value = literal.strip()
    return value if len(value) <= 30 else value[:29] + "…"
