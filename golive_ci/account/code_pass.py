"""The account checks' code facts as collectors of the scan's one pass over the files.

:class:`CodeFactsCollector` finds the handled event types, the webhook routes and the billing use;
:class:`ReferencesCollector` the object IDs and lookup keys (the test-object-id rule, every
reference). Both see the :class:`SourceFile` the static rules saw (golive_ci.collector), so
``ci`` reads and parses each file once for the report and the account checks.
"""

from __future__ import annotations

from typing import Any

from golive_ci.account.facts import Fact
from golive_ci.collector import Collector
from golive_ci.config import Config
from golive_ci.findings import Finding, Report
from golive_ci.posix_paths import posix_path
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from golive_ci.sourcefile import SourceFile

EVENTS = "handled event types"
ROUTES = "webhook routes"
BILLING = "billing portal and automatic tax use"
REFERENCES = "test-object-id"


class CodeFactsCollector(Collector):
    """Every code file (by suffix, up to 2 MiB): event types, routes, billing use. One part that
    fails is "could not verify" on its own; the others go on."""

    setup_names = frozenset({"adders"})

    def __init__(self) -> None:
        super().__init__()
        self.handled: dict[str, list[str]] = {}
        self.routes: dict[str, list[str]] = {}
        self.usage: dict[str, Any] = {"portal": [], "automatic_tax": []}
        self.failed: dict[str, str] = {}  # part -> class name of what it raised
        self.notes: list[str] = []
        self.adders = _adders()

    def wants(self, relative: str) -> bool:
        return posix_path(relative).suffix.lower() in LANGUAGE_BY_SUFFIX

    def see(self, source: SourceFile) -> None:
        for name, add in self.adders.items():
            if name in self.failed:
                continue
            try:
                add(self, source)
            except Exception as exc:
                self.failed[name] = exc.__class__.__name__

    def skipped(self, relative: str, reason: str) -> None:
        self.notes.append(f"{relative}: {reason}")

    def facts(self) -> tuple[Fact, Fact, Fact]:
        """(handled event types, webhook routes, billing use)."""
        failed = dict.fromkeys((EVENTS, ROUTES, BILLING), self.failure) if self.failure else self.failed

        def failure(name: str) -> Fact | None:
            what = name if name.startswith("billing") else f"the {name}"
            return Fact.missing("other", f"finding {what} failed: {failed[name]}") if name in failed else None

        events = failure(EVENTS) or (
            Fact(dict(sorted(self.handled.items())))
            if self.handled
            else Fact.missing("not-found", "no webhook handler that branches on event types was found in the code")
        )
        routes = failure(ROUTES) or (
            Fact(dict(sorted(self.routes.items())))
            if self.routes
            else Fact.missing("not-found", "no Stripe webhook route was found in the code")
        )
        return events, routes, failure(BILLING) or Fact(self.usage)


def _adders() -> dict[str, Callable[[CodeFactsCollector, SourceFile], None]]:
    """Looked up when a run starts (tests replace them)."""
    from golive_ci.account.billing_usage import add_billing_usage
    from golive_ci.webhooks.events import add_handled_event_types
    from golive_ci.webhooks.routes import add_webhook_routes

    return {
        EVENTS: lambda collector, source: add_handled_event_types(collector.handled, source),
        ROUTES: lambda collector, source: add_webhook_routes(collector.routes, source),
        BILLING: lambda collector, source: add_billing_usage(collector.usage, source),
    }


class ReferencesCollector(Collector):
    """Object IDs and lookup keys, found by the test-object-id rule (even when the scan ignores it)
    with every reference: the static rule leaves out test-marked IDs and groups tables, this does not."""

    setup_names = frozenset({"rule", "rule_context", "options"})
    limit = 1 << 62  # what the rules see: the engine's own size policy applies
    as_rules_see = True

    def __init__(self, root: Path, config: Config) -> None:
        from golive_ci.rules import load_rule
        from golive_ci.rules.base import RuleContext
        from golive_ci.rules.test_object_id import EVERY_REFERENCE

        super().__init__()
        options = {**config.rules, REFERENCES: {**config.rule_options(REFERENCES), EVERY_REFERENCE: True}}
        own = config.replace(select=None, ignore=[s for s in config.ignore if s != REFERENCES], rules=options)
        self.rule_context = RuleContext(root=root, config=own)
        self.options = config.rule_options(REFERENCES)
        self.findings: list[Finding] = []
        try:
            self.rule = load_rule(REFERENCES)(self.rule_context)
        except Exception as exc:  # a configuration the rule cannot take: "could not verify", not a crash
            self.rule, self.failure = None, exc.__class__.__name__
        self.notes: list[str] = [_note(n.path, n.message) for n in self.rule_context.notices]
        self.rule_context.notices.clear()

    def wants(self, relative: str) -> bool:
        return True

    def see(self, source: SourceFile) -> None:
        from golive_ci.engine import run_rules

        report = Report()
        run_rules(source, [self.rule], self.rule_context, report)
        self.findings.extend(report.findings)
        self.notes.extend(_note(n.path, n.message) for n in self.rule_context.notices)
        self.rule_context.notices.clear()

    def skipped(self, relative: str, reason: str) -> None:
        # A committed link holds its target's name, never an object ID: git grep's prefilter kept the
        # reference scan from opening it when that scan was a pass of its own; say so the same way.
        if not reason.startswith("a symbolic link"):
            self.notes.append(_note(relative, reason))

    def fact(self) -> Fact:
        if self.failure:  # a broken scan must not pass the live-objects check
            return Fact.missing("other", f"collecting object IDs from the code failed: {self.failure}")
        ids: dict[str, dict[str, Any]] = {}
        lookup_keys: dict[str, list[str]] = {}
        found = [*self.findings, *(self.rule.finish() if self.rule is not None else ())]
        for finding in sorted(found, key=Finding.sort_key):
            where = f"{finding.path}:{finding.line}"
            details = finding.details
            if "object_id" in details:
                kind = str(details["object_kind"])
                ids.setdefault(str(details["object_id"]), {"kind": kind, "locations": []})["locations"].append(where)
            elif "lookup_key" in details:
                lookup_keys.setdefault(str(details["lookup_key"]), []).append(where)
        for option, kind in (("coupons", "coupon"), ("plans", "plan")):
            values = self.options.get(option)
            for value in values if isinstance(values, list) else []:
                if isinstance(value, str) and value.strip():
                    ids.setdefault(value.strip(), {"kind": kind, "locations": ["configuration"]})
        return Fact({"ids": ids, "lookup_keys": lookup_keys})


def _note(path: str, message: str) -> str:
    message = message.removesuffix("; not scanned")
    return f"{path}: {message}" if path else message
