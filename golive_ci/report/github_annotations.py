"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""

from __future__ import annotations

from collections.abc import Mapping

from golive_ci.findings import Report, Severity
from golive_ci.rules.base import RuleInfo

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, *, infos: Mapping[str, RuleInfo], color: bool = False) -> str:
    lines = []
    for f in report.findings:
        props = [f"file={escape_property(f.path)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line is not None:
            props.append(f"endLine={f.end_line}")
        if f.end_column is not None and f.end_line == f.line:
            props.append(f"endColumn={f.end_column}")
        props.append(f"title={escape_property('golive-ci ' + f.rule)}")
        lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(f.message)}")
    for notice in report.notices:
        where = f"file={escape_property(notice.path)}," if notice.path else ""
        lines.append(f"::notice {where}title=golive-ci::{escape_data(notice.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
