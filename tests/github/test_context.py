"""The run's context from real ``pull_request`` payloads (octokit/webhooks examples) and the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive_ci.github.context import parse_pull_request, run_context

DATA = Path(__file__).parent / "data"


def payload(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def env_for(event_file: Path, **extra: str) -> dict[str, str]:
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event_file),
        "GITHUB_REPOSITORY": "Codertocat/Hello-World",
        "GITHUB_SHA": "f" * 40,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_API_URL": "https://api.github.com",
        "GITHUB_RUN_ID": "42",
        **extra,
    }


@pytest.mark.parametrize("name", ["pull_request.opened.json", "pull_request.synchronize.json"])
def test_real_pull_request_payloads(name: str) -> None:
    pr = parse_pull_request(payload(name))
    assert pr is not None
    assert pr.number == 2
    assert pr.head_sha == payload(name)["pull_request"]["head"]["sha"]
    assert pr.base_sha == payload(name)["pull_request"]["base"]["sha"]
    assert pr.base_repository == "Codertocat/Hello-World" and not pr.is_fork


def test_fork_pull_request_is_detected(tmp_path: Path) -> None:
    event = payload("pull_request.opened.json")
    event["pull_request"]["head"]["repo"]["full_name"] = "someone-else/Hello-World"
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    context = run_context(env_for(path))
    assert context.pull_request is not None and context.pull_request.is_fork


def test_deleted_fork_counts_as_a_fork() -> None:
    event = payload("pull_request.opened.json")
    event["pull_request"]["head"]["repo"] = None
    pr = parse_pull_request(event)
    assert pr is not None and pr.is_fork


def test_links_point_at_the_head_commit_and_the_checks_tab(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload("pull_request.opened.json")), encoding="utf-8")
    context = run_context(env_for(path))
    head = payload("pull_request.opened.json")["pull_request"]["head"]["sha"]
    assert context.head_sha == head
    assert context.blob_url("src/app #1.py", 12) == (
        f"https://github.com/Codertocat/Hello-World/blob/{head}/src/app%20%231.py#L12"
    )
    assert context.checks_url == "https://github.com/Codertocat/Hello-World/pull/2/checks"


def test_github_enterprise_server_urls(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload("ghes.pull_request.opened.json")), encoding="utf-8")
    context = run_context(
        env_for(
            path, GITHUB_SERVER_URL="https://octocoders.github.io", GITHUB_API_URL="https://octocoders.github.io/api/v3"
        )
    )
    assert context.api_url == "https://octocoders.github.io/api/v3"
    assert context.pull_request is not None and context.pull_request.number == 2
    assert context.checks_url.startswith("https://octocoders.github.io/Codertocat/Hello-World/pull/2")


def test_push_event_has_no_pull_request(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"ref": "refs/heads/main", "before": "0" * 40, "after": "a" * 40}), encoding="utf-8")
    context = run_context(env_for(path, GITHUB_EVENT_NAME="push"))
    assert context.pull_request is None and context.notices == [] and context.push_before == ""
    assert context.checks_url == "https://github.com/Codertocat/Hello-World/actions/runs/42"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "not found"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"pull_request": 3}', "no usable"),
    ],
)
def test_bad_event_files_become_notices(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "event.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    context = run_context(env_for(path))
    assert context.pull_request is None
    assert any(expected in notice for notice in context.notices)


def test_pull_request_without_a_number_is_ignored() -> None:
    event = payload("pull_request.opened.json")
    event["pull_request"]["number"] = "2"
    event.pop("number")
    assert parse_pull_request(event) is None
