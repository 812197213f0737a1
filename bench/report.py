"""Tables of the benchmark results: plain text for the terminal, a markdown block for bench/README.md."""

from __future__ import annotations

import math
from pathlib import Path

START_MARKER = "<!-- bench-results:start -->"
END_MARKER = "<!-- bench-results:end -->"
DETECT_SECRETS_TARGET = 100.0  # detect-secrets / ours, at least
RG_TARGET = 3.0  # ours / rg, at most

HEADERS = ("command", "median s", "min–max s", "CPU s", "runs", "key files", "findings", "d-s ÷ this", "this ÷ rg")


def _reference(rows: list[dict], tool: str, label_start: str = "") -> dict | None:
    for row in rows:
        if row["tool"] == tool and row["label"].startswith(label_start) and row["runs"]:
            return row
    return None


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator or math.isnan(numerator) or math.isnan(denominator):
        return None
    return numerator / denominator


def _format_ratio(value: float | None, target: float | None, *, at_least: bool) -> str:
    if value is None:
        return "–"
    if target is None:
        return f"{value:.1f}x"
    met = value >= target if at_least else value <= target
    return f"{value:.1f}x {'✓' if met else '✗'}"


def table_rows(rows: list[dict], *, targets: bool) -> list[tuple[str, ...]]:
    """One row a command. With ``targets`` (whole repo), the ratio targets are marked ✓/✗ on the
    rows they apply to: the secret scans, which do the same job as detect-secrets and rg."""
    detect_secrets = _reference(rows, "detect-secrets")
    rg = _reference(rows, "rg", "rg --hidden") or _reference(rows, "rg")
    out = []
    for row in rows:
        ours = row["tool"] == "golive-ci"
        marked = targets and row.get("scope") == "secret-key"
        versus_ds = _ratio(detect_secrets and detect_secrets["median_s"], row["median_s"]) if ours else None
        versus_rg = _ratio(row["median_s"], rg and rg["median_s"]) if ours else None
        spread = f"{row['min_s']:.3f}–{row['max_s']:.3f}" if row["runs"] else "–"
        out.append(
            (
                row["label"] + (f" ({row['error']})" if row["error"] else ""),
                f"{row['median_s']:.3f}" if row["runs"] else "–",
                spread,
                f"{row['cpu_median_s']:.2f}" if row["runs"] else "–",
                str(row["runs"]),
                "–" if row["flagged_files"] is None else str(row["flagged_files"]),
                "–" if row["findings"] is None or row["tool"] == "rg" else str(row["findings"]),
                _format_ratio(versus_ds, DETECT_SECRETS_TARGET if marked else None, at_least=True),
                _format_ratio(versus_rg, RG_TARGET if marked else None, at_least=False),
            )
        )
    return out


def hook_verdicts(results: dict) -> list[str]:
    target = results["hook_target_s"]
    verdicts = []
    for row in results["hook"]:
        if row["tool"] == "golive-ci" and row["runs"]:
            met = "✓ under" if row["median_s"] < target else "✗ over"
            verdicts.append(f"{row['label']}: median {row['median_s'] * 1000:.0f} ms, {met} the {target} s target")
    return verdicts


def repo_verdicts(results: dict) -> list[str]:
    """The "a few seconds on 2 cores" target of the scans that run more than the secret rule, and
    the secret scans against detect-secrets run the other way (``scan``, on every core)."""
    target = results["repo_target_s"]
    verdicts = []
    ds_scan = _reference(results["repo"], "detect-secrets-scan")
    for row in results["repo"]:
        if ds_scan and row["tool"] == "golive-ci" and row["runs"] and row.get("scope") == "secret-key":
            wall = _ratio(ds_scan["median_s"], row["median_s"])
            cpu = _ratio(ds_scan["cpu_median_s"], row["cpu_median_s"])
            if wall is not None and cpu is not None:
                met = "✓" if wall >= DETECT_SECRETS_TARGET else f"✗ below {DETECT_SECRETS_TARGET:.0f}x"
                verdicts.append(
                    f"{row['label']}: {wall:.1f}x faster ({cpu:.1f}x less CPU) than `{ds_scan['label']}` {met}"
                )
        if row["tool"] == "golive-ci" and row["runs"] and row.get("scope") != "secret-key":
            met = "✓ within" if row["median_s"] <= target else "✗ over"
            verdicts.append(f"{row['label']}: median {row['median_s']:.2f} s, {met} {target:.0f} s")
    return verdicts


