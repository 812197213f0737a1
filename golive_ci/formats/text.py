"""``path:line:col: rule message``, one finding a line, then a summary."""

from __future__ import annotations

from collections.abc import Mapping

from golive_ci.findings import Report, Severity
from golive_ci.rules.base import RuleInfo

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render_text(report: Report, *, infos: Mapping[str, RuleInfo], color: bool = False) -> str:
    lines: list[str] = []
    for f in report.findings:
        rule = f"{_COLORS[f.severity]}{f.rule}{_RESET}" if color else f.rule
        location = f"{_BOLD}{f.path}{_RESET}" if color else f.path
        level = "" if f.severity is Severity.ERROR else f"[{f.severity.value}] "
        level = f"[baselined] {level}" if f.baselined else level
        lines.append(f"{location}:{f.line}:{f.column}: {rule} {level}{f.message}")
    for notice in report.notices:
        where = f"{notice.path}: " if notice.path else ""
        lines.append(f"notice: {where}{notice.message}")
    s = report.summary()
    known = f" {s['baselined']} baselined finding(s) not counted." if s.get("baselined") else ""
    counted = s["errors"] + s["warnings"] + s["infos"]
    if counted:
        lines.append(
            f"Found {counted} problem(s): {s['errors']} error(s), {s['warnings']} warning(s), "
            f"{s['infos']} info ({s['files_scanned']} file(s) scanned).{known}"
        )
    else:
        lines.append(f"No problems found ({s['files_scanned']} file(s) scanned).{known}")
    return "\n".join(lines) + "\n"
