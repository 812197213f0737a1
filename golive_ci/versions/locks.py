"""Lock files: which exist next to a manifest, whether they are committed, which Stripe release they hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

from golive_ci.sources.files import read_file
from golive_ci.sources.git import find_repository

LOCK_LIMIT = 64 * 1024 * 1024  # lock files of big JavaScript projects run to tens of MiB

# Lock files per ecosystem, nearest folder first (a workspace keeps its lock at the top).
LOCK_NAMES: dict[str, tuple[str, ...]] = {
    "node": ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"),
    "ruby": ("Gemfile.lock", "gems.locked"),
    "php": ("composer.lock",),
    "python": ("poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock"),
    "java": ("gradle.lockfile",),
    "dotnet": ("packages.lock.json",),
}


def find_lock(manifest: Path, root: Path, ecosystem: str, names: tuple[str, ...] | None = None) -> Path | None:
    """The nearest committed lock file for ``manifest``, looking up to ``root``."""
    candidates = names if names is not None else LOCK_NAMES.get(ecosystem, ())
    if not candidates:
        return None
    folder = manifest.parent
    root = root.resolve()
    while True:
        for name in candidates:
            lock = folder / name
            if lock.is_file() and is_committed(lock):
                return lock
        if folder.resolve() == root or folder.parent == folder:
            return None
        folder = folder.parent


def is_committed(path: Path) -> bool:
    """Not ignored by git (tracked, or about to be): an ignored lock file does not pin CI's install."""
    repository = find_repository(str(path.parent))
    if repository is None:
        return True
    relative = repository.prefix_of(str(path.parent)) + path.name
    process = repository.start("check-ignore", "-q", "--", relative)
    process.output(ok_codes=(0, 1, 128), timeout=10)
    # 0: ignored; 1: not ignored; 128: not a git repository; git missing or timed out: assume committed
    return process.returncode != 0


def locked_version(lock: Path, ecosystem: str, package: str) -> str | None:
    """The release of ``package`` recorded in ``lock``, or None."""
    try:
        text = read_file(lock, LOCK_LIMIT).decode("utf-8", "replace")
    except OSError:  # not a regular file (a link is not followed), too large, unreadable
        return None
    name = lock.name
    try:
        if name in ("package-lock.json", "npm-shrinkwrap.json"):
            return _npm_lock(json.loads(text), package)
        if name == "composer.lock":
            document = json.loads(text)
            for entry in [*document.get("packages", []), *document.get("packages-dev", [])]:
                if entry.get("name") == package:
                    return str(entry.get("version", "")).lstrip("v") or None
            return None
        if name == "Pipfile.lock":
            document = json.loads(text)
            for section in ("default", "develop"):
                entry = document.get(section, {}).get(package)
                if entry and "version" in entry:
                    return str(entry["version"]).lstrip("=")
            return None
        if name in ("poetry.lock", "uv.lock", "pdm.lock"):
            import tomllib  # its TOMLDecodeError is a ValueError

            for entry in tomllib.loads(text).get("package", []):
                if str(entry.get("name", "")).lower() == package.lower():
                    return str(entry.get("version")) if entry.get("version") else None
            return None
        if name == "packages.lock.json":
            for frameworks in json.loads(text).get("dependencies", {}).values():
                entry = frameworks.get(package)
                if entry and entry.get("resolved"):
                    return str(entry["resolved"])
            return None
    except (ValueError, AttributeError, TypeError):
        return None
    return _text_lock(text, name, package)


def _npm_lock(document: dict, package: str) -> str | None:
    entry = document.get("packages", {}).get(f"node_modules/{package}")
    if entry and entry.get("version"):
        return str(entry["version"])
    entry = document.get("dependencies", {}).get(package)
    if entry and entry.get("version"):
        return str(entry["version"])
    return None


def _text_lock(text: str, name: str, package: str) -> str | None:
    quoted = re.escape(package)
    patterns = {
        # yarn v1: `stripe@^23.0.0:` then `  version "23.1.0"`; berry: `"stripe@npm:^23.0.0":` / `  version: 23.1.0`
        "yarn.lock": rf'(?m)^"?{quoted}@[^\n]*:\s*\n(?:[ \t]+[^\n]*\n)*?[ \t]+version:?\s+"?([0-9][^"\s]*)',
        # pnpm: `/stripe@23.1.0:` (v6), `stripe@23.1.0:` (v9), or importers' `version: 23.1.0`
        "pnpm-lock.yaml": rf"(?m)^\s+'?/?{quoted}@([0-9][^:('\s]*)",
        "bun.lock": rf'"{quoted}":\s*\[\s*"{quoted}@([0-9][^"]*)"',
        "Gemfile.lock": rf"(?m)^    {quoted} \(([0-9][^)]*)\)",
        "gems.locked": rf"(?m)^    {quoted} \(([0-9][^)]*)\)",
        "gradle.lockfile": rf"(?m)^{quoted}:([0-9][^=\s]*)=",
    }
    if name.endswith(".txt"):  # pip-compile output: `stripe==12.5.1 \` (optionally with extras and hashes)
        match = re.search(rf"(?im)^\s*{quoted}\s*(?:\[[^\]]*\])?\s*==\s*([0-9][^\s;#\\]*)", text)
        return match.group(1) if match else None
    pattern = patterns.get(name)
    if pattern is None:
        return None
    match = re.search(pattern, text)
    return match.group(1) if match else None
