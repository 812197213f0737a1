"""git's search for the files worth reading, and starting it before golive-ci is imported.

When every selected rule skips files without certain byte strings (its ``needles``), a scan of a
folder inside git reads only the tracked files ``git grep -F`` finds them in, and the untracked
ones (not ignored). Binary files are searched too (no ``-I``: a key in a file with a NUL byte
must reach the key check), and files holding a UTF-16 byte-order mark are listed as well: their
text cannot be searched as bytes, so the rules read them decoded. That search takes about as
long as Python's start-up and golive-ci's imports together (see bench/README.md), so
:func:`start_from_command_line` starts it first thing, from the command line alone, and
discovery adopts it if it asks for the same folder and needles; otherwise it is discarded.

This module is imported before anything else: it uses only built-in modules, and the needles
come from the generated table in :mod:`golive_ci.rules.prefilters`.
"""

from __future__ import annotations

import os

from golive_ci.secrets import NEEDLES as KEY_NEEDLES
from golive_ci.sources.git import GitProcess, find_repository, listed_names, literal_pathspec, strip_prefix

# Options of `golive-ci scan` that take a value; any option not known here stops the head start.
_VALUE_OPTIONS = frozenset({"--select", "--ignore", "--format", "--output", "-o", "--fail-on", "--config"})
_FLAG_OPTIONS = frozenset({"--debug"})
# UTF-16 byte-order marks (little- and big-endian), as git receives them on its command line.
BYTE_ORDER_MARKS = (os.fsdecode(b"\xff\xfe"), os.fsdecode(b"\xfe\xff"))


def utf16_pattern(needles: tuple[bytes, ...]) -> str:
    """A PCRE pattern (``git grep -P``) for ``needles`` as UTF-16 without a byte-order mark holds
    them, little- and big-endian: NUL bytes cannot be passed to ``git grep -F`` on a command line."""
    forms = []
    for needle in needles:
        chars = [f"\\x{byte:02x}" for byte in needle]
        forms.append("".join(f"{char}\\x00" for char in chars))
        forms.append("".join(f"\\x00{char}" for char in chars))
    return "|".join(forms)


