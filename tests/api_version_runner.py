"""Helpers shared by the API-version tests (no tests here)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from golive_ci.hooks.stripe_api_version import API_VERSION_RULES

from golive_ci.config import Config, parse_config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Report
from tests import paths

FIXTURES = paths.FIXTURES / "api_version"
VERSION_RULES = list(API_VERSION_RULES)  # what the stripe-api-version hook runs
_EXPECT = re.compile(r"expect:\s*([a-z][a-z -]*[a-z])")


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_rules(
    root: Path,
    files: dict[str, str] | None = None,
    *,
    rules: list[str] | None = None,
    config: Config | None = None,
    partial_paths: list[str] | None = None,
) -> Report:
    """Scan ``root`` (after writing ``files``) with the API-version rules; ``partial_paths``: a hook run."""
    if files:
        write_tree(root, files)
    select = rules or VERSION_RULES
    if partial_paths is not None:
        return scan([root / p for p in partial_paths], root, config or Config(), select=select, partial=True)
    return scan([root], root, config or Config(), select=select)


def findings_of(report: Report, rule: str | None = None) -> list[Finding]:
    return [f for f in report.findings if rule is None or f.rule == rule]


def lines_of(report: Report, rule: str) -> list[tuple[str, int]]:
    return sorted((f.path, f.line) for f in report.findings if f.rule == rule)


def copy_fixture(name: str, destination: Path) -> Path:
    """A fixture tree copied out of tests/ (so that its paths are not test paths)."""
    target = destination / name
    shutil.copytree(FIXTURES / name, target)
    return target


def expected_markers(root: Path) -> set[tuple[str, int, str]]:
    """(path, line, rule) for every ``expect: rule …`` comment below ``root``."""
    expected = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _EXPECT.search(line)
            if match:
                expected |= {(relative, number, rule) for rule in match.group(1).split()}
    return expected


def config_with(rules: dict[str, dict[str, object]]) -> Config:
    return parse_config({"rules": rules})
