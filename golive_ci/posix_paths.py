"""One PurePosixPath per file path: several rules ask a file's name, suffix and folders, and
building the object again each time was a tenth of a large scan's time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath


@lru_cache(maxsize=4096)
def posix_path(path: str) -> PurePosixPath:
    return PurePosixPath(path)
