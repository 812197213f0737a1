"""What the code says: referenced object IDs, handled event types, pinned API versions, SDKs.

Each comes from another part of golive-ci and is imported lazily; when a part is missing or fails,
the fact is a :class:`Failure` and the checks that need it say "could not verify".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive_ci.account.code_pass import CodeFactsCollector, ReferencesCollector
from golive_ci.account.facts import Fact
from golive_ci.config import Config


@dataclass
class CodeFacts:
    # {"ids": {id: {"kind", "locations"}}, "lookup_keys": {key: [locations]}}
    references: Fact = field(default_factory=lambda: Fact.missing("not-configured", "not collected"))
    # event type -> ["path:line", …]
    handled_events: Fact = field(default_factory=lambda: Fact.missing("not-configured", "not collected"))
    # {"pins": [{"version", "where"}], "sdks": [{"ecosystem", "package", "pinned_api_version"}], "latest_version"}
    versions: Fact = field(default_factory=lambda: Fact.missing("not-configured", "not collected"))
    # route path -> ["path:line", …]: where the code serves Stripe webhooks
    webhook_routes: Fact = field(default_factory=lambda: Fact.missing("not-configured", "not collected"))
    # {"portal": [{"where", "configuration"}], "automatic_tax": ["path:line"]}
    billing: Fact = field(default_factory=lambda: Fact.missing("not-configured", "not collected"))
    # Files the collections could not read or check ("zero.py: a symbolic link, not followed"), for the report.
    notes: list[str] = field(default_factory=list)

    def object_ids(self) -> dict[str, dict[str, Any]]:
        return dict(self.references.value.get("ids", {})) if self.references.ok else {}

    def lookup_keys(self) -> dict[str, list[str]]:
        return dict(self.references.value.get("lookup_keys", {})) if self.references.ok else {}

    def billing_needs(self) -> frozenset[str]:
        """The billing settings to read: "portal" (a session without a configuration), "tax" (automatic tax)."""
        if not self.billing.ok:
            return frozenset()
        usage = self.billing.value or {}
        needs = set()
        if any(not session.get("configuration") for session in usage.get("portal") or []):
            needs.add("portal")
        if usage.get("automatic_tax"):
            needs.add("tax")
        return frozenset(needs)


def collect_code_facts(root: Path, config: Config, version_picture: Any = None) -> CodeFacts:
    """Every code fact from one pass over the files. ``version_picture``: one the caller already
    built for this run."""
    from golive_ci.engine import scan
    from golive_ci.versions.picture import PictureCollector

    collectors = code_collectors(root, config)
    picture = PictureCollector(root) if version_picture is None else None
    try:
        scan([root], root, config, collectors=[*collectors, *([picture] if picture else [])], rules_off=True)
    except Exception as exc:  # listing or reading the repository failed: nothing can be verified
        for collector in (*collectors, picture):
            if collector is not None:
                collector.failure = exc.__class__.__name__
    return code_facts_from(collectors, picture if picture is not None else version_picture)


def code_collectors(root: Path, config: Config) -> tuple[CodeFactsCollector, ReferencesCollector]:
    """What a scan must be given to learn the account checks' code facts (:func:`code_facts_from`)."""
    return CodeFactsCollector(), ReferencesCollector(root, config)


def code_facts_from(collectors: tuple[CodeFactsCollector, ReferencesCollector], version_picture: Any) -> CodeFacts:
    """The code facts the collectors learnt; ``version_picture`` is a picture or its collector."""
    code, references = collectors
    notes = list(code.notes)
    handled_events, webhook_routes, billing = code.facts()
    versions = versions_of(version_picture, notes)
    notes += references.notes
    facts = CodeFacts(
        references=references.fact(),
        handled_events=handled_events,
        versions=versions,
        webhook_routes=webhook_routes,
        billing=billing,
    )
    facts.notes = list(dict.fromkeys(notes))
    return facts


def collect_in_one_pass(root: Path, config: Config, notes: list[str] | None = None) -> tuple[Fact, Fact, Fact]:
    """The handled event types, the webhook routes and the billing use, from one read of each code
    file. A collector that fails is "could not verify" on its own; the others go on."""
    from golive_ci.engine import scan

    collector = CodeFactsCollector()
    try:
        scan([root], root, config, collectors=[collector], rules_off=True)
    except Exception as exc:  # listing or reading the repository failed: nothing can be verified
        collector.failure = exc.__class__.__name__
    if notes is not None:
        notes.extend(collector.notes)
    return collector.facts()


def collect_references(root: Path, config: Config, notes: list[str] | None = None) -> Fact:
    """Object IDs and lookup keys, found by the test-object-id rule (even when the scan ignores it)."""
    from golive_ci.engine import scan

    collector = ReferencesCollector(root, config)
    try:
        scan([root], root, config, collectors=[collector], rules_off=True)
    except Exception as exc:  # a broken scan must not pass the live-objects check
        collector.failure = exc.__class__.__name__
    if notes is not None:
        notes.extend(collector.notes)
    return collector.fact()


def versions_of(picture: Any, notes: list[str] | None = None) -> Fact:
    """The versions fact of a version picture, or of the collector that saw the files for one."""
    from golive_ci.versions.picture import PictureCollector

    if not isinstance(picture, PictureCollector):
        return versions_fact(picture, notes)
    if picture.failure:
        return Fact.missing("other", f"reading the code's API version failed: {picture.failure}")
    return versions_fact(picture.picture(), notes)


def versions_fact(picture: Any, notes: list[str] | None = None) -> Fact:
    if notes is not None:
        notes.extend(str(notice) for notice in getattr(picture, "notices", []) or [])
    pins = [
        {"version": getattr(pin, "version", None), "status": str(getattr(pin, "status", "")), "where": _where(pin)}
        for pin in getattr(picture, "pins", []) or []
        if not getattr(pin, "in_test", False)
    ]
    sdks = [
        {
            "ecosystem": str(getattr(sdk, "ecosystem", "") or ""),
            "package": str(getattr(sdk, "package", "") or getattr(sdk, "name", "") or ""),
            "pinned_api_version": getattr(sdk, "pinned_api_version", None),
        }
        for sdk in getattr(picture, "sdks", []) or []
    ]
    if not pins and not sdks:
        return Fact.missing("not-found", "no Stripe client setup and no Stripe SDK dependency were found in the code")
    return Fact({"pins": pins, "sdks": sdks, "latest_version": getattr(picture, "latest_version", None)})


def _where(item: Any) -> str:
    path = getattr(item, "path", None)
    line = getattr(item, "line", None)
    if path is None:
        return "code"
    return f"{path}:{line}" if line else str(path)
