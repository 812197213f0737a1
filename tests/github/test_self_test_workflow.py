"""self-test.yml's steps, run offline: the checkout is a clone of this repository, ``uses: ./`` is the
composite action run by the runner simulation (installed venv instead of setup-python/cache/uv)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import git
from tests.github.action_runner import CompositeRunner, runner_environment
from tests.github.fake_github import FakeGitHub

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "self-test.yml"
DATA = Path(__file__).parent / "data"
REPO = "Codertocat/Hello-World"


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this repository's git checkout")
def test_self_test_workflow_passes_on_this_repository(github: FakeGitHub, tmp_path: Path) -> None:
    [job] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"].values()
    workspace = tmp_path / "workspace"
    outputs = {}
    for step in job["steps"]:
        uses = step["uses"]
        if uses.startswith("actions/checkout@"):
            assert step["with"] == {"fetch-depth": 0, "persist-credentials": False}
            git(tmp_path, "clone", "--quiet", "--no-hardlinks", str(ROOT), str(workspace))
            continue
        assert uses == "./"
        head = git(workspace, "rev-parse", "HEAD").strip()
        base = git(workspace, "rev-list", "--max-count=1", "--skip=3", "HEAD").strip() or head
        event = json.loads((DATA / "pull_request.synchronize.json").read_text(encoding="utf-8"))
        event["pull_request"]["head"]["sha"], event["pull_request"]["base"]["sha"] = head, base
        event_file = tmp_path / "event.json"
        event_file.write_text(json.dumps(event), encoding="utf-8")
        env = runner_environment(tmp_path, workspace, event_file, GITHUB_API_URL=github.base_url)
        # the action as checked out; this checkout's action.yml, so uncommitted changes are tested too
        runner = CompositeRunner(ROOT, workspace, env, github_token="ghs_" + "selfTestToken0123456789")
        with_inputs = {name: str(value) for name, value in step["with"].items()}
        run = runner.run({**with_inputs, "preinstalled-venv": sys.prefix})
        outputs[step["id"]] = run
    run = outputs["golive"]
    assert run.returncode == 0, run.steps[-1].stdout[-3000:] + run.steps[-1].stderr[-3000:]
    assert run.outputs["errors"] == "0"
    [comment] = github.on(REPO, 2)
    assert "<!-- golive-ci:checklist -->" in comment.body and "### ✅ Key rotation" in comment.body
