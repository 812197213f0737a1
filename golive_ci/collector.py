"""Collectors: what a scan learns from the repository's files besides findings.

``ci`` needs more than the static report from the working tree: the version picture, and, with a
live key, the event types the code handles, its webhook routes, its billing use and the object IDs
it references. A collector is handed the same :class:`SourceFile` the rules just checked, so each
file is read once and parsed at most once for all of them (the engine calls it after the rules).

A collector's state is its plain attributes (lists, dicts, sets, numbers), folded back from the
pool's workers like a rule's (:mod:`golive_ci.parallel`): nothing of a file (no ``SourceFile``, no
tree) may stay in it. Attributes named in ``setup_names`` are its set-up, copied to the workers
and never folded.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

    from golive_ci.sourcefile import SourceFile

# What the account checks and the version picture read of a file at most (larger ones are noted).
CODE_FILE_LIMIT = 2 * 1024 * 1024


class Collector:
    """Sees the files ``wants`` names (by path, before they are read), up to ``limit`` bytes."""

    setup_names: ClassVar[frozenset[str]] = frozenset()
    limit: ClassVar[int] = CODE_FILE_LIMIT
    # True: the file as the rules see it (UTF-16 decoded, binary files left out); False: its bytes.
    as_rules_see: ClassVar[bool] = False

    def __init__(self) -> None:
        self.failure = ""  # the class name of what broke this collector; it is shown no more files

    def wants(self, relative: str) -> bool:
        return False

    def see(self, source: SourceFile) -> None:
        """Learn from one file. What it raises is recorded in ``failure`` and ends its part of the run."""

    def skipped(self, relative: str, reason: str) -> None:
        """A wanted file was not read ("a symbolic link, not followed", "larger than 2 MiB, not read")."""


def too_large(limit: int) -> str:
    """The reason :func:`golive_ci.sources.files.read_file` gives for a file over ``limit`` bytes."""
    from golive_ci.sources.files import size_text

    return f"larger than {size_text(limit)}, not read"
