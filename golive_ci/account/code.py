"""What the code says: referenced object IDs, handled event types, pinned API versions, SDKs.

Each comes from another part of golive-ci and is imported lazily; when a part is missing or fails,
the fact is a :class:`Failure` and the checks that need it say "could not verify".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive_ci.account.facts import Fact
from golive_ci.config import Config

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from golive_ci.sourcefile import SourceFile


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
    """``version_picture``: one the caller already built for this run (``ci`` shows it too)."""
    notes: list[str] = []
    handled_events, webhook_routes, billing = collect_in_one_pass(root, config, notes)
    versions = (
        collect_versions(root, config, notes) if version_picture is None else versions_fact(version_picture, notes)
    )
    facts = CodeFacts(
        references=collect_references(root, config, notes),
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
    from golive_ci.account.billing_usage import add_billing_usage
    from golive_ci.sources.code_files import read_code_files
    from golive_ci.webhooks.events import add_handled_event_types
    from golive_ci.webhooks.routes import add_webhook_routes

    handled: dict[str, list[str]] = {}
    routes: dict[str, list[str]] = {}
    usage: dict[str, Any] = {"portal": [], "automatic_tax": []}
    adders: dict[str, Callable[[SourceFile], None]] = {
        "handled event types": lambda source: add_handled_event_types(handled, source),
        "webhook routes": lambda source: add_webhook_routes(routes, source),
        "billing portal and automatic tax use": lambda source: add_billing_usage(usage, source),
    }
    failed: dict[str, str] = {}
    try:
        for source in read_code_files(root, config, notes):
            for name, add in adders.items():
                if name in failed:
                    continue
                try:
                    add(source)
                except Exception as exc:
                    failed[name] = exc.__class__.__name__
    except Exception as exc:  # listing or reading the repository failed: nothing can be verified
        failed = dict.fromkeys(adders, exc.__class__.__name__)

    def failure(name: str) -> Fact | None:
        what = name if name.startswith("billing") else f"the {name}"
        return Fact.missing("other", f"finding {what} failed: {failed[name]}") if name in failed else None

    events = failure("handled event types") or (
        Fact(dict(sorted(handled.items())))
        if handled
        else Fact.missing("not-found", "no webhook handler that branches on event types was found in the code")
    )
    found_routes = failure("webhook routes") or (
        Fact(dict(sorted(routes.items())))
        if routes
        else Fact.missing("not-found", "no Stripe webhook route was found in the code")
    )
    billing = failure("billing portal and automatic tax use") or Fact(usage)
    return events, found_routes, billing


def collect_references(root: Path, config: Config, notes: list[str] | None = None) -> Fact:
    """Object IDs and lookup keys, found by the test-object-id rule (even when the scan ignores it)."""
    from golive_ci.engine import scan

    slug = "test-object-id"
    from golive_ci.rules.test_object_id import EVERY_REFERENCE

    # Every reference: the static rule leaves out test-marked IDs and groups tables, this check does not.
    options = {**config.rules, slug: {**config.rule_options(slug), EVERY_REFERENCE: True}}
    own = config.replace(select=None, ignore=[s for s in config.ignore if s != slug], rules=options)
    try:
        report = scan([root], root, own, select=[slug])
    except Exception as exc:  # a broken scan must not pass the live-objects check
        return Fact.missing("other", f"collecting object IDs from the code failed: {exc.__class__.__name__}")
    if notes is not None:
        for notice in report.notices:
            message = notice.message.removesuffix("; not scanned")
            notes.append(f"{notice.path}: {message}" if notice.path else message)
    ids: dict[str, dict[str, Any]] = {}
    lookup_keys: dict[str, list[str]] = {}
    for finding in report.findings:
        where = f"{finding.path}:{finding.line}"
        details = finding.details
        if "object_id" in details:
            entry = ids.setdefault(str(details["object_id"]), {"kind": str(details["object_kind"]), "locations": []})
            entry["locations"].append(where)
        elif "lookup_key" in details:
            lookup_keys.setdefault(str(details["lookup_key"]), []).append(where)
    rule_options = config.rule_options(slug)
    for option, kind in (("coupons", "coupon"), ("plans", "plan")):
        for value in rule_options.get(option, []) if isinstance(rule_options.get(option), list) else []:
            if isinstance(value, str) and value.strip():
                ids.setdefault(value.strip(), {"kind": kind, "locations": ["configuration"]})
    return Fact({"ids": ids, "lookup_keys": lookup_keys})


def collect_handled_events(root: Path, config: Config, notes: list[str] | None = None) -> Fact:
    from golive_ci.webhooks.events import collect_handled_event_types

    try:
        found = collect_handled_event_types(root, config, notes)
    except Exception as exc:
        return Fact.missing("other", f"finding the handled event types failed: {exc.__class__.__name__}")
    if not found:
        return Fact.missing("not-found", "no webhook handler that branches on event types was found in the code")
    return Fact({str(event): [str(where) for where in places] for event, places in dict(found).items()})


def collect_webhook_routes(root: Path, config: Config, notes: list[str] | None = None) -> Fact:
    from golive_ci.webhooks.routes import collect_webhook_routes as collect

    try:
        found = collect(root, config, notes)
    except Exception as exc:
        return Fact.missing("other", f"finding the webhook routes failed: {exc.__class__.__name__}")
    if not found:
        return Fact.missing("not-found", "no Stripe webhook route was found in the code")
    return Fact(found)


def collect_billing(root: Path, config: Config, notes: list[str] | None = None) -> Fact:
    from golive_ci.account.billing_usage import collect_billing_usage

    try:
        return Fact(collect_billing_usage(root, config, notes))
    except Exception as exc:
        return Fact.missing("other", f"finding billing portal and automatic tax use failed: {exc.__class__.__name__}")


def collect_versions(root: Path, config: Config, notes: list[str] | None = None) -> Fact:
    from golive_ci.versions.picture import build_version_picture

    try:
        picture = build_version_picture(root, config)
    except Exception as exc:
        return Fact.missing("other", f"reading the code's API version failed: {exc.__class__.__name__}")
    return versions_fact(picture, notes)


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
