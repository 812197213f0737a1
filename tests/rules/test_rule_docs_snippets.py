"""Every rule's documented example is caught by the rule, and its documented fix is not.

The fenced blocks with a language (```python, ```js, …) of a rule's ``example`` are written as
files of one tree (tests/rule_docs.py) and scanned with that rule: at least one finding of it, and
every file parses. The blocks of its ``fix`` likewise: no finding of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import UNPARSED_PREFIX
from golive_ci.rules import RULES, load_rule
from tests.keys import key
from tests.rule_docs import runnable_blocks

# Rules whose example is not code a scan can run, and why.
NOT_RUNNABLE = {
    "unpinned-sdk": "manifest lines of several files (requirements.txt, package.json, build.gradle, .csproj)",
    "outdated-sdk": "manifest lines of several files (go.mod, package.json) in one list",
}


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
