"""The one place golive-ci starts git.

A pull request controls the files git is run over, so git must never *discover* a repository:
any folder holding ``HEAD``, ``objects/``, ``refs/`` and ``config`` is a repository to git, and
its ``config`` can run commands (``core.fsmonitor``). Here the repository is found in Python by
its ``.git`` entry, a name git refuses to track, and every command runs from the top level with
explicit ``--git-dir``/``--work-tree``, fsmonitor off, bare repositories refused, discovery
fenced by ``GIT_CEILING_DIRECTORIES``, and an environment that holds no Stripe key and no
GitHub token (only the variables listed in ``_KEPT_VARIABLES``).

Only built-in modules: the candidate search starts git before the rest of golive-ci is imported.
"""

from __future__ import annotations

import os
import select
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

SAFETY_OPTIONS = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "safe.bareRepository=explicit",
    "-c",
    "core.hooksPath=" + os.devnull,
)
_KEPT_VARIABLES = frozenset(
    {
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "TEMP",
        "TMP",
        "XDG_CONFIG_HOME",
        "SYSTEMROOT",
        "WINDIR",
        "COMSPEC",
        "PATHEXT",
        "USERPROFILE",
        # A commit hook's temporary index (`git commit -a`, `git commit FILE`) holds what is committed.
        "GIT_INDEX_FILE",
    }
)


class Repository:
    """A git work tree found by its ``.git`` entry (a folder, or a file naming one)."""

    __slots__ = ("git_dir", "top")

    def __init__(self, top: str, git_dir: str) -> None:
        self.top = top
        self.git_dir = git_dir

    def __repr__(self) -> str:
        return f"Repository({self.top!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Repository) and (self.top, self.git_dir) == (other.top, other.git_dir)

    def __hash__(self) -> int:
        return hash((self.top, self.git_dir))

    def argv(self, *args: str) -> list[str]:
        return ["git", "-C", self.top, "--git-dir", self.git_dir, "--work-tree", self.top, *SAFETY_OPTIONS, *args]

    def environment(self) -> dict[str, str]:
        return git_environment(self, os.environ)

    def prefix_of(self, folder: str) -> str:
        """``folder`` relative to the top level, '/'-separated and ending in '/' ('' for the top)."""
        relative = os.path.relpath(os.path.abspath(folder), self.top)
        return "" if relative == "." else relative.replace(os.sep, "/") + "/"

    def start(self, *args: str, capture_stderr: bool = False) -> GitProcess:
        return GitProcess(self, *args, capture_stderr=capture_stderr)

    def run(self, *args: str, timeout: float = 60) -> GitResult:
        """Run to completion; standard output and error captured."""
        process = GitProcess(self, *args, capture_stderr=True)
        out = process.output(ok_codes=None, timeout=timeout)
        return GitResult(process.returncode, out or b"", process.stderr)


def git_environment(repository: Repository, environ: Any) -> dict[str, str]:
    """The variables git may see: locale, paths and home, never a key or a token."""
    kept = {name: value for name, value in environ.items() if name in _KEPT_VARIABLES or name.startswith("LC_")}
    kept.update(
        GIT_DIR=repository.git_dir,
        GIT_WORK_TREE=repository.top,
        GIT_CEILING_DIRECTORIES=os.path.dirname(repository.top),
        GIT_OPTIONAL_LOCKS="0",
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
    )
    return kept


def find_repository(path: str) -> Repository | None:
    """The repository holding ``path`` (a file or folder), found without asking git; None outside one."""
    current = os.path.abspath(path)
    if not os.path.isdir(current):
        current = os.path.dirname(current)
    # The user's own fence, as git honours it: folders not to climb into.
    ceilings = {os.path.abspath(c) for c in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep) if c}
    while True:
        dot_git = os.path.join(current, ".git")
        if os.path.isdir(dot_git) or os.path.isfile(dot_git):
            return Repository(current, dot_git)
        parent = os.path.dirname(current)
        if parent == current or parent in ceilings:
            return None
        current = parent


