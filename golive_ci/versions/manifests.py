"""The Stripe SDK dependency of every manifest golive-ci reads, in one shape.

Manifests are parsed with the format's own parser (``tomllib``, ``json``, ``xml.etree``, ``ast``
for setup.py, tree-sitter for Gemfiles); requirement-style one-liners (requirements.txt,
go.mod, Gradle) are read line by line. A lock file next to (or above) the manifest resolves the
release actually installed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from golive_ci.lang import profiles
from golive_ci.posix_paths import posix_path
from golive_ci.versions import knowledge
from golive_ci.versions.locks import find_lock, is_committed, locked_version
from golive_ci.versions.sdk_dependency import ManifestError, SdkDependency, dependency, line_of
from golive_ci.versions.specs import EXACT, FLOATING

__all__ = [
    "MANIFEST_NEEDLES",
    "TYPED_ECOSYSTEMS",
    "ManifestError",
    "SdkDependency",
    "dependency",
    "is_floating",
    "line_of",
    "manifest_ecosystem",
    "parse_manifest",
]

# The ecosystems of statically typed SDKs, whose release fixes the API version (golive_ci/lang profiles).
TYPED_ECOSYSTEMS = frozenset(language.sdk_ecosystem for language in profiles().values() if language.typed_sdk)
# Byte needles every manifest that names a Stripe SDK contains ("stripe", "Stripe.net", "stripe-java").
MANIFEST_NEEDLES: tuple[bytes, ...] = (b"stripe", b"Stripe")


# Manifests for development only, by file name: requirements-dev.txt, requirements/test.txt, …
_DEV_MANIFEST = re.compile(r"(?i)(?:^|[-_.])(?:dev|develop|development|test|tests|testing|ci|lint|docs)(?:[-_.]|$)")


@lru_cache(maxsize=4096)
def manifest_ecosystem(path: str) -> str | None:
    """The ecosystem whose manifest ``path`` is, by file name; None for other files."""
    pure = posix_path(path)
    name = pure.name
    lower = name.lower()
    if lower in ("pyproject.toml", "pipfile", "setup.cfg", "setup.py"):
        return "python"
    if lower.endswith(".gemspec"):  # a gem's own dependencies: spec.add_dependency "stripe", "~> 8.0"
        return "ruby"
    if (lower.startswith("requirements") and lower.endswith((".txt", ".in"))) or (
        pure.parent.name == "requirements" and lower.endswith((".txt", ".in"))
    ):
        return "python"
    return {
        "package.json": "node",
        "Gemfile": "ruby",
        "plugin.rb": "ruby",  # a Discourse plugin declares its gems there: gem "stripe", "5.29.0"
        "gems.rb": "ruby",
        "composer.json": "php",
        "go.mod": "go",
        "pom.xml": "java",
        "build.gradle": "java",
        "build.gradle.kts": "java",
        "libs.versions.toml": "java",
        "Directory.Packages.props": "dotnet",
        "packages.config": "dotnet",
    }.get(name) or ("dotnet" if lower.endswith((".csproj", ".fsproj", ".vbproj")) else None)


def parse_manifest(path: str, data: bytes, root: Path, tree: Any = None) -> list[SdkDependency]:
    """Stripe SDK dependencies declared in the manifest at ``path`` (relative to ``root``); ``tree``:
    the syntax tree of ``data`` (a Ruby manifest) when the caller parsed it already."""
    ecosystem = manifest_ecosystem(path)
    if ecosystem is None or not any(n in data for n in MANIFEST_NEEDLES):
        return []
    text = data.decode("utf-8", "replace")
    if ecosystem in ("python", "node", "ruby", "php"):
        from golive_ci.versions.manifest_dynamic import parse_dynamic

        found = parse_dynamic(ecosystem, path, text, root, tree)
    else:
        from golive_ci.versions.manifest_typed import parse_typed

        found = parse_typed(ecosystem, path, text, root)
    return [_complete(dep, root) for dep in found]


def _complete(dep: SdkDependency, root: Path) -> SdkDependency:
    """Resolve the installed release from a lock file and look up the API version it pins."""
    resolved, lock_name = dep.resolved, None
    if dep.ecosystem in ("node", "ruby", "php", "python", "java", "dotnet") and dep.kind != EXACT:
        lock = _lock_for(dep, root)
        if lock is not None:
            lock_name = _relative(lock, root)
            resolved = locked_version(lock, dep.ecosystem, dep.package) or resolved
    major = knowledge.major_of(resolved) if resolved else dep.major
    pinned, verified = None, True
    if resolved:
        pinned = knowledge.pin_of_release(dep.sdk, resolved)
    if pinned is None and major is not None:
        pin = knowledge.sdk_pin(dep.sdk, major)
        if pin is not None:
            pinned, verified = pin.api_version, pin.verified
    typed = dep.typed or dep.ecosystem in TYPED_ECOSYSTEMS
    dev = dep.dev or bool(_DEV_MANIFEST.search(posix_path(dep.path).stem))
    return dep.replace(resolved=resolved, major=major, pinned_api_version=pinned, pin_verified=verified,
                   lock=lock_name, typed=typed, dev=dev)  # fmt: skip


def _lock_for(dep: SdkDependency, root: Path) -> Path | None:
    manifest = root / dep.path
    name = posix_path(dep.path).name
    if dep.ecosystem == "python":
        if name == "Pipfile":
            return find_lock(manifest, root, "python", ("Pipfile.lock",))
        if name == "pyproject.toml":
            return find_lock(manifest, root, "python", ("poetry.lock", "uv.lock", "pdm.lock"))
        if name.endswith(".in"):  # pip-compile: requirements.in is locked by the requirements.txt made from it
            compiled = manifest.with_suffix(".txt")
            return compiled if compiled.is_file() and is_committed(compiled) else None
        return None  # requirements files and setup.* are their own pins
    if dep.ecosystem == "java" and not name.startswith("build.gradle") and name != "libs.versions.toml":
        return None
    return find_lock(manifest, root, dep.ecosystem)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def is_floating(dep: SdkDependency) -> bool:
    """Floating and not rescued by a lock file that holds the release."""
    return dep.kind == FLOATING and not (dep.lock and dep.resolved)


# Files that make their folder the root of a separately built and deployed program.
_DEPLOYABLE_MANIFESTS = (
    "package.json", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "requirements.txt",
    "Gemfile", "composer.json",
)  # fmt: skip

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def deployable_root(root: Path, path: str, known: dict[str, str]) -> str:
    """The nearest folder holding ``path`` (relative to ``root``) that has its own package manifest:
    the deployable the file belongs to ("" for the repository root). ``known`` caches folders."""
    folder = posix_path(path).parent
    visited: list[str] = []
    while True:
        name = "" if str(folder) == "." else str(folder)
        if name in known:
            found = known[name]
            break
        visited.append(name)
        if name == "" or any((root / name / manifest).is_file() for manifest in _DEPLOYABLE_MANIFESTS):
            found = name
            break
        folder = folder.parent
    for name in visited:
        known[name] = found
    return found
