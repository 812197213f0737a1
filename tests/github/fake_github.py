"""A stand-in for GitHub's REST API on 127.0.0.1 that keeps issue-comment state.

Only the endpoints the checklist comment uses, with the response shapes of GitHub's OpenAPI
description (``issue-comment``): list (paginated with ``Link`` headers), create, edit, delete,
and ``GET /user``. Knobs reproduce the failure modes: a read-only token (403), a body limit
(422), 500s after or before storing a new comment, and another run racing us.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

BOT = "github-actions[bot]"
_START = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Comment:
    id: int
    issue: tuple[str, int]
    body: str
    login: str
    created_at: datetime


@dataclass
class FakeGitHub:
    server: HTTPServer
    prefix: str = ""  # "/api/v3" on GitHub Enterprise Server
    comments: dict[int, Comment] = field(default_factory=dict)
    next_id: int = 1000
    user_login: str | None = None  # None: GET /user answers 403, as for a workflow's GITHUB_TOKEN
    read_only: bool = False
    max_body: int = 65_536
    create_500_after_storing: int = 0  # this many creates store the comment, then answer 500
    create_500_before_storing: int = 0
    before_create: Callable[[FakeGitHub, tuple[str, int]], None] | None = None
    after_create: Callable[[FakeGitHub, tuple[str, int]], None] | None = None
    requests: list[tuple[str, str]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.server.url_for(self.prefix).rstrip("/")

    def add(self, owner_repo: str, number: int, body: str, login: str = BOT) -> Comment:
        self.next_id += 1
        comment = Comment(self.next_id, (owner_repo, number), body, login, _START + timedelta(minutes=self.next_id))
        self.comments[comment.id] = comment
        return comment

    def on(self, owner_repo: str, number: int) -> list[Comment]:
        return sorted((c for c in self.comments.values() if c.issue == (owner_repo, number)), key=lambda c: c.id)

    def count(self, method: str) -> int:
        return sum(1 for m, _ in self.requests if m == method)

    def to_json(self, comment: Comment) -> dict[str, object]:
        repo, number = comment.issue
        api = f"{self.base_url}/repos/{repo}"
        html = self.server.url_for("/").rstrip("/")
        stamp = comment.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "id": comment.id,
            "node_id": f"IC_{comment.id}",
            "url": f"{api}/issues/comments/{comment.id}",
            "html_url": f"{html}/{repo}/pull/{number}#issuecomment-{comment.id}",
            "body": comment.body,
            "user": {"login": comment.login, "id": 41898282, "type": "Bot" if "[bot]" in comment.login else "User"},
            "created_at": stamp,
            "updated_at": stamp,
            "issue_url": f"{api}/issues/{number}",
            "author_association": "NONE",
        }

    # --- the HTTP side -------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        path = request.path
        self.requests.append((request.method, path))
        if not path.startswith(self.prefix + "/"):
            return _json({"message": "Not Found"}, 404)
        path = path[len(self.prefix) :]
        if not request.headers.get("Authorization", "").startswith("token "):
            return _json({"message": "Requires authentication"}, 401)
        if path == "/user" and request.method == "GET":
            if self.user_login is None:
                return _json({"message": "Resource not accessible by integration"}, 403)
            return _json({"login": self.user_login, "id": 1, "type": "User"})
        match = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/(\d+)/comments", path)
        if match:
            issue = (match.group(1), int(match.group(2)))
            if request.method == "GET":
                return self._list(request, issue)
            if request.method == "POST":
                return self._create(request, issue)
        match = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/comments/(\d+)", path)
        if match:
            comment = self.comments.get(int(match.group(2)))
            if comment is None:
                return _json({"message": "Not Found"}, 404)
            if self.read_only and request.method in {"PATCH", "DELETE"}:
                return _json({"message": "Resource not accessible by integration"}, 403)
            if request.method == "GET":
                return _json(self.to_json(comment))
            if request.method == "PATCH":
                body = json.loads(request.get_data())["body"]
                if len(body) > self.max_body:
                    return _too_long()
                comment.body = body
                return _json(self.to_json(comment))
            if request.method == "DELETE":
                del self.comments[comment.id]
                return Response(status=204)
        return _json({"message": "Not Found"}, 404)

    def _list(self, request: Request, issue: tuple[str, int]) -> Response:
        per_page = min(int(request.args.get("per_page", "30")), 100)
        page = int(request.args.get("page", "1"))
        items = self.on(*issue)
        chunk = items[(page - 1) * per_page : page * per_page]
        last = max((len(items) + per_page - 1) // per_page, 1)
        url = f"{self.base_url}/repos/{issue[0]}/issues/{issue[1]}/comments"
        links = []
        if page < last:
            links.append(f'<{url}?per_page={per_page}&page={page + 1}>; rel="next"')
            links.append(f'<{url}?per_page={per_page}&page={last}>; rel="last"')
        if page > 1:
            links.append(f'<{url}?per_page={per_page}&page=1>; rel="first"')
            links.append(f'<{url}?per_page={per_page}&page={page - 1}>; rel="prev"')
        response = _json([self.to_json(c) for c in chunk])
        if links:
            response.headers["Link"] = ", ".join(links)
        return response

    def _create(self, request: Request, issue: tuple[str, int]) -> Response:
        if self.read_only:
            return _json({"message": "Resource not accessible by integration"}, 403)
        body = json.loads(request.get_data())["body"]
        if len(body) > self.max_body:
            return _too_long()
        if self.create_500_before_storing:
            self.create_500_before_storing -= 1
            return _json({"message": "Server Error"}, 500)
        if self.before_create:
            self.before_create(self, issue)
        comment = self.add(issue[0], issue[1], body, self.user_login or BOT)
        if self.after_create:
            self.after_create(self, issue)
        if self.create_500_after_storing:
            self.create_500_after_storing -= 1
            return _json({"message": "Server Error"}, 500)
        return _json(self.to_json(comment), 201)


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json; charset=utf-8")


def _too_long() -> Response:
    return _json(
        {
            "message": "Validation Failed",
            "errors": [
                {
                    "resource": "IssueComment",
                    "code": "custom",
                    "field": "body",
                    "message": "body is too long (maximum is 65536 characters)",
                }
            ],
            "documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
        },
        422,
    )


def serve(server: HTTPServer, prefix: str = "") -> FakeGitHub:
    fake = FakeGitHub(server, prefix=prefix)
    server.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    return fake
