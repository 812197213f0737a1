"""No output ever holds a secret, and bad input never crashes or passes silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from golive_ci.cli import main
from golive_ci.config import Config
from golive_ci.engine import CHUNK_SIZE, WHOLE_FILE_LIMIT, scan
from golive_ci.report import FORMATS
from golive_ci.secrets import mask, redact
from tests.keys import key

KINDS = ("sk_live", "sk_test", "rk_live", "rk_test", "sk_org_live", "sk_org_test", "whsec")


@pytest.fixture
def leaky_tree(tmp_path: Path) -> tuple[Path, list[str]]:
    secrets = [key(kind, length, seed) for seed, kind in enumerate(KINDS) for length in (24, 99)]
    (tmp_path / "a.py").write_text("\n".join(f"K{i} = '{s}'" for i, s in enumerate(secrets)))
    (tmp_path / ".env").write_text("\n".join(f"STRIPE_{i}={s}" for i, s in enumerate(secrets)))
    (tmp_path / "nb.ipynb").write_text('{"cells": [{"source": ["' + secrets[0] + '"]}]}')
    return tmp_path, secrets


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_contains_a_secret(
    leaky_tree: tuple[Path, list[str]], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root, secrets = leaky_tree
    code = main(["scan", "--format", fmt, str(root)])
    out, err = capsys.readouterr()
    assert code == 1 and out
    for secret in secrets:
        assert secret not in out and secret not in err
        assert secret[-12:] not in out  # never more than the last four characters
    assert mask(secrets[0]) in out


def test_output_file_holds_no_secret(leaky_tree: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, secrets = leaky_tree
    target = tmp_path / "report.sarif"
    main(["scan", "--format", "sarif", "--output", str(target), str(root)])
    text = target.read_text()
    assert "secret-key" in text and not any(s in text for s in secrets)


def test_internal_error_message_and_traceback_are_redacted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = key("sk_live")

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"boom while reading {secret}")

    monkeypatch.setattr("golive_ci.cli.scan.scan", explode)
    for extra in ([], ["--debug"]):
        code = main([*extra, "scan", str(tmp_path)])
        _, err = capsys.readouterr()
        assert code == 2 and "internal error: RuntimeError" in err
        assert secret not in err and mask(secret) in err
        assert ("Traceback" in err) == bool(extra)


def test_redact_masks_every_kind() -> None:
    text = " ".join(key(kind) for kind in KINDS)
    redacted = redact(text)
    assert all(key(kind) not in redacted for kind in KINDS)
    assert redacted.count("…") == len(KINDS)


def test_binary_files_are_read_by_the_key_rule_only(tmp_path: Path) -> None:
    # Issue 10 item 6: a key in a file with a NUL byte is reported; other rules skip binary files.
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01" + key("sk_live").encode())
    report = scan([tmp_path], tmp_path, Config(), select=["secret-key"])
    assert [f.rule for f in report.findings] == ["secret-key"] and report.files_scanned == 1
    report = scan([tmp_path], tmp_path, Config(), select=["test-object-id"])
    assert report.findings == [] and report.files_skipped == 1


def test_non_utf8_bytes_are_tolerated(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9 \xff\xfe " + key("sk_live").encode() + b" \xe9")
    [finding] = scan([tmp_path], tmp_path, Config(), select=["secret-key"]).findings
    assert (finding.line, finding.column) == (1, 9)  # each undecodable byte counts as one character


def test_huge_file_is_streamed_with_correct_line_numbers(tmp_path: Path) -> None:
    secret = key("rk_live")
    line = "x" * 99 + "\n"
    lines_needed = (WHOLE_FILE_LIMIT + 3 * CHUNK_SIZE) // len(line)
    with open(tmp_path / "huge.log", "w") as handle:
        handle.write(line * lines_needed)
        handle.write(f"token={secret}\n")
        handle.write(line * 10)
    assert os.path.getsize(tmp_path / "huge.log") > WHOLE_FILE_LIMIT
    report = scan([tmp_path], tmp_path, Config(), select=["secret-key"])
    [finding] = report.findings
    assert (finding.line, finding.column) == (lines_needed + 1, 7)
    assert report.files_scanned == 1


def test_huge_single_line_file_is_bounded_and_still_scanned(tmp_path: Path) -> None:
    secret = key("sk_live")
    (tmp_path / "min.js").write_text("a" * (WHOLE_FILE_LIMIT + 10) + ";k='" + secret + "';")
    [finding] = scan([tmp_path], tmp_path, Config(), select=["secret-key"]).findings
    assert finding.line == 1


def test_vanished_and_unreadable_paths_are_notices(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "ok.txt").write_text(key("sk_live"))
    report = scan(
        [tmp_path / "ok.txt", tmp_path / "gone.txt", tmp_path / "dangling"], tmp_path, Config(), select=["secret-key"]
    )
    assert len(report.findings) == 1
    assert any(n.path == "gone.txt" and "vanished" in n.message for n in report.notices)


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_text("")
    (tmp_path / "blank.py").write_text("\n\n   \n")
    report = scan([tmp_path], tmp_path, Config(), select=["secret-key"])
    assert report.findings == [] and report.files_scanned == 2


def test_a_rule_that_fails_on_odd_input_becomes_a_notice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from golive_ci.rules.secret_key import SecretKeyRule
    from golive_ci.sourcefile import ParseError

    (tmp_path / "a.txt").write_text(key("sk_live"))
    (tmp_path / "b.txt").write_text(key("sk_live", seed=3))

    def broken(self: SecretKeyRule, source: object) -> list[object]:
        if str(getattr(source, "path", "")) == "a.txt":
            raise ParseError("could not parse this")
        raise IndexError("boom")

    monkeypatch.setattr(SecretKeyRule, "check", broken)
    report = scan([tmp_path], tmp_path, Config(), select=["secret-key"])
    assert report.findings == []
    messages = {n.path: n.message for n in report.notices}
    assert messages["a.txt"] == "secret-key: could not parse this; file not checked by this rule"
    assert "internal error (IndexError)" in messages["b.txt"]
