"""The one way golive-ci reads a file of the repository.

A pull request chooses what its files are, not only what they hold: a committed symbolic link
``zero.py -> /dev/zero`` reads forever, a FIFO blocks the reader, a link to ``/etc/…`` or to the
runner's credentials leaks a file that is not the repository's. So a file is read only when it
is a regular file itself: the name is looked at with ``lstat``, opened with ``O_NOFOLLOW`` and
``O_NONBLOCK`` (a FIFO swapped in after the look cannot block the open) and checked again with
``fstat`` on what was opened; the read stops at a size limit.

Symbolic links are never followed. A link to a file inside the repository names a file that is
read under its own name anyway; one that leads outside is not the repository's to read. Callers
that report notices say so for links that do not lead to a regular file inside the root
(:func:`notable_skip`), so a skip is never silent where it could hide something.

Only built-in modules: the pre-commit hooks read files through here.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

# What a caller that does not say otherwise reads at most: larger files are refused, not truncated.
DEFAULT_LIMIT = 8 * 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class SkippedFile(OSError):
    """A file that is not read: not a regular file, or larger than the limit. ``reason`` says why,
    in words for a notice ("a symbolic link, not followed"). An ``OSError``, so a caller that only
    knows "the file cannot be read" stays safe."""

    def __init__(self, path: str, reason: str, *, special: bool = True) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.special = special  # not a regular file (as opposed to merely too large)


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link, not followed"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file, not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not read"
    return "not a regular file, not read"


def open_file(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading, never through a symbolic link, never a device or a FIFO.
    Raises :class:`SkippedFile` for those, ``OSError`` when the file cannot be opened."""
    name = os.fspath(path)
    reason = _kind(os.lstat(name).st_mode)
    if reason is not None:
        raise SkippedFile(name, reason)
    try:
        descriptor = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        if os.path.islink(name):  # swapped for a link after lstat: O_NOFOLLOW refused it
            raise SkippedFile(name, "a symbolic link, not followed") from None
        raise exc from None
    try:
        reason = _kind(os.fstat(descriptor).st_mode)
        if reason is not None:
            raise SkippedFile(name, reason)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_file(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises :class:`SkippedFile` (not a
    regular file, or larger than ``limit``) or ``OSError``."""
    with open_file(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SkippedFile(os.fspath(path), f"larger than {size_text(limit)}, not read", special=False)
    return data


def read_text(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT, errors: str = "strict") -> str:
    """:func:`read_file` decoded as UTF-8 (``UnicodeDecodeError`` is a ``ValueError``)."""
    return read_file(path, limit).decode("utf-8", errors)


def notable_skip(exc: SkippedFile, root: str | os.PathLike[str]) -> bool:
    """Whether a skip deserves a notice: everything special but a symbolic link to a regular file
    inside ``root`` (that file is read under its own name, the link adds nothing)."""
    if not exc.special:
        return True
    if not exc.reason.startswith("a symbolic link"):
        return not exc.reason.startswith("a folder")
    top = os.path.realpath(root)
    try:
        target = os.path.realpath(exc.path)  # reads link targets, never file contents
        inside = os.path.commonpath([top, target]) == top
        return not (inside and stat.S_ISREG(os.stat(target).st_mode))
    except (OSError, ValueError):
        return True


def size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MiB"
    return f"{limit / 1024:g} KiB" if limit >= 1024 else f"{limit} bytes"
