"""The repository's code files for the facts the account checks need, with one size and type policy.

Every file ``discover`` lists whose suffix is a supported language is read once through
:func:`golive_ci.sources.files.read_file` (regular files only, bounded); files that could not be
read and that a user should hear about are added to ``notices``.
"""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.config import Config
from golive_ci.discovery import discover
from golive_ci.posix_paths import posix_path
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, SourceFile
from golive_ci.sources.files import SkippedFile, notable_skip, read_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

MAX_CODE_FILE_BYTES = 2 * 1024 * 1024


def read_code_files(root: Path, config: Config, notices: list[str] | None = None) -> Iterator[SourceFile]:
    for relative, absolute in discover([root], root, config.exclude):
        if posix_path(relative).suffix.lower() not in LANGUAGE_BY_SUFFIX:
            continue
        try:
            data = read_file(absolute, MAX_CODE_FILE_BYTES)
        except SkippedFile as exc:
            if notices is not None and notable_skip(exc, root):
                notices.append(f"{relative}: {exc.reason}")
            continue
        except OSError:
            continue
        yield SourceFile(path=relative, data=data)
