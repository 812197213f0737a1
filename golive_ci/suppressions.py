"""Inline suppressions, on the finding's line or the line above.

- ``golive-ci: ignore`` (every rule) or ``golive-ci: ignore[secret-key, card-number]``
- detect-secrets: ``pragma: allowlist secret`` (same line), ``pragma: allowlist nextline secret``
  (line above); gitleaks: ``gitleaks:allow``; trufflehog: ``trufflehog:ignore`` (same line).
  These migration markers apply to the secret rules only.
"""

from __future__ import annotations

import re

from golive_ci.findings import Finding
from golive_ci.sourcefile import SourceFile

_OWN = re.compile(r"golive-ci:\s*ignore(?:\[(?P<rules>[^\]]*)\])?", re.IGNORECASE)
_SAME_LINE_SECRET = re.compile(r"pragma:\s*(?:allowlist|whitelist)\s+secret|gitleaks:allow|trufflehog:ignore")
_NEXT_LINE_SECRET = re.compile(r"pragma:\s*(?:allowlist|whitelist)\s+nextline\s+secret")
SECRET_RULES = frozenset({"secret-key"})


def _own_marker_covers(text: str, rule: str) -> bool:
    if "golive-ci" not in text:
        return False
    for match in _OWN.finditer(text):
        listed = match.group("rules")
        if listed is None or rule in {r.strip() for r in listed.split(",")}:
            return True
    return False


def is_suppressed(finding: Finding, source: SourceFile) -> bool:
    line = source.line_text(finding.line)
    above = source.line_text(finding.line - 1) if finding.line > source.first_line else ""
    if _own_marker_covers(line, finding.rule) or _own_marker_covers(above, finding.rule):
        return True
    if finding.rule in SECRET_RULES:
        if _SAME_LINE_SECRET.search(line) and not _NEXT_LINE_SECRET.search(line):
            return True
        if above and _NEXT_LINE_SECRET.search(above):
            return True
    return False
