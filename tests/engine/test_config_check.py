"""Configuration that never fails silently: every mistake exits 2 with a "did you mean" (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golive_ci.cli import main
from golive_ci.config_check import RULE_OPTIONS
from golive_ci.rules import RULES, load_rule
from hooks import stripe_golive, stripe_secret_keys
from tests.keys import key


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text(f'import stripe\nstripe.api_key = "{key("sk_live", seed=91)}"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('select = ["secret-keys"]', "select: unknown rule 'secret-keys' (did you mean 'secret-key'?)"),
        ('ignore = ["webhook-signatures"]', "unknown rule 'webhook-signatures' (did you mean 'webhook-signature'?)"),
        ('[severity]\n"idempotency-keys" = "error"', "[severity]: unknown rule 'idempotency-keys' (did you mean"),
        ('[rules.secret-ky]\ntest-keys = "warning"', "unknown rule 'secret-ky' (did you mean 'secret-key'?)"),
        ('[rules.secret-key]\ntest-key = "warning"', "unknown option 'test-key' (did you mean 'test-keys'?)"),
        ("[rules.webhook-tolerance]\nmax-second = 60", "unknown option 'max-second' (did you mean 'max-seconds'?)"),
        ("[rules.card-number]\nstrict = true", "card-number takes no options"),
        ('baseline = "known.json"', "baseline file known.json does not exist"),
        ('selec = ["secret-key"]', "unknown key(s) selec (did you mean 'select'?)"),
        ('select = ["secret-key"]\nignore = ["secret-key"]', "selects no rule"),
        ('select = ["announcements"]', "no static rule covers the checklist item(s) announcements"),
        ('[rules.secret-key-history]\nrotated = "abc"', "'rotated' must be a list"),
    ],
)
def test_every_config_mistake_exits_2_with_a_message(
    project: Path, capsys: pytest.CaptureFixture[str], toml: str, expected: str
) -> None:
    (project / ".golive-ci.toml").write_text(toml + "\n")
    code, err = run(capsys, "scan", ".")
    assert code == 2 and expected in err, err
    if "announcements" in toml:
        return  # the secret-key hook runs its own rule whatever `select` says
    # the hooks stop the same way rather than run on defaults
    assert stripe_secret_keys.main(["app.py"]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "secret_key"], "--select: unknown rule 'secret_key' (did you mean 'secret-key'?)"),
        (["--ignore", "card-numbr"], "--ignore: unknown rule 'card-numbr' (did you mean 'card-number'?)"),
        (["--select", "webhook"], "(did you mean 'webhooks'?)"),
    ],
)
def test_command_line_mistakes_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, err = run(capsys, "scan", *args, ".")
    assert code == 2 and expected in err, err


def test_hook_selection_mistake_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        stripe_golive.main(["--select", "secret-kye", "app.py"])
    assert exc.value.code == 2 and "did you mean 'secret-key'" in capsys.readouterr().err


def test_select_takes_a_checklist_item(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "hook.py").write_text(
        "import stripe\n\n@app.post('/webhook')\ndef hook(request):\n"
        "    event = stripe.Event.construct_from(request.json, stripe.api_key)\n"
    )
    code = main(["scan", "--select", "webhooks", "--format", "json", "."])
    out = capsys.readouterr().out
    assert code in (0, 1)
    rules = set(re.findall(r'"rule": "([a-z-]+)"', out))
    assert rules and all(load_rule(rule).checklist == "webhooks" for rule in rules)
    assert "secret-key" not in rules  # the key in app.py is not a webhook problem
    code = main(["scan", "--select", "key-rotation", "."])
    assert code == 1 and "secret-key" in capsys.readouterr().out


def test_valid_options_are_accepted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".golive-ci.toml").write_text(
        'select = ["key-rotation", "webhook-signature"]\n[rules.secret-key]\ntest-keys = "warning"\n'
        '[rules.webhook-tolerance]\nmax-seconds = 300\n[severity]\nsecret-key-history = "warning"\n'
        '[rules.secret-key-history]\nrotated = ["0123", {fingerprint = "4567", date = "2026-01-31"}]\n'
    )
    assert run(capsys, "scan", ".")[0] == 1  # runs, and the key still fails


def test_the_option_table_knows_every_option_the_rules_document() -> None:
    for slug in RULES:
        info = load_rule(slug).info()
        documented = set(re.findall(r"`([a-z]+(?:-[a-z]+)+) = ", info.fix + info.why))
        assert documented <= RULE_OPTIONS.get(slug, frozenset()), slug
