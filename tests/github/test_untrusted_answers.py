"""Issue 10 items 11 and 14 through ``golive-ci ci``: a key with a line break is refused and no
run of it reaches any output; GitHub's answers (error messages, ``html_url``) print no runner
command and no markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from golive_ci.github.pipeline import Secrets
from tests.github.fake_github import FakeGitHub
from tests.github.test_pipeline import ci, commit, environment, pr_event
from tests.keys import key

HOSTILE = "\n::add-mask::x ##[set-output name=a]b <img src=x> [link](https://evil.example)"


def _own_commands_only(out: str, masked: tuple[str, ...] = ()) -> list[str]:
    """Lines the runner would execute, other than golive-ci's notices, annotations and masks of ``masked``."""
    lines = out.replace("\r", "\n").split("\n")
    commands = [line for line in lines if line.lstrip().startswith("::") or "##[" in line]
    own = re.compile(r"::(notice|error|warning) [^:]*::")
    masks = {f"::add-mask::{value}" for value in masked}
    return [line for line in commands if not own.match(line) and line not in masks]


def _runs(secret: str, length: int = 8) -> list[str]:
    return [secret[i : i + length] for i in range(len(secret) - length + 1)]


def test_a_key_with_a_line_break_is_refused_and_never_shown(git_repo: Path, tmp_path: Path) -> None:
    live = key("rk_live", seed=61)
    broken = live[:40] + "\n" + live[40:]
    secrets = Secrets.from_environ({"STRIPE_LIVE_KEY": broken})
    assert secrets.live_key == "" and secrets.problems()
    assert all(live[8:] not in problem and broken not in problem for problem in secrets.problems())
    quoted = f"Invalid header value b'Bearer {live[:40]}\\n' (then {live[40:]})"
    assert not any(run in secrets.scrub(quoted) for run in _runs(live[8:]))

    head = commit(git_repo, {"a.py": "x = 1\n"}, "clean")
    env = environment(tmp_path, pr_event(head, head), STRIPE_LIVE_KEY=broken)
    code, out, summary, _ = ci(git_repo, env, comment=False)
    shown = "\n".join(line for line in out.splitlines() if not line.startswith("::add-mask::"))
    assert code == 0 and "could not verify: STRIPE\\_LIVE\\_KEY holds whitespace or a control character" in summary
    for text in (shown, summary):
        assert not any(run in text for run in _runs(live[8:]))
    masks = [line.removeprefix("::add-mask::") for line in out.splitlines() if line.startswith("::add-mask::")]
    assert live[:40] in masks and live[40:] in masks  # each line of the refused value is masked


def test_api_error_messages_are_escaped(loopback: HTTPServer, git_repo: Path, tmp_path: Path) -> None:
    def refuse(request: Request) -> Response:
        return Response(json.dumps({"message": HOSTILE}), 403, mimetype="application/json")

    loopback.expect_request(re.compile(".*")).respond_with_handler(refuse)
    head = commit(git_repo, {"a.py": "x = 1\n"}, "clean")
    env = environment(tmp_path, pr_event(head, head), GITHUB_API_URL=loopback.url_for("/").rstrip("/"))
    env["GOLIVE_CI_GITHUB_FAST"] = "1"
    code, out, summary, _ = ci(git_repo, env)
    assert code == 0 and "GitHub API answered 403" in out
    assert _own_commands_only(out, (env["GITHUB_TOKEN"],)) == []
    assert "&lt;img src=x&gt;" in summary and "\\[link\\](https" in summary
    assert "https://evil" not in summary  # the bare link is broken up too (render.escape)
    assert "<img" not in summary and " [link]" not in summary and "\n::add-mask::x" not in summary
    del env["GITHUB_ACTIONS"]  # outside Actions the note is printed as text
    code, out, _, _ = ci(git_repo, env)
    assert "golive-ci: the checklist comment was not posted" in out and _own_commands_only(out) == []


class HostileGitHub(FakeGitHub):
    def to_json(self, comment):  # type: ignore[no-untyped-def]
        data = super().to_json(comment)
        data["html_url"] = "https://github.example/pull/1" + HOSTILE
        return data


def test_a_hostile_html_url_is_not_printed(loopback: HTTPServer, git_repo: Path, tmp_path: Path) -> None:
    fake = HostileGitHub(loopback)
    loopback.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    head = commit(git_repo, {"a.py": "x = 1\n"}, "clean")
    env = environment(tmp_path, pr_event(head, head), GITHUB_API_URL=fake.base_url, GOLIVE_CI_GITHUB_FAST="1")
    code, out, summary, outputs = ci(git_repo, env)
    assert code == 0 and len(fake.comments) == 1  # the comment was posted
    assert _own_commands_only(out, (env["GITHUB_TOKEN"],)) == [] and "evil" not in out and "evil" not in summary
    assert outputs["comment-url"] == ""
