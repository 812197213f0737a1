"""``path:line:col: rule message``, one finding a line, then a summary.

Paths and messages hold repository text: each is escaped (see :mod:`golive_ci.escaping`), so a
file name cannot print a GitHub Actions workflow command when a hook runs in CI.
"""

from __future__ import annotations

from collections.abc import Mapping

from golive_ci.escaping import escape_untrusted
from golive_ci.findings import Report, Severity
from golive_ci.rules.base import RuleInfo

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render_text(report: Report, *, infos: Mapping[str, RuleInfo], color: bool = False) -> str:
    lines: list[str] = []
    for f in report.findings:
        path, message = escape_untrusted(f.path), escape_untrusted(f.message)
        rule = f"{_COLORS[f.severity]}{f.rule}{_RESET}" if color else f.rule
        location = f"{_BOLD}{path}{_RESET}" if color else path
        level = "" if f.severity is Severity.ERROR else f"[{f.severity.value}] "
        level = f"[baselined] {level}" if f.baselined else level
        lines.append(f"{location}:{f.line}:{f.column}: {rule} {level}{message}")
    for notice in report.notices:
        where = f"{escape_untrusted(notice.path)}: " if notice.path else ""
        lines.append(f"notice: {where}{escape_untrusted(notice.message)}")
    s = report.summary()
    counted = f"{s['files_scanned']} file(s) scanned"
    if s["files_excluded"]:
        counted += f", {s['files_excluded']} excluded by the configuration"
    unparsed = f"; {s['files_unparsed']} could not be parsed, so not checked" if s["files_unparsed"] else ""
    known = f" {s['baselined']} baselined finding(s) not counted." if s.get("baselined") else ""
    problems = s["errors"] + s["warnings"] + s["infos"]
    if problems:
        lines.append(
            f"Found {problems} problem(s): {s['errors']} error(s), {s['warnings']} warning(s), "
            f"{s['infos']} info ({counted}{unparsed}).{known}"
        )
    elif unparsed:
        lines.append(f"No problems found in the files that could be checked ({counted}{unparsed}).")
    else:
        lines.append(f"No problems found ({counted}).{known}")
    return "\n".join(lines) + "\n"
