"""SARIF 2.1.0 for GitHub code scanning: rule descriptions, levels, partialFingerprints."""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import quote

from golive_ci import __version__
from golive_ci.findings import Report, Severity
from golive_ci.rules.base import RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
HELP_URI = "https://github.com/golive-ci/golive-ci/blob/main/docs/rules.md"


def _rule_descriptor(slug: str, info: RuleInfo | None) -> dict[str, object]:
    if info is None:
        return {"id": slug, "name": slug, "shortDescription": {"text": slug}}
    return {
        "id": slug,
        "name": slug,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.why.strip()},
        "help": {"text": info.fix.strip(), "markdown": info.render()},
        "helpUri": f"{HELP_URI}#{slug}",
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {
            "tags": ["stripe", "go-live", info.checklist],
            "security-severity": _SECURITY_SEVERITY[info.severity],
        },
    }


def artifact_uri(path: str) -> str:
    """A repository path as a relative URI reference (RFC 3986): every byte outside the unreserved
    characters and ``/`` percent-encoded as UTF-8, so ``#``, ``?``, ``%``, spaces and a ``:`` in
    the first segment (which would read as a scheme) stay part of the path."""
    return quote(path, safe="/") if path else "."


def build_sarif(report: Report, infos: Mapping[str, RuleInfo]) -> dict[str, object]:
    slugs = sorted({f.rule for f in report.findings} | set(infos))
    index = {slug: i for i, slug in enumerate(slugs)}
    results = []
    for f in report.findings:
        region: dict[str, int] = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
        if f.end_line is not None:
            region["endLine"] = f.end_line
        if f.end_column is not None:
            region["endColumn"] = f.end_column
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"golive-ci/v1": f.fingerprint or f"{f.rule}:{f.path}:{f.line}"},
                "properties": {"checklist": f.checklist},
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "golive-ci",
                        "version": __version__,
                        "informationUri": "https://github.com/golive-ci/golive-ci",
                        "rules": [_rule_descriptor(slug, infos.get(slug)) for slug in slugs],
                    }
                },
                "results": results,
                "invocations": [_invocation(report)],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _invocation(report: Report) -> dict[str, object]:
    """Notices (files that could not be parsed, …) as tool execution notifications."""
    notifications = []
    for notice in report.notices:
        entry: dict[str, object] = {"level": "warning", "message": {"text": notice.message}}
        if notice.path:
            location = {"artifactLocation": {"uri": notice.path, "uriBaseId": "%SRCROOT%"}}
            entry["locations"] = [{"physicalLocation": location}]
        notifications.append(entry)
    return {"executionSuccessful": True, "toolExecutionNotifications": notifications}


def render_sarif(report: Report, *, infos: Mapping[str, RuleInfo], color: bool = False) -> str:
    return json.dumps(build_sarif(report, infos), indent=2, ensure_ascii=False) + "\n"
