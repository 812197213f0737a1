"""git's search for the files worth reading, and starting it before golive-ci is imported.

When every selected rule skips files without certain byte strings (its ``needles``), a scan of a
folder inside git reads only the tracked files ``git grep -F`` finds them in, and the untracked
ones (not ignored). That search takes about as
long as Python's start-up and golive-ci's imports together (see bench/README.md), so
:func:`start_from_command_line` starts it first thing, from the command line alone, and
discovery adopts it if it asks for the same folder and needles; otherwise it is discarded.

This module is imported before anything else: it uses only ``os``, ``sys`` and ``subprocess``,
and the needles come from the generated table in :mod:`golive_ci.rules.prefilters`.
"""

from __future__ import annotations

import os
import subprocess

# Options of `golive-ci scan` that take a value; any option not known here stops the head start.
_VALUE_OPTIONS = frozenset({"--select", "--ignore", "--format", "--output", "-o", "--fail-on", "--config"})
_FLAG_OPTIONS = frozenset({"--debug"})


class CandidateSearch:
    """``git grep -l`` for ``needles`` in the tracked files of ``directory``, and ``git ls-files``
    of its tracked and untracked files, all running at once."""

    def __init__(self, directory: str, needles: tuple[bytes, ...], *, threads: int | None = None) -> None:
        self.directory = directory
        self.needles = needles
        patterns = [arg for needle in needles for arg in ("-e", needle.decode("ascii"))]
        threading = ["--threads", str(threads)] if threads else []
        # Tracked files only: `--untracked` makes git grep walk every folder, ignored ones too,
        # which costs more than listing the untracked files and letting the rules read them.
        # --no-full-name and --no-color: a user's grep.fullName or color.ui must not change the names.
        grep_options = ("-l", "-z", "-I", "--no-full-name", "--no-color", *threading, "-F", *patterns)
        self._grep = _start_git(directory, "grep", *grep_options, "--")
        self._tracked = _start_git(directory, "ls-files", "-z", "--cached")
        self._untracked = _start_git(directory, "ls-files", "-z", "--others", "--exclude-standard")

    def is_for(self, directory: str, needles: tuple[bytes, ...]) -> bool:
        return self.directory == directory and set(self.needles) == set(needles)

    def result(self) -> tuple[list[str], int] | None:
        """(files to read: tracked ones holding a needle and every untracked one, how many listed
        files hold none); None outside a repository or in a folder git ignores, where the caller
        should walk the folder instead."""
        found = _names(self._grep, ok_codes=(0, 1))
        tracked, untracked = _names(self._tracked), _names(self._untracked)
        if found is None or tracked is None or untracked is None or not (tracked or untracked):
            return None
        candidates = list(dict.fromkeys([*found, *untracked]))
        return candidates, len(set(tracked) | set(untracked)) - len(candidates)

    def discard(self) -> None:
        """Stop and reap both processes if nobody took the result."""
        for process in (self._grep, self._tracked, self._untracked):
            if process is not None and process.returncode is None:
                process.kill()
                process.communicate()


def _start_git(directory: str, *args: str) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(["git", "-C", directory, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _names(process: subprocess.Popen[bytes] | None, ok_codes: tuple[int, ...] = (0,)) -> list[str] | None:
    if process is None:
        return None
    try:
        out, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    if process.returncode not in ok_codes:
        return None
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return [name for name in dict.fromkeys(names) if name]


def start_from_command_line(argv: list[str]) -> CandidateSearch | None:
    """The search ``golive-ci scan`` will ask for, started now; None when the command line does
    not settle it (another command, no ``--select``, several paths, a file, an unknown option)."""
    words = iter(argv)
    select: list[str] | None = None
    ignore: list[str] = []
    positionals: list[str] = []
    for word in words:
        name, has_value, value = word.partition("=")
        if not word.startswith("-") or word == "-":
            positionals.append(word)
        elif name in _VALUE_OPTIONS:
            value = value if has_value else next(words, "")
            if name == "--select":
                select = [slug.strip() for slug in value.split(",") if slug.strip()]
            elif name == "--ignore":
                ignore += [slug.strip() for slug in value.split(",") if slug.strip()]
        elif word not in _FLAG_OPTIONS:
            return None
    if not positionals or positionals[0] != "scan" or len(positionals) > 2 or not select:
        return None
    folder = positionals[1] if len(positionals) == 2 else "."
    needles = _selected_needles(select, ignore)
    if not needles or not os.path.isdir(folder):
        return None
    # golive-ci imports on one core meanwhile: leave it to Python.
    return CandidateSearch(os.path.realpath(folder), needles, threads=max(1, (os.cpu_count() or 1) - 1))


def _selected_needles(select: list[str], ignore: list[str]) -> tuple[bytes, ...]:
    from golive_ci.rules.prefilters import PREFILTERS

    chosen = [slug for slug in dict.fromkeys(select) if slug not in ignore]
    if not chosen or any(not PREFILTERS.get(slug) or not all(n.isascii() for n in PREFILTERS[slug]) for slug in chosen):
        return ()
    return tuple(dict.fromkeys(needle for slug in chosen for needle in PREFILTERS[slug]))
