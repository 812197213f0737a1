"""API-version facts shared by the version checks: trains, the code's versions, the account default."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from golive_ci.account.code import CodeFacts
from golive_ci.account.facts import AccountFacts, Failure

TYPED_ECOSYSTEMS = {"go": "Go", "dotnet": ".NET", ".net": ".NET", "csharp": ".NET", "java": "Java"}


def release_train(version: str) -> str:
    """``2026-10-28.endive`` -> ``endive``; versions before release trains are their own train."""
    _, dot, name = version.partition(".")
    return name if dot else version


@dataclass
class CodeVersions:
    pinned: list[tuple[str, str]] = field(default_factory=list)  # (version, where)
    unpinned: list[str] = field(default_factory=list)  # where the client is set up without a version
    unreadable: list[str] = field(default_factory=list)  # pinned from the environment or a run-time value
    sdk_versions: list[tuple[str, str]] = field(default_factory=list)  # (ecosystem, API version the SDK pins)
    typed: list[tuple[str, str]] = field(default_factory=list)  # (language label, API version) for Go/.NET/Java
    latest: str | None = None
    failure: Failure | None = None

    @property
    def expected(self) -> set[str]:
        """The versions the code's requests and payload handling assume."""
        if self.pinned:
            return {version for version, _ in self.pinned}
        return {version for _, version in self.sdk_versions}


def code_versions(code: CodeFacts) -> CodeVersions:
    fact = code.versions
    if not fact.ok:
        return CodeVersions(failure=fact.failure)
    data: dict[str, Any] = fact.value or {}
    result = CodeVersions(latest=data.get("latest_version"))
    for pin in data.get("pins") or []:
        version = pin.get("version")
        where = str(pin.get("where", "code"))
        if isinstance(version, str) and version:
            result.pinned.append((version, where))
        elif pin.get("status", "unpinned") == "unpinned":
            result.unpinned.append(where)
        else:  # set from an environment variable or a value read at run time: pinned, value unknown
            result.unreadable.append(where)
    for sdk in data.get("sdks") or []:
        version = sdk.get("pinned_api_version")
        ecosystem = str(sdk.get("ecosystem") or "").lower()
        if isinstance(version, str) and version:
            result.sdk_versions.append((ecosystem, version))
            if ecosystem in TYPED_ECOSYSTEMS:
                result.typed.append((TYPED_ECOSYSTEMS[ecosystem], version))
    return result


def account_default(facts: AccountFacts) -> tuple[str | None, Failure | None, list[str]]:
    """The account's default API version as seen on the newest live events, with evidence."""
    fact = facts.recent_events
    if not fact.ok:
        return None, fact.failure, []
    events = [e for e in fact.value or [] if isinstance(e, dict) and e.get("api_version")]
    if not events:
        return None, Failure("not-found", "no live events yet, so the account default version is not visible"), []
    newest = max(events, key=lambda e: e.get("created") or 0)
    seen = Counter(str(e["api_version"]) for e in events)
    evidence = [f"newest live event {newest.get('id')} ({newest.get('type')}) has api_version {newest['api_version']}"]
    if len(seen) > 1:
        evidence.append("versions on recent events: " + ", ".join(f"{v} ×{n}" for v, n in seen.most_common()))
    return str(newest["api_version"]), None, evidence
