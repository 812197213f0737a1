"""Issue 11, classes 9 and 11: outdated-sdk reports an SDK once, where a program of the repository uses it."""

from __future__ import annotations

from pathlib import Path

from tests.api_version_runner import findings_of, run_rules

RULES = ["outdated-sdk"]
OLD_GO = "github.com/stripe/stripe-go/v72 v72.114.0"


def test_a_pip_compile_pair_is_reported_once_at_the_compiled_file(tmp_path: Path) -> None:
    files = {
        "requirements/pip.in": "# pinned below 12 on purpose\nstripe<12\n",
        "requirements/pip.txt": "django==5.0\nstripe==11.6.0\n    # via -r requirements/pip.in\n",
    }
    findings = findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk")
    assert [(f.path, f.line) for f in findings] == [("requirements/pip.txt", 2)]
    assert "stripe-python 11" in findings[0].message


def test_an_in_file_without_its_compiled_file_is_still_reported(tmp_path: Path) -> None:
    findings = findings_of(run_rules(tmp_path, {"requirements.in": "stripe==11.6.0\n"}, rules=RULES))
    assert [(f.path, f.line) for f in findings] == [("requirements.in", 1)]


def test_an_indirect_go_requirement_is_not_the_module_s_own_sdk(tmp_path: Path) -> None:
    files = {
        "installer/go.mod": f"module example.com/installer\n\nrequire (\n\t{OLD_GO} // indirect\n)\n",
        "usage/go.mod": f"module example.com/usage\n\nrequire (\n\t{OLD_GO}\n)\n",
    }
    findings = findings_of(run_rules(tmp_path, files, rules=RULES), "outdated-sdk")
    assert [(f.path, f.line) for f in findings] == [("usage/go.mod", 4)]
