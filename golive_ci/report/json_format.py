"""``{"version": 1, "findings": [...], "summary": {...}}``: the machine-readable contract."""

from __future__ import annotations

import json
from collections.abc import Mapping

from golive_ci.findings import Finding, Report
from golive_ci.rules.base import RuleInfo

JSON_VERSION = 1


def finding_to_dict(f: Finding) -> dict[str, object]:
    item: dict[str, object] = {
        "rule": f.rule,
        "severity": f.severity.value,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "message": f.message,
        "checklist": f.checklist,
        "fingerprint": f.fingerprint,
    }
    if f.end_line is not None:
        item["end_line"] = f.end_line
    if f.end_column is not None:
        item["end_column"] = f.end_column
    if f.details:
        item["details"] = f.details
    if f.baselined:
        item["baselined"] = True
    return item


def report_to_dict(report: Report) -> dict[str, object]:
    return {
        "version": JSON_VERSION,
        "findings": [finding_to_dict(f) for f in report.findings],
        "notices": [{"path": n.path, "message": n.message} for n in report.notices],
        "summary": report.summary(),
    }


def render_json(report: Report, *, infos: Mapping[str, RuleInfo], color: bool = False) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
