"""Every error-severity finding tells the user what to do (issue 12, "output a user can act on")."""

from __future__ import annotations

import json
import re

import pytest

from golive_ci.cli import main
from tests import paths

ROOT = paths.ROOT
# An instruction: one of the verbs the rules' messages use to say what to do.
INSTRUCTION = re.compile(
    r"\b(add|roll|remove|verify|pin|set|use|upgrade|handle|delete|pass|answer|recreate|move|load|rotate|catch"
    r"|check|fail|lock|replace|return|call|record|give|keep|purge|install)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("folder", ["tests/fixtures", "examples"])
def test_every_error_finding_message_says_what_to_do(
    folder: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    main(["scan", "--format", "json", folder])
    findings = json.loads(capsys.readouterr().out)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors  # the fixtures hold errors of several rules
    assert [f"{f['rule']}: {f['message']}" for f in errors if not INSTRUCTION.search(f["message"])] == []
