"""git's search for candidate files, and the head start the command line gives it."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from golive_ci import engine
from golive_ci.candidates import CandidateSearch, GitProcess, start_from_command_line
from golive_ci.cli import main
from golive_ci.config import Config
from golive_ci.rules import load_rule
from golive_ci.sourcefile import SourceFile
from golive_ci.sources.git import Repository
from tests.keys import key

SECRET_NEEDLES = load_rule("secret-key").needles
LIVE_KEY = key("sk_live")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "settings.py").write_text(f'STRIPE_KEY = "{LIVE_KEY}"\n')
    (tmp_path / "clean.py").write_text("print('nothing here')\n")
    (tmp_path / "pricing.py").write_text('PRICE = "price_1MoBy5LkdIwHu7ixZhnattbh"\n')
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "files"], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _finish(search: CandidateSearch | None) -> CandidateSearch:
    assert search is not None
    search.discard()
    return search


@pytest.mark.parametrize(
    ("argv", "folder", "needles"),
    [
        (["scan", "--select", "secret-key"], ".", SECRET_NEEDLES),
        (["scan", "--select=secret-key", "sub"], "sub", SECRET_NEEDLES),
        (["--debug", "scan", "--format", "json", "-o", "out.json", "--select", "secret-key", "."], ".", SECRET_NEEDLES),
        (
            ["scan", "--select", "secret-key,test-object-id", "--ignore=test-object-id", "--fail-on", "warning"],
            ".",
            SECRET_NEEDLES,
        ),
        (
            ["scan", "--select", "test-object-id", "--select", "secret-key", "--ignore", "secret-key", "--ignore", "x"],
            ".",
            SECRET_NEEDLES,
        ),
    ],
)
def test_the_command_line_settles_folder_and_needles(
    repo: Path, argv: list[str], folder: str, needles: tuple[bytes, ...]
) -> None:
    (repo / "sub").mkdir()
    search = _finish(start_from_command_line(argv))
    assert search.is_for(str((repo / folder).resolve()), needles)


@pytest.mark.parametrize(
    "argv",
    [
        ["scan", "--select", "ALL"],
        ["scan", "--select", "card-number"],  # a rule without needles
        ["scan", "--select", "no-such-rule"],
        ["scan", "--select", "secret-key", "a.py"],  # a file, not a folder
        ["scan", "--select", "secret-key", ".", "sub"],  # several paths
        ["scan", "--select", "secret-key", "--brand-new-option", "."],
        ["rules", "--select", "secret-key"],
        ["--version"],
        [],
    ],
)
def test_no_head_start_when_the_command_line_does_not_settle_it(repo: Path, argv: list[str]) -> None:
    (repo / "sub").mkdir()
    (repo / "a.py").write_text("")
    assert start_from_command_line(argv) is None


def test_a_head_start_finds_what_a_late_search_finds(repo: Path) -> None:
    early = start_from_command_line(["scan", "--select", "secret-key"])
    assert early is not None
    late = CandidateSearch(str(repo.resolve()), SECRET_NEEDLES)
    assert early.result() == late.result() == (["settings.py"], [], 2)


def test_untracked_files_are_read_whole_and_ignored_ones_not_at_all(repo: Path) -> None:
    (repo / "new_settings.py").write_text(f'KEY = "{LIVE_KEY}"\n')
    (repo / "notes.txt").write_text("untracked, no key\n")
    (repo / ".gitignore").write_text("build/\n")
    (repo / "build").mkdir()
    (repo / "build" / "leak.py").write_text(f'KEY = "{LIVE_KEY}"\n')
    search = CandidateSearch(str(repo.resolve()), SECRET_NEEDLES)
    found = search.result()
    assert found is not None
    holding, untracked, skipped = found
    assert (holding, sorted(untracked), skipped) == (["settings.py"], [".gitignore", "new_settings.py", "notes.txt"], 2)
    report = engine.scan([Path(".")], repo, Config(), select=["secret-key"])
    assert sorted(f.path for f in report.findings) == ["new_settings.py", "settings.py"]
    assert report.files_scanned == 6


def test_the_scan_adopts_a_matching_head_start(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str, tuple[bytes, ...]]] = []
    original_init = CandidateSearch.__init__

    def record(self: CandidateSearch, directory: str, needles: tuple[bytes, ...], **options: object) -> None:
        started.append((directory, needles))
        original_init(self, directory, needles, **options)

    monkeypatch.setattr(CandidateSearch, "__init__", record)
    head_start = start_from_command_line(["scan", "--select", "secret-key"])
    report = engine.scan([Path(".")], repo, Config(), select=["secret-key"], head_start=head_start)
    assert len(started) == 1  # the head start only: discovery did not search again
    assert [f.path for f in report.findings] == ["settings.py"]
    assert report.files_scanned == 3


def test_a_full_scan_adopts_the_head_start_of_its_presence_search(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule runs: nothing is prefiltered, and git's search for the other rules' needles starts
    with the command line, before golive-ci's imports; the engine takes it instead of starting one."""
    head_start = start_from_command_line(["scan"])
    assert head_start is not None
    started: list[tuple[bytes, ...]] = []
    original_init = CandidateSearch.__init__

    def record(self: CandidateSearch, directory: str, needles: tuple[bytes, ...], **options: object) -> None:
        started.append(needles)
        original_init(self, directory, needles, **options)

    monkeypatch.setattr(CandidateSearch, "__init__", record)
    report = engine.scan([Path(".")], repo, Config(), head_start=head_start)
    assert started == []  # discovery adopted the head start
    without = engine.scan([Path(".")], repo, Config())
    assert len(started) == 1 and set(started[0]) == set(head_start.needles)  # the same search, late
    assert [f.fingerprint for f in report.findings] == [f.fingerprint for f in without.findings]
    assert "settings.py" in {f.path for f in report.findings}


