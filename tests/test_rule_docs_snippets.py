"""Every rule's documented example is caught by the rule, and its documented fix is not.

The fenced blocks with a language (```python, ```js, …) of a rule's ``example`` are written as
files of one tree and scanned with that rule: at least one finding of it, and every file parses.
The blocks of its ``fix`` likewise: no finding of it. A block whose first line is a comment naming
a path (``# billing/settings.py``) is written there. Key and card placeholders (``"sk_live_51H…"``)
are replaced by key-shaped values assembled at run time (tests/keys.py), never written here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import UNPARSED_PREFIX
from golive_ci.rules import RULES, load_rule
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
# Rules whose example is not code a scan can run, and why.
NOT_RUNNABLE = {
    "unpinned-sdk": "manifest lines of several files (requirements.txt, package.json, build.gradle, .csproj)",
    "outdated-sdk": "manifest lines of several files (go.mod, package.json) in one list",
}


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


def _scan_blocks(root: Path, slug: str, blocks: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    for path, code in blocks:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(code, encoding="utf-8")
    report = scan([root], root, Config(), select=[slug])
    findings = [f"{f.path}:{f.line}: {f.message}" for f in report.findings if f.rule == slug]
    unparsed = [f"{n.path}: {n.message}" for n in report.notices if n.message.startswith(UNPARSED_PREFIX)]
    return findings, unparsed


@pytest.mark.parametrize("slug", RULES)
def test_the_documented_example_is_caught(slug: str, tmp_path: Path) -> None:
    blocks = runnable_blocks(load_rule(slug).example)
    if slug in NOT_RUNNABLE:
        assert not blocks, f"{slug} now has runnable example blocks: drop it from NOT_RUNNABLE"
        return
    assert blocks, f"{slug}'s example has no fenced code block with a language"
    findings, unparsed = _scan_blocks(tmp_path, slug, blocks)
    assert not unparsed
    assert findings, f"{slug} reports nothing on its own example"


@pytest.mark.parametrize("slug", RULES)
def test_the_documented_fix_is_clean(slug: str, tmp_path: Path) -> None:
    blocks = runnable_blocks(load_rule(slug).fix)
    if not blocks:
        pytest.skip(f"{slug}'s fix is prose only")
    findings, unparsed = _scan_blocks(tmp_path, slug, blocks)
    assert not unparsed
    assert not findings, f"{slug} reports its own fix"


def test_placeholders_become_assembled_values() -> None:
    [(_, code)] = runnable_blocks('```python\nk = "sk_live_51H…"\nc = "4…(a real card)…"\n```\n')
    assert "…" not in code and key("sk_live", 32) in code
