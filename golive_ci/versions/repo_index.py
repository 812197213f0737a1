"""The rest of the repository, cheaply, for a pre-commit run that was handed only the staged files.

Two API-version rules are repository-wide: a ``stripe.api_key = …`` in one file is pinned by a
``stripe.api_version = …`` in another, and pins must agree across files. When the hook sees only
changed files, ``git grep`` lists the other files that mention a version setting at all (one
subprocess, no Python-side read of the whole tree) and only those few are parsed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from golive_ci.discovery import is_excluded
from golive_ci.rules.base import RuleContext
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, ParseError, SourceFile
from golive_ci.versions.facts import DYNAMIC_LANGUAGES, ApiVersionPin, file_facts

# Words every version setting contains (case-insensitive): api_version, apiVersion, setApiVersion,
# stripe_version, STRIPE_API_VERSION.
_GREP_PATTERNS = ("api_version", "apiversion", "stripe_version")
_SUFFIXES = [suffix for suffix, language in LANGUAGE_BY_SUFFIX.items() if language in DYNAMIC_LANGUAGES]
_ATTRIBUTE = "_golive_ci_version_index"


def other_files_pins(context: RuleContext, seen: set[str]) -> list[ApiVersionPin]:
    """Version settings in the repository's files outside ``seen`` (computed once per run)."""
    cached: dict[frozenset[str], list[ApiVersionPin]] = context.__dict__.setdefault(_ATTRIBUTE, {})
    key = frozenset(seen)
    if key not in cached:
        cached[key] = _scan_others(context, seen)
    return cached[key]


def _scan_others(context: RuleContext, seen: set[str]) -> list[ApiVersionPin]:
    pins: list[ApiVersionPin] = []
    for relative in grep_candidates(context.root):
        if relative in seen or is_excluded(relative, context.config.exclude):
            continue
        try:
            source = SourceFile(path=relative, data=(context.root / relative).read_bytes())
            pins.extend(file_facts(source).pins)
        except (OSError, ParseError):
            continue  # the file's own scan reports it; here it only informs other files' verdicts
    return pins


def grep_candidates(root: Path) -> list[str]:
    """Files (relative, '/'-separated) that mention an API-version setting; [] outside a git work tree."""
    command = ["git", "-C", str(root), "grep", "-l", "-z", "-I", "-i", "--untracked"]
    for pattern in _GREP_PATTERNS:
        command += ["-e", pattern]
    command += ["--", *(f"*{suffix}" for suffix in _SUFFIXES)]
    try:
        result = subprocess.run(command, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if result.returncode not in (0, 1):  # 1: nothing matched
        return []
    return [name for name in result.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
