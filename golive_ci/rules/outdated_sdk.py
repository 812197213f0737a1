"""outdated-sdk: the Stripe SDK major is behind the newest known major."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.sdk_rules import dependencies_for, is_manifest


class OutdatedSdkRule(Rule):
    slug = "outdated-sdk"
    checklist = "api-version"
    severity = Severity.WARNING
    summary = "The Stripe SDK major is behind the newest known major (an error if it predates default version pinning)."
    why = """
Each SDK major pins an API version; an old major means an old API version (in Go, Java, .NET
and TypeScript you cannot choose another) and missing fixes. SDKs older than stripe-python 6,
stripe-node 12, stripe-ruby 9, stripe-php 12 and stripe-java 8 send no `Stripe-Version` at all:
unless the code pins a version, requests use the account's default, which changes when someone
upgrades the account. Those are errors. The message names the API version the major pins and
the newest known major with its pin, e.g. "stripe-go v72 pins 2020-08-27; latest v86 pins
2026-05-27.dahlia". The release used is the one a lock file records, else the one the manifest
names.
"""
    example = """
```
github.com/stripe/stripe-go/v72 v72.122.0          // go.mod: warning
"stripe": "^8.0.0"                                  // package.json: error, stripe-node 8 does not pin
```
"""
    fix = """
Upgrade one major at a time, following the SDK's migration guide and the API changelog of the
version it pins; then create new webhook endpoints with that `api_version`. Options
(`[tool.golive-ci.rules.outdated-sdk]`): `max-majors-behind = 0` (how many majors behind the
newest is still fine).
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        try:
            self.allowed = int(self.options.get("max-majors-behind", 0))
        except (TypeError, ValueError):
            self.allowed = 0
            context.notice("", "[tool.golive-ci.rules.outdated-sdk] max-majors-behind must be a number")

    def wants(self, source: SourceFile) -> bool:
        return is_manifest(source)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        from golive_ci.versions import knowledge

        for dep in dependencies_for(self, source):
            if dep.major is None:
                continue
            newest = knowledge.newest_major(dep.sdk)
            first_pinning = knowledge.first_pinning_major(dep.sdk)
            if newest is None:
                continue
            prefix = "v" if dep.ecosystem == "go" else ""
            newest_text = f"latest {prefix}{newest.major} pins {newest.api_version}"
            release = dep.resolved or f"{prefix}{dep.major}"
            source_note = f" (from {dep.lock})" if dep.lock and dep.resolved else ""
            if first_pinning is not None and dep.major < first_pinning:
                yield self.finding(
                    source, dep.line, 1,
                    f"{dep.sdk} {release}{source_note} predates default API-version pinning (from {first_pinning}): "
                    f"requests use the account's default version unless code pins one; {newest_text}",
                    severity=Severity.ERROR, identity=f"{dep.package}\0{dep.major}",
                    details={"sdk": dep.sdk, "major": dep.major, "newest_major": newest.major},
                )  # fmt: skip
                continue
            if dep.major >= newest.major - self.allowed:
                continue
            pinned = dep.pinned_api_version or "an API version golive-ci does not know"
            yield self.finding(
                source, dep.line, 1,
                f"{dep.sdk} {prefix}{dep.major}{source_note} pins {pinned}; {newest_text}: "
                f"{newest.major - dep.major} major(s) behind",
                identity=f"{dep.package}\0{dep.major}",
                details={"sdk": dep.sdk, "major": dep.major, "pinned_api_version": dep.pinned_api_version,
                         "newest_major": newest.major, "newest_api_version": newest.api_version},
            )  # fmt: skip
