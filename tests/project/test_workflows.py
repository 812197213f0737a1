"""The repository's own workflows: valid, pinned, least privilege, and the release notes they publish."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import paths

ROOT = paths.ROOT
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
sys.path.insert(0, str(ROOT / "scripts"))
from changelog_section import main as changelog_main  # noqa: E402
from changelog_section import section  # noqa: E402

# the only permissions each workflow's jobs may ask for
ALLOWED = {
    "ci.yml": {("contents", "read")},
    "self-test.yml": {("contents", "read"), ("pull-requests", "write")},
    "release.yml": {("contents", "read"), ("contents", "write"), ("id-token", "write")},
}


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return found


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_three_workflows_exist() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "release.yml", "self-test.yml"]


def test_workflows_match_the_schema_and_zizmor_is_clean() -> None:
    files = [str(path) for path in WORKFLOWS]
    schema = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", *files], capture_output=True, text=True, timeout=300, check=False
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_pinned_least_privilege_and_no_credentials_left_behind(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}, "the workflow grants nothing; each job asks for what it needs"
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert set(granted.items()) <= ALLOWED[path.name], (name, granted)
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses and uses != "./":
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), uses
            if uses.startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), (name, step.get("name"))


def test_ci_covers_the_supported_pythons_and_the_other_systems() -> None:
    jobs = load(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]
    assert jobs["test"]["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13", "3.14"]
    assert set(jobs["cli-and-hooks"]["strategy"]["matrix"]["os"]) == {"macos-latest", "windows-latest"}
    assert any("tests/hooks/test_precommit.py" in step.get("run", "") for step in jobs["cli-and-hooks"]["steps"])


def test_release_publishes_with_trusted_publishing_and_moves_the_major_tag() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "release.yml")
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    pypi, release = workflow["jobs"]["pypi"], workflow["jobs"]["github-release"]
    assert pypi["permissions"] == {"contents": "read", "id-token": "write"}
    assert release["permissions"] == {"contents": "write"} and release["needs"] == "pypi"
    scripts = "\n".join(step.get("run", "") for job in (pypi, release) for step in job["steps"])
    assert "uv publish --trusted-publishing always" in scripts and "PYPI" not in scripts.upper().replace("PYPI:", "")
    assert "scripts/changelog_section.py" in scripts and 'major="${GITHUB_REF_NAME%%.*}"' in scripts


CHANGELOG = """# Changelog

## [Unreleased]

- next

## [0.2.0] - 2026-12-03

### Added
- French checklist.

## [0.1.0]

- first

[0.2.0]: https://github.com/golive-ci/golive-ci/releases/tag/v0.2.0
"""


def test_changelog_section_is_the_dated_section_only() -> None:
    assert section(CHANGELOG, "0.2.0") == "### Added\n- French checklist.\n"
    with pytest.raises(ValueError, match="no date"):
        section(CHANGELOG, "0.1.0")
    with pytest.raises(ValueError, match=r"no section for 9\.9\.9"):
        section(CHANGELOG, "9.9.9")


def test_changelog_section_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG)
    assert changelog_main(["v0.2.0", "--changelog", str(changelog)]) == 0
    assert capsys.readouterr().out.startswith("### Added")
    assert changelog_main(["0.1.0", "--changelog", str(changelog)]) == 1
    assert "no date" in capsys.readouterr().err
