"""The action's install path for real, offline: uv from the wheelhouse, a virtualenv, the cache's hit and miss.

``actions/setup-python`` and ``actions/cache`` are stood in for (their outputs are given); every
``run:`` step of action.yml runs as the runner runs it. Needs GOLIVE_CI_WHEELHOUSE (.ci/run fills
it with the project's dependencies and the pinned uv).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from tests.github.action_runner import CompositeRunner, runner_environment

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(
    not os.environ.get("GOLIVE_CI_WHEELHOUSE"),
    reason="needs GOLIVE_CI_WHEELHOUSE (wheels of the project's dependencies and uv; .ci/run builds it)",
)


def step(name: str) -> dict[str, object]:
    return next(s for s in ACTION["runs"]["steps"] if s["name"] == name)


def offline_runner(tmp_path: Path, cache_hit: str) -> CompositeRunner:
    wheels = os.environ["GOLIVE_CI_WHEELHOUSE"]
    workspace = tmp_path / "workspace"
    workspace.mkdir(exist_ok=True)
    (workspace / "app.py").write_text("print('hello')\n")
    event = tmp_path / "event.json"
    event.write_text("{}")
    env = runner_environment(
        tmp_path,
        workspace,
        event,
        GITHUB_EVENT_NAME="push",
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=wheels,
        UV_OFFLINE="1",
        UV_FIND_LINKS=wheels,
        UV_CACHE_DIR=str(tmp_path / "uv-cache"),
        UV_PYTHON_DOWNLOADS="never",
    )
    stand_ins = {
        "actions/setup-python": {"python-path": sys.executable, "python-version": platform.python_version()},
        "actions/cache": {"cache-hit": cache_hit},
    }
    return CompositeRunner(ROOT, workspace, env, github_token="", uses_outputs=stand_ins, action_ref="v0")


def test_uv_is_pinned_and_the_cache_action_is_pinned_by_sha() -> None:
    version = step("Cache key of the golive-ci virtualenv")["env"]["UV_VERSION"]  # type: ignore[index]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    cache = step("Restore the golive-ci virtualenv")
    assert re.fullmatch(r"actions/cache@[0-9a-f]{40}", str(cache["uses"]))
    assert cache["with"] == {"path": "${{ steps.venv.outputs.path }}", "key": "${{ steps.venv.outputs.key }}"}


def test_cold_install_then_a_cache_hit_then_a_broken_cache(tmp_path: Path) -> None:
    cold = offline_runner(tmp_path, cache_hit="false").run({"comment": "false", "history": "false"})
    install = next(s for s in cold.steps if s.name == "Install golive-ci")
    assert install.returncode == 0, install.stderr
    venv = tmp_path / "runner_temp" / "golive-ci-venv"
    package = next(venv.glob("lib/python*/site-packages/golive_ci"), None)
    assert Path(install.outputs["bin"]) == venv / "bin" and package is not None
    # golive_ci copied in from the action's checkout, not built: no wheel was made of it
    assert not list(venv.glob("lib/python*/site-packages/golive_ci-*.dist-info"))
    assert (package / "data").is_dir() and (package / "__main__.py").is_file()
    assert cold.returncode == 0, cold.steps[-1].stderr
    key = next(s for s in cold.steps if s.id == "venv").outputs["key"]
    python = platform.python_version()
    assert re.fullmatch(rf"golive-ci-venv-Linux-x-py{re.escape(python)}-v0-[0-9a-f]{{16}}-uv[\d.]+", key), key
    # the action extra is there: the Action's PR comment and account checks need no other install
    assert list(venv.glob("lib/python*/site-packages/github")) and list(venv.glob("lib/python*/site-packages/stripe"))

    tools = tmp_path / "runner_temp" / "golive-ci-uv"
    shutil.rmtree(tools)
    warm = offline_runner(tmp_path, cache_hit="true").run({"comment": "false", "history": "false"})
    assert warm.returncode == 0 and not tools.exists()  # nothing installed: the restored venv is used as is
    assert next(s for s in warm.steps if s.id == "venv").outputs["key"] == key  # same inputs, same key

    shutil.rmtree(package)  # a restored venv that does not work is rebuilt
    broken = offline_runner(tmp_path, cache_hit="true").run({"comment": "false", "history": "false"})
    assert broken.returncode == 0 and tools.exists() and (package / "__main__.py").is_file()


def test_the_key_changes_with_the_action_files(tmp_path: Path) -> None:
    runner = offline_runner(tmp_path, cache_hit="true")
    key_step = {**step("Cache key of the golive-ci virtualenv")}
    runner.definition = {
        **runner.definition,
        "runs": {"using": "composite", "steps": [step("Set up Python"), key_step]},
    }
    first = runner.run({}).steps[-1].outputs["key"]
    copy = tmp_path / "action"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".ci-venv", ".ci-wheels", ".git", "build", ".work")
    )
    (copy / "golive_ci" / "extra_module.py").write_text("X = 1\n")
    runner.action_dir = copy
    second = runner.run({}).steps[-1].outputs["key"]
    assert first != second and first.rsplit("-", 2)[0] == second.rsplit("-", 2)[0]
