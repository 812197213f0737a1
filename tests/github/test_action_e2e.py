"""The composite action end to end: its ``run:`` steps as a runner runs them, against stand-ins.

The virtualenv step is replaced by the one running these tests (input ``preinstalled-venv``), so
``actions/setup-python``, the cache and the uv install are not exercised here (no network in
tests; tests/github/test_action_install.py runs the install offline); everything after them is:
env-only inputs, the CLI, the event file, git
history, the PyGithub comment against a GitHub stand-in, and the runner's env files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import commit, git
from tests.github.action_runner import CompositeRunner, parse_file_command, runner_environment
from tests.github.fake_github import FakeGitHub
from tests.keys import key

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
REPO = "Codertocat/Hello-World"
TOKEN = "ghs_" + "e2eTokenValue0123456789abcdef"
PREINSTALLED = Path(sys.prefix)

pytestmark = pytest.mark.skipif(
    not (PREINSTALLED / "bin" / "golive-ci").exists(), reason="golive-ci is not installed in this interpreter's venv"
)


@pytest.fixture
def pull_request(git_repo: Path, tmp_path: Path) -> dict[str, object]:
    """A repository whose pull request adds a key, removes it, then adds another one."""
    removed, current = key("sk_live", seed=31), key("sk_live", seed=32)
    base = commit(git_repo, {"app/__init__.py": "", "README.md": "shop\n"}, "base")
    git(git_repo, "checkout", "-q", "-b", "feature")
    commit(git_repo, {"app/pay.py": f'import stripe\nstripe.api_key = "{removed}"\n'}, "pay")
    commit(git_repo, {"app/pay.py": 'import os\nimport stripe\nstripe.api_key = os.environ["K"]\n'}, "fix")
    head = commit(git_repo, {"app/refund.py": f'import stripe\n\nKEY = "{current}"\n'}, "refunds")
    event = json.loads((DATA / "pull_request.synchronize.json").read_text(encoding="utf-8"))
    event["pull_request"]["head"]["sha"] = head
    event["pull_request"]["base"]["sha"] = base
    event_file = tmp_path / "event.json"
    event_file.write_text(json.dumps(event), encoding="utf-8")
    return {"repo": git_repo, "event": event_file, "head": head, "removed": removed, "current": current}


def run_action(pr: dict[str, object], github: FakeGitHub, tmp_path: Path, **inputs: str):
    env = runner_environment(
        tmp_path,
        pr["repo"],  # type: ignore[arg-type]
        pr["event"],  # type: ignore[arg-type]
        GITHUB_API_URL=github.base_url,
    )
    runner = CompositeRunner(ROOT, pr["repo"], env, github_token=TOKEN)  # type: ignore[arg-type]
    return runner.run({"fail-on": "error", "preinstalled-venv": str(PREINSTALLED), **inputs})


def test_first_run_creates_the_comment_second_run_edits_it(
    pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path
) -> None:
    first = run_action(pull_request, github, tmp_path)
    names = [(step.name, step.skipped) for step in first.steps]
    assert names == [
        ("Mask the Stripe keys", False),
        ("Set up Python", True),
        ("Cache key of the golive-ci virtualenv", True),
        ("Restore the golive-ci virtualenv", True),
        ("Install golive-ci", False),
        ("Run golive-ci", False),
    ]
    assert first.returncode == 1, first.steps[-1].stderr  # errors and fail-on: error
    comments = github.on(REPO, 2)
    assert len(comments) == 1 and github.count("POST") == 1
    body = comments[0].body
    assert "<!-- golive-ci:checklist -->" in body and "### ❌ Key rotation" in body
    head = pull_request["head"]
    assert f"](https://github.com/{REPO}/blob/{head}/app/refund.py#L3)" in body
    assert body.count("secret-key-history: ") == 2  # both keys, the removed one too
    assert first.outputs["comment-url"].endswith(f"#issuecomment-{comments[0].id}")
    sarif = Path(first.outputs["sarif-file"])
    assert sarif.is_file() and sarif.parent == tmp_path / "runner_temp"
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    secret_rules = sorted(r["ruleId"] for r in results if r["ruleId"].startswith("secret-key"))
    assert secret_rules == ["secret-key", "secret-key-history", "secret-key-history"]
    assert first.outputs["errors"] == str(sum(1 for r in results if r["level"] == "error"))
    assert first.outputs["warnings"] == str(sum(1 for r in results if r["level"] == "warning"))
    annotated = [line for line in first.stdout.splitlines() if line.startswith("::error ") and "secret-key" in line]
    # the key still in the tree is annotated once, on its changed line; the removed key without a position
    assert len(annotated) == 2
    assert (
        annotated[0].startswith("::error file=app/refund.py,line=3,") and "title=golive-ci secret-key::" in annotated[0]
    )
    assert annotated[1].startswith("::error title=golive-ci secret-key-history::") and "rotate" in annotated[1]
    repo = pull_request["repo"]
    assert isinstance(repo, Path)
    removed_at = git(repo, "rev-list", "--reverse", str(head), "--", "app/pay.py").split()[0]
    assert f"](https://github.com/{REPO}/blob/{removed_at}/app/pay.py#L2)" in body
    assert "Stripe go-live checklist" in first.summary and "Checklist comment created" in first.summary
    assert "account checks: not run: no live key given" in body

    # A reader ticks a box; the next run edits the same comment and keeps the tick.
    comments[0].body = comments[0].body.replace("- [ ] The team is subscribed", "- [x] The team is subscribed")
    second = run_action(pull_request, github, tmp_path)
    assert second.returncode == 1
    assert len(github.on(REPO, 2)) == 1 and github.count("POST") == 1
    assert "- [x] The team is subscribed" in github.on(REPO, 2)[0].body
    assert "### ✅ API announcements" in github.on(REPO, 2)[0].body
    assert second.outputs["comment-url"] == first.outputs["comment-url"]
    assert github.count("PATCH") == 1
    third = run_action(pull_request, github, tmp_path)
    assert github.count("PATCH") == 1 and "Checklist comment unchanged" in third.summary


def test_secrets_never_appear_in_logs_summary_outputs_or_comment(
    pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path
) -> None:
    live_input = key("rk_live", seed=33)
    run = run_action(pull_request, github, tmp_path, **{"stripe-live-key": live_input, "comment": "true"})
    secrets = [live_input, str(pull_request["removed"]), str(pull_request["current"]), TOKEN]
    masks = [line for line in run.stdout.splitlines() if line.startswith("::add-mask::")]
    assert f"::add-mask::{live_input}" in masks and f"::add-mask::{TOKEN}" in masks
    everything = "\n".join(
        [
            *(line for line in run.stdout.splitlines() if not line.startswith("::add-mask::")),
            *(step.stderr for step in run.steps),
            run.summary,
            json.dumps(run.outputs),
            *(c.body for c in github.on(REPO, 2)),
            Path(run.outputs["sarif-file"]).read_text(),
        ]
    )
    for secret in secrets:
        assert secret not in everything


def test_read_only_token_falls_back_to_the_job_summary(
    pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path
) -> None:
    github.read_only = True
    run = run_action(pull_request, github, tmp_path, **{"fail-on": "never"})
    assert run.returncode == 0
    assert github.on(REPO, 2) == []
    assert run.outputs["comment-url"] == ""
    assert "the checklist comment was not posted (GitHub API answered 403" in run.summary
    assert "### ❌ Key rotation" in run.summary
    assert re.search(r"^::notice title=golive-ci::the checklist comment was not posted", run.stdout, re.MULTILINE)


def test_comment_false_and_history_false(pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path) -> None:
    run = run_action(pull_request, github, tmp_path, comment="false", history="false")
    assert github.requests == []
    assert "secret-key" in run.summary  # the key still in the tree
    assert "secret-key-history" not in run.summary


def test_bad_input_is_a_one_line_error(pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path) -> None:
    run = run_action(pull_request, github, tmp_path, comment="maybe")
    assert run.returncode == 2
    assert "expected true or false" in run.steps[-1].stderr and "Traceback" not in run.steps[-1].stderr


def test_account_checks_run_with_a_live_key_against_a_stripe_stand_in(
    pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path
) -> None:
    """The API base comes from the inputs only: the one an earlier step put in the environment is ignored."""
    standin = pytest.importorskip("tests.account.standin")
    fixtures = pytest.importorskip("tests.account.fixtures")
    live_input = key("rk_live", seed=34)
    with (
        standin.StripeStandIn(fixtures.healthy()) as stripe,
        standin.StripeStandIn(fixtures.healthy()) as forged,
    ):
        env = runner_environment(
            tmp_path,
            pull_request["repo"],  # type: ignore[arg-type]
            pull_request["event"],  # type: ignore[arg-type]
            GITHUB_API_URL=github.base_url,
            GOLIVE_CI_STRIPE_API_BASE=forged.url,  # as if written to $GITHUB_ENV by an earlier step
            GOLIVE_CI_PREINSTALLED=str(tmp_path / "no-such-venv"),  # the old variable: ignored too
        )
        runner = CompositeRunner(ROOT, pull_request["repo"], env, github_token=TOKEN)  # type: ignore[arg-type]
        inputs = {"stripe-live-key": live_input, "fail-on": "never", "preinstalled-venv": str(PREINSTALLED)}
        run = runner.run({**inputs, "stripe-api-base": stripe.url, "allow-non-stripe-api-host": "true"})
        assert stripe.calls(), "the account checks did not reach the Stripe stand-in named by the input"
        assert not forged.calls(), "the API base from the environment was used"
    body = github.on(REPO, 2)[0].body
    assert "account checks: ran with the live key" in body
    assert live_input not in body and live_input not in run.summary


def test_a_non_stripe_api_host_needs_the_allow_input(
    pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path
) -> None:
    run = run_action(
        pull_request,
        github,
        tmp_path,
        **{"stripe-live-key": key("rk_live", seed=35), "stripe-api-base": "https://stripe-proxy.example"},
    )
    assert run.returncode == 2
    stderr = run.steps[-1].stderr
    assert "stripe-proxy.example" in stderr and "allow-non-stripe-api-host" in stderr and "Traceback" not in stderr
    assert github.requests == []  # refused before anything ran


def test_boolean_inputs_are_checked(pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path) -> None:
    run = run_action(pull_request, github, tmp_path, **{"allow-non-stripe-api-host": "yes please"})
    assert run.returncode == 2 and "input allow-non-stripe-api-host expects true or false" in run.steps[-1].stderr


def test_output_file_syntax() -> None:
    assert parse_file_command("a=1\nb<<EOF\nx\ny\nEOF\nc=\n") == {"a": "1", "b": "x\ny", "c": ""}


def test_french_comment_and_summary_with_neutral_machine_output(
    pull_request: dict[str, object], github: FakeGitHub, tmp_path: Path
) -> None:
    english = run_action(pull_request, github, tmp_path, **{"fail-on": "never"})
    sarif_en = json.loads(Path(english.outputs["sarif-file"]).read_text())
    body_en = github.on(REPO, 2)[0].body
    github.on(REPO, 2)[0].body = body_en.replace(
        "- [ ] The live endpoint handles late webhook", "- [x] The live endpoint handles late webhook"
    )
    french = run_action(pull_request, github, tmp_path, **{"fail-on": "never", "language": "fr"})
    sarif_fr = json.loads(Path(french.outputs["sarif-file"]).read_text())
    [comment] = github.on(REPO, 2)
    assert "## Liste de contrôle pour la mise en production Stripe" in comment.body
    assert "### ❌ Changer vos clés API" in comment.body and "Traite bien les doublons de notification" in comment.body
    assert "- [x] L’endpoint de production traite bien les notifications de webhooks en retard" in comment.body
    assert "vérifications du compte : non exécutées : aucune clé live fournie" in comment.body
    assert "Liste de contrôle pour la mise en production Stripe" in french.summary
    assert "Commentaire de la liste de contrôle mis à jour" in french.summary
    # machine output does not depend on the language
    assert sarif_fr["runs"][0]["results"] == sarif_en["runs"][0]["results"]
    marks = [[line for line in run.stdout.splitlines() if line.startswith("::error ")] for run in (english, french)]
    assert marks[0] == marks[1] and marks[0]
    assert {k: v for k, v in french.outputs.items() if k != "comment-url"} == {
        k: v for k, v in english.outputs.items() if k != "comment-url"
    }
