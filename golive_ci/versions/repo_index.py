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
from pathlib import Path

from golive_ci.discovery import is_excluded
from golive_ci.rules.base import RuleContext
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, ParseError, SourceFile
from golive_ci.sources.files import read_file
from golive_ci.sources.git import GitProcess, find_repository, listed_names, literal_pathspec, strip_prefix
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
    fresh: dict[str, list] = {}
    pins: list[ApiVersionPin] = []
    if _SEARCH_KEY in context.shared:
        candidates = _grep_results(context.shared.pop(_SEARCH_KEY))
    else:
        candidates = grep_candidates(context.root)
    for relative in candidates:
        if relative in seen or is_excluded(relative, context.config.exclude):
            continue
        if not tests and SourceFile(path=relative, data=b"").is_test:
            continue
        path = context.root / relative
        try:
            stat = os.lstat(path)
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = cached.get(relative)
            if entry is not None and entry[:2] == stamp:
                found = [ApiVersionPin(**item) for item in entry[2]]
                fresh[relative] = entry
            else:
                found = file_facts(SourceFile(path=relative, data=read_file(path))).pins
                fresh[relative] = [*stamp, [pin.to_dict() for pin in found]]
        except (OSError, ParseError, TypeError, ValueError):
            continue  # the file's own scan reports it; here it only informs other files' verdicts
        pins.extend(found)
    if cache_path is not None and fresh != cached:
        _save_cache(cache_path, fresh)
    return pins


def _cache_path(root: Path) -> Path | None:
    git_dir = root / ".git"
    return git_dir / "golive-ci" / _CACHE_NAME if git_dir.is_dir() else None


def _load_cache(path: Path | None) -> dict[str, list]:
    if path is None:
        return {}
    try:
        document = json.loads(read_file(path).decode("utf-8"))
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


def _spawn_grep(root: Path) -> tuple[GitProcess, str] | None:
    repository = find_repository(str(root))
    if repository is None:
        return None
    prefix = repository.prefix_of(str(root))
    patterns = [arg for pattern in _GREP_PATTERNS for arg in ("-e", pattern)]
    scopes = [literal_pathspec(prefix, f"*{suffix}") for suffix in _SUFFIXES]
    # --no-full-name and --no-color: a user's grep.fullName or color.ui must not change the names.
    process = repository.start("grep", "-l", "-z", "-I", "--no-full-name", "--no-color", "-F", *patterns, "--", *scopes)
    return process, prefix


def _grep_results(search: tuple[GitProcess, str] | None) -> list[str]:
    if search is None:
        return []
    process, prefix = search
    return strip_prefix(listed_names(process, ok_codes=(0, 1), timeout=30) or [], prefix)  # 1: nothing matched
