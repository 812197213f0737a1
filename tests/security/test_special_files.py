"""Issue 10, item 4: a repository's symbolic links, devices and FIFOs are never read.

Before the fix the account checks' event-type collection read a committed ``zero.py -> /dev/zero``
until memory ran out and blocked forever on a FIFO. Every entry point below runs under an alarm:
a read that blocks or never ends fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from golive_ci.cli import main
from golive_ci.config import Config, ConfigError, load_config
from golive_ci.sources.files import SkippedFile, notable_skip, open_file, read_file
from tests import paths
from tests.conftest import git

T = TypeVar("T")
HANG_GUARD = 10  # seconds before the alarm; each run below takes well under one
STRIPE_APP = 'import stripe\nstripe.api_version = "2024-06-20"\nif event.type == "charge.succeeded":\n    pass\n'

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")


def _within(seconds: int, run: Callable[[], T]) -> tuple[T, float]:
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a read blocked or never ended")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    started = time.monotonic()
    try:
        return run(), time.monotonic() - started
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Iterator[Path]:
    """Committed links to /dev/zero and out of the repository, a link inside it, and a FIFO."""
    outside = tmp_path / "outside.py"
    outside.write_text(STRIPE_APP)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "app.py").write_text(STRIPE_APP)
    (repo / "zero.py").symlink_to("/dev/zero")
    (repo / "escape.py").symlink_to(outside)
    (repo / "alias.py").symlink_to("app.py")  # read as app.py already: no notice
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hostile")
    os.mkfifo(repo / "pipe.js")  # git cannot commit a FIFO, but a checkout step or a hook can make one
    yield repo


def _notices(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.startswith("notice: "))


def test_scan_reads_neither_the_device_nor_the_fifo(hostile_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, elapsed = _within(HANG_GUARD, lambda: main(["scan", str(hostile_repo)]))
    out = capsys.readouterr().out
    assert elapsed < 5 and code == 0
    assert "app.py:2:22: outdated-api-version" in out  # the regular file is still checked
    assert "escape.py" not in out.replace("notice: escape.py", "")  # no finding from the file outside
    assert _notices(out) == [
        "notice: escape.py: a symbolic link, not followed; not scanned",
        "notice: zero.py: a symbolic link, not followed; not scanned",
    ]


def test_scan_of_named_special_files_notices_them(
    hostile_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_repo)  # as pre-commit runs the hooks: names relative to the top level
    _within(HANG_GUARD, lambda: main(["scan", "pipe.js", "zero.py", "alias.py"]))
    general = ("decline-tests did not run", "no file was scanned")
    assert [n for n in _notices(capsys.readouterr().out) if not any(g in n for g in general)] == [
        "notice: pipe.js: a FIFO (named pipe), not read; not scanned",
        "notice: zero.py: a symbolic link, not followed; not scanned",
    ]


def test_a_folder_outside_git_is_walked_without_reading_special_files(
    hostile_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    shutil.rmtree(hostile_repo / ".git")
    _within(HANG_GUARD, lambda: main(["scan", str(hostile_repo)]))
    notices = _notices(capsys.readouterr().out)
    assert "notice: pipe.js: a FIFO (named pipe), not read; not scanned" in notices
    assert "notice: zero.py: a symbolic link, not followed; not scanned" in notices


def test_the_account_code_collection_finishes_and_says_what_it_skipped(hostile_repo: Path) -> None:
    from golive_ci.account.code import collect_code_facts

    facts, elapsed = _within(HANG_GUARD, lambda: collect_code_facts(hostile_repo, Config()))
    assert elapsed < 5
    assert facts.handled_events.ok and facts.handled_events.value == {"charge.succeeded": ["app.py:3"]}
    assert facts.versions.ok
    assert sorted(facts.notes) == ["escape.py: a symbolic link, not followed", "zero.py: a symbolic link, not followed"]


def test_the_event_type_collection_skips_a_fifo_it_walks_into(hostile_repo: Path) -> None:
    import shutil

    from golive_ci.webhooks.events import collect_handled_event_types

    shutil.rmtree(hostile_repo / ".git")  # outside git the folder is walked: the FIFO is listed
    notices: list[str] = []
    handled, _ = _within(HANG_GUARD, lambda: collect_handled_event_types(hostile_repo, Config(), notices))
    assert handled == {"charge.succeeded": ["app.py:3"]}
    assert sorted(notices) == [
        "escape.py: a symbolic link, not followed",
        "pipe.js: a FIFO (named pipe), not read",
        "zero.py: a symbolic link, not followed",
    ]


def test_versions_finishes_and_notices_the_links(hostile_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _within(HANG_GUARD, lambda: main(["versions", str(hostile_repo)]))
    out = capsys.readouterr().out
    assert "app.py:2" in out
    assert "notice: zero.py: a symbolic link, not followed" in out
    assert "notice: escape.py: a symbolic link, not followed" in out


def test_configuration_through_a_link_or_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    (tmp_path / ".golive-ci.toml").symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="a symbolic link, not followed"):
        _within(HANG_GUARD, lambda: load_config(tmp_path / ".golive-ci.toml"))
    os.mkfifo(tmp_path / "fifo.toml")
    with pytest.raises(ConfigError, match="FIFO"):
        _within(HANG_GUARD, lambda: load_config(tmp_path / "fifo.toml"))


def test_the_one_reader_is_bounded_and_checks_what_it_opened(tmp_path: Path) -> None:
    big = tmp_path / "big.js"
    big.write_bytes(b"x" * 2048)
    assert read_file(big, 4096) == b"x" * 2048
    with pytest.raises(SkippedFile, match="larger than 1 KiB") as too_large:
        read_file(big, 1024)
    assert not too_large.value.special and notable_skip(too_large.value, tmp_path)
    (tmp_path / "link.js").symlink_to(big)
    with pytest.raises(SkippedFile) as link:
        open_file(tmp_path / "link.js")
    assert not notable_skip(link.value, tmp_path)  # a link to a regular file inside: read under its own name
    with pytest.raises(SkippedFile, match="device"):
        read_file("/dev/null")
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "missing.js")


def test_a_snapshot_or_event_file_that_is_a_link_or_a_fifo_is_refused(tmp_path: Path) -> None:
    from golive_ci.account.snapshot import SnapshotError, load_snapshot
    from golive_ci.github.context import load_event

    (tmp_path / "snapshot.json").symlink_to("/dev/zero")  # a committed snapshot a workflow passes on
    with pytest.raises(SnapshotError, match="a symbolic link, not followed"):
        _within(HANG_GUARD, lambda: load_snapshot(tmp_path / "snapshot.json"))
    os.mkfifo(tmp_path / "event.json")
    (payload, problem), _ = _within(HANG_GUARD, lambda: load_event(str(tmp_path / "event.json")))
    assert payload == {} and problem is not None and "FIFO" in problem


def test_files_are_read_in_one_module_only() -> None:
    """Every read of a file goes through golive_ci/sources/files.py; the exceptions read no repository
    file: git's pipes, golive-ci's own data, the installed Stripe SDK, and the runner files written to."""
    import ast

    package = paths.ROOT
    allowed = {
        "golive_ci/sources/files.py": "the one reader",
        "golive_ci/sources/git.py": "git's output pipes",
        "golive_ci/versions/knowledge.py": "golive-ci's own package data",
        "golive_ci/lang/_queries.py": "golive-ci's own tree-sitter queries (lang/<name>/nodes.scm)",
        "golive_ci/versions/sdk_enum.py": "the installed stripe package",
        "golive_ci/github/workflow.py": "appends to the runner's output files",
        "golive_ci/github/adoption.py": "unpacks git archive's output (bytes in memory) for --new-only",
    }
    readers = {"read_bytes", "read_text", "open", "fdopen"}  # open: the built-in, os.open, io.open, Path.open
    offenders = []
    for path in [*package.joinpath("golive_ci").rglob("*.py"), *package.joinpath("hooks").rglob("*.py")]:
        relative = path.relative_to(package).as_posix()
        if relative in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            if name in readers:
                offenders.append(f"{relative}:{node.lineno}: {name}()")
    assert offenders == []
