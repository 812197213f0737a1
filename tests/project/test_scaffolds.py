"""scripts/new_rule.py and new_language.py: a scaffolded rule is known to every command after one registry
line, a scaffolded language is found, and both tests land where tests/README.md says."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import paths
from tests.project.test_layout import layout_problems

ROOT = paths.ROOT


def load_script(name: str = "new_rule"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_tests(copy: Path, test_file: str) -> subprocess.CompletedProcess[str]:
    """The scaffolded test module run by pytest inside the copy, with only the copy on the path."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_file],
        cwd=copy,
        env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "golive_ci", tmp_path / "golive_ci", ignore=shutil.ignore_patterns("__pycache__"))
    for init in (ROOT / "tests").rglob("__init__.py"):  # the folders of tests/, without their modules
        relative = init.relative_to(ROOT)
        if "fixtures" not in relative.parts:
            (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / relative).write_text("")
    return tmp_path


def test_a_scaffolded_rule_is_listed_documented_and_its_test_passes(copy: Path) -> None:
    new_rule = load_script()
    assert new_rule.main(["toy-rule", "--checklist", "edge-cases", "--summary", "A toy", "--root", str(copy)]) == 0
    registry = (copy / "golive_ci" / "rules" / "registry.py").read_text()
    assert registry.count('"toy-rule": "golive_ci.rules.toy_rule:ToyRuleRule"') == 1
    env = {"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"}
    listed = subprocess.run(
        [sys.executable, "-m", "golive_ci", "rules", "toy-rule"], cwd=copy, env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert "A toy" in listed.stdout
    tests = run_tests(copy, "tests/rules/test_toy_rule.py")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "2 passed" in tests.stdout
    assert layout_problems(copy / "tests", copy / "golive_ci") == []


def test_an_existing_slug_is_refused_and_nothing_is_written(copy: Path) -> None:
    new_rule = load_script()
    before = (copy / "golive_ci" / "rules" / "registry.py").read_text()
    assert new_rule.main(["card-number", "--checklist", "logging", "--summary", "x", "--root", str(copy)]) == 1
    assert (copy / "golive_ci" / "rules" / "registry.py").read_text() == before
    assert not (copy / "tests" / "rules" / "test_card_number.py").exists()


def test_a_slug_that_is_not_kebab_case_is_a_usage_error(copy: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        load_script().main(["Toy_Rule", "--checklist", "logging", "--summary", "x", "--root", str(copy)])
    assert exit_info.value.code == 2


def test_a_scaffolded_language_gets_its_files_and_its_test_passes(copy: Path) -> None:
    env = {"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"}
    made = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_language.py"), "kotlin", "--suffix", ".kt", "--root", str(copy)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    assert (copy / "golive_ci" / "lang" / "kotlin" / "__init__.py").is_file()
    assert (copy / "golive_ci" / "lang" / "kotlin" / "nodes.scm").is_file()
    roles = subprocess.run(  # no node kinds yet: every role is known and empty
        [
            sys.executable,
            "-c",
            "from golive_ci.lang import language_roles; print(sum(map(len, language_roles('kotlin').values())))",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert roles.stdout.split() == ["0"], roles.stderr
    tests = run_tests(copy, "tests/lang/test_lang_kotlin.py")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "2 passed" in tests.stdout
    assert layout_problems(copy / "tests", copy / "golive_ci") == []


def test_a_suffix_that_already_has_a_language_is_refused(copy: Path) -> None:
    assert load_script("new_language").main(["python3", "--suffix", ".py", "--root", str(copy)]) == 1
    assert not (copy / "golive_ci" / "lang" / "python3").exists()
