"""account-api-version: the account default version, against the code's pin and the SDK's."""

from __future__ import annotations

from golive_ci.account.checks.base import AccountCheck, CheckContext
from golive_ci.account.checks.versions import account_default, code_versions
from golive_ci.account.model import CheckResult
from golive_ci.findings import Severity


class AccountApiVersion(AccountCheck):
    slug = "account-api-version"
    checklist = "api-version"
    severity = Severity.WARNING
    summary = "The account's default API version (seen on the newest live events) matches the code's pinned version."
    why = """
Requests that do not send a `Stripe-Version` header, and webhook endpoints without an
`api_version`, use the account's default version. Code that does not pin a version silently
changes behaviour the day someone upgrades the account in the Dashboard. Pinned code is safe
for its own requests, but a default far from the pin still shapes events of unpinned endpoints.
"""
    example = """
```
account-api-version: the code does not pin an API version: it follows the account default 2023-10-16
```
"""
    fix = """
Pin the version in code where the client is created (`stripe.StripeClient(key, stripe_version=…)`,
`new Stripe(key, { apiVersion: … })`, …) to the version you tested with; upgrade the account
default in Workbench only after testing, and give webhook endpoints an explicit `api_version`.
"""

    def run(self, context: CheckContext) -> CheckResult:
        default, failure, evidence = account_default(context.facts)
        versions = code_versions(context.code)
        if failure is not None:
            return self.unverified(failure, "could not see the account default version")
        assert default is not None
        if versions.failure is not None:
            return self.unverified(
                versions.failure, f"account default is {default}, but the code's version is unknown", evidence
            )
        if versions.latest and versions.latest != default:
            evidence.append(f"newest known API version: {versions.latest}")
        for version, where in versions.pinned:
            evidence.append(f"pinned {version} at {where}")
        for ecosystem, version in versions.sdk_versions:
            evidence.append(f"the {ecosystem} SDK release in use sends {version} unless the code pins another")
        for where in versions.unreadable:
            evidence.append(f"pinned from the environment or a run-time value at {where} (not compared)")
        if versions.unpinned and not versions.sdk_versions:
            where = ", ".join(versions.unpinned[:3])
            return self.result(
                "warning",
                f"the code does not pin an API version ({where}): it follows the account default {default}",
                evidence,
                "Pin the API version where the Stripe client is created.",
            )
        expected = versions.expected
        if not expected:
            return self.result(
                "warning",
                f"no pinned API version found in the code: requests may follow the account default {default}",
                evidence,
                "Pin the API version where the Stripe client is created.",
            )
        if default in expected and len(expected) == 1:
            return self.result("pass", f"the code and the account default both use {default}", evidence)
        others = ", ".join(sorted(expected - {default}))
        source = "pins" if versions.pinned else "SDK sends"
        return self.result(
            "warning",
            f"the account default is {default}, the code {source} {others}: unpinned webhook endpoints and "
            "Dashboard-made requests use the account default",
            evidence,
            "Test with the account default or upgrade it in Workbench to the pinned version once tested.",
        )
