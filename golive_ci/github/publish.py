"""Publishing a ``golive-ci ci`` run: the comment, annotations, SARIF, the job summary and step outputs."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from golive_ci.escaping import escape_untrusted
from golive_ci.findings import Report, Severity
from golive_ci.github.context import RunContext, run_context
from golive_ci.github.pipeline import CiOptions, CiResult, Secrets, checklist_for, gather
from golive_ci.github.workflow import add_mask_command, annotations, append_summary, write_outputs
from golive_ci.history import RULE as HISTORY_RULE
from golive_ci.report import exit_code, render
from golive_ci.report.checklist import ACCOUNT_PATH
from golive_ci.report.checklist_markdown import SUMMARY_BUDGET, LinkFor, escape, fit_checklist, render_checklist
from golive_ci.report.github_annotations import escape_data
from golive_ci.secrets import blank_or_control_problem

# What a comment's html_url may hold: an http(s) URL of URL characters, nothing a terminal,
# the runner or markdown would read as anything but a link.
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?")


def safe_url(url: str) -> str:
    """``url`` when it is a plain http(s) URL, else "": GitHub's answers are not trusted to be."""
    return url if _SAFE_URL.fullmatch(url or "") else ""


@dataclass
class CommentStatus:
    url: str = ""
    note: str = ""  # why there is no comment, when that is worth a notice
    ticks: dict[str, bool] | None = None
    action: str = ""


def link_maker(context: RunContext) -> LinkFor:
    def link_for(path: str, line: int, commit: str = "") -> str:
        return "" if path == ACCOUNT_PATH else context.blob_url(path, line, commit)

    return link_for


def post_comment(
    options: CiOptions, context: RunContext, secrets: Secrets, result: CiResult, env: Mapping[str, str]
) -> CommentStatus:
    pr = context.pull_request
    if not options.comment or pr is None:
        return CommentStatus()
    if not secrets.github_token:
        refused = blank_or_control_problem("GITHUB_TOKEN", secrets.rejected.get("GITHUB_TOKEN", ""))
        return CommentStatus(note=f"{refused or 'no GitHub token given'}: the checklist comment was not posted")
    if not context.repository:
        return CommentStatus(note="GITHUB_REPOSITORY is not set: the checklist comment was not posted")
    from golive_ci.github.comment import CommentError, StickyComment, connect

    link_for = link_maker(context)

    def body_for(ticks: dict[str, bool], compact: bool) -> str:
        checklist = checklist_for(result, context, ticks)
        if compact:
            return secrets.scrub(
                render_checklist(checklist, link_for=link_for, more_url=context.checks_url, max_evidence=0)
            )
        return secrets.scrub(fit_checklist(checklist, link_for=link_for, more_url=context.checks_url))

    fast = env.get("GOLIVE_CI_GITHUB_FAST") == "1"  # tests: no retry back-off, no write spacing
    client = connect(secrets.github_token, context.api_url, fast=fast)
    sticky = StickyComment(client, context.repository, pr.number, author=options.comment_author)
    try:
        outcome = sticky.upsert(body_for)
    except CommentError as exc:
        return CommentStatus(
            note=f"the checklist comment was not posted ({secrets.scrub(str(exc))}): it is in the job summary"
        )
    note = f"removed {outcome.removed_duplicates} duplicate checklist comment(s)" if outcome.removed_duplicates else ""
    return CommentStatus(url=safe_url(outcome.url), ticks=outcome.ticks, action=outcome.action, note=note)


def write_sarif(report: Report, result: CiResult, path: str) -> str:
    located = Report(findings=[f for f in report.findings if f.path != ACCOUNT_PATH])
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(located, "sarif", result.infos), encoding="utf-8")
    return str(target.resolve())


