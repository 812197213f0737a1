"""pre-commit, for real: a throwaway repository whose commits go through our hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import paths
from tests.conftest import git
from tests.keys import key

REPO_ROOT = paths.ROOT
MANIFEST = REPO_ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


def pre_commit_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("GIT_DIR", None)
    return env


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", message],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def install(repo: Path, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)


def assert_refused_then_accepted(repo: Path, env: dict[str, str]) -> None:
    secret = key("sk_live")
    (repo / "billing.py").write_text(f'import stripe\nstripe.api_key = "{secret}"\n')
    git(repo, "add", "billing.py")
    refused = commit(repo, env, "add key")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "billing.py:2:19: secret-key Stripe live secret key sk_live_…" + secret[-4:] in output
    assert secret not in output
    (repo / "billing.py").write_text('import os\nimport stripe\nstripe.api_key = os.environ["STRIPE_KEY"]\n')
    git(repo, "add", "billing.py")
    accepted = commit(repo, env, "load key from env")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_manifest_is_valid_and_every_entry_is_an_installed_script() -> None:
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-manifest", str(MANIFEST)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load(MANIFEST.read_text())
    assert {"stripe-secret-keys", "stripe-golive"} <= {h["id"] for h in hooks}
    for hook in hooks:
        assert hook["language"] == "python"
        assert shutil.which(hook["entry"], path=str(BIN)), f"{hook['entry']} is not an installed console script"


def test_hooks_from_the_manifest_refuse_a_key(git_repo: Path, tmp_path: Path) -> None:
    """The manifest's hooks, run by pre-commit from the installed scripts (no install step, offline)."""
    hooks = yaml.safe_load(MANIFEST.read_text())
    local = [{**h, "language": "system"} for h in hooks if h["id"] == "stripe-secret-keys"]
    (git_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}))
    git(git_repo, "add", ".pre-commit-config.yaml")
    env = pre_commit_env(tmp_path)
    install(git_repo, env)
    assert_refused_then_accepted(git_repo, env)


@pytest.mark.skipif(
    not os.environ.get("GOLIVE_CI_WHEELHOUSE"),
    reason="needs GOLIVE_CI_WHEELHOUSE (a folder of wheels; .ci/run builds it) so pre-commit installs offline",
)
def test_pre_commit_installs_this_repo_and_refuses_a_key(git_repo: Path, tmp_path: Path) -> None:
    """`repo: <this repository>` exactly as a user writes it; pre-commit builds its own hook env."""
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not running from a git checkout")
    rev = git(REPO_ROOT, "rev-parse", "HEAD").strip()
    config = {"repos": [{"repo": str(REPO_ROOT), "rev": rev, "hooks": [{"id": "stripe-secret-keys"}]}]}
    (git_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git(git_repo, "add", ".pre-commit-config.yaml")
    env = pre_commit_env(tmp_path)
    env.update({"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": os.environ["GOLIVE_CI_WHEELHOUSE"]})
    install(git_repo, env)
    assert_refused_then_accepted(git_repo, env)


# The oldest pre-commit the manifest supports (minimum_pre_commit_version) and the identify of its
# time; .ci/run downloads both into the wheelhouse. Debian 12 packages pre-commit 3.0.4 / identify 2.5.x.
OLDEST_PRE_COMMIT = ("pre-commit==3.0.0", "identify==2.5.0")


def wheelhouse() -> str:
    folder = os.environ.get("GOLIVE_CI_WHEELHOUSE", "")
    if not folder:
        pytest.skip("needs GOLIVE_CI_WHEELHOUSE (a folder of wheels; .ci/run builds it) so pre-commit installs offline")
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not running from a git checkout")
    return folder


@pytest.fixture(scope="module")
def oldest_pre_commit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = wheelhouse()
    venv = tmp_path_factory.mktemp("old-pre-commit") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    install = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", folder]
    result = subprocess.run([*install, *OLDEST_PRE_COMMIT], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(OLDEST_PRE_COMMIT)} not in the wheelhouse (.ci/run downloads them): {result.stderr}")
    return venv / "bin" / "pre-commit"


def test_minimum_version_in_the_manifest_is_the_one_tested() -> None:
    hooks = yaml.safe_load(MANIFEST.read_text())
    wanted = OLDEST_PRE_COMMIT[0].split("==")[1]
    assert {hook.get("minimum_pre_commit_version") for hook in hooks} == {wanted}
    assert all("types_or" not in hook and set(hook.get("types", [])) <= {"text", "file"} for hook in hooks)


@pytest.mark.parametrize("which", ["oldest", "newest"])
def test_every_hook_runs_from_a_users_config(
    which: str, git_repo: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """All hooks, `repo:` this repository at HEAD, installed and run by the oldest and the newest pre-commit."""
    folder = wheelhouse()
    pre_commit = request.getfixturevalue("oldest_pre_commit") if which == "oldest" else BIN / "pre-commit"
    version = subprocess.run([str(pre_commit), "--version"], capture_output=True, text=True, check=True).stdout
    if which == "oldest":
        assert version.strip() == "pre-commit " + OLDEST_PRE_COMMIT[0].split("==")[1]
    rev = git(REPO_ROOT, "rev-parse", "HEAD").strip()
    ids = [hook["id"] for hook in yaml.safe_load(MANIFEST.read_text())]
    config = {"repos": [{"repo": str(REPO_ROOT), "rev": rev, "hooks": [{"id": hook_id} for hook_id in ids]}]}
    (git_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    secret = key("sk_live", seed=5)
    (git_repo / "billing.py").write_text(f'import stripe\nstripe.api_key = "{secret}"\n')
    (git_repo / "server.js").write_text("const stripe = require('stripe')(process.env.STRIPE_KEY);\n")
    git(git_repo, "add", "-A")
    env = pre_commit_env(tmp_path)
    env.update({"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": folder})

    def run_all() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "run", "--all-files", "--color", "never"],
            cwd=git_repo, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip

    failed = run_all()
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "InvalidManifestError" not in output and secret not in output
    for name in ("Stripe secret keys", "Stripe go-live checks", "Stripe API version pinning"):
        assert re.search(rf"^{name}\.+Failed$", output, re.MULTILINE), (name, output)
    assert "billing.py:2:19: secret-key" in output and "server.js:1:16: unpinned-api-version" in output

    (git_repo / "billing.py").write_text(
        "import os\nimport stripe\n"
        "stripe.api_key = os.environ['STRIPE_KEY']\nstripe.api_version = '2026-10-28.endive'\n"
    )
    (git_repo / "server.js").write_text(
        "const stripe = require('stripe')(process.env.STRIPE_KEY, { apiVersion: '2026-10-28.endive' });\n"
    )
    git(git_repo, "add", "-A")
    passed = run_all()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    for name in ("Stripe secret keys", "Stripe go-live checks", "Stripe API version pinning"):
        assert re.search(rf"^{name}\.+Passed$", passed.stdout, re.MULTILINE), (name, passed.stdout)
