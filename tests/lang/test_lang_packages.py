"""golive_ci/lang/: each language is a package (``lang/go/``), listed for packaging, found by a
directory listing; a single module ``lang/<name>.py`` still counts."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.lang import profiles
from tests import paths

ROOT = paths.ROOT
LANG = ROOT / "golive_ci" / "lang"
PACKAGES = sorted(path.parent.name for path in LANG.glob("*/__init__.py"))


def _listed_packages() -> list[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    listed = re.search(r"^packages = \[(.*)\]$", text, re.MULTILINE)
    assert listed is not None
    return re.findall(r'"([^"]+)"', listed.group(1))


def test_every_language_is_a_package_listed_in_pyproject() -> None:
    assert len(PACKAGES) == 7
    assert not list(LANG.glob("[!_]*.py"))  # no language left as a single module
    listed = _listed_packages()
    assert [name for name in listed if name.startswith("golive_ci.lang.")] == [f"golive_ci.lang.{n}" for n in PACKAGES]
    assert {language.name for language in profiles().values()} >= set(PACKAGES) - {"javascript"} | {"typescript"}


def _new_language_script():
    spec = importlib.util.spec_from_file_location("new_language", ROOT / "scripts" / "new_language.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_scaffold_lists_a_new_package_once() -> None:
    list_package = _new_language_script().list_package
    text = '[tool.setuptools]\npackages = ["golive_ci", "golive_ci.lang"]\n\n[tool.ruff]\n'
    once = list_package(text, "kotlin")
    assert (
        once
        == '[tool.setuptools]\npackages = ["golive_ci", "golive_ci.lang", "golive_ci.lang.kotlin"]\n\n[tool.ruff]\n'
    )
    assert list_package(once, "kotlin") == once
    with pytest.raises(ValueError, match="packages"):
        list_package("[tool.setuptools]\n", "kotlin")


TOY = 'from golive_ci.lang.python import PROFILES as _PYTHON\n\nPROFILES = (_PYTHON[0].sibling("toy", (".toy",)),)\n'


@pytest.mark.parametrize("layout", ["toy/__init__.py", "toy.py"])
def test_a_language_is_found_as_a_package_or_a_module(tmp_path: Path, layout: str) -> None:
    shutil.copytree(ROOT / "golive_ci", tmp_path / "golive_ci", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "golive_ci" / "lang" / layout
    path.parent.mkdir(exist_ok=True)
    path.write_text(TOY, encoding="utf-8")
    (tmp_path / "golive_ci" / "lang" / "notes").mkdir()  # a folder without __init__.py is no language
    code = (
        "from golive_ci.lang import language_by_suffix, profiles; print(language_by_suffix()['.toy'], len(profiles()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["toy", str(len(profiles()) + 1)]
