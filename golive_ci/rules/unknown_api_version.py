"""unknown-api-version: a pinned version string that is not a real Stripe API version."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.facts import API_VERSION_PINS
from golive_ci.versions.rule_support import facts_for, include_tests
from golive_ci.versions.values import PINNED


class UnknownApiVersionRule(Rule):
    slug = "unknown-api-version"
    checklist = "api-version"
    severity = Severity.ERROR
    facts = (API_VERSION_PINS,)
    summary = "A pinned Stripe API version string is not a real API version."
    why = """
Stripe rejects a request whose `Stripe-Version` is not a version it knows ("Invalid Stripe API
version"), so a typo such as `2023-10-15` (for `2023-10-16`) or a wrong release name such as
`2025-03-31.clover` (it is `2025-03-31.basil`) breaks every call the moment it is deployed.
Versions since 2024-09-30 carry their release name (`2026-03-25.dahlia`). A `.preview` or
beta version is a warning: it only works with preview SDKs and changes without notice.
golive-ci checks against the version list it ships (refreshed from the stripe SDK's own list);
a well-formed version newer than that list is a warning asking you to update golive-ci.
"""
    example = """
```python
stripe.api_version = "2023-10-15"                 # error: did you mean 2023-10-16?
client = StripeClient(key, stripe_version="2025-03-31.clover")   # error: 2025-03-31.basil
```
"""
    fix = """
Use a version from Stripe's changelog; `golive-ci versions` prints the newest one and every pin
in the repository. Options (`[tool.golive-ci.rules.unknown-api-version]`): `include-tests = true`.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        facts = facts_for(self, source)
        if facts is None:
            return
        from golive_ci.versions.assess import NEWER, OK, PREVIEW, SPECIAL, check_version

        tests_too = include_tests(self)
        for pin in facts.pins:
            if pin.status != PINNED or pin.version is None or (pin.in_test and not tests_too):
                continue
            verdict = check_version(pin.version)
            if verdict.status == OK:
                continue
            severity = Severity.WARNING if verdict.status in (PREVIEW, SPECIAL, NEWER) else Severity.ERROR
            yield self.finding(
                source, pin.line, pin.column, f"{verdict.message} (set by {pin.how})",
                severity=severity, identity=pin.version,
                details={"version": pin.version, "suggestion": verdict.suggestion},
            )  # fmt: skip
