"""What the run is about, read from the runner's environment and the event file."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from golive_ci.sources.files import SkippedFile, read_file

PULL_REQUEST_EVENTS = frozenset({"pull_request", "pull_request_target", "pull_request_review"})
NULL_SHA = "0" * 40
EVENT_LIMIT = 32 * 1024 * 1024  # GitHub caps webhook payloads at 25 MB


@dataclass(frozen=True)
class PullRequest:
    number: int
    head_sha: str
    base_sha: str
    head_repository: str
    base_repository: str
    html_url: str = ""

    @property
    def is_fork(self) -> bool:
        return self.head_repository.lower() != self.base_repository.lower()


@dataclass
class RunContext:
    repository: str = ""  # owner/name
    event_name: str = ""
    sha: str = ""
    server_url: str = "https://github.com"
    api_url: str = "https://api.github.com"
    run_id: str = ""
    pull_request: PullRequest | None = None
    push_before: str = ""
    on_actions: bool = False
    notices: list[str] = field(default_factory=list)

    @property
    def head_sha(self) -> str:
        return self.pull_request.head_sha if self.pull_request else self.sha

    def blob_url(self, path: str, line: int | None = None, commit: str = "") -> str:
        """A link to ``path`` at ``commit`` (default: the head commit); empty when the repository is unknown."""
        commit = commit or self.head_sha
        if not self.repository or not commit:
            return ""
        anchor = f"#L{line}" if line and line > 0 else ""
        return f"{self.server_url}/{self.repository}/blob/{commit}/{quote(path)}{anchor}"

    @property
    def checks_url(self) -> str:
        """Where the job summary can be found; stable across re-runs (unlike the run URL)."""
        if not self.repository:
            return ""
        if self.pull_request:
            return f"{self.server_url}/{self.repository}/pull/{self.pull_request.number}/checks"
        if self.run_id:
            return f"{self.server_url}/{self.repository}/actions/runs/{self.run_id}"
        return ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def parse_pull_request(payload: Mapping[str, Any]) -> PullRequest | None:
    """The pull request of a ``pull_request``-style event payload, or None if it has none."""
    pr = payload.get("pull_request")
    if not isinstance(pr, Mapping):
        return None
    head = pr.get("head") if isinstance(pr.get("head"), Mapping) else {}
    base = pr.get("base") if isinstance(pr.get("base"), Mapping) else {}
    number = pr.get("number", payload.get("number"))
    if not isinstance(number, int) or isinstance(number, bool) or number <= 0:
        return None
    head_repo = head.get("repo") if isinstance(head.get("repo"), Mapping) else {}
    base_repo = base.get("repo") if isinstance(base.get("repo"), Mapping) else {}
    base_name = _text(base_repo.get("full_name"))
    # A pull request from a fork whose repository was deleted has "repo": null: treat it as a fork.
    head_name = _text(head_repo.get("full_name")) or "(deleted fork)"
    return PullRequest(
        number=number,
        head_sha=_text(head.get("sha")),
        base_sha=_text(base.get("sha")),
        head_repository=head_name,
        base_repository=base_name,
        html_url=_text(pr.get("html_url")),
    )


def load_event(path: str) -> tuple[dict[str, Any], str | None]:
    """The event payload and, when it cannot be used, why."""
    if not path:
        return {}, None
    try:
        payload = json.loads(read_file(path, EVENT_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        return {}, f"event file {path} not found"
    except SkippedFile as exc:
        return {}, f"cannot read event file {path}: {exc.reason}"
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"cannot read event file {path}: {exc.__class__.__name__}"
    except ValueError:
        return {}, f"event file {path} is not valid JSON"
    if not isinstance(payload, dict):
        return {}, f"event file {path} does not hold a JSON object"
    return payload, None


def run_context(environ: Mapping[str, str] | None = None) -> RunContext:
    env = os.environ if environ is None else environ
    context = RunContext(
        repository=env.get("GITHUB_REPOSITORY", ""),
        event_name=env.get("GITHUB_EVENT_NAME", ""),
        sha=env.get("GITHUB_SHA", ""),
        server_url=env.get("GITHUB_SERVER_URL", "").rstrip("/") or "https://github.com",
        api_url=env.get("GITHUB_API_URL", "").rstrip("/") or "https://api.github.com",
        run_id=env.get("GITHUB_RUN_ID", ""),
        on_actions=env.get("GITHUB_ACTIONS") == "true",
    )
    payload, problem = load_event(env.get("GITHUB_EVENT_PATH", ""))
    if problem:
        context.notices.append(f"{problem}: pull-request features (comment, changed lines) are off")
    context.pull_request = parse_pull_request(payload)
    if context.pull_request is None and context.event_name in PULL_REQUEST_EVENTS and not problem:
        context.notices.append(f"the {context.event_name} event has no usable pull request: no comment is posted")
    if context.pull_request and not context.repository:
        context.repository = context.pull_request.base_repository
    before = _text(payload.get("before"))
    context.push_before = "" if before == NULL_SHA else before
    return context
