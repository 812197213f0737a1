"""The value classes of the start-up path behave like the dataclasses they replace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.findings import Finding, Notice, Report, Severity


def _finding(**changes: object) -> Finding:
    base = Finding("secret-key", Severity.ERROR, "a.py", 3, 7, "message", "key-rotation", details={"kind": "live"})
    return base.replace(**changes) if changes else base


def test_equality_compares_fields_but_not_details() -> None:
    assert _finding() == _finding(details={"other": 1})
    assert _finding() != _finding(line=4)
    assert _finding() != Notice("a.py", "message")
    assert len({_finding(), _finding(details={})}) == 1


def test_replace_copies_and_rejects_unknown_fields() -> None:
    original = _finding()
    moved = original.replace(path="sub/a.py", severity=Severity.WARNING)
    assert (moved.path, moved.severity, moved.line, moved.details) == (
        "sub/a.py",
        Severity.WARNING,
        3,
        {"kind": "live"},
    )
    assert original.path == "a.py"
    with pytest.raises(TypeError, match="no field"):
        original.replace(colour="red")


def test_defaults_are_fresh_per_instance() -> None:
    first, second = Report(), Report()
    first.findings.append(_finding())
    assert second.findings == []
    assert Config().exclude is not Config().exclude


def test_repr_names_every_field() -> None:
    assert repr(Notice("a.py", "gone")) == "Notice(message='gone', path='a.py')"


def test_the_scan_path_does_not_import_dataclasses_or_typing() -> None:
    # Both cost more at start-up than a hook's whole scan of a few files (see bench/README.md).
    code = (
        "import sys; from golive_ci.cli import build_parser; build_parser(['scan']);"
        "import golive_ci.rules.secret_key, golive_ci.engine, golive_ci.report.text;"
        "print(sorted({'dataclasses', 'typing', 'inspect'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_clean_hook_run_does_not_load_openssl(tmp_path: Path) -> None:
    # hashlib loads OpenSSL (about 3 ms): fingerprints need it, a run without findings does not.
    clean = tmp_path / "clean.py"
    clean.write_text("print('hello')\n")
    code = (
        "import sys; from golive_ci.hooks.stripe_secret_keys import main;"
        f"code = main([{str(clean)!r}]); print(code, 'hashlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.split() == ["0", "False"]
