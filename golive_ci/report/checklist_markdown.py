"""Markdown for the pull-request comment and the job summary; readers' ticks survive re-rendering.

Everything that comes from the repository (paths, messages) is escaped, so a file name cannot
forge the hidden markers, and defused, so it cannot mention people or teams, reference issues or
become a link. The body holds no timestamps or run ids: identical results render identically, so
an unchanged comment is not edited again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

from golive_ci import __version__
from golive_ci.report.checklist import Checklist, ChecklistItem, Evidence
from golive_ci.report.wording import account_note, phrase
from golive_ci.secrets import redact

MARKER = "<!-- golive-ci:checklist -->"
TABLE_RULE = "|---|---|---|"  # the summary table's delimiter row: part of what makes a comment ours
COMMENT_LIMIT = 65_536
# Margin under GitHub's limit: GitHub may count some characters differently than Python.
COMMENT_BUDGET = 60_000
SUMMARY_BUDGET = 900_000  # the job summary allows 1 MiB per step
_TASK = re.compile(
    r"^[^\S\n]*[-*] \[(?P<state>[ xX])\] .*<!-- golive-ci:task:(?P<id>[a-z0-9-]+) -->[^\S\n]*$", re.MULTILINE
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
# Where a zero-width joiner goes so that GitHub sees no mention (@user, @org/team, a@b.c), no issue
# reference (#12, owner/repo#12) and no autolink (https://…, www.…); the text reads the same.
ZERO_WIDTH_JOINER = "\u200d"
_DEFUSE = re.compile(r"(?<=@)(?=[^\s@])|(?<=#)(?=[0-9])|(?<=[A-Za-z0-9])(?=://)|(?<=\b[Ww][Ww][Ww])(?=\.)")

LinkFor = Callable[[str, int, str], str]  # (path, line, commit or "" for the head) -> URL


def defuse(text: str) -> str:
    """``text`` without mentions, issue references or autolinks for GitHub (see ``_DEFUSE``)."""
    return _DEFUSE.sub(ZERO_WIDTH_JOINER, text)


def escape(text: str) -> str:
    """Plain text made safe for one line of GitHub markdown (no HTML, no markers, no formatting,
    no mentions, no links)."""
    text = defuse(redact(text).replace("\r", " ").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def is_checklist_body(body: str | None) -> bool:
    """Whether a comment body is a checklist golive-ci wrote: the marker is its first line, a
    heading its third, and it holds the summary table (in any language of the checklist). A
    comment that merely contains the marker (a quote by a person, another bot repeating
    pull-request text) is not one."""
    lines = (body or "").replace("\r\n", "\n").split("\n")
    return (
        len(lines) > 3
        and lines[0] == MARKER
        and lines[1] == ""
        and lines[2].startswith("## ")
        and (TABLE_RULE in lines[3:])
    )


def parse_ticks(body: str) -> dict[str, bool]:
    """Task id -> ticked, from a comment body a reader may have edited."""
    return {match["id"]: match["state"] in "xX" for match in _TASK.finditer(body or "")}


def _evidence_line(evidence: Evidence, link_for: LinkFor) -> str:
    if evidence.path:
        where = f"{evidence.path}:{evidence.line}" if evidence.line > 0 else evidence.path
        url = quote(link_for(evidence.path, evidence.line, evidence.commit), safe=":/#?&=%~+@,;!$'*")
        location = f"[{escape(where)}]({url})" if url else escape(where)
        return f"- {evidence.icon} {location} {escape(evidence.text)}"
    return f"- {evidence.icon} {escape(evidence.text)}"


def _item_section(
    item: ChecklistItem, link_for: LinkFor, max_evidence: int, more_url: str, language: str = "en"
) -> list[str]:
    lines = [f"### {item.status.icon} {escape(item.spec.title)}", ""]
    if item.reason:
        lines += [f"_{escape(item.reason)}_", ""]
    for detail in item.details[:max_evidence] if max_evidence else item.details[:3]:
        lines.append(f"- {escape(detail)}")
    shown = item.evidence[:max_evidence]
    lines += [_evidence_line(evidence, link_for) for evidence in shown]
    hidden = len(item.evidence) - len(shown)
    if hidden:
        summary = phrase(language, "the_summary")
        where = f"[{summary}]({more_url})" if more_url else summary
        lines.append("- " + phrase(language, "more", count=hidden, where=where))
    if item.details or item.evidence:
        lines.append("")
    if item.status.value != "pass":
        lines += [f"**{phrase(language, 'what_to_do')}** {escape(item.spec.what_to_do)}", ""]
    if item.spec.points:  # Stripe's own sub-points for the item, in both languages
        lines += [*(f"- {escape(point)}" for point in item.spec.points), ""]
    for task in item.spec.tasks:
        box = "x" if item.ticks.get(task.id) else " "
        lines.append(f"- [{box}] {escape(task.text)} <!-- golive-ci:task:{task.id} -->")
    if item.spec.tasks:
        lines.append("")
    return lines


def render_checklist(
    checklist: Checklist,
    *,
    link_for: LinkFor,
    more_url: str = "",
    max_evidence: int = 20,
    marker: bool = True,
) -> str:
    language = checklist.language
    head = phrase(language, "at_commit", sha=checklist.head_sha[:12]) if checklist.head_sha else ""
    counts = (
        phrase(language, "counts", errors=checklist.errors, warnings=checklist.warnings)
        + (phrase(language, "notes_count", infos=checklist.infos) if checklist.infos else "")
        + head
    )
    lines = [MARKER, ""] if marker else []
    lines += [
        f"## {phrase(language, 'heading')}",
        "",
        f"**{checklist.status_summary()}** · {counts}",
        "",
        f"| | {phrase(language, 'item')} | {phrase(language, 'result')} |",
        "|---|---|---|",
    ]
    for item in checklist.items:
        short = _short_result(item, language)
        lines.append(f"| {item.status.icon} | {escape(item.spec.title)} | {escape(short)} |")
    lines.append("")
    lines += _scope_callout(checklist)
    for item in checklist.items:
        lines += _item_section(item, link_for, max_evidence, more_url, language)
    if checklist.notices:
        lines += [f"<details><summary>{phrase(language, 'notes')}</summary>", ""]
        shown = checklist.notices[: max(max_evidence, 5)]
        lines += [f"- {escape(notice)}" for notice in shown]
        if len(checklist.notices) > len(shown):
            lines.append("- " + phrase(language, "more_notes", count=len(checklist.notices) - len(shown)))
        lines += ["", "</details>", ""]
    note = account_note(checklist.account_note, language)
    account = f" · {escape(phrase(language, 'account_footer', note=note))}" if checklist.account_note else ""
    lines.append(f"<sub>golive-ci {__version__}{account}</sub>")
    return redact("\n".join(lines) + "\n")


def _scope_callout(checklist: Checklist) -> list[str]:
    """What changed how this run judged the pull request: its own golive-ci settings, .gitattributes
    or baselines, and the files the configuration left out of the scan."""
    lines: list[str] = []
    if checklist.scope_changes:
        names = ", ".join(escape(change) for change in checklist.scope_changes)
        lines.append(
            f"> **This pull request changes what golive-ci checks:** {names}. "
            "This checklist uses the changed settings: review these changes with the code."
        )
    if checklist.files_excluded:
        if lines:
            lines.append(">")
        lines.append(
            f"> {checklist.files_excluded} file(s) are excluded from the scan by the configuration "
            "(`exclude` / `extend-exclude`)."
        )
    if lines:
        return ["> [!WARNING]" if checklist.scope_changes else "> [!NOTE]", *lines, ""]
    return []


def _short_result(item: ChecklistItem, language: str = "en") -> str:
    counts: dict[str, int] = {}
    for evidence in item.evidence:
        counts[evidence.icon] = counts.get(evidence.icon, 0) + 1
    if item.status.value in {"fail", "warning"}:
        parts = [f"{n} {icon}" for icon, n in counts.items() if icon in {"❌", "⚠️"}]
        return " ".join(parts) or phrase(language, item.status.value)
    return item.reason or phrase(language, item.status.value)


def fit_checklist(
    checklist: Checklist,
    *,
    link_for: LinkFor,
    more_url: str,
    budget: int = COMMENT_BUDGET,
    steps: tuple[int, ...] = (20, 10, 5, 2, 0),
    marker: bool = True,
) -> str:
    """The fullest rendering under ``budget`` characters: long evidence lists are summarised."""
    body = ""
    for max_evidence in steps:
        body = render_checklist(
            checklist, link_for=link_for, more_url=more_url, max_evidence=max_evidence, marker=marker
        )
        if len(body) <= budget:
            return body
    tasks = [match.group(0).strip() for match in _TASK.finditer(body)]
    room = budget - 200 - sum(len(task) + 1 for task in tasks)
    kept = body[: max(body.rfind("\n", 0, room), 0)]
    lost_tasks = [task for task in tasks if task not in kept]
    notice = f"\n\n{phrase(checklist.language, 'cut')}\n"
    return kept + notice + "".join(f"\n{task}" for task in lost_tasks) + ("\n" if lost_tasks else "")
