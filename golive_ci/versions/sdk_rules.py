"""What the two SDK-dependency rules share: manifest files only, parsed once per file."""

from __future__ import annotations

from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.manifests import MANIFEST_NEEDLES, ManifestError, SdkDependency, manifest_ecosystem

_CACHE_KEY = "stripe_sdk_dependencies"


def is_manifest(source: SourceFile) -> bool:
    return manifest_ecosystem(source.path) is not None and source.contains(*MANIFEST_NEEDLES)


def dependencies_for(rule: Rule, source: SourceFile) -> list[SdkDependency]:
    """The file's Stripe SDK dependencies; a manifest that cannot be parsed becomes one notice."""
    if _CACHE_KEY in source.cache:
        return source.cache[_CACHE_KEY]
    from golive_ci.versions.manifests import parse_manifest

    try:
        found = parse_manifest(source.path, source.data, rule.context.root)
    except ManifestError as exc:
        rule.context.notice(source.path, f"{exc}; Stripe SDK checks skipped for this file")
        found = []
    source.cache[_CACHE_KEY] = found
    return found