def test_a_head_start_for_other_needles_is_not_used(repo: Path) -> None:
    # The configuration can change the rule set after the command line was read: the head start
    # then searched for the wrong needles and discovery must search again.
    head_start = start_from_command_line(["scan", "--select", "secret-key"])
    report = engine.scan([Path(".")], repo, Config(), select=["test-object-id"], head_start=head_start)
    assert [f.path for f in report.findings] == ["pricing.py"]
    assert head_start is not None
    head_start.discard()


def test_discard_reaps_the_processes(repo: Path) -> None:
    search = start_from_command_line(["scan", "--select", "secret-key"])
    assert search is not None
    search.discard()
    processes = list(search._processes)
    assert processes and all(p.returncode is not None for p in processes)


def test_outside_git_the_head_start_gives_way_to_a_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "settings.py").write_text(f'STRIPE_KEY = "{LIVE_KEY}"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    search = start_from_command_line(["scan", "--select", "secret-key"])
    assert search is not None and search.result() is None
    assert main(["scan", "--select", "secret-key"]) == 1


def test_cli_scan_with_a_head_start_reports_the_key(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--select", "secret-key", "."]) == 1
    out = capsys.readouterr().out
    assert "settings.py:1:15: secret-key" in out
    assert LIVE_KEY not in out
    assert "(3 file(s) scanned)" in out


def test_a_users_git_grep_settings_do_not_change_the_names(repo: Path) -> None:
    (repo / "sub").mkdir()
    (repo / "sub" / "keys.py").write_text(f'KEY = "{LIVE_KEY}"\n')
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "sub"], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "grep.fullName", "true"], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "color.ui", "always"], check=True)
    assert CandidateSearch(str((repo / "sub").resolve()), SECRET_NEEDLES).result() == (["keys.py"], [], 0)


