"""Scaffold a static rule: its module, its test module and its registry line.

    python scripts/new_rule.py live-return-urls --checklist test-objects --severity warning \
        --summary "Checkout return URLs that point at localhost"

writes ``golive_ci/rules/live_return_urls.py`` (a working rule that reports one placeholder
pattern, to be replaced by the real policy), ``tests/rules/test_live_return_urls.py`` (the
documented example must produce a finding, the fix none; more of its tests go next to it as
``test_live_return_urls_<aspect>.py``, see tests/README.md) and appends one line to
``golive_ci/rules/registry.py``.
Nothing else needs to change for ``golive-ci rules`` and every command to know the rule; run
``python scripts/gen_rule_docs.py`` once its docs are written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _scaffold, also when this file is loaded by path
import _scaffold

ROOT = _scaffold.ROOT
SLUG_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")
SEVERITIES = ("error", "warning", "info")
REGISTRY_END = "\n}\n"

RULE_TEMPLATE = '''"""{slug}: {summary}."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.parsing import lazy_pattern
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile

# Placeholder policy: replace with what the rule really looks for (prefer the syntax layer,
# golive_ci.syntax, to regular expressions over code).
_PATTERN = lazy_pattern(r"golive_ci_placeholder_\\w+")


class {class_name}(Rule):
    slug = "{slug}"
    checklist = "{checklist}"
    severity = Severity.{severity_member}
    summary = "{summary}"
    why = """TODO: why this matters at go-live, in a few sentences."""
    example = """golive_ci_placeholder_example = True
"""
    fix = """fixed_example = True
"""
    needles = (b"golive_ci_placeholder_",)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        for match in _PATTERN.finditer(source.text):
            yield self.finding_at(source, match.start(), f"{{match.group()}}: TODO say what is wrong and what to do")
'''

TEST_TEMPLATE = """from pathlib import Path

from golive_ci.config import Config
from golive_ci.rules.base import RuleContext
from golive_ci.rules.{module} import {class_name}
from golive_ci.sourcefile import SourceFile


def findings(text: str, path: str = "app.py") -> list:
    rule = {class_name}(RuleContext(root=Path("."), config=Config()))
    return list(rule.check(SourceFile.from_text(path, text)))


def test_the_documented_example_is_reported() -> None:
    [finding] = findings({class_name}.example)
    assert finding.rule == "{slug}"


def test_the_documented_fix_is_not_reported() -> None:
    assert findings({class_name}.fix) == []
"""


def class_name_for(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-")) + "Rule"


def module_for(slug: str) -> str:
    return slug.replace("-", "_")


def add_registry_line(registry_text: str, slug: str) -> str:
    """The registry with one entry appended to ``RULES``; ValueError when it is already there."""
    if f'"{slug}":' in registry_text:
        raise ValueError(f"rule {slug!r} is already registered")
    start = registry_text.index("RULES: dict[str, str] = {")
    end = registry_text.index(REGISTRY_END, start)
    line = f'    "{slug}": "golive_ci.rules.{module_for(slug)}:{class_name_for(slug)}",'
    return registry_text[:end] + "\n" + line + registry_text[end:]


def scaffold(root: Path, slug: str, checklist: str, severity: str, summary: str) -> list[Path]:
    """Write the rule, its test and its registry line under ``root``; return the files written."""
    rule_path = root / "golive_ci" / "rules" / f"{module_for(slug)}.py"
    test_path = root / "tests" / "rules" / f"test_{module_for(slug)}.py"
    registry_path = root / "golive_ci" / "rules" / "registry.py"
    _scaffold.refuse_existing(root, (rule_path, test_path))
    registry = add_registry_line(registry_path.read_text(encoding="utf-8"), slug)
    fields = {
        "slug": slug,
        "module": module_for(slug),
        "class_name": class_name_for(slug),
        "checklist": checklist,
        "severity_member": severity.upper(),
        "summary": summary.rstrip(".").replace('"', "'"),
    }
    files = {
        rule_path: RULE_TEMPLATE.format(**fields),
        test_path: TEST_TEMPLATE.format(**fields),
        registry_path: registry,
    }
    return _scaffold.write(files)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from golive_ci.findings import CHECKLIST_ITEMS

    parser = _scaffold.parser(__doc__)
    parser.add_argument("slug", help="kebab-case, stable once released (e.g. live-return-urls)")
    parser.add_argument("--checklist", required=True, choices=CHECKLIST_ITEMS, help="the go-live checklist item")
    parser.add_argument("--severity", default="warning", choices=SEVERITIES)
    parser.add_argument("--summary", required=True, help="one line: what the rule reports")
    args = parser.parse_args(argv)
    if not SLUG_RE.fullmatch(args.slug):
        parser.error(f"{args.slug!r} is not a kebab-case slug of two words or more")
    return _scaffold.run(
        "new_rule",
        args.root,
        lambda: scaffold(args.root, args.slug, args.checklist, args.severity, args.summary),
        "write the policy, why/example/fix, tests; then python scripts/gen_rule_docs.py",
    )


if __name__ == "__main__":
    raise SystemExit(main())
