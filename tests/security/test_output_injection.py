"""Issue 10 items 8, 11, 12 and 13: repository text cannot print a runner command, keys and
their fragments never reach an output, SARIF locations are URI references.

Each test builds its attack in a throw-away repository and checks every human-readable line as
the GitHub runner reads it: a line that starts (after blanks) with ``::`` or holds ``##[`` anywhere
would be executed as a workflow command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from golive_ci.cli import main
from golive_ci.escaping import escape_untrusted
from golive_ci.secrets import mask
from hooks import stripe_api_version, stripe_golive, stripe_secret_keys
from tests.conftest import git
from tests.keys import key

# Payloads that the runner would obey if they were printed raw.
INJECTIONS = ("::add-mask::x", "\n::error::x", "##[set-output name=a]b", " ::stop-commands::tok")


def runner_commands(output: str) -> list[str]:
    """The lines of ``output`` the GitHub runner would execute as workflow commands."""
    lines = output.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line for line in lines if line.lstrip().startswith("::") or "##[" in line]


def test_escape_untrusted_leaves_no_command_and_no_invisible_character() -> None:
    for payload in (*INJECTIONS, "\u200b::error::x", "\ufeff::warning::x", "a\r::debug::b", "\x1b[31m::x"):
        escaped = escape_untrusted(payload)
        assert runner_commands(escaped) == [] and escaped.isprintable(), payload
    assert escape_untrusted("src/app.py") == "src/app.py"
    assert escape_untrusted("Stripe::Charge.create") == "Stripe::Charge.create"  # not at a line start
    assert escape_untrusted("a\nb") == "a\\nb"


@pytest.fixture
def hostile_repo(git_repo: Path) -> Path:
    """A repository whose file names are workflow commands, each file holding a live key."""
    for number, payload in enumerate(INJECTIONS):
        (git_repo / f"{payload}{number}.py").write_text(f'KEY = "{key("sk_live", seed=number)}"\n')
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "names")
    return git_repo


def test_scan_text_format_escapes_file_names(hostile_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scan", str(hostile_repo), "--select", "secret-key"])
    out = capsys.readouterr().out
    assert code == 1 and out.count(" secret-key ") == len(INJECTIONS)
    assert runner_commands(out) == []
    assert "\\::add-mask::x0.py:1:8: secret-key" in out and "\\n::error::x1.py" in out
    for fmt in ("json", "sarif"):  # machine-readable, but printed where the runner reads too
        assert main(["scan", str(hostile_repo), "--select", "secret-key", "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert runner_commands(out) == [], fmt
        if fmt == "json":  # the same path once parsed
            assert "##[set-output name=a]b2.py" in {f["path"] for f in json.loads(out)["findings"]}


def test_hooks_escape_file_names_and_usage_errors(
    hostile_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(hostile_repo)
    names = sorted(os.listdir(hostile_repo))
    names.remove(".git")
    for hook in (stripe_secret_keys, stripe_golive):
        assert hook.main(names) == 1
        out = capsys.readouterr().out
        assert out.count(" secret-key ") == len(INJECTIONS) and runner_commands(out) == []
    # pre-commit passes the hook's args from the repository's .pre-commit-config.yaml
    with pytest.raises(SystemExit):
        stripe_golive.main(["--select", "\n::error::bad", "a.py"])
    with pytest.raises(SystemExit):
        stripe_api_version.main(["--format", "##[set-output name=a]b"])
    err = capsys.readouterr().err
    assert "error:" in err and runner_commands(err) == []


def test_versions_escapes_version_strings_and_paths(git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (git_repo / "::add-mask::x").mkdir()
    (git_repo / "::add-mask::x" / "billing.py").write_text(
        'import stripe\nstripe.api_version = "2024-06-20\\n::error::x"\n', encoding="utf-8"
    )
    package = {"dependencies": {"stripe": "##[set-output name=a]b"}}
    (git_repo / "package.json").write_text(json.dumps(package), encoding="utf-8")
    (git_repo / "requirements.txt").write_text("stripe==::stop-commands::tok\n", encoding="utf-8")
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "pins")
    for fmt in ("text", "markdown"):
        assert main(["versions", str(git_repo), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "##\\[set-output" in out and "add-mask" in out, fmt
        assert runner_commands(out) == [], fmt


def test_configuration_errors_are_escaped_and_redacted(
    git_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = key("sk_live", seed=31)
    (git_repo / "a.py").write_text("x = 1\n")
    (git_repo / "pyproject.toml").write_text(
        f'[tool.golive-ci]\n"\\n::add-mask::x" = 1\n[tool.golive-ci.severity]\nsecret-key = "{live}"\n',
        encoding="utf-8",
    )
    assert main(["scan", str(git_repo)]) == 2
    err = capsys.readouterr().err
    assert "unknown key(s)" in err and runner_commands(err) == []
    # Item 12: the hooks print configuration errors through the same redaction pass.
    (git_repo / "pyproject.toml").write_text(f'[tool.golive-ci.severity]\nsecret-key = "{live}"\n', encoding="utf-8")
    monkeypatch.chdir(git_repo)
    for hook in (stripe_secret_keys, stripe_golive, stripe_api_version):
        assert hook.main(["a.py"]) == 2
        err = capsys.readouterr().err
        assert "unknown severity" in err and mask(live) in err
        assert live not in err and live[8:20] not in err
    assert main(["scan", str(git_repo)]) == 2
    err = capsys.readouterr().err
    assert mask(live) in err and live not in err


def test_sarif_uris_are_percent_encoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["with space.py", "hash#frag.py", "per%25cent.py", "naïve/日本.py", "c:colon.py", "q?x=1.py"]
    for number, name in enumerate(names):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'K = "{key("sk_live", seed=number)}"\n', encoding="utf-8")
    main(["scan", str(tmp_path), "--select", "secret-key", "--format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert len(uris) == len(names)
    for uri in uris:
        parts = urlsplit(uri)
        assert uri.isascii() and " " not in uri
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", ""), uri
    assert {unquote(uri) for uri in uris} == set(names)
    assert "with%20space.py" in uris and "hash%23frag.py" in uris and "per%2525cent.py" in uris
    assert "na%C3%AFve/%E6%97%A5%E6%9C%AC.py" in uris and "c%3Acolon.py" in uris


def test_fragments_and_url_encoded_forms_of_a_secret_are_scrubbed() -> None:
    from golive_ci.secrets import FragmentScrubber

    live = key("sk_live", seed=41)
    webhook = "whsec_" + key("sk_live", seed=42)[8:40] + "+/=="
    scrub = FragmentScrubber([live, webhook])
    cut = f"Invalid header value b'Bearer {live[:30]}\\n' and {live[30:]}"
    scrubbed = scrub(cut)
    body = live[8:]
    assert all(body[i : i + 8] not in scrubbed for i in range(len(body) - 7))
    encoded = "secret=" + webhook.replace("+", "%2B").replace("/", "%2f").replace("=", "%3D")
    assert webhook[6:30] not in scrub(encoded) and "%2B%2f%3D" not in scrub(encoded)
    assert scrub("sk_live_…" + live[-4:] + " stays") == "sk_live_…" + live[-4:] + " stays"
    assert scrub("nothing secret here") == "nothing secret here"


def test_the_account_command_refuses_a_key_with_a_line_break_without_quoting_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("stripe")
    live = key("rk_live", seed=43)
    monkeypatch.setenv("STRIPE_LIVE_KEY", live[:30] + "\r\n" + live[30:])
    monkeypatch.setenv("GOLIVE_CI_STRIPE_API_BASE", "http://127.0.0.1:9")  # never reached: refused before any call
    assert main(["account", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "STRIPE_LIVE_KEY holds whitespace or a control character" in err
    body = live[8:]
    assert not any(body[i : i + 8] in err for i in range(len(body) - 7))


def test_the_account_scrubber_hides_runs_of_a_key_cut_by_a_line_break() -> None:
    from golive_ci.account.keys import Scrubber

    live = key("rk_live", seed=44)
    scrub = Scrubber([live])
    text = scrub(f"error: b'Bearer {live[:50]}\\n{live[50:]}' (cut by a line break)")
    assert not any(live[8:][i : i + 8] in text for i in range(len(live) - 15))
