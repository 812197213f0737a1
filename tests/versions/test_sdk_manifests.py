"""Stripe SDK dependencies in the manifests of all seven ecosystems, with and without lock files."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.versions.manifests import ManifestError, is_floating, manifest_ecosystem, parse_manifest
from golive_ci.versions.specs import EXACT, FLOATING, MANAGED, RANGE


def deps(root: Path, name: str, text: str, extra: dict[str, str] | None = None):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    for other, content in (extra or {}).items():
        (root / other).parent.mkdir(parents=True, exist_ok=True)
        (root / other).write_text(content, encoding="utf-8")
    return parse_manifest(name, path.read_bytes(), root)


@pytest.mark.parametrize(
    ("name", "ecosystem"),
    [
        ("requirements.txt", "python"), ("requirements-prod.txt", "python"), ("requirements/base.txt", "python"),
        ("pyproject.toml", "python"), ("Pipfile", "python"), ("setup.cfg", "python"), ("setup.py", "python"),
        ("web/package.json", "node"), ("Gemfile", "ruby"), ("composer.json", "php"), ("go.mod", "go"),
        ("pom.xml", "java"), ("build.gradle", "java"), ("build.gradle.kts", "java"),
        ("gradle/libs.versions.toml", "java"), ("src/Shop.csproj", "dotnet"),
        ("Directory.Packages.props", "dotnet"), ("packages.config", "dotnet"),
        ("app.py", None), ("package-lock.json", None), ("notes.txt", None),
    ],
)  # fmt: skip
def test_manifest_names(name: str, ecosystem: str | None) -> None:
    assert manifest_ecosystem(name) == ecosystem


@pytest.mark.parametrize(
    ("text", "kind", "major", "line"),
    [
        ("django\nstripe\n", FLOATING, None, 2),
        ("stripe>=12\n", FLOATING, None, 1),
        ("stripe==16.1.0\n", EXACT, 16, 1),
        ("stripe[async]==15.4.0 ; python_version >= '3.9'\n", EXACT, 15, 1),
        ("stripe~=16.1\n", RANGE, 16, 1),
        ("stripe>=15,<17\n", RANGE, 15, 1),
        ("# stripe==1.0\ndj-stripe==2.8\nstripe-mock\n", None, None, None),
        ("-r base.txt\nStripe == 16.0.0\n", EXACT, 16, 2),
    ],
)
def test_requirements(tmp_path: Path, text: str, kind: str | None, major: int | None, line: int | None) -> None:
    found = deps(tmp_path, "requirements.txt", text)
    if kind is None:
        assert found == []
        return
    [dep] = found
    assert (dep.kind, dep.major, dep.line, dep.ecosystem, dep.package) == (kind, major, line, "python", "stripe")


def test_pyproject_pep621_and_poetry(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\ndependencies = [\n  "requests",\n  "stripe>=5",\n]\n\n'
        '[tool.poetry.dependencies]\npython = "^3.11"\nstripe = { version = "^15.0", extras = ["async"] }\n'
    )
    found = deps(tmp_path, "pyproject.toml", text)
    assert [(d.kind, d.major, d.line) for d in found] == [(FLOATING, None, 5), (RANGE, 15, 10)]


def test_poetry_floating_is_rescued_by_a_committed_lock(tmp_path: Path) -> None:
    text = '[tool.poetry.dependencies]\nstripe = "*"\n'
    lock = '[[package]]\nname = "stripe"\nversion = "15.4.0"\n'
    [dep] = deps(tmp_path, "pyproject.toml", text, {"poetry.lock": lock})
    assert (dep.kind, dep.resolved, dep.lock, dep.major) == (FLOATING, "15.4.0", "poetry.lock", 15)
    assert dep.pinned_api_version == "2026-07-29.dahlia"  # 15.4.0 exactly, from the per-release history
    assert not is_floating(dep)


def test_uv_lock(tmp_path: Path) -> None:
    text = '[project]\nname = "x"\ndependencies = ["stripe"]\n'
    lock = 'version = 1\n[[package]]\nname = "stripe"\nversion = "16.1.0"\n'
    [dep] = deps(tmp_path, "pyproject.toml", text, {"uv.lock": lock})
    assert dep.resolved == "16.1.0" and not is_floating(dep)


def test_pipfile_and_its_lock(tmp_path: Path) -> None:
    [dep] = deps(tmp_path, "Pipfile", '[packages]\nstripe = "*"\n')
    assert is_floating(dep)
    lock = '{"default": {"stripe": {"version": "==14.1.0"}}}'
    [dep] = deps(tmp_path, "Pipfile", '[packages]\nstripe = "*"\n', {"Pipfile.lock": lock})
    assert (dep.resolved, dep.major, dep.pinned_api_version) == ("14.1.0", 14, "2025-12-15.clover")


def test_setup_cfg_and_setup_py(tmp_path: Path) -> None:
    [dep] = deps(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    requests\n    stripe>=2.0\n")
    assert (dep.kind, dep.line) == (FLOATING, 4)
    setup = "from setuptools import setup\nREQUIRES = ['stripe==16.1.0']\nsetup(name='x', install_requires=REQUIRES)\n"
    [dep] = deps(tmp_path, "setup.py", setup)
    assert (dep.kind, dep.major) == (EXACT, 16)


@pytest.mark.parametrize(
    ("spec", "kind", "major"),
    [
        ("23.1.0", EXACT, 23), ("^23.0.0", RANGE, 23), ("~22.4.0", RANGE, 22), ("*", FLOATING, None),
        ("latest", FLOATING, None), ("", FLOATING, None), (">=12.0.0", FLOATING, None), ("x", FLOATING, None),
        (">=20 <24", RANGE, 20), ("npm:stripe@^23.0.0", RANGE, 23),
    ],
)  # fmt: skip
def test_package_json_specs(tmp_path: Path, spec: str, kind: str, major: int | None) -> None:
    text = f'{{\n  "name": "x",\n  "dependencies": {{\n    "stripe": "{spec}"\n  }}\n}}\n'
    [dep] = deps(tmp_path, "package.json", text)
    assert (dep.kind, dep.major, dep.line, dep.typed) == (kind, major, 4, False)


def test_package_json_typescript_project_and_locks(tmp_path: Path) -> None:
    text = '{"dependencies": {"stripe": "^22.0.0"}, "devDependencies": {"typescript": "^5"}}'
    [dep] = deps(tmp_path, "package.json", text)
    assert dep.typed and dep.major == 22
    lock = '{"lockfileVersion": 3, "packages": {"node_modules/stripe": {"version": "22.6.0"}}}'
    [dep] = deps(tmp_path, "package.json", text, {"package-lock.json": lock})
    assert (dep.resolved, dep.pinned_api_version) == ("22.6.0", "2026-08-26.dahlia")


@pytest.mark.parametrize(
    ("lock_name", "lock"),
    [
        ("yarn.lock", 'stripe@^23.0.0:\n  version "23.1.0"\n  resolved "https://registry/stripe-23.1.0.tgz"\n'),
        ("yarn.lock", '"stripe@npm:^23.0.0":\n  version: 23.1.0\n  resolution: "stripe@npm:23.1.0"\n'),
        ("pnpm-lock.yaml", "packages:\n\n  stripe@23.1.0:\n    resolution: {integrity: sha512-x}\n"),
        ("pnpm-lock.yaml", "packages:\n  /stripe@23.1.0:\n    resolution: {integrity: sha512-x}\n"),
    ],
)
def test_other_node_locks(tmp_path: Path, lock_name: str, lock: str) -> None:
    [dep] = deps(tmp_path, "package.json", '{"dependencies": {"stripe": "*"}}', {lock_name: lock})
    assert dep.resolved == "23.1.0" and not is_floating(dep)


def test_workspace_lock_at_the_root_counts(tmp_path: Path) -> None:
    lock = '{"packages": {"node_modules/stripe": {"version": "23.1.0"}}}'
    [dep] = deps(
        tmp_path, "apps/api/package.json", '{"dependencies": {"stripe": "latest"}}', {"package-lock.json": lock}
    )
    assert dep.lock == "package-lock.json" and dep.resolved == "23.1.0"


def test_lock_without_stripe_does_not_rescue(tmp_path: Path) -> None:
    [dep] = deps(tmp_path, "package.json", '{"dependencies": {"stripe": "*"}}', {"package-lock.json": "{}"})
    assert is_floating(dep)


def test_ignored_lock_file_does_not_count(git_repo: Path) -> None:
    (git_repo / ".gitignore").write_text("package-lock.json\n")
    lock = '{"packages": {"node_modules/stripe": {"version": "23.1.0"}}}'
    [dep] = deps(git_repo, "package.json", '{"dependencies": {"stripe": "*"}}', {"package-lock.json": lock})
    assert dep.lock is None and is_floating(dep)


@pytest.mark.parametrize(
    ("gemfile", "kind", "major"),
    [
        ("gem 'stripe'\n", FLOATING, None),
        ("gem 'stripe', '>= 5'\n", FLOATING, None),
        ('gem "stripe", "~> 19.0"\n', RANGE, 19),
        ("gem 'stripe', '20.0.0'\n", EXACT, 20),
        ("gem 'stripe', '>= 18', '< 21'\n", RANGE, 18),
        ("gem 'stripe', git: 'https://github.com/stripe/stripe-ruby'\n", RANGE, None),
    ],
)
def test_gemfile(tmp_path: Path, gemfile: str, kind: str, major: int | None) -> None:
    text = "source 'https://rubygems.org'\n# gem 'stripe', '1.0'\n" + gemfile
    [dep] = deps(tmp_path, "Gemfile", text)
    assert (dep.kind, dep.major, dep.line) == (kind, major, 3)


def test_gemfile_lock(tmp_path: Path) -> None:
    lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    stripe (19.4.0)\n    stripe-mock (1.0)\n"
    [dep] = deps(tmp_path, "Gemfile", "gem 'stripe'\n", {"Gemfile.lock": lock})
    assert (dep.resolved, dep.pinned_api_version, dep.lock) == ("19.4.0", "2026-07-29.dahlia", "Gemfile.lock")


@pytest.mark.parametrize(
    ("spec", "kind", "major"),
    [("21.0.0", EXACT, 21), ("^21.0", RANGE, 21), ("21.*", RANGE, 21), ("*", FLOATING, None),
     (">=10", FLOATING, None), ("dev-master", FLOATING, None), ("^20.0 || ^21.0", RANGE, 21)],
)  # fmt: skip
def test_composer(tmp_path: Path, spec: str, kind: str, major: int | None) -> None:
    text = f'{{\n  "require": {{\n    "php": ">=8.1",\n    "stripe/stripe-php": "{spec}"\n  }}\n}}\n'
    [dep] = deps(tmp_path, "composer.json", text)
    assert (dep.kind, dep.major, dep.line) == (kind, major, 4)


def test_composer_lock(tmp_path: Path) -> None:
    lock = '{"packages": [{"name": "stripe/stripe-php", "version": "v20.3.0"}]}'
    [dep] = deps(tmp_path, "composer.json", '{"require": {"stripe/stripe-php": "*"}}', {"composer.lock": lock})
    assert (dep.resolved, dep.pinned_api_version) == ("20.3.0", "2026-06-24.dahlia")


def test_go_mod(tmp_path: Path) -> None:
    text = (
        "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n"
        "\tgithub.com/stripe/stripe-go/v72 v72.122.0\n)\n"
        "require github.com/stripe/stripe-go v70.15.0+incompatible\n"
    )
    found = deps(tmp_path, "go.mod", text)
    assert [(d.package, d.kind, d.major, d.line, d.typed) for d in found] == [
        ("github.com/stripe/stripe-go/v72", EXACT, 72, 7, True),
        ("github.com/stripe/stripe-go", EXACT, 70, 9, True),
    ]
    assert found[0].pinned_api_version == "2020-08-27"


def test_pom(tmp_path: Path) -> None:
    text = (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n<properties>\n  <stripe.version>33.4.0</stripe.version>\n'
        "</properties>\n<dependencies>\n<dependency>\n  <groupId>com.stripe</groupId>\n"
        "  <artifactId>stripe-java</artifactId>\n  <version>${stripe.version}</version>\n</dependency>\n"
        "</dependencies>\n</project>\n"
    )
    [dep] = deps(tmp_path, "pom.xml", text)
    assert (dep.kind, dep.major, dep.line, dep.pinned_api_version) == (EXACT, 33, 8, "2026-08-26.dahlia")


@pytest.mark.parametrize(
    ("version", "kind"), [("LATEST", FLOATING), ("RELEASE", FLOATING), ("[29.0,)", FLOATING), ("[29.0,35.0)", RANGE)]
)
def test_pom_floating(tmp_path: Path, version: str, kind: str) -> None:
    text = (
        "<project><dependencies><dependency><groupId>com.stripe</groupId><artifactId>stripe-java</artifactId>"
        f"<version>{version}</version></dependency></dependencies></project>"
    )
    [dep] = deps(tmp_path, "pom.xml", text)
    assert dep.kind == kind


def test_pom_without_version_is_managed(tmp_path: Path) -> None:
    text = "<project><dependencies><dependency><groupId>com.stripe</groupId><artifactId>stripe-java</artifactId>"
    text += "</dependency></dependencies></project>"
    [dep] = deps(tmp_path, "pom.xml", text)
    assert dep.kind == MANAGED and not is_floating(dep)


@pytest.mark.parametrize(
    ("line", "kind", "major"),
    [
        ("implementation 'com.stripe:stripe-java:34.0.0'", EXACT, 34),
        ('implementation("com.stripe:stripe-java:+")', FLOATING, None),
        ("implementation 'com.stripe:stripe-java:34.+'", RANGE, 34),
        ("implementation 'com.stripe:stripe-java:latest.release'", FLOATING, None),
        ('implementation "com.stripe:stripe-java:$stripeVersion"', EXACT, 32),
    ],
)
def test_gradle(tmp_path: Path, line: str, kind: str, major: int | None) -> None:
    text = f"def stripeVersion = '32.0.0'\ndependencies {{\n    {line}\n}}\n"
    [dep] = deps(tmp_path, "build.gradle", text)
    assert (dep.kind, dep.major, dep.line) == (kind, major, 3)


def test_gradle_lockfile_rescues_a_floating_version(tmp_path: Path) -> None:
    lock = "com.stripe:stripe-java:34.0.0=compileClasspath,runtimeClasspath\n"
    [dep] = deps(tmp_path, "build.gradle.kts", 'dependencies { implementation("com.stripe:stripe-java:+") }\n',
                 {"gradle.lockfile": lock})  # fmt: skip
    assert dep.resolved == "34.0.0" and not is_floating(dep)


def test_version_catalog(tmp_path: Path) -> None:
    text = '[versions]\nstripe = "34.0.0"\n\n[libraries]\n'
    text += 'stripe = { module = "com.stripe:stripe-java", version.ref = "stripe" }\n'
    [dep] = deps(tmp_path, "gradle/libs.versions.toml", text)
    assert (dep.kind, dep.major) == (EXACT, 34)


@pytest.mark.parametrize(
    ("element", "kind", "major"),
    [
        ('<PackageReference Include="Stripe.net" Version="52.2.0" />', EXACT, 52),
        ('<PackageReference Include="Stripe.net" Version="*" />', FLOATING, None),
        ('<PackageReference Include="Stripe.net" Version="52.*" />', RANGE, 52),
        ('<PackageReference Include="Stripe.net" Version="[48.0,)" />', FLOATING, None),
        ('<PackageReference Include="Stripe.net" Version="[52.2.0]" />', EXACT, 52),
        ('<PackageReference Include="Stripe.net"><Version>47.4.0</Version></PackageReference>', EXACT, 47),
        ('<PackageReference Include="Stripe.net" />', MANAGED, None),
    ],
)
def test_csproj(tmp_path: Path, element: str, kind: str, major: int | None) -> None:
    text = f'<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    {element}\n  </ItemGroup>\n</Project>\n'
    [dep] = deps(tmp_path, "src/Shop.csproj", text)
    assert (dep.kind, dep.major, dep.line, dep.typed) == (kind, major, 3, True)


def test_central_package_management_and_nuget_lock(tmp_path: Path) -> None:
    text = '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Stripe.net" Version="*" />\n'
    text += "  </ItemGroup>\n</Project>\n"
    lock = '{"version": 1, "dependencies": {"net8.0": {"Stripe.net": {"type": "Direct", "resolved": "50.4.0"}}}}'
    [dep] = deps(tmp_path, "Directory.Packages.props", text, {"packages.lock.json": lock})
    assert (dep.resolved, dep.pinned_api_version) == ("50.4.0", "2026-02-25.clover")


def test_packages_config(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?>\n<packages>\n  <package id="Stripe.net" version="39.0.0" />\n</packages>\n'
    [dep] = deps(tmp_path, "packages.config", text)
    assert (dep.kind, dep.major) == (EXACT, 39)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("package.json", '{"dependencies": {"stripe": '),
        ("pyproject.toml", "[project\nstripe"),
        ("pom.xml", "<project><stripe-java>"),
        ("composer.json", '["stripe/stripe-php"'),
    ],
)
def test_broken_manifests_raise_a_clear_error(tmp_path: Path, name: str, text: str) -> None:
    with pytest.raises(ManifestError, match=f"cannot parse {name}"):
        deps(tmp_path, name, text)


def test_manifest_without_stripe_is_skipped_cheaply(tmp_path: Path) -> None:
    assert deps(tmp_path, "package.json", "{ not even json") == []


def test_package_json_sections_report_their_own_lines(tmp_path: Path) -> None:
    text = (
        '{\n  "devDependencies": {\n    "stripe": "^22.0.0"\n  },\n  "peerDependencies": {\n    "stripe": "*"\n  }\n}\n'
    )
    found = deps(tmp_path, "package.json", text)
    assert [(d.line, d.kind) for d in found] == [(3, RANGE), (6, FLOATING)]


def test_a_lock_file_git_ignores_does_not_count_as_committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from golive_ci.versions.locks import is_committed

    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "yarn.lock").write_text("")
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("yarn.lock\n")
    (repo / "yarn.lock").write_text("")
    (repo / "package-lock.json").write_text("{}")
    assert not is_committed(repo / "yarn.lock")
    assert is_committed(repo / "package-lock.json")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert is_committed(outside / "yarn.lock")  # no repository: nothing is ignored
