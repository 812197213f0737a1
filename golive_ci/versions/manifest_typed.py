"""Manifests of the typed SDKs: Go modules, Maven, Gradle and NuGet."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from golive_ci.parsing import lazy_pattern
from golive_ci.posix_paths import posix_path
from golive_ci.versions.sdk_dependency import ManifestError, SdkDependency, dependency, line_of
from golive_ci.versions.specs import EXACT, MANAGED, SpecInfo, maven_spec

_GO_REQUIRE = lazy_pattern(
    r"^[ \t]*(?:require[ \t]+)?(github\.com/stripe/stripe-go(?:/v(\d+))?)[ \t]+(v[^\s/]+)", re.MULTILINE
)
_GRADLE = lazy_pattern(r"""["']com\.stripe:stripe-java(?::([^"'@]*))?(?:@\w+)?["']""")
_JAVA = ("com.stripe", "stripe-java")


def parse_typed(ecosystem: str, path: str, text: str, root: Path) -> list[SdkDependency]:
    name = posix_path(path).name
    try:
        if ecosystem == "go":
            return _go_mod(path, text)
        if name == "pom.xml":
            return _pom(path, text)
        if name == "libs.versions.toml":
            return _version_catalog(path, text)
        if name.startswith("build.gradle"):
            return _gradle(path, text)
        return _nuget(path, text)
    except (ElementTree.ParseError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise ManifestError(f"cannot parse {name}: {exc.__class__.__name__}: {str(exc)[:120]}") from None


def _go_mod(path: str, text: str) -> list[SdkDependency]:
    found = []
    for match in _GO_REQUIRE.finditer(text):
        module, path_major, version = match.groups()
        major = int(path_major) if path_major else int(re.match(r"v(\d+)", version).group(1))  # type: ignore[union-attr]
        line = text.count("\n", 0, match.start(1)) + 1
        release = version.lstrip("v").split("+", 1)[0]
        found.append(dependency("go", module, path, line, version, SpecInfo(EXACT, major, release)))
    return found


def _strip_namespaces(root: ElementTree.Element) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]


def _pom(path: str, text: str) -> list[SdkDependency]:
    root = ElementTree.fromstring(text)
    _strip_namespaces(root)
    properties = {child.tag: (child.text or "").strip() for child in root.findall("./properties/*")}
    found = []
    for dep in root.iter("dependency"):
        if (dep.findtext("groupId"), dep.findtext("artifactId")) != _JAVA:
            continue
        version = dep.findtext("version")
        spec = version.strip() if version is not None else None
        resolved = spec
        if spec and spec.startswith("${") and spec.endswith("}"):
            resolved = properties.get(spec[2:-1])
        info = maven_spec(resolved) if spec is None or resolved is not None else SpecInfo(MANAGED)
        line = line_of(text, r"<artifactId>\s*stripe-java\s*</artifactId>")
        dev = (dep.findtext("scope") or "").strip() == "test"
        found.append(dependency("java", "com.stripe:stripe-java", path, line, spec or "", info, dev=dev))
    return found


def _gradle(path: str, text: str) -> list[SdkDependency]:
    found = []
    for match in _GRADLE.finditer(text):
        version = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        if version is None:  # the version comes from a platform/BOM
            found.append(dependency("java", "com.stripe:stripe-java", path, line, "", SpecInfo(MANAGED)))
            continue
        if version.startswith("$"):
            variable = version.strip("${}")
            assigned = re.search(rf"""\b{re.escape(variable)}\s*=\s*["']([^"']+)["']""", text)
            version = assigned.group(1) if assigned else None
            if version is None:
                found.append(dependency("java", "com.stripe:stripe-java", path, line, match.group(1),
                                        SpecInfo(MANAGED)))  # fmt: skip
                continue
        dev = re.search(r"(?i)test\w*\s*\(?\s*$", text[text.rfind("\n", 0, match.start()) + 1 : match.start()])
        found.append(
            dependency("java", "com.stripe:stripe-java", path, line, version, maven_spec(version), dev=bool(dev))
        )
    return found


def _version_catalog(path: str, text: str) -> list[SdkDependency]:
    document = tomllib.loads(text)
    versions = document.get("versions", {})
    found = []
    for entry in document.get("libraries", {}).values():
        if isinstance(entry, str):
            module, _, version = entry.rpartition(":")
            if module != "com.stripe:stripe-java":
                continue
        elif isinstance(entry, dict):
            module = entry.get("module") or f"{entry.get('group')}:{entry.get('name')}"
            if module != "com.stripe:stripe-java":
                continue
            version = entry.get("version", "")
            if isinstance(version, dict):
                version = versions.get(version.get("ref", ""), "") if "ref" in version else version.get("strictly", "")
        else:
            continue
        line = line_of(text, r"com\.stripe|stripe-java")
        found.append(dependency("java", "com.stripe:stripe-java", path, line, str(version), maven_spec(str(version))))
    return found


def _nuget(path: str, text: str) -> list[SdkDependency]:
    root = ElementTree.fromstring(text)
    _strip_namespaces(root)
    found = []
    for element in root.iter():
        if element.tag not in ("PackageReference", "PackageVersion", "package"):
            continue
        name = element.get("Include") or element.get("Update") or element.get("id") or ""
        if name.lower() != "stripe.net":
            continue
        version = element.get("Version") or element.get("version") or element.findtext("Version")
        if version is None and element.get("VersionOverride"):
            version = element.get("VersionOverride")
        line = line_of(text, r"""["']Stripe\.net["']""")
        info = maven_spec(version.strip()) if version is not None else SpecInfo(MANAGED)
        found.append(dependency("dotnet", "Stripe.net", path, line, (version or "").strip(), info))
    return found
