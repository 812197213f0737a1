"""One Stripe SDK dependency as a manifest declares it, and the helpers every manifest parser builds it with.

Below :mod:`golive_ci.versions.manifests` and the per-format parsers; ``manifests`` re-exports every name.
"""

from __future__ import annotations

import re

from golive_ci.records import Record
from golive_ci.versions import knowledge
from golive_ci.versions.specs import SpecInfo


class ManifestError(Exception):
    """A manifest that cannot be read; becomes a notice."""


_DEPENDENCY_FIELDS = (
    "ecosystem", "package", "path", "line", "spec", "kind", "resolved", "major", "pinned_api_version",
    "pin_verified", "lock", "typed", "dev",
)  # fmt: skip


class SdkDependency(Record):
    __slots__ = (
        "dev",
        "ecosystem",
        "kind",
        "line",
        "lock",
        "major",
        "package",
        "path",
        "pin_verified",
        "pinned_api_version",
        "resolved",
        "spec",
        "typed",
    )
    ecosystem: str  # python, node, ruby, php, go, java, dotnet
    package: str
    path: str
    line: int
    spec: str  # as written ("" when none)
    kind: str  # specs.EXACT / RANGE / FLOATING / MANAGED
    resolved: str | None  # the exact release, from the spec or a lock file
    major: int | None
    pinned_api_version: str | None  # the API version that release (or major) pins
    pin_verified: bool
    lock: str | None  # the lock file consulted, relative to the root
    typed: bool  # Go/Java/.NET, or a TypeScript project: the SDK fixes the API version
    dev: bool  # declared for development or tests only (devDependencies, require-dev, a dev group)

    def __init__(
        self,
        ecosystem: str,
        package: str,
        path: str,
        line: int,
        spec: str,
        kind: str,
        resolved: str | None = None,
        major: int | None = None,
        pinned_api_version: str | None = None,
        pin_verified: bool = True,
        lock: str | None = None,
        typed: bool = False,
        dev: bool = False,
    ) -> None:
        self.dev = dev
        self.ecosystem = ecosystem
        self.package = package
        self.path = path
        self.line = line
        self.spec = spec
        self.kind = kind
        self.resolved = resolved
        self.major = major
        self.pinned_api_version = pinned_api_version
        self.pin_verified = pin_verified
        self.lock = lock
        self.typed = typed

    @property
    def sdk(self) -> str:
        return knowledge.SDK_BY_ECOSYSTEM[self.ecosystem]

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {name: getattr(self, name) for name in _DEPENDENCY_FIELDS}
        data["sdk"] = self.sdk
        return data


def line_of(text: str, pattern: str, default: int = 1) -> int:
    """1-based line of the first match of ``pattern`` (a regular expression) in ``text``."""
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else default


def dependency(
    ecosystem: str,
    package: str,
    path: str,
    line: int,
    spec: str,
    info: SpecInfo,
    *,
    typed: bool = False,
    dev: bool = False,
) -> SdkDependency:
    return SdkDependency(
        ecosystem=ecosystem, package=package, path=path, line=line, spec=spec, kind=info.kind,
        resolved=info.exact, major=info.major, typed=typed, dev=dev,
    )  # fmt: skip
