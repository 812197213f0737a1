"""A pull request must not be able to run commands through git (issue 10, critical item).

The attack: a committed folder with a bare-repository layout whose ``config`` sets
``core.fsmonitor``. Any ``git -C <that folder>`` discovers it and runs the command, with the
job's Stripe key and GitHub token in its environment.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from golive_ci.hooks import stripe_api_version, stripe_golive, stripe_secret_keys

from golive_ci.cli import main as cli_main
from golive_ci.sources.git import find_repository, git_environment
from tests import paths
from tests.conftest import git

PACKAGE = paths.ROOT
SECRET_VALUE = "secret-" + "value-that-must-not-leak"


def plant_attack(repo: Path, marker: Path) -> None:
    """A Stripe project in ``sub/`` that is also a bare repository whose fsmonitor writes ``marker``."""
    sub = repo / "sub"
    for folder in ("objects", "refs"):
        (sub / folder).mkdir(parents=True)
        (sub / folder / ".keep").write_text("")
    (sub / "HEAD").write_text("ref: refs/heads/main\n")
    (sub / "config").write_text(
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n"
        f'\tfsmonitor = "env > {marker}; false"\n'
    )
    (sub / "package.json").write_text('{"dependencies": {"stripe": "^14.0.0"}}\n')
    (sub / "package-lock.json").write_text(
        '{"lockfileVersion": 3, "packages": {"node_modules/stripe": {"version": "14.1.0"}}}\n'
    )
    (sub / "app.py").write_text('import stripe\nstripe.api_key = "x"\nprint(stripe.Charge.create(amount=1))\n')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a project with a booby-trapped folder")


@pytest.fixture
def attacked(git_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    marker = tmp_path / "fsmonitor-ran"
    plant_attack(git_repo, marker)
    monkeypatch.chdir(git_repo)
    monkeypatch.setenv("STRIPE_LIVE_KEY", SECRET_VALUE)
    monkeypatch.setenv("GITHUB_TOKEN", SECRET_VALUE)
    monkeypatch.setenv("GOLIVE_CI_STRIPE_API_BASE", "http://127.0.0.1:9")  # never the internet
    for name in ("GITHUB_ACTIONS", "GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"):
        monkeypatch.delenv(name, raising=False)
    return git_repo, marker


def test_the_planted_folder_is_a_live_attack_on_plain_git(attacked: tuple[Path, Path]) -> None:
    repo, marker = attacked
    subprocess.run(["git", "-C", str(repo / "sub"), "ls-files"], capture_output=True, check=False)
    assert marker.exists()  # the fixture really runs a command under naive git use
    assert SECRET_VALUE in marker.read_text()


ENTRY_POINTS = {
    "scan .": lambda: cli_main(["scan", "."]),
    "scan sub": lambda: cli_main(["scan", "sub"]),
    "scan --select secret-key sub": lambda: cli_main(["scan", "--select", "secret-key", "sub"]),
    "versions": lambda: cli_main(["versions"]),
    "versions sub": lambda: cli_main(["versions", "sub"]),
    "ci": lambda: cli_main(["ci", "--history", "true", "--allow-non-stripe-api-host"]),
    "ci sub": lambda: cli_main(["ci", "--history", "true", "--allow-non-stripe-api-host", "sub"]),
    "stripe-golive hook": lambda: stripe_golive.main(["sub/app.py", "sub/package.json", "sub/package-lock.json"]),
    "stripe-api-version hook": lambda: stripe_api_version.main(["sub/app.py", "sub/package.json"]),
    "stripe-secret-keys hook": lambda: stripe_secret_keys.main(["sub/app.py", "sub/config"]),
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_no_entry_point_lets_the_planted_config_run_a_command(
    attacked: tuple[Path, Path], entry: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _repo, marker = attacked
    code = ENTRY_POINTS[entry]()
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    assert not marker.exists(), f"{entry}: git obeyed sub/config"
    if entry.startswith("scan") and "secret-key" not in entry:
        assert "unpinned-api-version" in out.out  # the folder was still scanned, not skipped


@pytest.fixture
def recording_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``git`` first on PATH that logs its arguments, folder and environment, then runs the real one."""
    real = shutil.which("git")
    assert real
    log = tmp_path / "git-calls.jsonl"
    bin_dir = tmp_path / "recording-bin"
    bin_dir.mkdir()
    script = bin_dir / "git"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as out:\n"
        "    out.write(json.dumps({'argv': sys.argv[1:], 'cwd': os.getcwd(), 'env': dict(os.environ)}) + '\\n')\n"
        f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_git_call_is_fenced_and_sees_no_secret(
    attacked: tuple[Path, Path], recording_git: Path, entry: str, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = attacked
    ENTRY_POINTS[entry]()
    capsys.readouterr()
    calls = [json.loads(line) for line in recording_git.read_text().splitlines()] if recording_git.exists() else []
    assert calls or entry == "stripe-secret-keys hook", f"{entry} ran no git at all"  # that hook needs none
    top = os.path.realpath(repo)
    for call in calls:
        argv, env = call["argv"], call["env"]
        assert argv[:2] == ["-C", argv[1]] and os.path.realpath(argv[1]) == top, argv
        assert argv[argv.index("--git-dir") + 1] == os.path.join(argv[1], ".git"), argv
        assert os.path.realpath(argv[argv.index("--work-tree") + 1]) == top, argv
        assert "core.fsmonitor=false" in argv and "safe.bareRepository=explicit" in argv, argv
        assert os.path.realpath(env["GIT_DIR"]) == os.path.join(top, ".git")
        assert env["GIT_CEILING_DIRECTORIES"] == os.path.dirname(argv[1])
        assert SECRET_VALUE not in json.dumps(call), f"{entry}: a secret reached git: {argv}"


def test_the_environment_keeps_what_git_needs_and_drops_everything_else(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    repository = find_repository(str(tmp_path))
    assert repository is not None
    given = {
        "PATH": "/bin",
        "HOME": "/home/u",
        "LC_ALL": "C",
        "GIT_INDEX_FILE": "/r/.git/index.lock",
        "STRIPE_LIVE_KEY": SECRET_VALUE,
        "GITHUB_TOKEN": SECRET_VALUE,
        "INPUT_STRIPE-LIVE-KEY": SECRET_VALUE,
        "ACTIONS_RUNTIME_TOKEN": SECRET_VALUE,
        "GIT_CONFIG_PARAMETERS": "'core.fsmonitor'='touch /tmp/x'",
        "GIT_DIR": "/elsewhere",
    }
    kept = git_environment(repository, given)
    assert SECRET_VALUE not in kept.values()
    assert kept["PATH"] == "/bin" and kept["HOME"] == "/home/u" and kept["LC_ALL"] == "C"
    assert kept["GIT_INDEX_FILE"] == "/r/.git/index.lock"
    assert "GIT_CONFIG_PARAMETERS" not in kept
    assert kept["GIT_DIR"] == str(tmp_path / ".git") and kept["GIT_WORK_TREE"] == str(tmp_path)


def test_a_bare_layout_is_never_taken_for_a_repository(tmp_path: Path) -> None:
    (tmp_path / "top" / ".git").mkdir(parents=True)
    sub = tmp_path / "top" / "sub"
    for folder in ("objects", "refs"):
        (sub / folder).mkdir(parents=True)
    (sub / "HEAD").write_text("ref: refs/heads/main\n")
    repository = find_repository(str(sub))
    assert repository is not None and repository.top == str(tmp_path / "top")
    assert repository.prefix_of(str(sub)) == "sub/"
    assert find_repository(str(tmp_path)) is None or find_repository(str(tmp_path)) != repository


def test_git_is_started_in_one_module_only() -> None:
    starters = {"subprocess", "posix_spawn", "posix_spawnp", "Popen", "system", "execv", "execvp", "spawnv"}
    offenders = []
    for path in [*PACKAGE.joinpath("golive_ci").rglob("*.py"), *PACKAGE.joinpath("hooks").rglob("*.py")]:
        if path.relative_to(PACKAGE).as_posix() == "golive_ci/sources/git.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = set()
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = {alias.name.split(".")[0] for alias in node.names} | {getattr(node, "module", None) or ""}
            elif isinstance(node, ast.Attribute):
                names = {node.attr}
            if names & starters:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
