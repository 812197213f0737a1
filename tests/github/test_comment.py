"""The sticky comment against a stand-in GitHub API, driven by PyGithub for real."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.github.comment import CommentError, StickyComment, connect
from golive_ci.report.checklist import build_checklist
from golive_ci.report.checklist_markdown import MARKER, fit_checklist, parse_ticks, render_checklist
from tests.github.fake_github import BOT, FakeGitHub

REPO = "octo-org/shop"
TASK = "announcements-subscribed"


def finding(index: int, severity: Severity = Severity.ERROR, checklist: str = "webhooks") -> Finding:
    return Finding("webhook-signature", severity, f"app/hooks_{index:04d}.py", 10 + index, 1, "not verified", checklist)


def body_maker(findings: list[Finding], calls: list[dict[str, bool]] | None = None):
    def body_for(ticks: dict[str, bool], compact: bool) -> str:
        if calls is not None:
            calls.append(dict(ticks))
        covered = {"webhooks": ["webhook-signature"]}
        checklist = build_checklist(findings, covered=covered, ticks=ticks, head_sha="a" * 40)

        def link(path: str, line: int, commit: str = "") -> str:
            return f"https://github.example/{REPO}/blob/{'a' * 40}/{path}#L{line}"

        if compact:
            return render_checklist(checklist, link_for=link, max_evidence=0)
        return fit_checklist(checklist, link_for=link, more_url=f"https://github.example/{REPO}/pull/7/checks")

    return body_for


def ours(note: str, ticks: dict[str, bool] | None = None) -> str:
    """A checklist comment as golive-ci renders it (an older run's), with ``note`` appended."""
    return body_maker([finding(900)])(ticks or {}, False) + f"\n{note}\n"


def sticky(fake: FakeGitHub, author: str = "") -> StickyComment:
    return StickyComment(connect("ghs_test", fake.base_url, fast=True), REPO, 7, author=author)


def test_first_run_creates_one_comment_and_second_run_edits_it(github: FakeGitHub) -> None:
    first = sticky(github).upsert(body_maker([finding(1)]))
    assert first.action == "created"
    assert first.url.endswith(f"#issuecomment-{github.on(REPO, 7)[0].id}")
    second = sticky(github).upsert(body_maker([finding(1), finding(2)]))
    assert second.action == "updated"
    comments = github.on(REPO, 7)
    assert len(comments) == 1
    assert MARKER in comments[0].body and "hooks\\_0002.py" in comments[0].body
    assert github.count("POST") == 1 and github.count("PATCH") == 1


def test_identical_results_do_not_edit_the_comment(github: FakeGitHub) -> None:
    sticky(github).upsert(body_maker([finding(1)]))
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    assert outcome.action == "unchanged"
    assert github.count("PATCH") == 0


def test_ticks_made_by_readers_survive_updates(github: FakeGitHub) -> None:
    sticky(github).upsert(body_maker([finding(1)]))
    comment = github.on(REPO, 7)[0]
    # What GitHub's UI does when a reader ticks the box: it edits the body in place (with CRLFs).
    comment.body = comment.body.replace("- [ ]", "- [x]", 1).replace("\n", "\r\n")
    ticked = parse_ticks(comment.body)
    assert list(ticked.values()).count(True) == 1
    calls: list[dict[str, bool]] = []
    outcome = sticky(github).upsert(body_maker([finding(1), finding(2)], calls))
    assert outcome.action == "updated"
    assert parse_ticks(github.on(REPO, 7)[0].body) == ticked
    # a third run with a different result keeps the tick as well
    sticky(github).upsert(body_maker([finding(3)]))
    assert parse_ticks(github.on(REPO, 7)[0].body) == ticked


def test_crlf_only_difference_is_not_an_edit(github: FakeGitHub) -> None:
    sticky(github).upsert(body_maker([finding(1)]))
    github.on(REPO, 7)[0].body = github.on(REPO, 7)[0].body.replace("\n", "\r\n")
    assert sticky(github).upsert(body_maker([finding(1)])).action == "unchanged"


def test_comments_by_others_with_the_marker_are_left_alone(github: FakeGitHub) -> None:
    quoted = github.add(REPO, 7, f"> {MARKER}\nsomeone quoting the bot", login="octocat")
    sticky(github).upsert(body_maker([finding(1)]))
    sticky(github).upsert(body_maker([finding(2)]))
    comments = github.on(REPO, 7)
    assert len(comments) == 2
    assert comments[0].id == quoted.id and comments[0].body.startswith("> ")
    assert comments[1].login == BOT


def test_existing_duplicates_are_cleaned_up_keeping_the_oldest(github: FakeGitHub) -> None:
    oldest = github.add(REPO, 7, ours("oldest copy", {TASK: True}))
    github.add(REPO, 7, ours("newer copy"))
    github.add(REPO, 7, ours("newest copy"))
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    comments = github.on(REPO, 7)
    assert [c.id for c in comments] == [oldest.id]
    assert outcome.removed_duplicates == 2 and outcome.action == "updated"
    assert parse_ticks(comments[0].body)[TASK] is True


def test_a_concurrent_run_that_created_first_wins_and_ours_is_removed(github: FakeGitHub) -> None:
    def other_run_posts_first(fake: FakeGitHub, issue: tuple[str, int]) -> None:
        fake.before_create = None
        fake.add(issue[0], issue[1], ours("from the other run"))

    github.before_create = other_run_posts_first
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    comments = github.on(REPO, 7)
    assert len(comments) == 1
    assert "from the other run" not in comments[0].body and "hooks\\_0001.py" in comments[0].body
    assert outcome.removed_duplicates == 1 and outcome.url.endswith(str(comments[0].id))


def test_a_concurrent_run_that_created_later_is_removed(github: FakeGitHub) -> None:
    def other_run_posts_after(fake: FakeGitHub, issue: tuple[str, int]) -> None:
        fake.after_create = None
        fake.add(issue[0], issue[1], ours("from the other run"))

    github.after_create = other_run_posts_after
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    comments = github.on(REPO, 7)
    assert len(comments) == 1 and "hooks\\_0001.py" in comments[0].body
    assert outcome.action == "created" and outcome.removed_duplicates == 1


def test_read_only_token_raises_a_one_line_comment_error(github: FakeGitHub) -> None:
    github.read_only = True
    with pytest.raises(CommentError) as caught:
        sticky(github).upsert(body_maker([finding(1)]))
    message = str(caught.value)
    assert "403" in message and "Resource not accessible by integration" in message and "fork" in message
    assert "\n" not in message and github.on(REPO, 7) == []


def test_body_too_long_is_retried_once_in_compact_form(github: FakeGitHub) -> None:
    findings = [finding(i) for i in range(300)]
    full = body_maker(findings)({}, False)
    compact = body_maker(findings)({}, True)
    github.max_body = (len(full) + len(compact)) // 2
    assert len(compact) < github.max_body < len(full)
    outcome = sticky(github).upsert(body_maker(findings))
    assert outcome.action == "created"
    assert github.on(REPO, 7)[0].body == compact
    assert github.count("POST") == 2


def test_body_too_long_even_when_compact_is_an_error_not_a_crash(github: FakeGitHub) -> None:
    github.max_body = 50
    with pytest.raises(CommentError, match=r"422.*too long"):
        sticky(github).upsert(body_maker([finding(1)]))
    assert github.count("POST") == 2


def test_a_500_after_storing_is_not_posted_twice(github: FakeGitHub) -> None:
    github.create_500_after_storing = 1
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    assert len(github.on(REPO, 7)) == 1 and github.count("POST") == 1
    assert outcome.action == "unchanged"


def test_a_500_before_storing_is_retried_exactly_once(github: FakeGitHub) -> None:
    github.create_500_before_storing = 1
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    assert outcome.action == "created"
    assert len(github.on(REPO, 7)) == 1 and github.count("POST") == 2


def test_persistent_500s_stop_after_two_posts(github: FakeGitHub) -> None:
    github.create_500_before_storing = 10
    with pytest.raises(CommentError, match="500"):
        sticky(github).upsert(body_maker([finding(1)]))
    assert github.count("POST") == 2


def test_production_retry_policy_never_repeats_a_post(github: FakeGitHub) -> None:
    github.create_500_before_storing = 10
    client = connect("ghs_test", github.base_url)  # the real GithubRetry, as in the action
    with pytest.raises(CommentError):
        StickyComment(client, REPO, 7, author=BOT).upsert(body_maker([finding(1)]))
    assert github.count("POST") == 2


def test_the_marker_comment_is_found_on_a_later_page(github: FakeGitHub) -> None:
    for index in range(230):
        github.add(REPO, 7, f"chatter {index}", login="octocat")
    previous = github.add(REPO, 7, ours("old"))
    for index in range(40):
        github.add(REPO, 7, f"more chatter {index}", login="octocat")
    outcome = sticky(github).upsert(body_maker([finding(1)]))
    assert outcome.action == "updated" and outcome.url.endswith(str(previous.id))
    assert github.count("POST") == 0
    pages = [path for method, path in github.requests if method == "GET" and path.endswith("/comments")]
    assert len(pages) == 3  # 271 comments, 100 per page


def test_author_is_read_from_the_token_user_when_allowed(github: FakeGitHub) -> None:
    github.user_login = "release-bot"
    github.add(REPO, 7, ours("posted by github-actions"))
    sticky(github).upsert(body_maker([finding(1)]))
    logins = sorted(c.login for c in github.on(REPO, 7))
    assert logins == ["github-actions[bot]", "release-bot"]


def test_explicit_author_wins(github: FakeGitHub) -> None:
    github.add(REPO, 7, ours("posted by our app"), login="golive-app[bot]")
    outcome = sticky(github, author="golive-app[bot]").upsert(body_maker([finding(1)]))
    assert outcome.action == "updated" and len(github.on(REPO, 7)) == 1


def test_github_enterprise_server_base_path(ghes: FakeGitHub) -> None:
    assert ghes.base_url.endswith("/api/v3")
    assert sticky(ghes).upsert(body_maker([finding(1)])).action == "created"
    assert sticky(ghes).upsert(body_maker([finding(2)])).action == "updated"
    assert all(path.startswith("/api/v3/") for _, path in ghes.requests)
    assert len(ghes.on(REPO, 7)) == 1


def test_unreachable_api_is_a_comment_error() -> None:
    client = connect("ghs_test", "http://127.0.0.1:9", fast=True)
    with pytest.raises(CommentError, match="unreachable"):
        StickyComment(client, REPO, 7).upsert(body_maker([finding(1)]))


def test_a_foreign_comment_quoting_the_marker_is_untouched_and_its_ticks_are_not_read(github: FakeGitHub) -> None:
    # Another workflow posting as github-actions[bot] repeats pull-request text that holds the marker and
    # a ticked box; a second one even starts with the marker, but is no checklist golive-ci rendered.
    forged = f"{MARKER}\n- [x] ticked by the pull request's author <!-- golive-ci:task:{TASK} -->\n"
    echo = github.add(REPO, 7, f"Pull request description:\n\n{forged}")
    leading = github.add(REPO, 7, forged)
    calls: list[dict[str, bool]] = []
    first = sticky(github).upsert(body_maker([finding(1)], calls))
    second = sticky(github).upsert(body_maker([finding(2)], calls))
    assert (first.action, second.action) == ("created", "updated")
    comments = github.on(REPO, 7)
    assert [c.id for c in comments[:2]] == [echo.id, leading.id] and len(comments) == 3
    assert comments[0].body == f"Pull request description:\n\n{forged}" and comments[1].body == forged
    assert calls and not any(any(ticks.values()) for ticks in calls)  # the forged tick was never read
    assert parse_ticks(comments[2].body)[TASK] is False
    assert github.count("DELETE") == 0


def test_a_maintainers_quote_is_not_taken_over_with_a_personal_token(github: FakeGitHub) -> None:
    github.user_login = "maintainer"  # a personal access token: our comments carry the maintainer's login
    sticky(github).upsert(body_maker([finding(1)]))
    ours_before = github.on(REPO, 7)[0]
    quoted = "\n".join(f"> {line}" for line in ours_before.body.splitlines()) + "\n\nWhy is this failing?"
    quote = github.add(REPO, 7, quoted, login="maintainer")
    outcome = sticky(github).upsert(body_maker([finding(2)]))
    assert outcome.url.endswith(str(ours_before.id)) and outcome.removed_duplicates == 0
    assert github.comments[quote.id].body == quoted
