"""What the two SDK-dependency rules share: manifest files only, parsed once per file."""

from __future__ import annotations

from pathlib import Path

from golive_ci.facts import Fact
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.versions.manifests import MANIFEST_NEEDLES, ManifestError, SdkDependency, manifest_ecosystem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _by_root(source: SourceFile) -> dict[Path, list[SdkDependency] | ManifestError]:
    return {}


# A manifest's Stripe SDK dependencies (or why they cannot be read), by the project root it was read for.
MANIFEST_DEPENDENCIES: Fact[dict[Path, list[SdkDependency] | ManifestError]] = Fact(
    "Stripe SDK dependencies of a manifest", _by_root, needles=MANIFEST_NEEDLES
)


def is_manifest(source: SourceFile) -> bool:
    return manifest_ecosystem(source.path) is not None and source.contains(*MANIFEST_NEEDLES)


def dependencies_for(rule: Rule, source: SourceFile) -> list[SdkDependency]:
    """The file's Stripe SDK dependencies; a manifest that cannot be parsed becomes one notice."""
    noticed = rule.context.root in MANIFEST_DEPENDENCIES.of(source)
    try:
        return manifest_dependencies(source, rule.context.root)
    except ManifestError as exc:
        if not noticed:
            rule.context.notice(source.path, f"{exc}; Stripe SDK checks skipped for this file")
        return []


def _ruby_tree(source: SourceFile) -> Any:
    """The file's own parse when it is the Ruby tree the Gemfile reader would build (plugin.rb, gems.rb)."""
    if source.language != "ruby" or not any(n in source.data for n in MANIFEST_NEEDLES):
        return None
    try:
        tree = source.syntax()
    except ParseError:
        return None
    return tree if source.text.encode("utf-8") == source.data else None  # what the reader would parse


def manifest_dependencies(source: SourceFile, root: Path) -> list[SdkDependency]:
    """The manifest's Stripe SDK dependencies, parsed once per file for every rule and the version
    picture; raises :class:`ManifestError` (each time it is asked) when it cannot be parsed."""
    by_root = MANIFEST_DEPENDENCIES.of(source)
    if root not in by_root:
        from golive_ci.versions.manifests import parse_manifest

        try:
            by_root[root] = parse_manifest(source.path, source.data, root, _ruby_tree(source))
        except ManifestError as exc:
            by_root[root] = exc
    found = by_root[root]
    if isinstance(found, ManifestError):
        raise found
    return found
