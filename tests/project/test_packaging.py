"""The artefacts users install: an sdist without a test suite it cannot run, a wheel with one package."""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests import paths
from tests.conftest import git

ROOT = paths.ROOT


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """sdist and wheel built offline from the tracked files of this checkout (as they are on disk)."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which files are tracked")
    pytest.importorskip("build")
    source = tmp_path_factory.mktemp("source")
    for name in git(ROOT, "ls-files", "-z").split("\0"):
        if name and (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return sdist, wheel


def test_wheel_holds_one_top_level_package_with_the_hooks_inside(artefacts: tuple[Path, Path]) -> None:
    _, wheel = artefacts
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(info).decode()
        top_level = {n.split("/")[0] for n in names}
    assert top_level == {"golive_ci", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert not any(n.startswith(("hooks/", "tests/", "bench/")) for n in names)  # no top-level `hooks` package
    for module in ("stripe_secret_keys", "stripe_golive", "stripe_api_version"):
        assert f"golive_ci/hooks/{module}.py" in names
        assert f"golive_ci.hooks.{module}:main" in entry_points
    assert any(n.startswith("golive_ci/data/") and n.endswith(".json") for n in names)
    assert {"golive_ci/lang/go/nodes.scm", "golive_ci/lang/javascript/nodes.scm"} <= set(names)


def test_sdist_carries_no_tests_and_everything_to_build(artefacts: tuple[Path, Path]) -> None:
    sdist, _ = artefacts
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert not [n for n in names if n.startswith(("tests/", "bench/", ".github/", ".ci/"))]
    assert {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "hooks/stripe_secret_keys.py"} <= names
    assert any(n.startswith("golive_ci/data/") for n in names)


def test_metadata_urls_classifiers_and_lean_requirements(artefacts: tuple[Path, Path]) -> None:
    _, wheel = artefacts
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.message_from_bytes(archive.read(next(n for n in archive.namelist() if n.endswith("METADATA"))))
    urls = {value.split(",", 1)[0] for value in metadata.get_all("Project-URL")}
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= urls
    classifiers = metadata.get_all("Classifier")
    for version in ("3.11", "3.12", "3.13", "3.14"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "Operating System :: OS Independent" in classifiers and "Framework :: Pre-commit" in classifiers
    assert any(c.startswith("Topic :: ") for c in classifiers)
    assert metadata["Requires-Python"] == ">=3.11" and metadata["License-Expression"] == "MIT"
    base = [r for r in metadata.get_all("Requires-Dist") if "extra ==" not in r]
    assert not [r for r in base if r.lower().startswith(("stripe", "pygithub"))]
    assert {"account", "action", "all"} <= set(metadata.get_all("Provides-Extra"))