def literal_pathspec(prefix: str, pattern: str = "") -> str:
    """A pathspec matching ``pattern`` (a git wildmatch, or '' for everything) below the folder ``prefix``."""
    escaped = "".join("\\" + char if char in "*?[]\\" else char for char in prefix)
    return escaped + pattern if escaped or pattern else "."


def strip_prefix(names: Iterable[str], prefix: str) -> list[str]:
    """Names relative to the top level made relative to the folder ``prefix``."""
    if not prefix:
        return list(names)
    return [name[len(prefix) :] for name in names if name.startswith(prefix)]


class GitResult:
    __slots__ = ("returncode", "stderr", "stdout")

    def __init__(self, returncode: int | None, stdout: bytes, stderr: bytes) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


class GitProcess:
    """A git command running in the background; its output is read whole when it is needed.

    Spawned with ``os.posix_spawnp`` where there is one: importing ``subprocess`` costs more
    start-up time than spawning the processes (bench/README.md). Standard error is discarded
    unless ``capture_stderr``; then it goes to an unlinked temporary file read at the end.
    """

    def __init__(self, repository: Repository, *args: str, capture_stderr: bool = False) -> None:
        argv = repository.argv(*args)
        environment = repository.environment()
        self.returncode: int | None = None
        self.stderr = b""
        self._pid: int | None = None
        self._stdout: int | None = None
        self._stderr_file: Any = None
        self._popen: Any = None
        try:
            if capture_stderr:
                import tempfile

                self._stderr_file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _collect_stderr)
            if hasattr(os, "posix_spawnp"):
                read_end, write_end = os.pipe()  # neither is inherited: only the dup'ed stdout is
                try:
                    actions: list[tuple[Any, ...]] = [(os.POSIX_SPAWN_DUP2, write_end, 1)]
                    if self._stderr_file is not None:
                        actions.append((os.POSIX_SPAWN_DUP2, self._stderr_file.fileno(), 2))
                    else:
                        actions.append((os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0))
                    self._pid = os.posix_spawnp("git", argv, environment, file_actions=actions)
                except OSError:
                    os.close(read_end)
                    raise
                finally:
                    os.close(write_end)
                self._stdout = read_end
            else:
                import subprocess

                stderr = self._stderr_file if self._stderr_file is not None else subprocess.DEVNULL
                self._popen = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, env=environment)
        except OSError:  # git is not installed
            self.returncode = 127

    def output(self, ok_codes: tuple[int, ...] | None = (0,), timeout: float = 120) -> bytes | None:
        """Standard output, or None when git could not run, ran over ``timeout`` seconds or
        exited with a code outside ``ok_codes`` (any code when ``ok_codes`` is None)."""
        out = self._read_all(timeout)
        self._collect_stderr()
        if out is None or (ok_codes is not None and self.returncode not in ok_codes):
            return None
        return out

    def _read_all(self, timeout: float) -> bytes | None:
        if self._popen is not None:
            import subprocess

            try:
                out, _ = self._popen.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return None
            self.returncode = self._popen.returncode
            return out
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
                return b"".join(chunks)
            chunks.append(chunk)
        self.kill()
        return None

    def lines(self) -> Iterable[bytes]:
        """Standard output line by line as git writes it (for long ``git log`` streams)."""
        if self._popen is not None:
            yield from self._popen.stdout
            self._popen.wait()
            self.returncode = self._popen.returncode
        elif self._stdout is not None:
            with os.fdopen(self._stdout, "rb", closefd=False) as stream:
                yield from stream
            self._reap()
        self._collect_stderr()

    def _collect_stderr(self) -> None:
        if self._stderr_file is not None:
            self._stderr_file.seek(0)
            self.stderr = self._stderr_file.read()
            self._stderr_file.close()
            self._stderr_file = None

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
            self._pid = None
            self.returncode = os.waitstatus_to_exitcode(status)


def listed_names(process: GitProcess, ok_codes: tuple[int, ...] = (0,), timeout: float = 120) -> list[str] | None:
    """The ``-z`` separated names ``process`` printed, each once; None when git failed."""
    out = process.output(ok_codes, timeout)
    if out is None:
        return None
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return [name for name in dict.fromkeys(names) if name]
