"""Which files a scan reads: git's file list inside a repository, a filtered walk elsewhere."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from golive_ci.candidates import CandidateSearch
from golive_ci.records import Record
from golive_ci.sources.git import find_repository, listed_names, literal_pathspec, strip_prefix

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

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


class Listing(Record):
    """What discovery learnt besides the file names: ``prefiltered`` counts the files git grep
    already searched and found none of the needles in, ``holding`` names those it found one in,
    ``excluded`` counts the files the configuration's ``exclude`` left out, ``stripe_users`` names
    the files git grep found naming Stripe (when asked to: golive_ci.stripe_use)."""

    __slots__ = ("excluded", "holding", "lacking", "prefiltered", "stripe_users")

    def __init__(
        self,
        prefiltered: int = 0,
        holding: set[str] | None = None,
        excluded: int = 0,
        stripe_users: set[str] | None = None,
    ) -> None:
        self.prefiltered = prefiltered
        self.holding: set[str] = set() if holding is None else holding
        self.excluded = excluded
        self.stripe_users: set[str] = set() if stripe_users is None else stripe_users
        # Tracked files git searched for the ``presence`` needles and found none of them in.
        self.lacking: set[str] = set()


def git_candidates(
    directory: Path,
    needles: tuple[bytes, ...],
    head_start: CandidateSearch | None = None,
    *,
    stripe_marks: bool = False,
) -> tuple[list[str], list[str], list[str], set[str]] | None:
    """Files below ``directory`` holding one of ``needles``, untracked files (not searched), the
    tracked files that hold none (see :class:`CandidateSearch`) and, with ``stripe_marks``, the
    tracked files that name Stripe; None outside a git repository. ``head_start`` is adopted when
    it is the same search, started earlier."""
    folder = str(directory)
    adopted = head_start is not None and head_start.is_for(folder, needles, stripe_marks)
    search = (
        head_start
        if adopted and head_start is not None
        else CandidateSearch(folder, needles, stripe_marks=stripe_marks)
    )
    found = search.result()
    return None if found is None else (found[0], found[1], search.without_needles, search.stripe_users)


def git_files(directory: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files below ``directory`` ('/'-separated, relative to it);
    None outside a git repository."""
    repository = find_repository(str(directory))
    if repository is None:
        return None
    prefix = repository.prefix_of(str(directory))
    scope = literal_pathspec(prefix)
    listing = repository.start("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", scope)
    names = listed_names(listing)
    return None if names is None else strip_prefix(names, prefix)


def walk_files(directory: Path) -> Iterator[str]:
    """Files below ``directory`` ('/'-separated, relative to it), skipping VCS, virtualenv and build folders."""
    top = str(directory)
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
        prefix = os.path.relpath(current, top).replace(os.sep, "/")
        for name in sorted(files):
            yield _joined(prefix, name)


def discover(
    paths: list[Path],
    root: Path,
    exclude: list[str],
    *,
    needles: tuple[bytes, ...] = (),
    listing: Listing | None = None,
    head_start: CandidateSearch | None = None,
    stripe_marks: bool = False,
    presence: tuple[bytes, ...] = (),
) -> Iterator[tuple[str, Path]]:
    """(relative path, absolute path) of every file to scan, each once, in a stable order.

    With ``needles`` (every rule of the run skips files without one), folders inside a git
    repository list only the files that hold a needle; ``listing.prefiltered`` counts the rest.
    ``head_start`` is that search if the command line already started it. ``stripe_marks`` also
    asks git which of those files name Stripe (``listing.stripe_users``). Without ``needles``,
    ``presence`` (the needles some rules look for) has git tell which tracked files hold none of
    them (``listing.lacking``): every file is still listed, and its rules need not search it.
    """
    seen: set[str] = set()

    def first_and_included(relative: str) -> bool:
        """Not met before, and not excluded by the configuration (counted in ``listing`` when it is)."""
        if relative in seen:
            return False
        seen.add(relative)
        if is_excluded(relative, exclude):
            if listing is not None:
                listing.excluded += 1
            return False
        return True

    root = root.resolve()
    cwd = Path.cwd().resolve()
    for path in paths:
        if not path.is_dir():
            if root == cwd and not path.is_absolute() and ".." not in path.parts:
                relative = os.path.normpath(path).replace(os.sep, "/")  # the hook's case: cheap
            else:
                relative = relative_posix(path.parent.resolve() / path.name, root)  # a link stays a link
            if first_and_included(relative):
                yield relative, path
            continue
        base = path.resolve()
        searched = needles or presence
        searchable = searched and all(n.isascii() for n in searched)
        found = git_candidates(base, searched, head_start, stripe_marks=stripe_marks) if searchable else None
        holding: list[str] = []
        prefix = relative_posix(base, root)
        if found is not None:
            holding, untracked, without_needles, stripe_users = found
            if listing is not None:
                listing.stripe_users.update(_joined(prefix, name) for name in stripe_users)
            if not needles:  # a presence search: every file is scanned
                names = [*sorted([*holding, *without_needles]), *untracked]
                if listing is not None:
                    listing.lacking.update(_joined(prefix, name) for name in without_needles)
                holding = []
            else:
                names = [*holding, *untracked]
            if listing is not None and needles:
                # Searched by git and free of needles: scanned, unless the configuration excludes them.
                excluded = _count_excluded(without_needles, prefix, exclude)
                listing.excluded += excluded
                listing.prefiltered += len(without_needles) - excluded
        else:
            listed = git_files(base)
            names = listed if listed else list(walk_files(base))  # outside git, or a folder git ignores
        if listing is not None:
            listing.holding.update(_joined(prefix, name) for name in holding)
        for name in names:
            relative = _joined(prefix, name)
            if first_and_included(relative):
                yield relative, base / name


def _count_excluded(names: list[str], prefix: str, exclude: list[str]) -> int:
    if not exclude:
        return 0
    return sum(1 for name in names if is_excluded(_joined(prefix, name), exclude))


def _joined(prefix: str, name: str) -> str:
    """``name`` below the folder ``prefix`` ('.' for the root), '/'-separated."""
    return name if prefix == "." else f"{prefix}/{name}"
