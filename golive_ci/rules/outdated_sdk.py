"""outdated-sdk: the Stripe SDK major is far behind the newest known major."""

from __future__ import annotations

import re
from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import ecosystem_profile
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.suppressions import is_suppressed
from golive_ci.versions.facts import API_VERSION_PINS, DYNAMIC_LANGUAGES, STRIPE_NEEDLES, program_of
from golive_ci.versions.manifests import SdkDependency, manifest_ecosystem
from golive_ci.versions.sdk_rules import MANIFEST_DEPENDENCIES, dependencies_for, is_manifest
from golive_ci.versions.values import PINNED

DEFAULT_MAX_MAJORS_BEHIND = 2
DEFAULT_MAX_AGE_DAYS = 365
_INDIRECT = re.compile(r"//\s*indirect\b")


class OutdatedSdkRule(Rule):
    slug = "outdated-sdk"
    checklist = "api-version"
    severity = Severity.WARNING
    summary = (
        "The Stripe SDK is over a year or 3+ majors behind the newest known major (an error if it predates "
        "default version pinning and the code pins no version)."
    )
    why = """
Each SDK major pins an API version; an old major means an old API version (in Go, Java, .NET
and TypeScript you cannot choose another) and missing fixes. A major or two behind, released
within the year, is ordinary upkeep, not a go-live problem: the rule reports an SDK whose major
pins an API version more than 12 months older than the newest known major's, or that is 3 or more
majors behind (warning).

SDKs older than stripe-python 6, stripe-node 12, stripe-ruby 9, stripe-php 12 and stripe-java 8
send no `Stripe-Version` at all: requests use the account's default, which changes when someone
upgrades the account. That is an error only when it really applies: when no code of the same
language in the repository pins a version (`stripe.api_version = …`, `apiVersion`, …). A
dependency declared for development or tests only (`devDependencies`, `require-dev`, a dev or
test group, `requirements-dev.txt`) is at most info.

Each SDK is reported once, where a program uses it: a Go module's `// indirect` requirement is
not (its own code does not import stripe-go; the module that does is reported), and a pip-compile
`requirements.in` is reported through the committed `requirements.txt` compiled from it, not a
second time on its own line (in a hook run that sees only the `.in`, the `.in` is reported).
Besides each ecosystem's usual manifests, a Discourse plugin's `plugin.rb` and a gem's `.gemspec`
(`spec.add_dependency "stripe", "~> 8.0"`; `add_development_dependency` is a dev dependency) are read.

The message names the API version the major pins and the newest major golive-ci knows with the
version it pins (an SDK major pins the API version of its release; `outdated-api-version` speaks
of the newest API version itself). The release used is the one a lock file records, else the one
the manifest names.
"""
    example = """
```
github.com/stripe/stripe-go/v72 v72.122.0          // go.mod: warning, 14 majors and 5 years behind
"stripe": "^8.0.0"                                  // package.json: error if no code pins a version
"stripe": "^21.0.0"                                 // package.json: fine, 2 majors and under a year
```
"""
    fix = """
Upgrade one major at a time, following the SDK's migration guide and the API changelog of the
version it pins; then create new webhook endpoints with that `api_version`. Options
(`[tool.golive-ci.rules.outdated-sdk]`): `max-majors-behind = 2` (how many majors behind the
newest is still fine), `max-age-days = 365` (how much older the pinned API version may be).
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.allowed = self._number("max-majors-behind", DEFAULT_MAX_MAJORS_BEHIND)
        self.max_age = self._number("max-age-days", DEFAULT_MAX_AGE_DAYS)
        self.seen: set[str] = set()
        self.pinning_programs: set[str] = set()
        self.pending: list[tuple[SdkDependency, Finding, Finding | None]] = []

    def _number(self, name: str, default: int) -> int:
        try:
            return int(self.options.get(name, default))
        except (TypeError, ValueError):
            self.context.notice("", f"[tool.golive-ci.rules.outdated-sdk] {name} must be a number")
            return default

    facts = (MANIFEST_DEPENDENCIES, API_VERSION_PINS)  # wants() asks for a needle of one, manifest or code

    def wants(self, source: SourceFile) -> bool:
        if is_manifest(source):
            return True
        return source.language in DYNAMIC_LANGUAGES and not source.is_test and source.contains(*STRIPE_NEEDLES)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        self.seen.add(source.path)
        if source.language in DYNAMIC_LANGUAGES and not source.is_test:
            self._note_pins(source)  # a Discourse plugin.rb is both a manifest and code
        if not is_manifest(source):
            return
        for dep in dependencies_for(self, source):
            if self._judged_elsewhere(source, dep):
                continue
            finding = self._judge(source, dep)
            if finding is None:
                continue
            if finding.severity is Severity.ERROR:
                # Whether the code pins a version is known once every file was seen: decided in finish().
                if not is_suppressed(finding, source):
                    self.pending.append((dep, finding, self._judge(source, dep, code_pins=True)))
                continue
            yield finding

    def _judged_elsewhere(self, source: SourceFile, dep: SdkDependency) -> bool:
        """An SDK this manifest does not own: a Go module's `// indirect` requirement (its own code never
        imports stripe-go; the module that does is judged), or a pip-compile `.in` whose committed `.txt`
        is itself a manifest judged in the same scan (one dependency, one finding)."""
        if dep.ecosystem == "go" and _INDIRECT.search(source.line_text(dep.line)):
            return True
        return bool(dep.lock and dep.resolved) and manifest_ecosystem(dep.lock) is not None and not self.context.partial

    def _note_pins(self, source: SourceFile) -> None:
        from golive_ci.versions.rule_support import facts_for

        facts = facts_for(self, source)
        if facts is None:
            return
        settings = [*facts.pins, *facts.inits]
        if any(item.status == PINNED and not item.in_test for item in settings):
            self.pinning_programs.add(program_of(source.language))

    def finish(self) -> Iterator[Finding]:
        if not self.pending:
            return
        programs = set(self.pinning_programs)
        if self.context.partial:
            from golive_ci.versions.repo_index import other_files_pins

            others = other_files_pins(self.context, self.seen)
            programs |= {program_of(pin.language) for pin in others if pin.status == PINNED}
        for dep, unpinned, pinned in self.pending:
            if dep.ecosystem not in programs:
                yield unpinned
            elif pinned is not None:
                yield pinned

    def _judge(self, source: SourceFile, dep: SdkDependency, *, code_pins: bool = False) -> Finding | None:
        from golive_ci.versions import knowledge

        if dep.major is None:
            return None
        newest = knowledge.newest_major(dep.sdk)
        if newest is None:
            return None
        first_pinning = knowledge.first_pinning_major(dep.sdk)
        language = ecosystem_profile(dep.ecosystem)
        prefix = language.sdk_major_prefix if language is not None else ""
        newest_text = f"the newest {dep.sdk} major golive-ci knows, {prefix}{newest.major}, pins {newest.api_version}"
        source_note = f" (from {dep.lock})" if dep.lock and dep.resolved else ""
        details = {"sdk": dep.sdk, "major": dep.major, "pinned_api_version": dep.pinned_api_version,
                   "newest_major": newest.major, "newest_api_version": newest.api_version, "dev": dep.dev}  # fmt: skip
        dev_note = " (a development/test dependency)" if dep.dev else ""
        if first_pinning is not None and dep.major < first_pinning and not code_pins:
            release = dep.resolved or f"{prefix}{dep.major}"
            return self.finding(
                source, dep.line, 1,
                f"{dep.sdk} {release}{source_note}{dev_note} predates default API-version pinning (from "
                f"{first_pinning}) and no code of this repository pins a version: requests use the account's "
                f"default version, which changes when the account is upgraded; {newest_text}",
                severity=Severity.INFO if dep.dev else Severity.ERROR,
                identity=f"{dep.package}\0{dep.major}", details=details,
            )  # fmt: skip
        majors = newest.major - dep.major
        age = _days_between(dep.pinned_api_version, newest.api_version)
        if majors <= 0 or (majors <= self.allowed and (age is None or age <= self.max_age)):
            return None
        if first_pinning is not None and dep.major < first_pinning:
            pins = "sends no API version of its own (the code sets one)"
        else:
            pins = f"pins {dep.pinned_api_version or 'an API version golive-ci does not know'}"
        behind = f"{majors} major(s)" + (f" and {age // 365} year(s)" if age is not None and age >= 365 else "")
        return self.finding(
            source, dep.line, 1,
            f"{dep.sdk} {prefix}{dep.major}{source_note}{dev_note} {pins}; {newest_text}: {behind} behind",
            severity=Severity.INFO if dep.dev else Severity.WARNING,
            identity=f"{dep.package}\0{dep.major}", details=details,
        )  # fmt: skip


def _days_between(older: str | None, newer: str) -> int | None:
    from golive_ci.versions import knowledge

    if older is None:
        return None
    start, end = knowledge.version_date(older), knowledge.version_date(newer)
    return (end - start).days if start is not None and end is not None else None
