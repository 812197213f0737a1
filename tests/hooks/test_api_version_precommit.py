"""The stripe-api-version hook run by pre-commit itself, from the manifest entry (offline)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests import paths
from tests.conftest import git

MANIFEST = paths.ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


def _setup(repo: Path, tmp_path: Path) -> dict[str, str]:
    [hook] = [h for h in yaml.safe_load(MANIFEST.read_text()) if h["id"] == "stripe-api-version"]
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "language": "system"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git(repo, "add", ".pre-commit-config.yaml")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("GIT_DIR", None)
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)
    return env


def _commit(repo: Path, env: dict[str, str], *paths: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", *paths)
    return subprocess.run(
        ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "change"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_manifest_entry_files_cover_sources_and_manifests() -> None:
    """A ``files:`` regex, not identify tags: older identify releases do not know tags such as msbuild."""
    [hook] = [h for h in yaml.safe_load(MANIFEST.read_text()) if h["id"] == "stripe-api-version"]
    assert hook["entry"] == "golive-ci-api-version" and hook["language"] == "python"
    assert hook["types"] == ["text"] and "types_or" not in hook
    files = re.compile(hook["files"])
    names = ["a.py", "a.js", "a.ts", "a.tsx", "a.rb", "a.php", "a.go", "A.java", "A.cs", "requirements.txt",
             "pyproject.toml", "Pipfile", "setup.cfg", "package.json", "Gemfile", "composer.json", "go.mod",
             "pom.xml", "build.gradle", "build.gradle.kts", "App.csproj", "Directory.Packages.props",
             "sub/dir/Gemfile", "requirements/base.in", "packages.config", "app.mjs", "gems.rb"]  # fmt: skip
    assert [name for name in names if not files.search(name)] == []
    assert [name for name in ["logo.png", "README.md", "Gemfile.bak", "notes.mod", "x.pyc"] if files.search(name)] == []


def test_commits_go_through_the_hook(git_repo: Path, tmp_path: Path) -> None:
    env = _setup(git_repo, tmp_path)
    (git_repo / "settings.py").write_text("import stripe\nstripe.api_version = '2026-10-28.endive'\n")
    (git_repo / "requirements.txt").write_text("stripe==16.1.0\n")
    accepted = _commit(git_repo, env, "settings.py", "requirements.txt")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    # Only views.py is staged: the global version committed in settings.py still pins it.
    (git_repo / "views.py").write_text("import os\nimport stripe\nstripe.api_key = os.environ['STRIPE_KEY']\n")
    accepted = _commit(git_repo, env, "views.py")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    (git_repo / "server.js").write_text("const stripe = require('stripe')(process.env.STRIPE_KEY);\n")
    refused = _commit(git_repo, env, "server.js")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "server.js:1:16: unpinned-api-version" in output

    (git_repo / "server.js").write_text(
        "const stripe = require('stripe')(process.env.STRIPE_KEY, { apiVersion: '2026-10-28.endive' });\n"
    )
    accepted = _commit(git_repo, env, "server.js")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