def covering(needles: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """The needles that hold no other one: a file holds one of ``needles`` exactly when it holds one
    of these, and git grep's time grows with the number of patterns (83 of the rules' needles: 70)."""
    unique = tuple(dict.fromkeys(needles))
    return tuple(needle for needle in unique if not any(other != needle and other in needle for other in unique))


class CandidateSearch:
    """``git grep -l`` for ``needles`` in the tracked files of ``directory``, and ``git ls-files``
    of its tracked and untracked files, all running at once."""

    def __init__(
        self, directory: str, needles: tuple[bytes, ...], *, threads: int | None = None, stripe_marks: bool = False
    ) -> None:
        self.directory = directory
        self.needles = needles
        self.stripe_marks = stripe_marks
        self._processes: tuple[GitProcess, ...] = ()
        self._stripe_search: GitProcess | None = None
        self.without_needles: list[str] = []  # tracked files git grep read and found no needle in
        self.stripe_users: set[str] = set()  # tracked files that name Stripe (see golive_ci.stripe_use)
        repository = find_repository(directory)
        if repository is None:
            return
        self._prefix = repository.prefix_of(directory)
        scope = literal_pathspec(self._prefix)
        searched = [*(needle.decode("ascii") for needle in covering(needles)), *BYTE_ORDER_MARKS]
        patterns = [arg for needle in searched for arg in ("-e", needle)]
        threading = ["--threads", str(threads)] if threads else []
        # Tracked files only: `--untracked` makes git grep walk every folder, ignored ones too,
        # which costs more than listing the untracked files and letting the rules read them.
        # --no-full-name and --no-color: a user's grep.fullName or color.ui must not change the names.
        listing_options = ("-l", "-z", "--no-full-name", "--no-color", *threading, "-F")
        grep_options = (*listing_options, *patterns)
        self._processes = (
            repository.start("grep", *grep_options, "--", scope),
            repository.start("ls-files", "-z", "--cached", "--", scope),
            repository.start("ls-files", "-z", "--others", "--exclude-standard", "--", scope),
        )
        keys = tuple(needle for needle in KEY_NEEDLES if needle in needles)
        if keys:  # a key in a UTF-16 file without a byte-order mark must reach the key check
            utf16_options = (*listing_options[:-1], "-P", "-e", utf16_pattern(keys))
            self._processes += (repository.start("grep", *utf16_options, "--", scope),)
        if stripe_marks:
            # The Stripe-use gate's commonest mark, in the three ways code writes it: a file found here
            # uses Stripe; the others are tested in Python (event types, other spellings).
            marks = ("-e", "stripe", "-e", "Stripe", "-e", "STRIPE")
            self._stripe_search = repository.start("grep", *listing_options, *marks, "--", scope)

    def is_for(self, directory: str, needles: tuple[bytes, ...], stripe_marks: bool = False) -> bool:
        return self.directory == directory and set(self.needles) == set(needles) and self.stripe_marks == stripe_marks

    def result(self) -> tuple[list[str], list[str], int] | None:
        """(tracked files holding a needle, untracked files, how many tracked files hold none);
        None outside a repository or in a folder git ignores, where the caller should walk the
        folder instead. Untracked files are not searched: they are few, and the rules read them."""
        if not self._processes:
            return None
        grep, tracked_files, untracked_files, *utf16 = self._processes
        marked = listed_names(self._stripe_search, ok_codes=(0, 1)) if self._stripe_search is not None else None
        found = listed_names(grep, ok_codes=(0, 1))
        tracked, untracked = listed_names(tracked_files), listed_names(untracked_files)
        if found is None or tracked is None or untracked is None or not (tracked or untracked):
            return None
        if utf16:
            in_utf16 = listed_names(utf16[0], ok_codes=(0, 1))
            # A git without PCRE cannot search for them: then every tracked file is read.
            found = tracked if in_utf16 is None else list(dict.fromkeys([*found, *in_utf16]))
        found, tracked, untracked = (strip_prefix(names, self._prefix) for names in (found, tracked, untracked))
        if marked is not None:
            self.stripe_users = set(strip_prefix(marked, self._prefix))
        holding = set(found)
        untracked = [name for name in untracked if name not in holding]
        self.without_needles = [name for name in tracked if name not in holding]
        return found, untracked, len(self.without_needles)

    def discard(self) -> None:
        """Stop and reap the processes if nobody took the result."""
        for process in (*self._processes, *filter(None, (self._stripe_search,))):
            process.kill()


def start_from_command_line(argv: list[str]) -> CandidateSearch | None:
    """The search ``golive-ci scan`` will ask for, started now; None when the command line does
    not settle it (another command, several paths, a file, an unknown option). Without ``--select``
    every rule runs and some read every file: the search is then for the needles of the others
    (the engine's presence search, golive_ci.engine.scan)."""
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
    if not positionals or positionals[0] != "scan" or len(positionals) > 2:
        return None
    folder = positionals[1] if len(positionals) == 2 else "."
    needles = _selected_needles(selected, ignored) if selected else _presence_needles(ignored)
    if not needles or not os.path.isdir(folder):
        return None
    from golive_ci.rules.prefilters import STRIPE_ONLY

    stripe_marks = any(slug in STRIPE_ONLY for slug in selected or STRIPE_ONLY if slug not in ignored)
    # golive-ci imports on one core meanwhile: leave it to Python.
    threads = max(1, (os.cpu_count() or 1) - 1)
    return CandidateSearch(os.path.realpath(folder), needles, threads=threads, stripe_marks=stripe_marks)


def _presence_needles(ignored: list[str]) -> tuple[bytes, ...]:
    from golive_ci.rules.prefilters import PREFILTERS

    needles = tuple(dict.fromkeys(n for slug, found in PREFILTERS.items() if slug not in ignored for n in found))
    return needles if all(n.isascii() for n in needles) else ()


def _selected_needles(selected: list[str], ignored: list[str]) -> tuple[bytes, ...]:
    from golive_ci.rules.prefilters import PREFILTERS

    chosen = [slug for slug in dict.fromkeys(selected) if slug not in ignored]
    if not chosen or any(not PREFILTERS.get(slug) or not all(n.isascii() for n in PREFILTERS[slug]) for slug in chosen):
        return ()
    return tuple(dict.fromkeys(needle for slug in chosen for needle in PREFILTERS[slug]))
