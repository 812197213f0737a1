"""The sticky checklist comment: one per pull request, found by author and structure, edited in place.

A comment is ours only if our login wrote it and it is a checklist golive-ci rendered (it starts
with the marker, see ``render.is_checklist_body``): a quote of the marker by a maintainer, or
another workflow's bot repeating pull-request text, is never edited, deleted or read for ticks.

Known failure modes handled here (see docs/action.md):
- concurrent runs both create a comment: after creating, the list is read again, the oldest
  checklist comment is kept and the newer ones are deleted;
- a read-only token (pull requests from forks) or any API failure: no crash, the caller puts
  the checklist in the job summary with a notice;
- 422 "body is too long": rendered again in the compact form, once;
- retries: reads, edits and deletes are retried a bounded number of times; a create is never
  retried blindly, only after listing again shows it did not land.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from github import Auth, Github, GithubException, GithubRetry
from github.IssueComment import IssueComment

from golive_ci.report.checklist_markdown import is_checklist_body, parse_ticks
from golive_ci.secrets import redact

DEFAULT_AUTHOR = "github-actions[bot]"
# (ticks from the existing comment, compact?) -> body
BodyFor = Callable[[dict[str, bool], bool], str]


class CommentError(Exception):
    """The comment could not be written; the message says why, in one line."""


@dataclass
class CommentOutcome:
    action: str  # created | updated | unchanged
    url: str
    ticks: dict[str, bool] = field(default_factory=dict)
    removed_duplicates: int = 0


def connect(token: str, api_url: str, *, fast: bool = False) -> Github:
    """A PyGithub client for github.com or GitHub Enterprise Server (``api_url`` = GITHUB_API_URL)."""
    retry = (
        None
        if fast
        else GithubRetry(
            total=3,
            backoff_factor=1.0,
            allowed_methods=frozenset({"GET", "PATCH", "DELETE"}),
            max_rate_limit_wait=120,
            secondary_rate_wait=30,
        )
    )
    return Github(
        auth=Auth.Token(token),
        base_url=api_url,
        timeout=20,
        per_page=100,
        retry=retry,
        seconds_between_requests=None,
        seconds_between_writes=None if fast else 0.5,
        lazy=True,
    )


def describe_error(exc: Exception) -> str:
    if isinstance(exc, GithubException):
        data = exc.data if isinstance(exc.data, dict) else {}
        message = str(data.get("message") or "").strip() or exc.__class__.__name__
        errors = data.get("errors")
        if isinstance(errors, list) and errors:
            first = errors[0]
            detail = first.get("message") if isinstance(first, dict) else str(first)
            if detail:
                message = f"{message}: {detail}"
        text = f"GitHub API answered {exc.status}: {message}"
        if exc.status in {401, 403, 404}:
            text += " (a read-only token, e.g. on pull requests from forks, cannot comment)"
        return redact(text)
    return redact(f"GitHub API unreachable: {exc.__class__.__name__}: {exc}")


def _same(body: str, current: str | None) -> bool:
    """Equal up to the CRLF line endings GitHub's web editor may have introduced."""
    return body.replace("\r\n", "\n") == (current or "").replace("\r\n", "\n")


def _is_too_long(exc: GithubException) -> bool:
    return exc.status == 422 and "too long" in str(exc.data).lower()


class StickyComment:
    def __init__(self, client: Github, repository: str, number: int, *, author: str = "") -> None:
        self.client = client
        self.repository = repository
        self.number = number
        self.author = author

    def _resolve_author(self) -> str:
        """The login our comments carry: given, else the token's user, else github-actions[bot]."""
        if not self.author:
            try:
                self.author = self.client.get_user().login
            except GithubException:
                # The GITHUB_TOKEN of a workflow may not read /user (403): it acts as github-actions[bot].
                self.author = DEFAULT_AUTHOR
        return self.author

    def _issue(self):  # -> github.Issue.Issue
        return self.client.get_repo(self.repository).get_issue(self.number)

    def find(self) -> list[IssueComment]:
        """Our checklist comments, oldest first."""
        author = self._resolve_author().lower()
        ours = [
            comment
            for comment in self._issue().get_comments()
            if comment.user is not None and comment.user.login.lower() == author and is_checklist_body(comment.body)
        ]
        return sorted(ours, key=lambda c: (c.created_at, c.id))

    def upsert(self, body_for: BodyFor) -> CommentOutcome:
        try:
            return self._upsert(body_for)
        except GithubException as exc:
            raise CommentError(describe_error(exc)) from exc
        except OSError as exc:  # requests' errors (refused, timeout, DNS, retries exhausted) are OSErrors
            raise CommentError(describe_error(exc)) from exc

    def _upsert(self, body_for: BodyFor) -> CommentOutcome:
        existing = self.find()
        if existing:
            keep, removed = existing[0], self._delete(existing[1:])
            return self._edit(keep, body_for, removed)
        ticks: dict[str, bool] = {}
        created = self._create(body_for(ticks, False), body_for, ticks)
        if created is None:  # the create failed in a way that may or may not have landed
            existing = self.find()
            if existing:
                return self._edit(existing[0], body_for, self._delete(existing[1:]))
            created = self._create(body_for(ticks, False), body_for, ticks, last_try=True)
            assert created is not None
        # Another run may have created one at the same time: the oldest wins, the others go.
        existing = self.find()
        removed = 0
        if len(existing) > 1:
            keep = existing[0]
            removed = self._delete(existing[1:])
            if keep.id != created.id:
                return self._edit(keep, body_for, removed)
        return CommentOutcome("created", created.html_url, ticks, removed)

    def _create(self, body: str, body_for: BodyFor, ticks: dict[str, bool], *, last_try: bool = False):
        issue = self._issue()
        try:
            return issue.create_comment(body)
        except GithubException as exc:
            if _is_too_long(exc):
                return issue.create_comment(body_for(ticks, True))
            if exc.status >= 500 and not last_try:
                return None
            raise

    def _edit(self, comment: IssueComment, body_for: BodyFor, removed: int) -> CommentOutcome:
        ticks = parse_ticks(comment.body or "")
        body = body_for(ticks, False)
        if _same(body, comment.body):
            return CommentOutcome("unchanged", comment.html_url, ticks, removed)
        try:
            comment.edit(body)
        except GithubException as exc:
            if not _is_too_long(exc):
                raise
            compact = body_for(ticks, True)
            if _same(compact, comment.body):
                return CommentOutcome("unchanged", comment.html_url, ticks, removed)
            comment.edit(compact)
        return CommentOutcome("updated", comment.html_url, ticks, removed)

    def _delete(self, duplicates: list[IssueComment]) -> int:
        removed = 0
        for duplicate in duplicates:
            try:
                duplicate.delete()
                removed += 1
            except GithubException as exc:
                if exc.status != 404:  # 404: another run deleted it first
                    raise
        return removed
