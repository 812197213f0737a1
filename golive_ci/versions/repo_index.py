"""The rest of the repository, cheaply, for a pre-commit run that was handed only the staged files.

Two API-version rules are repository-wide: a ``stripe.api_key = …`` in one file is pinned by a
``stripe.api_version = …`` in another, and pins must agree across files. When the hook sees only
changed files, ``git grep`` lists the other files that mention a version setting at all (one
subprocess, no Python-side read of the whole tree) and only those are parsed. Their pins are
cached in ``.git/golive-ci/`` by (path, size, mtime), so the next commit re-parses only what changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from golive_ci.discovery import is_excluded
from golive_ci.rules.base import RuleContext
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, ParseError, SourceFile
from golive_ci.versions.facts import DYNAMIC_LANGUAGES, ApiVersionPin, file_facts

# Spellings every version setting contains: api_version, apiVersion, setApiVersion / StripeApiVersion,
# stripe_version, STRIPE_API_VERSION / API_VERSION, STRIPE_VERSION, stripeVersion. Case-sensitive
# fixed strings over tracked files keep git grep at a few milliseconds on thousands of files
# (untracked files are not part of the commit being checked).
_GREP_PATTERNS = (
    "api_version", "apiVersion", "ApiVersion", "stripe_version", "API_VERSION", "STRIPE_VERSION",
    "stripeVersion", "StripeVersion",
)  # fmt: skip
_SUFFIXES = [suffix for suffix, language in LANGUAGE_BY_SUFFIX.items() if language in DYNAMIC_LANGUAGES]
_SHARED_KEY = "versions.repo_index"
_SEARCH_KEY = "versions.repo_index.search"
_CACHE_NAME = "version-index-v1.json"
_FORK_AT_LEAST = 16  # files to parse: below this, forking costs more than it saves


def other_files_pins(context: RuleContext, seen: set[str], *, tests: bool = False) -> list[ApiVersionPin]:
    """Version settings in the repository's files outside ``seen`` (computed once per run).

    Test files are left out (not even read) unless ``tests``.
    """
    cached: dict[tuple[frozenset[str], bool], list[ApiVersionPin]] = context.shared.setdefault(_SHARED_KEY, {})
    key = (frozenset(seen), tests)
    if key not in cached:
        cached[key] = _scan_others(context, seen, tests)
    return cached[key]


def _scan_others(context: RuleContext, seen: set[str], tests: bool) -> list[ApiVersionPin]:
    cache_path = _cache_path(context.root)
    cached = _load_cache(cache_path)
    if _SEARCH_KEY in context.shared:
        candidates = _grep_results(context.shared.pop(_SEARCH_KEY))
    else:
        candidates = grep_candidates(context.root)
    entries: dict[str, list] = {}
    stale: dict[str, list[int]] = {}
    for relative in candidates:
        if relative in seen or is_excluded(relative, context.config.exclude):
            continue
        if not tests and SourceFile(path=relative, data=b"").is_test:
            continue
        try:
            stat = (context.root / relative).stat()
        except OSError:
            continue
        stamp = [stat.st_size, stat.st_mtime_ns]
        entry = cached.get(relative)
        if entry is not None and entry[:2] == stamp:
            entries[relative] = entry
        else:
            stale[relative] = stamp
            entries[relative] = []  # keeps the candidates' order
    for relative, found in _extract_pins(context.root, list(stale)).items():
        entries[relative] = [*stale[relative], found] if found is not None else []
    fresh: dict[str, list] = {}
    pins: list[ApiVersionPin] = []
    for relative, entry in entries.items():
        if not entry:
            continue  # unreadable or unparsable: the file's own scan reports it
        try:
            pins.extend([ApiVersionPin(**item) for item in entry[2]])
        except (TypeError, ValueError):
            continue  # a damaged cache entry: dropped, so the file is read again next time
        fresh[relative] = entry
    if cache_path is not None and fresh != cached:
        _save_cache(cache_path, fresh)
    return pins


def _pins_of(root: Path, relative: str) -> list[dict[str, object]] | None:
    try:
        facts = file_facts(SourceFile(path=relative, data=(root / relative).read_bytes()))
    except (OSError, ParseError, TypeError, ValueError):
        return None
    return [pin.to_dict() for pin in facts.pins]


def _extract_pins(root: Path, files: list[str]) -> dict[str, list[dict[str, object]] | None]:
    """Each file's pins as dictionaries (None when it cannot be read or parsed).

    The first commit after a clone parses ~60 files here (~90 ms on the benchmark's tree): with
    more than one core on Linux, a forked child takes every other file and sends its share back
    as JSON through a pipe. Anything unexpected in the child only means the parent does its share.
    """
    if len(files) < _FORK_AT_LEAST or not _may_fork():
        return {relative: _pins_of(root, relative) for relative in files}
    theirs_files = files[1::2]
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return {relative: _pins_of(root, relative) for relative in files}
    if child == 0:  # pragma: no cover - runs in the child, which leaves through os._exit only
        status = 1
        try:
            os.close(read_end)
            payload = json.dumps({relative: _pins_of(root, relative) for relative in theirs_files}).encode()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    mine = {relative: _pins_of(root, relative) for relative in files[0::2]}
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(child, 0)
    try:
        theirs = json.loads(payload) if status == 0 else None
    except ValueError:
        theirs = None
    if not isinstance(theirs, dict) or set(theirs) != set(theirs_files):
        theirs = {relative: _pins_of(root, relative) for relative in theirs_files}
    return {relative: mine[relative] if relative in mine else theirs[relative] for relative in files}


def _may_fork() -> bool:
    """Linux only (fork without exec is unsafe on macOS and absent on Windows), with a second
    core to run on, and never beside other threads (a lock one of them holds would stay held)."""
    if not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _cache_path(root: Path) -> Path | None:
    git_dir = root / ".git"
    return git_dir / "golive-ci" / _CACHE_NAME if git_dir.is_dir() else None


def _load_cache(path: Path | None) -> dict[str, list]:
    if path is None:
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("table") != _table_stamp():
        return {}
    files = document.get("files")
    return files if isinstance(files, dict) else {}


def _save_cache(path: Path, files: dict[str, list]) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"table": _table_stamp(), "files": files}), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _table_stamp() -> str:
    """Invalidates the cache when golive-ci (and so its extraction) changes."""
    from golive_ci import __version__

    return f"{__version__}:{Path(__file__).stat().st_mtime_ns}"


def start_search(context: RuleContext) -> None:
    """Start the ``git grep`` of :func:`other_files_pins` in the background, once per run: a rule
    calls this as soon as its ``finish`` will need the other files, so git runs on the other core
    while the rest of the changed files are scanned."""
    if context.partial and _SEARCH_KEY not in context.shared:
        context.shared[_SEARCH_KEY] = _spawn_grep(context.root)


def grep_candidates(root: Path) -> list[str]:
    """Files (relative, '/'-separated) that mention an API-version setting; [] outside a git work tree."""
    return _grep_results(_spawn_grep(root))


def _spawn_grep(root: Path) -> subprocess.Popen[bytes] | None:
    command = ["git", "-C", str(root), "grep", "-l", "-z", "-I", "-F"]
    for pattern in _GREP_PATTERNS:
        command += ["-e", pattern]
    command += ["--", *(f"*{suffix}" for suffix in _SUFFIXES)]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _grep_results(process: subprocess.Popen[bytes] | None) -> list[str]:
    if process is None:
        return []
    try:
        stdout, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return []
    if process.returncode not in (0, 1):  # 1: nothing matched
        return []
    return [name for name in stdout.decode("utf-8", "surrogateescape").split("\0") if name]
