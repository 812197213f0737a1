"""Which ``golive-ci ci`` arguments each input becomes, seen by a stand-in golive-ci that prints them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.github.action_runner import ActionRun, CompositeRunner, runner_environment

ROOT = Path(__file__).resolve().parents[2]

# The venv's python, run as `python -m golive_ci ARGS`: prints ARGS.
FAKE = """#!/usr/bin/env bash
if [ "$1 $2" != "-m golive_ci" ]; then echo "unexpected: $*" >&2; exit 3; fi
shift 2
if [ "$1" = "--version" ]; then echo "golive-ci 0.0.0"; exit 0; fi
python3 -c 'import json, os, sys
print(json.dumps({"argv": sys.argv[1:], "api_env": os.environ.get("GOLIVE_CI_STRIPE_API_BASE")}))' "$@"
"""


def run(tmp_path: Path, inputs: dict[str, str], **env: str) -> ActionRun:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    fake = venv / "bin" / "python"
    fake.write_text(FAKE)
    fake.chmod(0o755)
    event = tmp_path / "event.json"
    event.write_text("{}")
    environment = runner_environment(tmp_path, tmp_path, event, **env)
    runner = CompositeRunner(ROOT, tmp_path, environment, github_token="t")
    return runner.run({"preinstalled-venv": str(venv), **inputs})


def argv(result: ActionRun) -> list[str]:
    assert result.returncode == 0, result.steps[-1].stderr
    return json.loads(result.steps[-1].stdout)["argv"]


def test_defaults_add_no_optional_flag(tmp_path: Path) -> None:
    args = argv(run(tmp_path, {}))
    assert args[:2] == ["ci", "."]
    optional = ("--new-only", "--verify-leaked-keys", "--history-range", "--allow-non-stripe-api-host", "--language")
    for flag in (*optional, "--baseline", "--no-baseline"):
        assert flag not in args
    assert args[args.index("--stripe-api-base") + 1] == ""  # explicit: the environment variable is never read


def test_each_input_becomes_its_flag(tmp_path: Path) -> None:
    inputs = {
        "only-new": "true",
        "verify-leaked-keys": "true",
        "history-range": "abc123..HEAD ^main",
        "language": "fr",
        "stripe-api-base": "https://proxy.example",
        "allow-non-stripe-api-host": "true",
    }
    args = argv(run(tmp_path, inputs))
    assert "--new-only" in args and "--verify-leaked-keys" in args and "--allow-non-stripe-api-host" in args
    start = args.index("--history-range")
    assert args[start + 1 : start + 3] == ["abc123..HEAD", "^main"]
    assert args[args.index("--language") + 1] == "fr"
    assert args[args.index("--stripe-api-base") + 1] == "https://proxy.example"


def test_the_baseline_input_names_a_file_or_turns_the_baseline_off(tmp_path: Path) -> None:
    named = argv(run(tmp_path / "named", {"baseline": "ci/known.json"}))
    assert named[named.index("--baseline") + 1] == "ci/known.json" and "--no-baseline" not in named
    off = argv(run(tmp_path / "off", {"baseline": "false"}))
    assert "--no-baseline" in off and "--baseline" not in off


def test_values_set_through_github_env_are_dropped(tmp_path: Path) -> None:
    """An earlier step can write GOLIVE_CI_STRIPE_API_BASE / GOLIVE_CI_PREINSTALLED to $GITHUB_ENV."""
    result = run(tmp_path, {}, GOLIVE_CI_STRIPE_API_BASE="https://collector.example")
    assert json.loads(result.steps[-1].stdout)["api_env"] is None


@pytest.mark.parametrize("name", ["only-new", "verify-leaked-keys", "allow-non-stripe-api-host"])
def test_a_boolean_input_that_is_not_true_or_false_stops_the_run(tmp_path: Path, name: str) -> None:
    result = run(tmp_path, {name: "maybe"})
    assert result.returncode == 2 and f"input {name} expects true or false" in result.steps[-1].stderr