def _text_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in [HEADERS, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _markdown_table(rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join(["---"] + ["--:"] * (len(HEADERS) - 1)) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in rows]
    return "\n".join(lines)


def _imports_lines(results: dict) -> list[str]:
    lines = []
    for name, costs in results["imports"].items():
        top = ", ".join(f"{module} {us / 1000:.1f}" for module, us in costs["top_level"][:6])
        heavy = ", ".join(f"{module} {us / 1000:.1f}" for module, us in costs["heaviest_self"][:6])
        lines.append(f"{name}: imports {costs['total_us'] / 1000:.0f} ms in all; top level (cumulative ms): {top}")
        lines.append(f"{' ' * len(name)}  heaviest modules (self ms): {heavy}")
    return lines


def _rule_cost_lines(results: dict, top: int = 10) -> list[str]:
    costs = results.get("rule_costs")
    if not costs:
        return []
    total = costs["total_s"]
    lines = [f"{'where':<48} {'seconds':>8} {'share':>6} {'files':>6}"]
    for row in costs["rows"][:top]:
        files = "" if row["files"] is None else str(row["files"])
        lines.append(f"{row['where']:<48} {row['seconds']:8.2f} {row['seconds'] / total:6.0%} {files:>6}")
    lines.append(f"{'total (in-process, timers on)':<48} {total:8.2f}")
    return lines


def _summary(results: dict) -> list[str]:
    tree, machine = results["tree"], results["machine"]
    planted = len(tree["planted"])
    return [
        f"Date {machine['date']}; golive-ci {machine['golive_ci_commit']}; {machine['cpu']}, {machine['cores']} cores, "
        f"load average at start {machine['load_average']}; Python {machine['python']}; {machine['detect_secrets']} "
        f"(detect-secrets); {machine['ripgrep']}.",
        f"Tree: {tree['path']}, {tree['tracked_files']} tracked files, {tree['tracked_bytes'] / 1e6:.1f} MB "
        f"(+{tree['ignored_files']} git-ignored node_modules files), seed {tree['seed']}, scale {tree['scale']}, "
        f"tree commit {tree.get('commit', '?')}, "
        f"{planted} planted keys in {len({k['path'] for k in tree['planted']})} files; "
        f"benchmark took {results['elapsed_s']:.0f} s.",
    ]


def render_text(results: dict) -> str:
    parts = [*_summary(results), "", f"Hook scenario: {' '.join(results['hook_files'])}", ""]
    parts += [_text_table(table_rows(results["hook"], targets=False)), "", *hook_verdicts(results), ""]
    parts += ["Whole repository:", "", _text_table(table_rows(results["repo"], targets=True)), ""]
    parts += [*repo_verdicts(results), ""]
    parts += ["Import costs of each hook (python -X importtime, median of 5 runs):", *_imports_lines(results)]
    if results.get("rule_costs"):
        parts += ["", "Where the all-rules scan spends its time (bench/rule_costs.py; files = files the rule checked):"]
        parts += _rule_cost_lines(results)
    parts += [f"note: {note}" for note in results["notes"]]
    return "\n".join(parts)


def render_markdown(results: dict) -> str:
    lines = [START_MARKER, "", f"Command: `{results['command'].strip()}`", ""]
    lines += [f"- {line}" for line in _summary(results)]
    lines += ["", "**Hook scenario** (5 changed files, as pre-commit calls the hook, from the tree's root):", ""]
    lines += [_markdown_table(table_rows(results["hook"], targets=False)), ""]
    lines += [f"- {verdict}" for verdict in hook_verdicts(results)]
    lines += ["", "**Whole repository:**", "", _markdown_table(table_rows(results["repo"], targets=True)), ""]
    lines += [f"- {verdict}" for verdict in repo_verdicts(results)]
    lines += [""]
    lines += ["**Import costs** (`python -X importtime <hook> <5 files>`, median of 5 runs):", "", "```"]
    lines += [*_imports_lines(results), "```"]
    if results.get("rule_costs"):
        lines += ["", "**Where the all-rules scan spends its time** (`bench/rule_costs.py`, exclusive time;"]
        lines += ["files = files the rule checked):", "", "```", *_rule_cost_lines(results), "```"]
    lines += [f"- note: {note}" for note in results["notes"]]
    lines += ["", END_MARKER]
    return "\n".join(lines) + "\n"


def write_markdown(path: Path, block: str) -> None:
    """Replace the marked block in ``path`` (appending it if there is none); create the file if needed."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    start, end = existing.find(START_MARKER), existing.find(END_MARKER)
    if start != -1 and end > start:
        updated = existing[:start] + block.rstrip("\n") + existing[end + len(END_MARKER) :]
    else:
        updated = existing + ("\n" if existing and not existing.endswith("\n") else "") + block
    path.write_text(updated, encoding="utf-8")
