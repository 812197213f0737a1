"""The runner's side channels: step outputs, the job summary, masks and capped annotations."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from golive_ci.findings import Finding, Severity
from golive_ci.history import unquote_path
from golive_ci.report.github_annotations import escape_data, escape_property
from golive_ci.secrets import redact
from golive_ci.sources.git import find_repository

# GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices); the rest are dropped.
ANNOTATIONS_PER_LEVEL = 10
SUMMARY_LIMIT = 1024 * 1024
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def add_mask_command(value: str) -> str:
    """``::add-mask::`` for a secret: the runner then hides it in every later log line."""
    return f"::add-mask::{escape_data(value)}\n"


def write_outputs(path: str, outputs: Mapping[str, str]) -> None:
    """Append ``name<<DELIMITER`` blocks to the GITHUB_OUTPUT file (safe for any value)."""
    with open(path, "a", encoding="utf-8") as handle:
        for name, value in outputs.items():
            value = redact(str(value))
            delimiter = f"golive_ci_{secrets.token_hex(8)}"
            handle.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def append_summary(path: str, markdown: str) -> None:
    """Append to the job summary, kept under GitHub's 1 MiB per step."""
    text = redact(markdown)
    encoded = text.encode("utf-8")
    if len(encoded) > SUMMARY_LIMIT - 1024:
        text = encoded[: SUMMARY_LIMIT - 2048].decode("utf-8", "ignore")
        text = text[: text.rfind("\n") + 1] + "\n_… cut at GitHub's 1 MiB job summary limit._\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def changed_files(root: Path, base: str, head: str) -> list[str] | None:
    """Every path the pull request adds, changes or deletes (since the merge base), binary or not;
    None if git cannot tell. ``changed_lines`` misses files git shows as binary, and a
    ``.gitattributes`` line can make any file binary to git, itself included."""
    repository = find_repository(str(root))
    if repository is None:
        return None
    result = repository.run("diff", "--name-only", "-z", "--no-renames", f"{base}...{head}", "--", timeout=120)
    if result.returncode != 0:
        return None
    return [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]


def changed_lines(root: Path, base: str, head: str) -> dict[str, set[int]] | None:
    """Lines each file gained between the merge base of ``base`` and ``head``; None if git cannot tell."""
    repository = find_repository(str(root))
    if repository is None:
        return None
    result = repository.run(
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-renames",
        "--unified=0",
        "--dst-prefix=b/",
        "--src-prefix=a/",
        f"{base}...{head}",
        "--",
        timeout=120,
    )
    if result.returncode != 0:
        return None
    changed: dict[str, set[int]] = {}
    path = ""
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        if raw.startswith("+++ "):
            name = raw[4:].removesuffix("\t")
            path = name[2:] if name.startswith("b/") else ""
            if name.startswith('"'):
                unquoted = unquote_path(name)
                path = unquoted[2:] if unquoted.startswith("b/") else ""
        elif raw.startswith("@@ ") and path:
            match = _HUNK.match(raw)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or "1")
                changed.setdefault(path, set()).update(range(start, start + count))
    return changed


@dataclass
class Annotations:
    lines: list[str]
    omitted: int  # on changed lines but over GitHub's per-step cap
    elsewhere: int  # not on a changed line: listed in the summary and SARIF only


def annotations(
    findings: Iterable[Finding], changed: Mapping[str, set[int]] | None, *, unlocated: frozenset[str] = frozenset()
) -> Annotations:
    """Workflow commands for findings on changed lines (every finding when ``changed`` is None), capped.

    Findings of the ``unlocated`` rules (keys found in history: the line may hold something else
    by now) are annotated without a file position, wherever they are.
    """
    lines: list[str] = []
    shown = {level: 0 for level in _LEVEL.values()}
    omitted = elsewhere = 0
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.rule in unlocated, f.path, f.line)):
        located = f.rule not in unlocated
        if located and changed is not None and f.line not in changed.get(f.path, ()):
            elsewhere += 1
            continue
        level = _LEVEL[f.severity]
        if shown[level] >= ANNOTATIONS_PER_LEVEL:
            omitted += 1
            continue
        shown[level] += 1
        props = []
        if located:
            props = [f"file={escape_property(f.path)}", f"line={max(f.line, 1)}", f"col={max(f.column, 1)}"]
            if f.end_line is not None:
                props.append(f"endLine={f.end_line}")
            if f.end_column is not None and f.end_line == f.line:
                props.append(f"endColumn={f.end_column}")
        props.append(f"title={escape_property('golive-ci ' + f.rule)}")
        lines.append(redact(f"::{level} {','.join(props)}::{escape_data(f.message)}"))
    return Annotations(lines, omitted, elsewhere)
