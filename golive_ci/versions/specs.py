"""Version specifications as each ecosystem writes them: exact, a bounded range, or floating.

"Floating" is what ``unpinned-sdk`` reports: no version at all, ``*``/``latest``/``LATEST``/
``RELEASE``/``+``, or a lower bound only. A bounded range (``^23.0.0``, ``~> 19.0``, ``52.*``)
stays within one major: it still moves the pinned API version monthly, but only additively.
"""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record

EXACT = "exact"
RANGE = "range"  # bounded: stays within a major
FLOATING = "floating"  # no upper bound: any future major
MANAGED = "managed"  # the version is set elsewhere (a BOM, central package management, a parent POM)

_NUMBER = lazy_pattern(r"v?(\d+)(?:\.(\d+|\*|x|X|\+))?(?:\.(\d+|\*|x|X))?")
_FLOATING_WORDS = frozenset({"", "*", "x", "X", "latest", "next", "+", "LATEST", "RELEASE", "latest.release",
                             "latest.integration", "dev-master", "dev-main"})  # fmt: skip


class SpecInfo(Record):
    __slots__ = ("exact", "kind", "major")
    kind: str
    major: int | None  # the major the spec selects, when it selects one
    exact: str | None  # the exact release, when the spec names one

    def __init__(self, kind: str, major: int | None = None, exact: str | None = None) -> None:
        self.kind = kind
        self.major = major
        self.exact = exact


def _first_number(text: str) -> tuple[int | None, str | None]:
    match = _NUMBER.search(text)
    if match is None:
        return None, None
    return int(match.group(1)), match.group(0).lstrip("v")


def _plain_release(text: str) -> bool:
    return re.fullmatch(r"v?\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.+-]*)?", text) is not None


def python_spec(spec: str) -> SpecInfo:
    """PEP 440 specifiers (``==16.1.0``, ``>=12,<13``, ``~=15.0``), Poetry (``^15``) and Pipfile (``*``)."""
    spec = spec.strip().replace(" ", "")
    if spec in _FLOATING_WORDS:
        return SpecInfo(FLOATING)
    parts = [p for p in spec.split(",") if p]
    exact = next((p for p in parts if p.startswith(("==", "===")) and "*" not in p), None)
    if exact is not None:
        major, release = _first_number(exact)
        return SpecInfo(EXACT, major, release)
    if _plain_release(spec) or re.fullmatch(r"\d+(\.\d+)*", spec):  # Poetry "16.1.0" is exact
        major, release = _first_number(spec)
        return SpecInfo(EXACT, major, release)
    if any(p.startswith(("<", "~=", "^", "~")) or p.startswith("==") for p in parts):
        lower = next((p for p in parts if p.startswith((">=", ">", "~=", "^", "~", "=="))), parts[0])
        major, _ = _first_number(lower)
        return SpecInfo(RANGE, major)
    return SpecInfo(FLOATING)


def npm_spec(spec: str) -> SpecInfo:
    spec = spec.strip()
    if spec.startswith("npm:"):  # "npm:stripe@^23.0.0"
        spec = spec.rpartition("@")[2]
    if spec in _FLOATING_WORDS:
        return SpecInfo(FLOATING)
    if spec.startswith(("git", "http", "file:", "link:", "workspace:", "github:")):
        return SpecInfo(RANGE)  # not from the registry: not judged
    alternatives = [a.strip() for a in spec.split("||")]
    if len(alternatives) > 1:
        return _any_of([npm_spec(a) for a in alternatives])
    if _plain_release(spec.lstrip("=")):
        major, release = _first_number(spec)
        return SpecInfo(EXACT, major, release)
    if spec.startswith((">", ">=")) and "<" not in spec:
        return SpecInfo(FLOATING)
    major, _ = _first_number(spec)
    return SpecInfo(RANGE, major)


def _any_of(infos: list[SpecInfo]) -> SpecInfo:
    """``a || b``: floating when any alternative floats, else a range up to the highest major."""
    if any(i.kind == FLOATING for i in infos):
        return SpecInfo(FLOATING)
    return SpecInfo(RANGE, max((i.major for i in infos if i.major is not None), default=None))


def ruby_spec(requirements: list[str]) -> SpecInfo:
    """Gemfile requirements: ``[]``, ``['19.4.0']``, ``['~> 19.0']``, ``['>= 5', '< 20']``."""
    requirements = [r.strip() for r in requirements if r.strip()]
    if not requirements:
        return SpecInfo(FLOATING)
    for requirement in requirements:
        bare = requirement.lstrip("= ").strip()
        if (requirement.startswith("=") or requirement[0].isdigit()) and _plain_release(bare):
            major, release = _first_number(bare)
            return SpecInfo(EXACT, major, release)
    if any(r.startswith(("~>", "<")) for r in requirements):
        lower = next((r for r in requirements if not r.startswith("<")), requirements[0])
        major, _ = _first_number(lower)
        return SpecInfo(RANGE, major)
    return SpecInfo(FLOATING)


def composer_spec(spec: str) -> SpecInfo:
    spec = spec.strip()
    if spec in _FLOATING_WORDS or spec.startswith("dev-"):
        return SpecInfo(FLOATING)
    alternatives = [a.strip() for a in re.split(r"\|\|?", spec) if a.strip()]
    if len(alternatives) > 1:
        return _any_of([composer_spec(a) for a in alternatives])
    if _plain_release(spec.lstrip("=")):
        major, release = _first_number(spec)
        return SpecInfo(EXACT, major, release)
    if spec.startswith(">") and "<" not in spec:
        return SpecInfo(FLOATING)
    major, _ = _first_number(spec)
    return SpecInfo(RANGE, major)


def maven_spec(spec: str | None) -> SpecInfo:
    """Maven and NuGet share the interval notation: ``[29.0,)`` floats, ``[52.2.0]`` is exact."""
    if spec is None:
        return SpecInfo(MANAGED)
    spec = spec.strip()
    if spec in _FLOATING_WORDS:
        return SpecInfo(FLOATING)
    if spec.startswith(("[", "(")):
        lower, _, upper = spec[1:-1].partition(",")
        if not _ and spec.startswith("["):  # [1.2.3]
            major, release = _first_number(lower)
            return SpecInfo(EXACT, major, release)
        if not upper.strip():
            return SpecInfo(FLOATING)
        major, _ = _first_number(lower)
        return SpecInfo(RANGE, major)
    if spec.endswith(("+", "*")) and spec not in ("+", "*"):  # 34.+ (Gradle), 52.* (NuGet)
        major, _ = _first_number(spec)
        return SpecInfo(RANGE, major)
    major, release = _first_number(spec)
    if major is None:
        return SpecInfo(FLOATING)
    return SpecInfo(EXACT, major, release)
