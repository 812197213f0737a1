"""The project's own promises: docs in sync, every rule documented, packaging, its own hooks."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from golive_ci.findings import CHECKLIST_ITEMS, Severity
from golive_ci.rules import RULES, all_rule_infos, load_rule
from tests import paths

ROOT = paths.ROOT


@pytest.mark.parametrize("slug", sorted(RULES))
def test_every_rule_is_documented(slug: str) -> None:
    info = load_rule(slug).info()
    assert info.slug == slug
    assert info.checklist in CHECKLIST_ITEMS
    assert isinstance(info.severity, Severity)
    for part in (info.summary, info.why, info.example, info.fix):
        assert part.strip(), f"{slug} lacks part of its documentation"
    assert info.summary.strip().endswith("."), "a summary is one sentence"


def test_rule_slugs_are_kebab_case_and_unique() -> None:
    slugs = [info.slug for info in all_rule_infos()]
    assert len(slugs) == len(set(slugs))
    assert all(slug == slug.lower() and " " not in slug and "_" not in slug for slug in slugs)


def test_generated_docs_are_in_sync() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_every_package_is_listed_for_setuptools() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "golive_ci").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    assert config["package-dir"]["golive_ci.hooks"] == "hooks"


def test_hooks_are_installed_inside_our_package_not_as_top_level_hooks(tmp_path: Path) -> None:
    probe = (
        "import importlib.util as u; "
        "print(u.find_spec('hooks') is None, u.find_spec('golive_ci.hooks.stripe_secret_keys') is not None)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True"]


def test_console_scripts_point_at_real_functions() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    for name, target in scripts.items():
        module_name, _, function = target.partition(":")
        module = importlib.import_module(module_name)
        assert callable(getattr(module, function)), name


def test_the_repository_passes_its_own_scan() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "golive_ci", "scan", str(ROOT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
