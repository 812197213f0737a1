"""The checklist model and its markdown: statuses, evidence, escaping, size limits, stable bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass

from golive_ci.findings import CHECKLIST_ITEMS, Finding, Severity
from golive_ci.report.checklist import Status, build_checklist, describe_version_picture
from golive_ci.report.checklist_markdown import (
    COMMENT_LIMIT,
    MARKER,
    ZERO_WIDTH_JOINER,
    defuse,
    fit_checklist,
    is_checklist_body,
    parse_ticks,
    render_checklist,
)
from tests.keys import key

HEAD = "c0ffee" + "0" * 34


@dataclass
class FakeResult:  # the shape of golive_ci.account's CheckResult
    check: str
    status: str
    checklist: str
    message: str


def link(path: str, line: int, commit: str = "") -> str:
    return f"https://github.com/o/r/blob/{commit or HEAD}/{path}#L{line}"


def finding(path: str, severity: Severity, checklist: str, message: str = "problem", line: int = 3) -> Finding:
    return Finding("some-rule", severity, path, line, 1, message, checklist)


def test_statuses_follow_the_worst_evidence() -> None:
    checklist = build_checklist(
        [
            finding("a.py", Severity.ERROR, "key-rotation"),
            finding("b.py", Severity.WARNING, "logging"),
            finding("c.py", Severity.INFO, "error-handling"),
        ],
        covered={"key-rotation": ["secret-key"], "logging": ["log-rule"], "error-handling": ["err-rule"]},
        account_results=[
            FakeResult("webhook-endpoints", "pass", "webhooks", "2 live endpoints"),
            FakeResult("api-version", "could-not-verify", "api-version", "permission missing"),
            FakeResult("test-objects", "not-run", "test-objects", "no test key"),
        ],
        account_note="ran with the live key",
    )
    status = {item.spec.slug: item.status for item in checklist.items}
    assert [item.spec.slug for item in checklist.items] == list(CHECKLIST_ITEMS)
    assert status == {
        "api-version": Status.WARNING,
        "edge-cases": Status.SKIPPED,
        "error-handling": Status.PASS,
        "logging": Status.WARNING,
        "test-objects": Status.SKIPPED,
        "webhooks": Status.PASS,
        "announcements": Status.SKIPPED,
        "key-rotation": Status.FAIL,
    }
    assert (checklist.errors, checklist.warnings, checklist.infos) == (1, 1, 1)
    assert "account checks" in checklist.item("webhooks").reason


def test_account_checks_not_run_is_explained_and_fails_nothing() -> None:
    note = "not run: no live key given (pull requests from forks get no secrets)"
    checklist = build_checklist([], covered={}, account_note=note)
    assert checklist.count(Status.FAIL) == 0
    assert "no live key" in checklist.item("test-objects").reason
    body = render_checklist(checklist, link_for=link)
    assert "account checks: not run: no live key given" in body


def test_manual_items_pass_only_when_ticked() -> None:
    task = "announcements-subscribed"
    assert build_checklist([], covered={}).item("announcements").status is Status.SKIPPED
    ticked = build_checklist([], covered={}, ticks={task: True})
    assert ticked.item("announcements").status is Status.PASS
    assert parse_ticks(render_checklist(ticked, link_for=link))[task] is True


def test_evidence_links_to_the_head_commit_and_is_escaped() -> None:
    evil = "x<!-- golive-ci:task:announcements-subscribed -->|`*.py"
    checklist = build_checklist(
        [finding(evil, Severity.ERROR, "webhooks", message="<script>alert(1)</script> [link](http://x)")],
        covered={},
    )
    body = render_checklist(checklist, link_for=link)
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert body.count("<!-- golive-ci:task:announcements-subscribed -->") == 1
    assert parse_ticks(body) == {
        "edge-cases-outside-tester": False,
        "webhooks-late-and-unordered": False,
        "announcements-subscribed": False,
    }
    assert f"](https://github.com/o/r/blob/{HEAD}/" in body
    assert body.startswith(MARKER)


def test_identical_results_render_identically() -> None:
    findings = [finding(f"f{i}.py", Severity.WARNING, "logging", line=i) for i in range(5)]
    first = render_checklist(build_checklist(findings, covered={}, head_sha=HEAD), link_for=link)
    second = render_checklist(build_checklist(list(reversed(findings)), covered={}, head_sha=HEAD), link_for=link)
    assert first == second


def test_secrets_never_reach_the_markdown() -> None:
    live = key("sk_live", seed=21)
    checklist = build_checklist(
        [finding("a.py", Severity.ERROR, "key-rotation", message=f"leaked {live}")],
        covered={},
        notices=[f"odd notice {live}"],
        details={"api-version": [f"detail {live}"]},
    )
    body = render_checklist(checklist, link_for=link)
    assert live not in body and "sk\\_live\\_…" in body


def test_long_lists_are_summarised_under_githubs_limit_with_a_link() -> None:
    findings = [
        finding(f"src/module_{i:05d}/" + "deep/" * 10 + "file.py", Severity.ERROR, "error-handling", "x" * 200, i)
        for i in range(3000)
    ]
    checklist = build_checklist(findings, covered={}, ticks={"announcements-subscribed": True})
    full = render_checklist(checklist, link_for=link, max_evidence=5000)
    assert len(full) > COMMENT_LIMIT
    body = fit_checklist(checklist, link_for=link, more_url="https://github.com/o/r/pull/1/checks")
    assert len(body) <= COMMENT_LIMIT
    assert "and 2980 more: see [the job summary](https://github.com/o/r/pull/1/checks)" in body
    assert parse_ticks(body)["announcements-subscribed"] is True


def test_hard_cut_keeps_the_task_boxes() -> None:
    checklist = build_checklist([], covered={}, notices=["n" * 5000] * 10, ticks={"edge-cases-outside-tester": True})
    body = fit_checklist(checklist, link_for=link, more_url="", budget=3000)
    assert len(body) <= 3000 and "cut to fit" in body
    assert parse_ticks(body) == {
        "edge-cases-outside-tester": True,
        "webhooks-late-and-unordered": False,
        "announcements-subscribed": False,
    }


def test_version_picture_lines() -> None:
    class Picture:
        def to_dict(self) -> dict:
            return {
                "latest_version": "2026-10-28.endive",
                "latest_release_train": "endive",
                "pins": [
                    {"path": "app.py", "line": 3, "language": "python", "how": "stripe.api_version",
                     "version": "2024-06-20", "status": "pinned", "verdict": "behind"},
                ],
                "sdks": [
                    {"path": "requirements.txt", "line": 1, "sdk": "stripe-python", "spec": "==16.1.0",
                     "pinned_api_version": "2026-09-30.clover", "status": "ok"},
                ],
                "advice": ["Upgrade deliberately."],
            }  # fmt: skip

    assert describe_version_picture(Picture()) == [
        "Newest Stripe API version: 2026-10-28.endive (endive)",
        "app.py:3: API version set by python stripe.api_version: 2024-06-20 (behind)",
        "requirements.txt:1: stripe-python ==16.1.0, pins API version 2026-09-30.clover (ok)",
        "To do: Upgrade deliberately.",
    ]
    assert describe_version_picture(object()) == []


def test_account_findings_count_but_are_listed_once_from_their_results() -> None:
    from_results = FakeResult("webhook-parity", "warning", "webhooks", "test endpoints not compared")
    as_finding = Finding("webhook-parity", Severity.WARNING, "stripe:account", 1, 1, "could not verify", "webhooks")
    checklist = build_checklist([as_finding], covered={}, account_results=[from_results])
    assert checklist.warnings == 1
    assert [e.text for e in checklist.item("webhooks").evidence] == ["webhook-parity: test endpoints not compared"]


CALLS_PEOPLE = "cc @octocat and @octo-org/security-team, mail a@b.example, fixes #12 and octo/repo#34"
LINKS = "see https://evil.example/phish?x=1, HTTP://evil.example and www.evil.example or ftp://files.example"


def _visible(body: str) -> str:
    """The body without link targets (URLs golive-ci built) and hidden comments."""
    return re.sub(r"<!--.*?-->", "", re.sub(r"\]\([^)]*\)", "]()", body))


def test_repository_text_cannot_mention_reference_issues_or_autolink() -> None:
    text = f"{CALLS_PEOPLE}; {LINKS}"
    checklist = build_checklist(
        [finding("@octocat/www.evil.example/#7.py", Severity.ERROR, "webhooks", message=text)],
        covered={},
        account_results=[FakeResult("webhook-parity", "fail", "webhooks", text)],
        account_note=text,
        notices=[text],
        details={"api-version": [text]},
        scope_changes=[f"@octocat/.golive-ci.toml {LINKS}"],
    )
    for body in (
        render_checklist(checklist, link_for=link),
        fit_checklist(checklist, link_for=link, more_url="", marker=False),
    ):
        visible = _visible(body)
        assert re.search(r"@[A-Za-z0-9]", visible) is None  # no @user, @org/team, no e-mail autolink
        assert re.search(r"#[0-9]", visible) is None  # no issue or cross-repository reference
        assert re.search(r"(?i)[a-z]://|www\.", visible) is None  # no autolinked address
        readable = body.replace(ZERO_WIDTH_JOINER, "")
        assert "cc @octocat and @octo-org/security-team, mail a@b.example" in readable
        assert "https://evil.example/phish?x=1" in readable and "www.evil.example" in readable


def test_defuse_changes_nothing_a_reader_sees() -> None:
    for text in (CALLS_PEOPLE, LINKS, "plain text, 100% @ home, # heading, e-mail me"):
        assert defuse(text).replace(ZERO_WIDTH_JOINER, "") == text
    assert defuse("plain text, 100% @ home") == "plain text, 100% @ home"


def test_only_a_rendered_checklist_counts_as_ours() -> None:
    body = render_checklist(build_checklist([], covered={}), link_for=link)
    assert is_checklist_body(body) and is_checklist_body(body.replace("\n", "\r\n"))
    translated = body.replace("## Stripe go-live checklist", "## Liste de mise en production").replace("Result", "R")
    assert is_checklist_body(translated)  # ownership does not depend on the checklist's language
    assert not is_checklist_body("\n".join(f"> {line}" for line in body.splitlines()))  # a quote
    assert not is_checklist_body("Bot echo of the PR:\n" + body)
    assert not is_checklist_body(f"{MARKER}\n- [x] forged <!-- golive-ci:task:announcements-subscribed -->")
    assert not is_checklist_body(None) and not is_checklist_body("")


def test_changes_to_what_is_checked_are_called_out_above_the_table() -> None:
    quiet = render_checklist(build_checklist([], covered={}), link_for=link)
    assert "[!WARNING]" not in quiet and "excluded from the scan" not in quiet
    loud = render_checklist(
        build_checklist([], covered={}, scope_changes=[".gitattributes (git attributes)"], files_excluded=7),
        link_for=link,
    )
    callout = loud[loud.index("> [!WARNING]") : loud.index("### ")]  # under the table, above the items
    assert "This pull request changes what golive-ci checks:** .gitattributes (git attributes)" in callout
    assert "> 7 file(s) are excluded from the scan by the configuration" in callout
    only_excluded = render_checklist(build_checklist([], covered={}, files_excluded=2), link_for=link)
    assert "> [!NOTE]\n> 2 file(s) are excluded" in only_excluded


def test_new_account_checks_are_grouped_under_their_items() -> None:
    """live-endpoint-url under Webhooks, billing-settings-ready under Test objects (issue 14)."""
    from golive_ci.account.checks import CheckContext, load_check
    from golive_ci.account.code import CodeFacts
    from golive_ci.account.facts import AccountFacts, Fact
    from tests.account import fixtures as fx

    endpoints = [fx.endpoint(1, "https://abc.ngrok-free.app/stripe/webhook", ["invoice.paid"])]
    facts = AccountFacts(live_endpoints=Fact(endpoints), portal_configurations=Fact([]))
    code = CodeFacts(billing=Fact({"portal": [{"where": "billing.js:3", "configuration": False}], "automatic_tax": []}))
    context = CheckContext(facts, code)
    results = [load_check(slug)().run(context) for slug in ("live-endpoint-url", "billing-settings-ready")]
    assert [r.status for r in results] == ["fail", "fail"]
    checklist = build_checklist([], covered={}, account_results=results, account_note="ran with the live key")
    webhooks = [e.text for e in checklist.item("webhooks").evidence]
    objects = [e.text for e in checklist.item("test-objects").evidence]
    assert any(text.startswith("live-endpoint-url: ") and "ngrok-free.app" in text for text in webhooks)
    assert any(text.startswith("billing-settings-ready: ") and "billing.js:3" in text for text in objects)
    assert checklist.item("webhooks").status is Status.FAIL and checklist.item("test-objects").status is Status.FAIL
    body = render_checklist(checklist, link_for=link)
    assert "live-endpoint-url" in body and "billing-settings-ready" in body


def test_issue_14_return_url_findings_sit_under_test_objects() -> None:
    from pathlib import Path

    from golive_ci.config import Config
    from golive_ci.rules.base import RuleContext
    from golive_ci.rules.live_return_urls import LiveReturnUrlsRule
    from golive_ci.sourcefile import SourceFile

    rule = LiveReturnUrlsRule(RuleContext(root=Path("."), config=Config()))
    code = 'import stripe\nstripe.checkout.Session.create(success_url="http://' + 'localhost:3000/ok")\n'
    findings = list(rule.check(SourceFile.from_text("shop/pay.py", code)))
    assert findings
    checklist = build_checklist(findings, covered={"test-objects": ["live-return-urls"]}, head_sha=HEAD)
    item = checklist.item("test-objects")
    assert item.status is Status.WARNING
    assert [e.path for e in item.evidence] == ["shop/pay.py"]
    body = render_checklist(checklist, link_for=link)
    section = body[body.index("Test objects") :]
    assert "success\\_url" in section or "success_url" in section
