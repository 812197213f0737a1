"""The repository's API-version picture: every pin, every SDK dependency, the newest version, advice.

This is what ``golive-ci versions`` prints and what the pull-request comment shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from golive_ci.collector import Collector
from golive_ci.config import Config
from golive_ci.lang import ecosystem_profile
from golive_ci.posix_paths import posix_path
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, ParseError, SourceFile
from golive_ci.versions import knowledge
from golive_ci.versions.facts import (
    DYNAMIC_LANGUAGES,
    KIND_GLOBAL,
    STRIPE_NEEDLES,
    ApiVersionPin,
    file_facts,
    program_of,
)
from golive_ci.versions.manifests import (
    MANIFEST_NEEDLES,
    ManifestError,
    SdkDependency,
    is_floating,
    manifest_ecosystem,
)
from golive_ci.versions.sdk_rules import manifest_dependencies
from golive_ci.versions.values import ENV, INDIRECT, PINNED, UNPINNED

# Pin statuses shown in the table, besides values.PINNED/INDIRECT/ENV/UNPINNED.
UNKNOWN = "unknown"
PREVIEW = "preview"
OUTDATED = "outdated"
OK = "ok"


@dataclass
class VersionPicture:
    pins: list[ApiVersionPin] = field(default_factory=list)
    sdks: list[SdkDependency] = field(default_factory=list)
    latest_version: str = ""
    advice: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def pin_status(self, pin: ApiVersionPin) -> str:
        """ok / outdated / unknown / preview for a literal pin; the setting's status otherwise."""
        if pin.status != PINNED or pin.version is None:
            return pin.status
        from golive_ci.versions.assess import NEWER, age_in_days, check_version
        from golive_ci.versions.assess import OK as VERDICT_OK
        from golive_ci.versions.assess import UNKNOWN as VERDICT_UNKNOWN

        verdict = check_version(pin.version)
        if verdict.status == VERDICT_UNKNOWN:
            return UNKNOWN
        if verdict.status not in (VERDICT_OK, NEWER):
            return PREVIEW
        age = age_in_days(pin.version)
        legacy = knowledge.release_train(pin.version) == knowledge.LEGACY
        return OUTDATED if legacy or (age is not None and age > 365) else OK

    def sdk_status(self, dep: SdkDependency) -> str:
        if is_floating(dep):
            return "floating"
        if dep.kind == "managed":
            return "managed elsewhere"
        newest = knowledge.newest_major(dep.sdk)
        first = knowledge.first_pinning_major(dep.sdk)
        if dep.major is not None and first is not None and dep.major < first:
            return "no default pin"
        if dep.major is not None and newest is not None and dep.major < newest.major:
            return f"behind (newest {newest.major})"
        return "ok" if dep.major is not None else "unknown release"

    def to_dict(self) -> dict[str, object]:
        return {
            "latest_version": self.latest_version,
            "latest_release_train": knowledge.release_train(self.latest_version) if self.latest_version else None,
            "pins": [{**p.to_dict(), "verdict": self.pin_status(p)} for p in self.pins],
            "sdks": [{**d.to_dict(), "status": self.sdk_status(d)} for d in self.sdks],
            "advice": list(self.advice),
            "notices": list(self.notices),
        }


def build_version_picture(root: Path, config: Config, *, include_tests: bool = False) -> VersionPicture:
    """Read every Stripe-related source file and manifest below ``root`` (one pass, nothing else run)."""
    from golive_ci.engine import scan

    collector = PictureCollector(root, include_tests=include_tests)
    scan([root], root, config, collectors=[collector], rules_off=True)
    return collector.picture()


