"""tests/ mirrors the package: each test module sits in the folder of what it tests (tests/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

from tests import paths

# Folders of tests/ that are no golive_ci package: what each holds (tests/README.md says the same).
CROSS_CUTTING = {
    "engine": "the engine core, golive_ci's top-level modules (engine, sourcefile, parsing, config, baseline, ...)",
    "project": "the repository's promises: architecture, packaging, docs, workflows, bench, eval, scripts",
    "security": "the hardening suites: git safety, hidden keys, masking, injection, special files, nesting, regex",
}
DATA_FOLDERS = {"fixtures"}  # read by tests, never collected
INSTALLED_AS_PACKAGES = {"hooks"}  # hooks/ is installed as golive_ci.hooks (pyproject's package-dir)
# Suites in tests/rules/ that run every rule, not one.
RULE_SUITES = {"test_fixture_expectations.py", "test_rule_docs_snippets.py", "test_error_findings_say_what_to_do.py"}
TEST_MODULE = re.compile(r"test_.*\.py|.*_test\.py")  # what pytest collects
REGISTERED_RULE = re.compile(r'"golive_ci\.rules\.(\w+):')


def package_names(package: Path) -> set[str]:
    """golive_ci's sub-packages, by folder name."""
    found = {path.parent.name for path in package.glob("*/__init__.py")}
    return found | INSTALLED_AS_PACKAGES


def top_level_modules(package: Path) -> set[str]:
    return {path.stem for path in package.glob("*.py") if not path.name.startswith("_")}


def rule_modules(package: Path) -> set[str]:
    """The modules golive_ci/rules/registry.py names as rules."""
    return set(REGISTERED_RULE.findall((package / "rules" / "registry.py").read_text(encoding="utf-8")))


def _named_after(stem: str, names: set[str]) -> str | None:
    """The longest of ``names`` that ``stem`` is, or starts with followed by ``_``."""
    matches = [name for name in names if stem == name or stem.startswith(name + "_")]
    return max(matches, key=len) if matches else None


def folder_for(module_name: str, package: Path) -> str:
    """Where a test module of this name most likely belongs, as a tests/ path to say in a message."""
    stem = module_name.removesuffix(".py").removeprefix("test_").removesuffix("_test")
    if _named_after(stem, rule_modules(package)):
        return "tests/rules/"
    if found := _named_after(stem, package_names(package)):
        return f"tests/{found}/"
    if _named_after(stem, top_level_modules(package)):
        return "tests/engine/"
    return (
        "the folder of what it tests: tests/<package>/ for golive_ci/<package>/, tests/rules/ for one rule, "
        f"or {', '.join(f'tests/{name}/' for name in sorted(CROSS_CUTTING))}"
    )


def layout_problems(tests: Path, package: Path) -> list[str]:
    """Every way ``tests`` departs from the layout, each with where to put the file instead."""
    problems = [
        f"tests/{path.name}: no test module at the root of tests/; move it to {folder_for(path.name, package)}"
        for path in sorted(tests.glob("*.py"))
        if TEST_MODULE.fullmatch(path.name)
    ]
    allowed = package_names(package) | CROSS_CUTTING.keys() | DATA_FOLDERS
    for folder in sorted(path for path in tests.iterdir() if path.is_dir() and path.name != "__pycache__"):
        if folder.name not in allowed:
            problems.append(
                f"tests/{folder.name}/: neither a golive_ci package nor one of "
                f"{', '.join(sorted(CROSS_CUTTING))}; tests of golive_ci/<package>/ go to tests/<package>/"
            )
    for path in sorted(tests.rglob("*.py")):
        relative = path.relative_to(tests)
        if relative.parts[0] in DATA_FOLDERS or not TEST_MODULE.fullmatch(path.name):
            continue
        for folder in [tests.joinpath(*relative.parts[:depth]) for depth in range(len(relative.parts))]:
            if not (folder / "__init__.py").is_file():
                problems.append(
                    f"{folder.relative_to(tests.parent).as_posix()}/: add an empty __init__.py "
                    f"(test modules are named by their folder: tests.rules.test_x and tests.account.test_x differ)"
                )
    rules = rule_modules(package)
    for path in sorted((tests / "rules").glob("*.py")):
        named = _named_after(path.stem.removeprefix("test_"), rules)
        if TEST_MODULE.fullmatch(path.name) and path.name not in RULE_SUITES and not named:
            problems.append(
                f"tests/rules/{path.name}: name it test_<rule module>.py or test_<rule module>_<aspect>.py "
                "after golive_ci/rules/<rule module>.py; tests of several rules go to their package's "
                "folder (tests/versions/ for the API-version and SDK rules)"
            )
    return sorted(set(problems))


def test_the_tests_mirror_the_package() -> None:
    problems = layout_problems(paths.ROOT / "tests", paths.ROOT / "golive_ci")
    assert not problems, "tests/ layout (see tests/README.md):\n" + "\n".join(problems)


def _tree(root: Path, files: list[str]) -> Path:
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    return root


def test_misplaced_modules_and_folders_are_named_with_where_they_belong(tmp_path: Path) -> None:
    package = _tree(tmp_path / "golive_ci", ["__init__.py", "engine.py", "lang/__init__.py", "rules/__init__.py"])
    (package / "rules" / "registry.py").write_text('RULES = {"card-number": "golive_ci.rules.card_number:R"}\n')
    tests = _tree(
        tmp_path / "tests",
        [
            "__init__.py",
            "conftest.py",
            "keys.py",
            "test_card_number_precision.py",
            "test_lang_shapes.py",
            "test_engine_speed.py",
            "test_misc.py",
            "misc/__init__.py",
            "lang/test_profiles.py",
            "rules/__init__.py",
            "rules/test_card_number.py",
            "rules/test_several_rules.py",
            "rules/test_fixture_expectations.py",
            "fixtures/test_sample.py",
        ],
    )
    problems = "\n".join(layout_problems(tests, package))
    at_root = "no test module at the root of tests/; move it to"
    assert f"tests/test_card_number_precision.py: {at_root} tests/rules/" in problems
    assert f"tests/test_lang_shapes.py: {at_root} tests/lang/" in problems
    assert f"tests/test_engine_speed.py: {at_root} tests/engine/" in problems
    assert f"tests/test_misc.py: {at_root} the folder of what it tests" in problems
    assert "tests/misc/: neither a golive_ci package nor one of engine, project, security" in problems
    assert "tests/lang/: add an empty __init__.py" in problems
    assert "tests/rules/test_several_rules.py: name it test_<rule module>.py" in problems
    for fine in ("conftest.py", "keys.py", "rules/test_card_number.py", "rules/test_fixture_expectations.py"):
        assert f"tests/{fine}" not in problems
    assert "fixtures" not in problems
    assert len(layout_problems(tests, package)) == 7
