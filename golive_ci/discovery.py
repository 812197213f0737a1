"""Which files a scan reads: git's file list inside a repository, a filtered walk elsewhere."""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

SKIPPED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
        "build", "dist", "target", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
        ".eggs", "bower_components", ".next", ".gradle", ".idea", "vendor",
    }
)  # fmt: skip


def relative_posix(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` ('/'-separated); both must already be absolute."""
    relative = os.path.relpath(path, root)
    if relative.startswith(".."):
        return path.as_posix()
    return relative.replace(os.sep, "/")


def is_excluded(relative: str, patterns: list[str]) -> bool:
    """gitignore-like globs: a pattern matches the path, its name, or one of its parent folders."""
    if not patterns:
        return False
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        for candidate in (*prefixes, parts[-1]):
            if fnmatch.fnmatchcase(candidate, pattern):
                return True
    return False


def git_files(directory: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files below ``directory`` ('/'-separated, relative to it);
    None outside a git repository."""
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    names = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [name for name in dict.fromkeys(names) if name]


def walk_files(directory: Path) -> Iterator[str]:
    """Files below ``directory`` ('/'-separated, relative to it), skipping VCS, virtualenv and build folders."""
    top = str(directory)
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
        prefix = os.path.relpath(current, top).replace(os.sep, "/")
        for name in sorted(files):
            yield name if prefix == "." else f"{prefix}/{name}"


def discover(paths: list[Path], root: Path, exclude: list[str]) -> Iterator[tuple[str, Path]]:
    """(relative path, absolute path) of every file to scan, each once, in a stable order."""
    seen: set[str] = set()
    root = root.resolve()
    for path in paths:
        path = path.resolve()
        if not path.is_dir():
            names, base = [path.name], path.parent
        else:
            listed = git_files(path)
            names, base = (listed if listed is not None else list(walk_files(path))), path
        prefix = relative_posix(base, root)
        for name in names:
            relative = name if prefix == "." else f"{prefix}/{name}"
            if relative in seen or is_excluded(relative, exclude):
                continue
            seen.add(relative)
            yield relative, base / name