class PictureCollector(Collector):
    """The version picture from the files of a scan: manifests, and dynamic-language code that names
    Stripe (test files left out unless ``include_tests``). Sees the file the rules saw, so a manifest
    or a client file is parsed once for the API-version and SDK rules and for the picture."""

    setup_names = frozenset({"root", "include_tests"})

    def __init__(self, root: Path, *, include_tests: bool = False) -> None:
        super().__init__()
        self.root = root
        self.include_tests = include_tests
        self.pins: list[ApiVersionPin] = []
        self.sdks: list[SdkDependency] = []
        self.notices: list[str] = []
        self.global_programs: set[str] = set()
        self.global_inits: list[ApiVersionPin] = []

    def wants(self, relative: str) -> bool:
        if manifest_ecosystem(relative) is not None:
            return True
        return LANGUAGE_BY_SUFFIX.get(posix_path(relative).suffix.lower()) in DYNAMIC_LANGUAGES

    def skipped(self, relative: str, reason: str) -> None:
        self.notices.append(f"{relative}: {reason}")

    def see(self, source: SourceFile) -> None:
        relative, data = source.path, source.data
        if manifest_ecosystem(relative) is not None and any(n in data for n in MANIFEST_NEEDLES):
            try:
                self.sdks.extend(manifest_dependencies(source, self.root))
            except ManifestError as exc:
                self.notices.append(f"{relative}: {exc}")
        if source.language not in DYNAMIC_LANGUAGES or not any(n in data for n in STRIPE_NEEDLES):
            return
        if source.is_test and not self.include_tests:
            return
        try:
            facts = file_facts(source)
        except ParseError as exc:
            self.notices.append(f"{relative}: {exc}")
            return
        for pin in facts.pins:
            self.pins.append(pin)
            if pin.kind == KIND_GLOBAL:
                self.global_programs.add(program_of(pin.language))
        for init in facts.inits:
            if init.is_global:
                self.global_inits.append(
                    ApiVersionPin(init.path, init.line, init.column, init.language, None, init.how, UNPINNED,
                                  KIND_GLOBAL, "", init.in_test)
                )  # fmt: skip

    def picture(self) -> VersionPicture:
        """The picture of the files seen; raises :class:`PictureError` when collecting broke."""
        if self.failure:
            raise PictureError(f"reading the code for the version picture failed: {self.failure}")
        picture = VersionPicture(latest_version=knowledge.latest_api_version(), notices=list(self.notices))
        unpinned = [p for p in self.global_inits if program_of(p.language) not in self.global_programs]
        picture.pins = [*self.pins, *unpinned]
        picture.sdks = list(self.sdks)
        picture.pins.sort(key=lambda p: (p.path, p.line, p.column))
        picture.sdks.sort(key=lambda d: (d.path, d.line))
        picture.advice = _advice(picture)
        return picture


class PictureError(Exception):
    """The version picture could not be built."""


def _places(pins: list[ApiVersionPin], limit: int = 3) -> str:
    shown = ", ".join(f"{p.path}:{p.line}" for p in pins[:limit])
    return shown + (f" and {len(pins) - limit} more" if len(pins) > limit else "")


def _advice(picture: VersionPicture) -> list[str]:
    latest = picture.latest_version
    advice: list[str] = []
    if not picture.pins and not picture.sdks:
        return ["No Stripe client, API-version setting or Stripe SDK dependency found."]
    unpinned = [p for p in picture.pins if p.status == UNPINNED]
    if unpinned:
        advice.append(f"Set an explicit API version at {len(unpinned)} place(s) ({_places(unpinned)}); "
                      f"the newest is {latest}.")  # fmt: skip
    env = [p for p in picture.pins if p.status == ENV]
    if env:
        advice.append(f"Give the environment-provided version a default in code ({_places(env)}).")
    unknown = [p for p in picture.pins if picture.pin_status(p) == UNKNOWN]
    if unknown:
        names = ", ".join(sorted({p.version or "" for p in unknown}))
        advice.append(f"Fix version string(s) that Stripe does not know: {names} ({_places(unknown)}).")
    versions = sorted({p.version for p in picture.pins if p.status == PINNED and p.version})
    if len(versions) > 1:
        advice.append(f"Use one API version everywhere; {len(versions)} are pinned: {', '.join(versions)}.")
    outdated = [p for p in picture.pins if picture.pin_status(p) == OUTDATED]
    if outdated:
        advice.append(f"Upgrade pins that are over a year behind or predate the release trains ({_places(outdated)}) "
                      f"towards {latest}.")  # fmt: skip
    indirect = [p for p in picture.pins if p.status == INDIRECT]
    if indirect:
        advice.append(f"{len(indirect)} version setting(s) come from a constant or config golive-ci cannot read; "
                      "check them by hand.")  # fmt: skip
    for dep in picture.sdks:
        status = picture.sdk_status(dep)
        language = ecosystem_profile(dep.ecosystem)
        v = language.sdk_major_prefix if language is not None else ""
        if status == "floating":
            lock = "" if Path(dep.path).name.startswith("requirements") else " or commit its lock file"
            advice.append(f"Pin {dep.sdk} in {dep.path} (now {dep.spec or 'no version'}){lock}.")
        elif status == "no default pin":
            advice.append(f"Upgrade {dep.sdk} {v}{dep.major} in {dep.path}: it sends no API version by default.")
        elif status.startswith("behind"):
            newest = knowledge.newest_major(dep.sdk)
            target = f"{v}{newest.major} (pins {newest.api_version})" if newest else "the newest major"
            advice.append(f"Upgrade {dep.sdk} {v}{dep.major} in {dep.path} to {target}.")
    typed = [d for d in picture.sdks if d.typed and d.pinned_api_version]
    for dep in typed:
        advice.append(f"{dep.sdk} {dep.resolved or dep.major} fixes the API version at {dep.pinned_api_version}: "
                      "create webhook endpoints with that api_version.")  # fmt: skip
    if versions and len(versions) == 1:
        advice.append(f"Create webhook endpoints with api_version {versions[0]} so events match your code.")
    if not advice:
        advice.append("Nothing to do: every Stripe client is pinned and the SDKs are current.")
    return advice