def test_a_file_git_grep_found_a_needle_in_is_not_searched_again_for_the_same_needles() -> None:
    source = SourceFile("a.py", b"no needle in the bytes at all", holds_one_of=frozenset({b"k_live_", b"whsec_"}))
    assert source.contains(b"k_live_", b"whsec_", b"other")  # git grep found one of them
    assert not source.contains(b"k_live_")  # not known which one: the bytes decide
    assert not SourceFile("a.py", b"nothing").contains(b"k_live_")


def test_without_posix_spawn_the_search_runs_through_subprocess(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr("os.posix_spawnp")
    search = CandidateSearch(str(repo.resolve()), SECRET_NEEDLES)
    assert search.result() == (["settings.py"], [], 2)


@pytest.fixture
def fake_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `git` on PATH that hangs, to exercise the timeout."""
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    script = bin_dir / "git"
    script.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir


@pytest.mark.parametrize("spawn", ["posix_spawn", "subprocess"])
def test_a_git_that_hangs_is_killed_at_the_timeout(fake_git: Path, monkeypatch: pytest.MonkeyPatch, spawn: str) -> None:
    if spawn == "subprocess":
        monkeypatch.delattr("os.posix_spawnp")
    process = GitProcess(Repository(str(fake_git), str(fake_git / ".git")), "ls-files")
    started = time.monotonic()
    assert process.output(timeout=0.3) is None
    assert time.monotonic() - started >= 0.3  # it hung until the timeout: the fake git did start
    assert process.returncode is not None  # killed and reaped, no zombie left


def test_no_git_at_all_means_a_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "settings.py").write_text(f'STRIPE_KEY = "{LIVE_KEY}"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert GitProcess(Repository(str(tmp_path), str(tmp_path / ".git")), "ls-files").output() is None
    assert main(["scan", "--select", "secret-key"]) == 1


def test_a_full_scan_learns_from_git_which_files_hold_no_needle(tmp_path: Path, monkeypatch) -> None:
    """Some rules read every file, so nothing is prefiltered; git still tells which tracked files hold
    none of the other rules' needles, and those rules then skip them without searching."""
    from tests.conftest import git

    made: dict[str, SourceFile] = {}

    class Recorded(SourceFile):
        __slots__ = ()

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made[self.path] = self

    monkeypatch.setattr(engine, "SourceFile", Recorded)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plain.py").write_text("print('hello')\n")
    (tmp_path / "pay.py").write_text("import stripe\nstripe.Refund.create(charge='ch_1')\n")
    git(tmp_path, "add", "-A")
    (tmp_path / "new.py").write_text("print('untracked')\n")
    report = engine.scan([tmp_path], tmp_path, Config())
    assert report.files_scanned == 3
    lacking = made["plain.py"].holds_none_of
    assert lacking is not None and b"stripe" in lacking and b"k_live_" in lacking
    assert not made["plain.py"].contains(b"stripe", b"Stripe")
    assert made["pay.py"].holds_none_of is None and made["pay.py"].contains(b"stripe")
    assert made["new.py"].holds_none_of is None  # untracked: git did not search it
    assert any(f.path == "pay.py" and f.rule == "idempotency-key" for f in report.findings)


def test_git_searches_only_the_needles_that_hold_no_other_and_finds_the_same_files() -> None:
    from golive_ci.candidates import covering
    from golive_ci.rules.prefilters import PREFILTERS

    needles = tuple(needle for found in PREFILTERS.values() for needle in found)
    cover = covering(needles)
    assert len(cover) < len(set(needles))
    assert b"Stripe" not in cover and b"tripe" in cover  # "Stripe" holds "tripe"
    assert covering((b"ebhook", b"ebhookEndpoint", b"ebhook")) == (b"ebhook",)
    texts = [needle.decode() for needle in set(needles)] + ["nothing here", "a Webhook", "STRIPE_KEY", "x*100"]
    for text in texts:
        data = text.encode()
        assert any(needle in data for needle in needles) == any(needle in data for needle in cover), text
