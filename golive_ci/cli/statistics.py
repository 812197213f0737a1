"""``--statistics``: how many findings each rule reported (ruff's table), baselined ones apart."""

from __future__ import annotations

from collections import Counter

from golive_ci.findings import Report


def render_statistics(report: Report) -> str:
    counted = Counter((f.rule, f.severity.value) for f in report.findings)
    known = Counter(f.rule for f in report.baselined)
    rows = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    lines = [f"{count:5d}  {rule:<30} {severity}" for (rule, severity), count in rows]
    for rule, count in sorted(known.items()):
        lines.append(f"{count:5d}  {rule:<30} baselined")
    total = sum(counted.values())
    lines.append(f"Found {total} problem(s)" + (f", {sum(known.values())} baselined" if known else "") + ".")
    return "\n".join(lines) + "\n"


def statistics_json(report: Report) -> str:
    """``--statistics --format json``: one object per (rule, severity), as ruff prints them."""
    import json

    counted = Counter((f.rule, f.severity.value) for f in report.findings)
    known = Counter(f.rule for f in report.baselined)
    rows = [{"rule": rule, "severity": severity, "count": count} for (rule, severity), count in counted.items()]
    rows.sort(key=lambda row: (-row["count"], row["rule"]))
    rows += [{"rule": rule, "severity": "baselined", "count": count} for rule, count in sorted(known.items())]
    return json.dumps(rows, indent=2) + "\n"
