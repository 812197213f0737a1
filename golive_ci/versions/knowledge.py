"""The version knowledge base: every Stripe API version and the version each SDK major pins.

The table ships in ``golive_ci/data/stripe_api_versions.json`` and is loaded once, lazily, by
the first rule that needs it (the pre-commit path never pays for it unless Stripe code is staged).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

VERSION_RE = lazy_pattern(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\.(?P<suffix>[a-z]+))?$")
# Suffixes of versions that exist but are not general-availability releases.
PREVIEW_SUFFIXES = frozenset({"preview", "beta", "private"})
LEGACY = "legacy"

# SDK name in the table -> the ecosystems' package names.
SDK_PACKAGES: dict[str, str] = {
    "stripe-python": "stripe",
    "stripe-node": "stripe",
    "stripe-ruby": "stripe",
    "stripe-php": "stripe/stripe-php",
    "stripe-go": "github.com/stripe/stripe-go",
    "stripe-java": "com.stripe:stripe-java",
    "stripe-dotnet": "Stripe.net",
}
SDK_BY_ECOSYSTEM: dict[str, str] = {
    "python": "stripe-python",
    "node": "stripe-node",
    "ruby": "stripe-ruby",
    "php": "stripe-php",
    "go": "stripe-go",
    "java": "stripe-java",
    "dotnet": "stripe-dotnet",
}


class SdkPin(Record):
    __slots__ = ("api_version", "major", "sdk", "verified")
    sdk: str
    major: int
    api_version: str
    verified: bool

    def __init__(self, sdk: str, major: int, api_version: str, verified: bool) -> None:
        self.sdk = sdk
        self.major = major
        self.api_version = api_version
        self.verified = verified


def read_data(name: str) -> str:
    """A file of ``golive_ci/data``: read from the package folder, or through ``importlib.resources``
    (with zipfile, ~10 ms of imports) only when golive-ci is not installed as files."""
    try:
        return (Path(__file__).parent.parent / "data" / name).read_text(encoding="utf-8")
    except OSError:
        from importlib import resources

        return resources.files("golive_ci.data").joinpath(name).read_text(encoding="utf-8")


@cache
def _table() -> dict[str, Any]:
    return json.loads(read_data("stripe_api_versions.json"))


@cache
def known_versions() -> tuple[str, ...]:
    """Every API version, oldest first."""
    return tuple(entry["version"] for entry in _table()["api_versions"])


@cache
def _known_set() -> frozenset[str]:
    return frozenset(known_versions())


@cache
def release_trains() -> dict[str, str]:
    """Release train name -> the date it began (``acacia`` -> ``2024-09-30``)."""
    return dict(_table()["release_trains"])


def is_known_version(version: str) -> bool:
    return version in _known_set()


def is_version_shaped(text: str) -> bool:
    return VERSION_RE.match(text) is not None


def latest_api_version() -> str:
    """The newest API version golive-ci knows of."""
    return max(known_versions(), key=version_date_text)


def version_date_text(version: str) -> str:
    return version.split(".", 1)[0]


def version_date(version: str) -> date | None:
    match = VERSION_RE.match(version)
    if match is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(match.group("date"))
    except ValueError:
        return None


def release_train(version: str) -> str | None:
    """``dahlia`` for ``2026-03-25.dahlia``; ``legacy`` for an undated-train version; None if not a version.

    A suffix that is not a train (``.preview``) is answered with the train its date falls in.
    """
    match = VERSION_RE.match(version)
    if match is None:
        return None
    suffix = match.group("suffix")
    if suffix in release_trains():
        return suffix
    return train_of_date(match.group("date"))


def train_of_date(day: str) -> str:
    """The release train in force on ``day`` (``YYYY-MM-DD``), ``legacy`` before acacia."""
    current = LEGACY
    for name, start in sorted(release_trains().items(), key=lambda item: item[1]):
        if day >= start:
            current = name
    return current


def is_preview(version: str) -> bool:
    match = VERSION_RE.match(version)
    return match is not None and match.group("suffix") in PREVIEW_SUFFIXES


def closest_known(version: str) -> str | None:
    """The known version nearest in date to ``version`` (a suggestion for a typo)."""
    day = version_date(version)
    if day is None:
        return None
    best: tuple[int, str] | None = None
    for known in known_versions():
        known_day = version_date(known)
        if known_day is None or known.endswith(".dashboard"):
            continue
        distance = abs((known_day - day).days)
        if best is None or distance < best[0]:
            best = (distance, known)
    return best[1] if best else None


def version_note(version: str) -> str | None:
    """The table's remark on a version (``2025-03-01.dashboard`` is not a public release)."""
    for entry in _table()["api_versions"]:
        if entry["version"] == version:
            return entry.get("note")
    return None


# --- SDK pins -----------------------------------------------------------------------------------


@cache
def sdk_pins(sdk: str) -> dict[int, SdkPin]:
    """Major -> the API version that major pins at x.0.0 (unverified guesses marked)."""
    table = _table()
    pins: dict[int, SdkPin] = {}
    for major, value in table["sdk_pins"].get(sdk, {}).items():
        pins[int(major)] = SdkPin(sdk, int(major), value, True)
    for major, value in table["sdk_pins_unverified"].get(sdk, {}).items():
        pins.setdefault(int(major), SdkPin(sdk, int(major), value.split(" ", 1)[0], False))
    return dict(sorted(pins.items()))


def sdk_pin(sdk: str, major: int) -> SdkPin | None:
    return sdk_pins(sdk).get(major)


def pin_of_release(sdk: str, release: str) -> str | None:
    """The API version an exact SDK release pins, from the per-release history, else its major's pin."""
    parts = _version_tuple(release)
    if parts is None:
        return None
    best: tuple[tuple[int, ...], str] | None = None
    for entry in _table()["sdk_pin_history"].get(sdk, []):
        entry_parts = _version_tuple(entry["release"])
        if entry_parts is None or entry_parts[0] != parts[0] or entry_parts > parts:
            continue
        if best is None or entry_parts > best[0]:
            best = (entry_parts, entry["pinned"])
    if best is not None:
        return best[1]
    pin = sdk_pin(sdk, parts[0])
    return pin.api_version if pin else None


def newest_major(sdk: str, *, verified_only: bool = True) -> SdkPin | None:
    pins = [p for p in sdk_pins(sdk).values() if p.verified or not verified_only]
    return pins[-1] if pins else None


def first_pinning_major(sdk: str) -> int | None:
    """The first major that sends a pinned ``Stripe-Version``; None when every release does (Go, .NET)."""
    value = _table()["first_pinning_major"].get(sdk)
    return int(value) if value is not None else None


def _version_tuple(text: str) -> tuple[int, ...] | None:
    match = re.match(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", text.strip())
    if match is None:
        return None
    return tuple(int(g) for g in match.groups() if g is not None)


def major_of(text: str) -> int | None:
    parts = _version_tuple(text)
    return parts[0] if parts else None
