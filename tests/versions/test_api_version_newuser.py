"""Integrations written from scratch as a new user would, one per language: exactly the expected findings.

Each expected finding is marked in the fixture with an ``expect: <rule> …`` comment on its line
(JSON manifests cannot hold comments: their expectations are listed here).
"""

from __future__ import annotations

from pathlib import Path

from golive_ci.hooks.stripe_api_version import main as hook_main

from tests.api_version_runner import copy_fixture, expected_markers, run_rules

JSON_EXPECTATIONS = {("typescript/package.json", 4, "unpinned-sdk")}


def test_new_user_integrations_get_exactly_the_expected_findings(tmp_path: Path) -> None:
    root = copy_fixture("newuser", tmp_path)
    report = run_rules(root)
    found = {(f.path, f.line, f.rule) for f in report.findings}
    assert found == expected_markers(root) | JSON_EXPECTATIONS
    assert report.notices == []


def test_every_language_is_covered(tmp_path: Path) -> None:
    root = copy_fixture("newuser", tmp_path)
    languages = {path.split("/", 1)[0] for path, _, _ in expected_markers(root)}
    assert languages == {"python", "node", "typescript", "ruby", "php", "go", "java", "dotnet"}


def test_hook_on_the_fixture_fails_and_prints_findings(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_fixture("newuser", tmp_path)
    monkeypatch.chdir(root)
    assert hook_main(["python/app.py", "node/server.js", "go/go.mod"]) == 1
    out = capsys.readouterr().out
    assert "python/app.py:9:1: unpinned-api-version" in out
    assert "node/server.js:3:16: unpinned-api-version" in out
    assert "go/go.mod" not in out  # v86 is current


def test_hook_passes_clean_files(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "ok.py").write_text("import stripe\nstripe.api_version = '2026-10-28.endive'\nstripe.api_key = k\n")
    monkeypatch.chdir(tmp_path)
    assert hook_main(["ok.py"]) == 0
    assert capsys.readouterr().out == ""
