"""git's search for the files worth reading, and starting it before golive-ci is imported.

When every selected rule skips files without certain byte strings (its ``needles``), a scan of a
folder inside git reads only the tracked files ``git grep -F`` finds them in, and the untracked
ones (not ignored). That search takes about as
long as Python's start-up and golive-ci's imports together (see bench/README.md), so
:func:`start_from_command_line` starts it first thing, from the command line alone, and
discovery adopts it if it asks for the same folder and needles; otherwise it is discarded.

This module is imported before anything else: it uses only built-in modules, and the needles
come from the generated table in :mod:`golive_ci.rules.prefilters`.
"""

from __future__ import annotations

import os
import select
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
        self._grep = GitProcess(directory, "grep", *grep_options, "--")
        self._tracked = GitProcess(directory, "ls-files", "-z", "--cached")
        self._untracked = GitProcess(directory, "ls-files", "-z", "--others", "--exclude-standard")

    def is_for(self, directory: str, needles: tuple[bytes, ...]) -> bool:
        return self.directory == directory and set(self.needles) == set(needles)

    def result(self) -> tuple[list[str], list[str], int] | None:
        """(tracked files holding a needle, untracked files, how many tracked files hold none);
        None outside a repository or in a folder git ignores, where the caller should walk the
        folder instead. Untracked files are not searched: they are few, and the rules read them."""
        found = listed_names(self._grep, ok_codes=(0, 1))
        tracked, untracked = listed_names(self._tracked), listed_names(self._untracked)
        if found is None or tracked is None or untracked is None or not (tracked or untracked):
            return None
        holding = set(found)
        untracked = [name for name in untracked if name not in holding]
        return found, untracked, len(set(tracked) - holding)

    def discard(self) -> None:
        """Stop and reap the processes if nobody took the result."""
        for process in (self._grep, self._tracked, self._untracked):
            process.kill()


class GitProcess:
    """A git command running in the background; its output is read whole when it is needed.

    Spawned with ``os.posix_spawnp`` where there is one: importing ``subprocess`` costs more
    start-up time than spawning the processes (bench/README.md). Standard error is discarded.
    """

    def __init__(self, directory: str, *args: str) -> None:
        argv = ["git", "-C", directory, *args]
        self.returncode: int | None = None
        self._pid: int | None = None
        self._stdout: int | None = None
        self._popen: Any = None
        try:
            if hasattr(os, "posix_spawnp"):
                read_end, write_end = os.pipe()  # neither is inherited: only the dup'ed stdout is
                try:
                    actions = [
                        (os.POSIX_SPAWN_DUP2, write_end, 1),
                        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                    ]
                    self._pid = os.posix_spawnp("git", argv, os.environ, file_actions=actions)
                except OSError:
                    os.close(read_end)
                    raise
                finally:
                    os.close(write_end)
                self._stdout = read_end
            else:
                import subprocess

                self._popen = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:  # git is not installed
            self.returncode = 127

    def output(self, ok_codes: tuple[int, ...] = (0,), timeout: float = 120) -> bytes | None:
        """Standard output, or None when git could not run, ran over ``timeout`` seconds or
        exited with a code outside ``ok_codes``."""
        if self._popen is not None:
            return self._popen_output(ok_codes, timeout)
        if self._pid is None or self._stdout is None:
            return None
        chunks: list[bytes] = []
        poller = select.poll()
        poller.register(self._stdout, select.POLLIN)
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            if not poller.poll(remaining * 1000):
                continue
            chunk = os.read(self._stdout, 1 << 16)
            if not chunk:
                self._reap()
                return b"".join(chunks) if self.returncode in ok_codes else None
            chunks.append(chunk)
        self.kill()
        return None

    def _popen_output(self, ok_codes: tuple[int, ...], timeout: float) -> bytes | None:
        import subprocess

        try:
            out, _ = self._popen.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        self.returncode = self._popen.returncode
        return out if self.returncode in ok_codes else None

    def kill(self) -> None:
        """Stop the process if it still runs, and reap it."""
        if self.returncode is not None:
            return
        if self._popen is not None:
            self._popen.kill()
            self._popen.communicate()
            self.returncode = self._popen.returncode
            return
        if self._pid is not None:
            import signal

            os.kill(self._pid, signal.SIGKILL)  # not reaped yet, so the pid is still ours
            self._reap()

    def _reap(self) -> None:
        if self._stdout is not None:
            os.close(self._stdout)
            self._stdout = None
        if self._pid is not None:
            _, status = os.waitpid(self._pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)


def listed_names(process: GitProcess, ok_codes: tuple[int, ...] = (0,), timeout: float = 120) -> list[str] | None:
    """The ``-z`` separated names ``process`` printed, each once; None when git failed."""
    out = process.output(ok_codes, timeout)
    if out is None:
        return None
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return [name for name in dict.fromkeys(names) if name]


def start_from_command_line(argv: list[str]) -> CandidateSearch | None:
    """The search ``golive-ci scan`` will ask for, started now; None when the command line does
    not settle it (another command, no ``--select``, several paths, a file, an unknown option)."""
    words = iter(argv)
    selected: list[str] = []
    ignored: list[str] = []
    positionals: list[str] = []
    for word in words:
        name, has_value, value = word.partition("=")
        if not word.startswith("-") or word == "-":
            positionals.append(word)
        elif name in _VALUE_OPTIONS:
            value = value if has_value else next(words, "")
            slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
            if name == "--select":  # argparse keeps the last of repeated options
                selected = slugs
            elif name == "--ignore":
                ignored = slugs
        elif word not in _FLAG_OPTIONS:
            return None
    if not positionals or positionals[0] != "scan" or len(positionals) > 2 or not selected:
        return None
    folder = positionals[1] if len(positionals) == 2 else "."
    needles = _selected_needles(selected, ignored)
    if not needles or not os.path.isdir(folder):
        return None
    # golive-ci imports on one core meanwhile: leave it to Python.
    return CandidateSearch(os.path.realpath(folder), needles, threads=max(1, (os.cpu_count() or 1) - 1))


def _selected_needles(selected: list[str], ignored: list[str]) -> tuple[bytes, ...]:
    from golive_ci.rules.prefilters import PREFILTERS

    chosen = [slug for slug in dict.fromkeys(selected) if slug not in ignored]
    if not chosen or any(not PREFILTERS.get(slug) or not all(n.isascii() for n in PREFILTERS[slug]) for slug in chosen):
        return ()
    return tuple(dict.fromkeys(needle for slug in chosen for needle in PREFILTERS[slug]))
