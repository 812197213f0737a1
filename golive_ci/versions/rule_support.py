"""What the API-version rules share: reading a file's facts safely and the test-file policy."""

from __future__ import annotations

from golive_ci.facts import fact
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.versions.facts import FileFacts, file_facts


@fact("API-version facts, or why the file cannot be parsed")
def _facts_or_failure(source: SourceFile) -> FileFacts | ParseError:
    try:
        return file_facts(source)
    except ParseError as exc:
        return exc


def facts_for(rule: Rule, source: SourceFile) -> FileFacts | None:
    """The file's facts, or None (with one notice per file, whichever rule met it first) if it cannot be parsed.

    Test files are not even parsed unless the rule is configured to include them.
    """
    if source.is_test and not include_tests(rule):
        return None
    first = not _facts_or_failure.known(source)
    found = _facts_or_failure(source)
    if isinstance(found, ParseError):
        if first:
            rule.context.notice(source.path, f"{found}; Stripe API-version checks skipped for this file")
        return None
    return found


def include_tests(rule: Rule) -> bool:
    """Test code pins whatever it likes; it is skipped unless ``include-tests = true`` is configured."""
    return bool(rule.options.get("include-tests", False))
