"""inconsistent-api-version: different API versions pinned in one repository."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.facts import API_VERSION_PINS, ApiVersionPin
from golive_ci.versions.manifests import deployable_root
from golive_ci.versions.rule_support import facts_for, include_tests
from golive_ci.versions.values import PINNED

_LISTED = 6  # places named per version in the message


class InconsistentApiVersionRule(Rule):
    slug = "inconsistent-api-version"
    checklist = "api-version"
    severity = Severity.WARNING
    facts = (API_VERSION_PINS,)
    summary = "Different Stripe API versions are pinned in one repository."
    why = """
Two pins mean two shapes of the same objects: a webhook handler written for one version reads
events of another, a service upgraded alone disagrees with its neighbour about a field that was
renamed. Pins across the repository (clients, global settings, per-request options and
`STRIPE_API_VERSION`-style constants) should agree; the finding lists them together.
Pins are compared within one deployable: files under a folder with its own package manifest
(`package.json`, `pyproject.toml`, `Gemfile`, `composer.json`, …) form one program, and a
separately deployed package (a Stripe App, a second service) may pin its own version. A preview
version (`….preview`) is never compared: Stripe's preview features are called with a preview
version beside the GA pin on purpose.
"""
    example = """
```python
# billing/settings.py
import stripe
stripe.api_version = "2024-06-20"                                       # warning
```
```js
// web/server.js
import Stripe from "stripe";
const stripe = new Stripe(key, { apiVersion: '2026-10-28.endive' });   // warning
```
"""
    fix = """
Pick one version (usually the newest you have tested) and pin it everywhere, ideally from a
single constant. In a pre-commit run that sees only changed files, the other files' pins are
read with `git grep` so a change that introduces a second version is caught at commit time.
Options (`[tool.golive-ci.rules.inconsistent-api-version]`): `include-tests = true`.
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.seen: set[str] = set()
        self.pins: list[ApiVersionPin] = []
        self.suppressed: set[tuple[str, int]] = set()

    def check(self, source: SourceFile) -> Iterable[Finding]:
        self.seen.add(source.path)
        facts = facts_for(self, source)
        if facts is None:
            return ()
        from golive_ci.suppressions import is_suppressed

        tests_too = include_tests(self)
        for pin in facts.pins:
            if pin.status == PINNED and pin.version and (tests_too or not pin.in_test):
                if self.context.partial and not self.pins:  # finish() reads the other files: let git start
                    from golive_ci.versions.repo_index import start_search

                    start_search(self.context)
                self.pins.append(pin)
                probe = self.finding(source, pin.line, pin.column, "")
                if is_suppressed(probe, source):
                    self.suppressed.add((pin.path, pin.line))
        return ()

    def finish(self) -> Iterator[Finding]:
        pins = list(self.pins)
        if self.context.partial and pins:
            from golive_ci.versions.repo_index import other_files_pins

            tests_too = include_tests(self)
            pins += [
                p for p in other_files_pins(self.context, self.seen, tests=tests_too)
                if p.status == PINNED and p.version and (tests_too or not p.in_test)
            ]  # fmt: skip
        # Each deployable (a folder with its own package manifest) is its own program, and a preview
        # version is meant to be used beside a GA pin, per request, for preview endpoints.
        known: dict[str, str] = {}
        by_deployable: dict[str, list[ApiVersionPin]] = {}
        for pin in pins:
            if not is_preview(pin.version or ""):
                by_deployable.setdefault(deployable_root(self.context.root, pin.path, known), []).append(pin)
        for group in by_deployable.values():
            yield from self._report(group)

    def _report(self, pins: list[ApiVersionPin]) -> Iterator[Finding]:
        by_version: dict[str, list[ApiVersionPin]] = {}
        for pin in pins:
            by_version.setdefault(_normalise(pin.version or ""), []).append(pin)
        if len(by_version) < 2:
            return
        summary = "; ".join(
            f"{version} at {', '.join(f'{p.path}:{p.line}' for p in places[:_LISTED])}"
            + (f" and {len(places) - _LISTED} more" if len(places) > _LISTED else "")
            for version, places in sorted(by_version.items())
        )
        # One finding per file, at its first pin: the message already names every place.
        by_file: dict[str, list[ApiVersionPin]] = {}
        for pin in pins:
            if pin.path in self.seen and (pin.path, pin.line) not in self.suppressed:
                by_file.setdefault(pin.path, []).append(pin)
        for path, here in sorted(by_file.items()):
            here.sort(key=lambda p: (p.line, p.column))
            first = here[0]
            versions = sorted({_normalise(p.version or "") for p in here})
            also = f" (this file: {len(here)} pins)" if len(here) > 1 else ""
            yield self.finding(
                path, first.line, first.column,
                f"{len(by_version)} different Stripe API versions are pinned in this repository{also}: {summary}",
                identity=",".join(versions),
                details={"version": versions[0], "versions": sorted(by_version), "lines": [p.line for p in here]},
            )  # fmt: skip


def is_preview(version: str) -> bool:
    """A preview API version (``2026-03-25.preview``), used per request for preview features."""
    return version.strip().split(";")[0].strip().endswith(".preview")


def _normalise(version: str) -> str:
    return version.strip()
