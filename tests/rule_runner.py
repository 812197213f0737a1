"""Run one rule on texts a test writes, the way the engine runs it on files.

``check_text(RuleClass, path, text)`` is what most rule tests need: a fresh rule, the file only if the rule
``wants`` it, its findings. ``check_files`` runs one rule over several files and its ``finish``.
``assert_docs_hold(RuleClass, check)`` runs a rule's documented example (a finding each) and fix (none).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from golive_ci.config import Config
from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from tests.rule_docs import runnable_blocks


def new_rule(rule: type[Rule], root: Path = Path("."), config: Config | None = None, partial: bool = False) -> Rule:
    return rule(RuleContext(root=root, config=config or Config(), partial=partial))


def findings_on(rule: Rule, path: str, text: str, ask_wants: bool = True) -> list[Finding]:
    """``rule``'s findings on ``text`` read as ``path``; none when it does not want the file (``ask_wants``)."""
    source = SourceFile.from_text(path, text)
    if ask_wants and not rule.wants(source):
        return []
    return list(rule.check(source))


def check_text(rule: type[Rule], path: str, text: str, config: Config | None = None) -> list[Finding]:
    """A fresh ``rule``'s findings on one file."""
    return findings_on(new_rule(rule, config=config), path, text)


def check_files(
    rule: type[Rule], files: dict[str, str], root: Path = Path("."), partial: bool = False
) -> list[Finding]:
    """A fresh ``rule``'s findings on every file it wants, then those of its ``finish``."""
    instance = new_rule(rule, root=root, partial=partial)
    found: list[Finding] = []
    for path, text in files.items():
        found += findings_on(instance, path, text)
    return found + list(instance.finish())


def lines(findings: list[Finding]) -> list[tuple[int, Severity]]:
    """(line, severity) of every finding, sorted: what a table of expected findings lists."""
    return sorted((f.line, f.severity) for f in findings)


def assert_docs_hold(rule: type[Rule], check: Callable[[str, str], list[Finding]]) -> None:
    """Each runnable block of ``rule.example`` gives ``check`` a finding; each block of ``rule.fix`` none."""
    example = runnable_blocks(rule.example)
    assert example, f"{rule.slug}'s example has no runnable block"
    for path, code in example:
        assert check(path, code), code
    for path, code in runnable_blocks(rule.fix):
        assert check(path, code) == [], code
