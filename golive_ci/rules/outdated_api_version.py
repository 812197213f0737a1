"""outdated-api-version: a pinned API version far behind the newest."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.facts import API_VERSION_PINS
from golive_ci.versions.rule_support import facts_for, include_tests
from golive_ci.versions.values import PINNED

DEFAULT_MAX_AGE_DAYS = 365


class OutdatedApiVersionRule(Rule):
    slug = "outdated-api-version"
    checklist = "api-version"
    severity = Severity.WARNING
    facts = (API_VERSION_PINS,)
    summary = "A pinned Stripe API version is far behind the newest (over a year, or before the release trains)."
    why = """
Going live on an old API version means building on behaviour Stripe has since changed, and the
upgrade later crosses every breaking change in between (and every webhook payload shape).
Since 2024-09-30 (acacia) Stripe ships named releases twice a year with monthly additive
versions; a version from before the release trains began, or more than a year older than the
newest known version, is worth upgrading before launch. The message names the release train.
Pins are read wherever the code keeps them: the client or global setting, a constant, and a
settings structure (`STRIPE = {"api_version": …}`, `configuration["api_version"] = …`, Laravel's
`'stripe' => ['api_version' => …]`); a `; beta=…` suffix is judged by its date.
"""
    example = """
```ruby
Stripe.api_version = '2020-08-27'   # warning: legacy version, 6 years behind 2026-10-28.endive
```
"""
    fix = """
Read the changelog between your version and the newest (https://docs.stripe.com/upgrades),
test against the new version, then update the pin (and your webhook endpoints' `api_version`).
Options (`[tool.golive-ci.rules.outdated-api-version]`): `max-age-days = 365` (how far behind is
too far), `allow-legacy = false` (true: judge pre-acacia versions by age only), `include-tests`.
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        try:
            self.max_age = int(self.options.get("max-age-days", DEFAULT_MAX_AGE_DAYS))
        except (TypeError, ValueError):
            self.max_age = DEFAULT_MAX_AGE_DAYS
            context.notice("", "[tool.golive-ci.rules.outdated-api-version] max-age-days must be a number")
        self.allow_legacy = bool(self.options.get("allow-legacy", False))

    def check(self, source: SourceFile) -> Iterator[Finding]:
        facts = facts_for(self, source)
        if facts is None:
            return
        from golive_ci.versions import knowledge
        from golive_ci.versions.assess import age_in_days, train_label

        latest = knowledge.latest_api_version()
        tests_too = include_tests(self)
        for pin in facts.pins:
            if pin.status != PINNED or pin.version is None or (pin.in_test and not tests_too):
                continue
            version = pin.version.split(";", 1)[0].strip()
            if not knowledge.is_known_version(version):
                continue  # unknown-api-version speaks for it
            age = age_in_days(version)
            legacy = knowledge.release_train(version) == knowledge.LEGACY
            if age is None or (age <= self.max_age and (self.allow_legacy or not legacy)):
                continue
            behind = f"{age // 365} year(s)" if age >= 365 else f"{age} days"
            yield self.finding(
                source, pin.line, pin.column,
                f"API version {version} ({train_label(version)}) is {behind} behind the newest known "
                f"{latest} ({knowledge.release_train(latest)}); upgrade before going live",
                identity=version, details={"version": version, "train": knowledge.release_train(version),
                                           "latest": latest, "days_behind": age},
            )  # fmt: skip
