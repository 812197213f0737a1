"""The fenced code blocks of a rule's ``example`` and ``fix`` docs, as files a test can scan.

A block with a language tag golive-ci reads (```python, ```js, …) becomes one file: named by a first
line that is a comment naming a path (``# billing/settings.py``), else ``snippet_N`` with the suffix
of its language. Key and card placeholders (``"sk_live_51H…"``) are replaced by key-shaped values
assembled at run time (tests/keys.py), never written here.
"""

from __future__ import annotations

import re

from tests.keys import key

SUFFIXES = {
    "python": ".py", "js": ".js", "javascript": ".js", "ts": ".ts", "typescript": ".ts", "ruby": ".rb",
    "php": ".php", "go": ".go", "java": ".java", "csharp": ".cs", "cs": ".cs", "tsx": ".tsx", "jsx": ".jsx",
    "html": ".html", "sh": ".sh", "dotenv": ".env",
}  # fmt: skip
_BLOCK = re.compile(r"^```(?P<language>[a-z#]*)[^\n]*\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL)
_PATH_COMMENT = re.compile(r"^(?:#|//)\s*(?P<path>[\w./-]+\.\w+)\s*$")
_KEY_PLACEHOLDER = re.compile(r'"(?P<kind>(?:sk|rk|pk)_(?:live|test))_\w*…"')
# The same placeholder unquoted (a .env line, an HTML attribute value without quotes around the key).
_BARE_KEY_PLACEHOLDER = re.compile(r'(?<=[=\s])(?P<kind>(?:sk|rk|pk)_(?:live|test))_\w*…(?=["\s]|$)', re.MULTILINE)
_WEBHOOK_SECRET_PLACEHOLDER = '"whsec_…"'
_CARD_PLACEHOLDER = '"4…(a real card)…"'


def runnable_blocks(text: str) -> list[tuple[str, str]]:
    """(file path, code) of the fenced blocks with a language tag golive-ci reads."""
    blocks = []
    for index, match in enumerate(_BLOCK.finditer(text)):
        suffix = SUFFIXES.get(match["language"])
        if suffix is None:
            continue
        code = _with_assembled_values(match["code"])
        first = code.split("\n", 1)[0]
        named = _PATH_COMMENT.match(first)
        path = named["path"] if named else f"snippet_{index}{suffix}"
        if suffix == ".php" and not code.lstrip().startswith("<?php"):
            code = "<?php\n" + code
        blocks.append((path, code))
    return blocks


def _with_assembled_values(code: str) -> str:
    code = _KEY_PLACEHOLDER.sub(lambda m: f'"{key(m["kind"], 32)}"', code)
    code = _BARE_KEY_PLACEHOLDER.sub(lambda m: key(m["kind"], 32), code)
    code = code.replace(_WEBHOOK_SECRET_PLACEHOLDER, f'"{key("whsec", 32)}"')
    return code.replace(_CARD_PLACEHOLDER, f'"{visa_number()}"')


def visa_number(seed: str = "493817052264513") -> str:
    """A Luhn-valid Visa number that no processor publishes as a test card."""
    total = 0
    for position, digit in enumerate(reversed(seed)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return seed + str((10 - total % 10) % 10)