def summary_markdown(result: CiResult, context: RunContext, status: CommentStatus, annotated: str) -> str:
    checklist = checklist_for(result, context, status.ticks or {})
    body = fit_checklist(
        checklist, link_for=link_maker(context), more_url="", budget=SUMMARY_BUDGET, steps=(500, 100, 20), marker=False
    )
    head = []
    if status.url:
        from golive_ci.report.wording import PHRASES, phrase

        action = phrase(result.language, status.action) if status.action in PHRASES["en"] else status.action
        head.append(phrase(result.language, "comment_status", action=action, url=status.url))
    if status.note:
        head.append(f"> [!NOTE]\n> {escape(status.note)}")
    if annotated:
        head.append(annotated)
    return "\n\n".join([*head, body])


def run_ci(options: CiOptions, env: Mapping[str, str] | None = None, out: TextIO | None = None) -> int:
    env = os.environ if env is None else env
    out = out or sys.stdout
    secrets = Secrets.from_environ(env)
    on_actions = env.get("GITHUB_ACTIONS") == "true"
    if on_actions:
        for value in secrets.mask_values():
            out.write(add_mask_command(value))
    context = run_context(env)
    result = gather(options, context, secrets)
    report = result.report
    status = post_comment(options, context, secrets, result, env)

    located = [f for f in report.findings if f.path != ACCOUNT_PATH]
    # A key still in the tree is annotated once, by the static rule, not again by the history scan.
    in_tree = {(f.path, f.line) for f in located if f.rule == "secret-key"}
    marks = annotations(
        [f for f in located if f.rule != HISTORY_RULE or (f.path, f.line) not in in_tree],
        result.changed,
        unlocated=frozenset({HISTORY_RULE}),
    )
    if on_actions:
        for line in marks.lines:
            out.write(secrets.scrub(line) + "\n")
    else:
        for f in located:
            path, message = escape_untrusted(f.path), escape_untrusted(f.message)
            out.write(secrets.scrub(f"{path}:{f.line}:{f.column}: {f.rule} {message}") + "\n")
    annotated = ""
    if marks.omitted or marks.elsewhere:
        annotated = (
            f"{len(marks.lines)} finding(s) annotated on changed lines; {marks.omitted} more over GitHub's cap of "
            f"10 annotations per level and step; {marks.elsewhere} outside the changed lines (all are listed below "
            "and in the SARIF file)."
        )
        if on_actions:
            out.write(f"::notice title=golive-ci::{annotated}\n")
    if status.note:  # may quote a GitHub API answer: escaped like repository text
        note = secrets.scrub(status.note)
        notice = f"::notice title=golive-ci::{escape_data(note)}" if on_actions else escape_untrusted(note)
        out.write(notice + "\n" if on_actions else f"golive-ci: {notice}\n")

    sarif_path = options.sarif_file or (
        os.path.join(env["RUNNER_TEMP"], "golive-ci.sarif") if env.get("RUNNER_TEMP") else ""
    )
    if sarif_path:
        sarif_path = write_sarif(report, result, sarif_path)

    summary = secrets.scrub(summary_markdown(result, context, status, annotated))
    if env.get("GITHUB_STEP_SUMMARY"):
        append_summary(env["GITHUB_STEP_SUMMARY"], summary)
    elif not on_actions:
        out.write(summary)
    counts = {severity: report.count(severity) for severity in Severity}
    if env.get("GITHUB_OUTPUT"):
        write_outputs(
            env["GITHUB_OUTPUT"],
            {
                "errors": str(counts[Severity.ERROR]),
                "warnings": str(counts[Severity.WARNING]),
                "infos": str(counts[Severity.INFO]),
                "comment-url": status.url,
                "sarif-file": sarif_path,
            },
        )
    out.write(
        secrets.scrub(
            f"golive-ci: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
            f"{counts[Severity.INFO]} note(s); {result.checklist.status_summary()}"
            + (f"; checklist comment {status.action}: {status.url}" if status.url else "")
        )
        + "\n"
    )
    out.flush()
    return exit_code(report, options.fail_on)
