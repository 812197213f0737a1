"""Which of a hook's rules can fire on the files it was given, decided before any rule is imported.

A hook sees a few changed files, and importing every rule module costs more than reading them. So
the files are read first and only the rules that could want one of them are loaded. A rule whose
needles (:mod:`golive_ci.rules.prefilters`) occur in none of the files, or whose languages none of
them is written in, would skip every file: it makes no finding and no notice, and its ``finish``
has nothing to report. Kept whatever the files hold: rules without needles (they read every file
or decide in their own ``wants``), rules with options in the configuration (read, and checked,
when the rule is built), the rules that read binary files when a file holds a NUL byte, and every
rule when a file cannot be judged from its bytes (a folder, unreadable, not a regular file, too
large to read whole, or UTF-16/32 with a byte-order mark: the engine decodes those first).
"""

from __future__ import annotations

import os

from golive_ci.discovery import Listing, discover
from golive_ci.rules.prefilters import LANGUAGES, PREFILTERS, READS_BINARY
from golive_ci.sourcefile import SourceFile
from golive_ci.sources.files import DEFAULT_LIMIT, open_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from golive_ci.config_model import Config

# The byte-order marks of UTF-16 and UTF-32 (golive_ci.engine.BYTE_ORDER_MARKS): such files are
# decoded before the rules see them, so their raw bytes say nothing about the needles.
_WIDE_TEXT_STARTS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def rules_that_can_fire(slugs: Sequence[str], paths: Sequence[Path], root: Path, config: Config) -> list[str]:
    """``slugs`` (in their order) without the rules that cannot want any of ``paths``.

    An empty list means no rule can fire on any file; it is only returned when every path is a
    regular file that was read and none is excluded by the configuration, so that a scan with no
    rule would report nothing at all."""
    gated = {slug for slug in slugs if PREFILTERS.get(slug) and not config.rule_options(slug)}
    if not gated or any(path.is_dir() for path in paths):
        return list(slugs)
    listing = Listing()
    firing: set[str] = set()
    for relative, absolute in discover(list(paths), root, config.exclude, listing=listing):
        data = _read(absolute)
        if data is None:
            return list(slugs)
        firing |= _wanting(gated - firing, SourceFile(path=relative, data=data))
        if firing == gated:
            break
    kept = [slug for slug in slugs if slug not in gated or slug in firing]
    if not kept and listing.excluded:  # a scan would say that nothing was scanned: let it
        return list(slugs)
    return kept


def _wanting(slugs: set[str], source: SourceFile) -> set[str]:
    """The rules among ``slugs`` whose needles and languages let them want ``source``."""
    wanting = {slug for slug in slugs if slug in READS_BINARY} if b"\0" in source.data else set()
    for slug in slugs - wanting:
        languages = LANGUAGES.get(slug)
        if languages is not None and (source.language is None or source.language not in languages.split()):
            continue
        if source.contains(*PREFILTERS[slug]):
            wanting.add(slug)
    return wanting


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None when they cannot tell which rules want it."""
    try:
        with open_file(path) as handle:
            if os.fstat(handle.fileno()).st_size > DEFAULT_LIMIT:
                return None
            data = handle.read()  # sized by fstat: read(limit) would allocate the whole limit first
    except OSError:  # SkippedFile included: the scan reports it, with every rule loaded
        return None
    if len(data) > DEFAULT_LIMIT or data.startswith(_WIDE_TEXT_STARTS):
        return None
    return data
