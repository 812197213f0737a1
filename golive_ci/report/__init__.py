"""What a run reports: the output formats (each renders a report to a string; every string passes
through ``redact``), the exit code, and the go-live checklist with its Markdown (checklist*.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from golive_ci.findings import Report, Severity
from golive_ci.rules.base import RuleInfo
from golive_ci.secrets import redact

FORMATS = ("text", "json", "sarif", "github")
FAIL_ON = ("error", "warning", "info", "never")


def exit_code(report: Report, fail_on: str) -> int:
    """1 when a finding at ``fail_on`` or above remains; baselined findings never count."""
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold and not f.baselined for f in report.findings) else 0


def render(report: Report, fmt: str, infos: Mapping[str, RuleInfo], *, color: bool = False) -> str:
    renderer: Callable[..., str]
    if fmt == "text":
        from golive_ci.report.text import render_text as renderer
    elif fmt == "json":
        from golive_ci.report.json_format import render_json as renderer
    elif fmt == "sarif":
        from golive_ci.report.sarif import render_sarif as renderer
    elif fmt == "github":
        from golive_ci.report.github_annotations import render_github as renderer
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    text = redact(renderer(report, infos=infos, color=color))
    if fmt in ("json", "sarif"):
        from golive_ci.escaping import escape_json_output

        text = escape_json_output(text)
    return text
