"""action.yml and the documented workflow pass check-jsonschema's GitHub schemas and zizmor --offline."""

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
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "examples" / "workflows" / "golive-ci.yml"
DOCS = ROOT / "docs" / "action.md"


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, cwd=ROOT)


def test_action_matches_the_github_actions_schema() -> None:
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(ACTION))
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_workflow_matches_the_github_workflows_schema() -> None:
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_offline_is_clean() -> None:
    result = run(tool("zizmor"), "--offline", "--no-progress", str(ACTION), str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("document", [DOCS, DOCS.parent.parent / "README.md"], ids=["docs/action.md", "README.md"])
def test_docs_show_the_example_workflow_verbatim(document: Path) -> None:
    """The validated file is the one the docs show: check-jsonschema and zizmor vouch for both."""
    blocks = re.findall(r"```yaml\n(.*?)```", document.read_text(encoding="utf-8"), re.DOTALL)
    assert WORKFLOW.read_text(encoding="utf-8") in blocks


def test_inputs_reach_scripts_only_through_env() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_public_contract_of_inputs_and_outputs() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert set(action["inputs"]) == {
        "stripe-live-key", "stripe-test-key", "github-token", "path", "config", "fail-on",
        "comment", "sarif-file", "history", "python-version",
        # issue 15: language, uv cache; issue 10 item 15: explicit API base and venv; the baseline's inputs
        "language", "stripe-api-base", "allow-non-stripe-api-host", "preinstalled-venv",
        "only-new", "history-range", "verify-leaked-keys", "baseline",
    }  # fmt: skip
    assert set(action["outputs"]) == {"errors", "warnings", "infos", "comment-url", "sarif-file"}
    assert action["inputs"]["github-token"]["default"] == "${{ github.token }}"
    assert action["runs"]["using"] == "composite" and action["branding"]["icon"]


def test_new_inputs_pass_their_flags_only_when_set() -> None:
    """only-new, history-range and verify-leaked-keys add their ci flags only when given."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    script = next(step["run"] for step in action["runs"]["steps"] if step.get("id") == "golive-ci")
    assert 'flag only-new "$INPUT_ONLY_NEW" --new-only' in script
    assert 'flag verify-leaked-keys "$INPUT_VERIFY_LEAKED_KEYS" --verify-leaked-keys' in script
    assert 'if [ -n "$INPUT_HISTORY_RANGE" ]; then' in script
    for name in ("only-new", "verify-leaked-keys", "allow-non-stripe-api-host"):
        assert action["inputs"][name]["default"] == "false"
    assert action["inputs"]["history-range"]["default"] == "" and action["inputs"]["stripe-api-base"]["default"] == ""
    assert "GOLIVE_CI_PREINSTALLED" not in ACTION.read_text(encoding="utf-8")
