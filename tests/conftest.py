from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def commit(repo: Path, files: dict[str, str], message: str) -> str:
    """Write ``files`` (relative path: text) into ``repo`` and commit them; the new commit's sha."""
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def committed_repo(repo: Path, files: dict[str, str]) -> Path:
    """A new repository at ``repo`` (branch main) holding ``files`` in one commit."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, files, "files")
    return repo


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    return repo
