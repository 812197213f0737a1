"""Runs a composite action's ``run:`` steps the way the Actions runner does, for tests.

What it reproduces: input defaults and ``with:`` values, ``${{ inputs.* }}``, ``${{ steps.*.outputs.* }}``
and ``${{ github.token }}`` / ``${{ github.action_ref }}`` in ``env:`` (the only places this action uses
expressions), ``if:`` conditions of the form ``env.NAME == ''`` or ``inputs.NAME == ''``, one
``bash --noprofile --norc -eo pipefail`` per step,
fresh ``GITHUB_OUTPUT`` / ``GITHUB_STEP_SUMMARY`` / ``GITHUB_ENV`` files per step, the
``name<<DELIMITER`` output syntax, and the action's ``outputs:``. What it does not: ``uses:``
steps (a test skips them through their ``if:`` or names stand-in outputs for them, e.g. the
``python-path`` that ``actions/setup-python`` would give), masking, expression functions.
Any other expression raises, so a change to action.yml cannot silently go untested.
"""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_EMPTY = re.compile(r"^(env|inputs)\.([A-Za-z_][A-Za-z0-9_-]*)\s*==\s*''$")


@dataclass
class StepRun:
    id: str
    name: str
    skipped: bool
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""


@dataclass
class ActionRun:
    steps: list[StepRun]
    outputs: dict[str, str]

    @property
    def returncode(self) -> int:
        return next((s.returncode for s in self.steps if s.returncode), 0)

    @property
    def stdout(self) -> str:
        return "".join(s.stdout for s in self.steps)

    @property
    def summary(self) -> str:
        return "".join(s.summary for s in self.steps)


def parse_file_command(text: str) -> dict[str, str]:
    """``name=value`` and ``name<<DELIMITER`` blocks, as the runner reads GITHUB_OUTPUT and GITHUB_ENV."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            while index < len(lines) and lines[index] != delimiter:
                body.append(lines[index])
                index += 1
            if index >= len(lines):
                raise ValueError(f"unterminated {name} block")
            index += 1
            values[name] = "\n".join(body)
        else:
            name, _, value = line.partition("=")
            values[name] = value
    return values


class CompositeRunner:
    def __init__(
        self,
        action_dir: Path,
        workspace: Path,
        env: dict[str, str],
        github_token: str,
        uses_outputs: dict[str, dict[str, str]] | None = None,
        action_ref: str = "",
    ) -> None:
        self.action_dir = action_dir
        self.workspace = workspace
        self.env = dict(env)
        self.github_token = github_token
        self.action_ref = action_ref
        # action name without @ref -> the outputs to pretend it gave (the action itself is not run)
        self.uses_outputs = uses_outputs or {}
        self.definition = yaml.safe_load((action_dir / "action.yml").read_text(encoding="utf-8"))

    def _value(self, expression: str, inputs: dict[str, str], steps: dict[str, StepRun]) -> str:
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return inputs[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            step = steps.get(parts[1])
            return step.outputs.get(parts[3], "") if step else ""
        if expression == "github.token":
            return self.github_token
        if expression == "github.action_ref":
            return self.action_ref
        raise NotImplementedError(f"expression not supported by the test runner: {expression}")

    def _expand(self, text: str, inputs: dict[str, str], steps: dict[str, StepRun]) -> str:
        return _EXPRESSION.sub(lambda m: self._value(m.group(1), inputs, steps), str(text))

    def _condition(self, condition: str | None, env: dict[str, str], inputs: dict[str, str]) -> bool:
        if condition is None:
            return True
        match = _EMPTY.match(condition.strip())
        if not match:
            raise NotImplementedError(f"if: not supported by the test runner: {condition}")
        return (env if match.group(1) == "env" else inputs).get(match.group(2), "") == ""

    def run(self, with_inputs: dict[str, str]) -> ActionRun:
        declared = self.definition["inputs"]
        unknown = set(with_inputs) - set(declared)
        if unknown:
            raise KeyError(f"unknown inputs {sorted(unknown)}")
        inputs: dict[str, str] = {}
        for name, spec in declared.items():
            raw = with_inputs.get(name, spec.get("default", ""))
            inputs[name] = self._expand(str(raw), {}, {})
        env = {**self.env, "GITHUB_ACTION_PATH": str(self.action_dir)}
        steps: dict[str, StepRun] = {}
        runs: list[StepRun] = []
        temp = Path(env["RUNNER_TEMP"]) / "_runner_file_commands"
        temp.mkdir(parents=True, exist_ok=True)
        for index, step in enumerate(self.definition["runs"]["steps"]):
            step_id = step.get("id", f"__step{index}")
            record = StepRun(
                step_id, step.get("name", step_id), skipped=not self._condition(step.get("if"), env, inputs)
            )
            runs.append(record)
            steps[step_id] = record
            if record.skipped:
                continue
            if "uses" in step:
                name = step["uses"].split("@", 1)[0]
                if name not in self.uses_outputs:
                    raise NotImplementedError(f"the test runner cannot run `uses: {step['uses']}`")
                record.outputs = dict(self.uses_outputs[name])
                continue
            files = {name: temp / f"{name.lower()}_{uuid.uuid4().hex}" for name in ("GITHUB_OUTPUT", "GITHUB_ENV")}
            files["GITHUB_STEP_SUMMARY"] = temp / f"step_summary_{uuid.uuid4().hex}"
            for path in files.values():
                path.write_text("", encoding="utf-8")
            script = temp / f"{uuid.uuid4().hex}.sh"
            script.write_text(step["run"], encoding="utf-8")
            step_env = {key: self._expand(value, inputs, steps) for key, value in (step.get("env") or {}).items()}
            completed = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env={**env, **{k: str(v) for k, v in files.items()}, **step_env},
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            record.returncode = completed.returncode
            record.stdout, record.stderr = completed.stdout, completed.stderr
            record.outputs = parse_file_command(files["GITHUB_OUTPUT"].read_text(encoding="utf-8"))
            record.summary = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
            env.update(parse_file_command(files["GITHUB_ENV"].read_text(encoding="utf-8")))
            if completed.returncode != 0:
                break  # a failing step stops a composite action
        outputs = {
            name: self._expand(spec["value"], inputs, steps) for name, spec in self.definition["outputs"].items()
        }
        return ActionRun(runs, outputs)


def runner_environment(tmp: Path, workspace: Path, event_file: Path, **extra: str) -> dict[str, str]:
    """The environment a GitHub-hosted runner gives a step, for a ``pull_request`` event."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "SYSTEMROOT") if name in os.environ}
    runner_temp = tmp / "runner_temp"
    runner_temp.mkdir(exist_ok=True)
    return {
        **keep,
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "RUNNER_TEMP": str(runner_temp),
        "RUNNER_OS": "Linux",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event_file),
        "GITHUB_REPOSITORY": "Codertocat/Hello-World",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": "4242",
        "GIT_CONFIG_NOSYSTEM": "1",
        **extra,
    }
