"""unpinned-sdk: the Stripe SDK dependency floats to whatever release is newest at install time."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import ecosystem_profile
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.sdk_rules import MANIFEST_DEPENDENCIES, dependencies_for, is_manifest


class UnpinnedSdkRule(Rule):
    slug = "unpinned-sdk"
    checklist = "api-version"
    severity = Severity.ERROR
    summary = "The Stripe SDK dependency floats (no version and no lock file, *, latest, +, or a lower bound only)."
    why = """
Every Stripe SDK release pins an API version, and each new major moves to a new release train
with breaking changes. In Go, Java, .NET and TypeScript the SDK release *is* your API version
(Stripe: "you can't target a different version when using a strongly typed language"), so a
floating dependency means the next install silently changes the shape of every response and
of the webhook events your code accepts. In Python, Ruby, PHP and JavaScript a pinned
`api_version` in code protects requests, but a new major still brings breaking library
changes: a warning there. A committed lock file (package-lock.json, yarn.lock, pnpm-lock.yaml,
Gemfile.lock, composer.lock, poetry.lock, uv.lock, Pipfile.lock, gradle.lockfile,
packages.lock.json) that records the release counts as pinned, and so does the
`requirements.txt` that pip-compile made from a `requirements.in` next to it. Bounded ranges
(`^23.0.0`, `~> 20.0`, `52.*`) stay within one major and are not reported. Manifests read: the
usual ones of each ecosystem, and a Discourse plugin's `plugin.rb` (`gem "stripe", "…"`). A gem's
`.gemspec` is not judged here: it declares the range its users may install, and their
`Gemfile.lock` pins the release (`outdated-sdk` still reads it).
"""
    example = """
```
stripe                                   # requirements.txt: warning
"stripe": "latest"                       # package.json of a TypeScript project: error
implementation 'com.stripe:stripe-java:+'   // build.gradle: error
<PackageReference Include="Stripe.net" Version="*" />   <!-- error -->
```
"""
    fix = """
Pin an exact release (`stripe==16.1.0`, `"stripe": "23.1.0"`, `stripe-java:34.0.0`,
`Version="52.2.0"`) or commit the lock file, and upgrade deliberately, reading the SDK's
changelog and the API changelog together. `golive-ci versions` shows which API version each
SDK release pins.
"""

    facts = (MANIFEST_DEPENDENCIES,)  # is_manifest() asks for one of its needles (the hooks load the rule only then)

    def wants(self, source: SourceFile) -> bool:
        return is_manifest(source)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        from golive_ci.versions.manifests import is_floating

        for dep in dependencies_for(self, source):
            if not is_floating(dep) or dep.path.endswith(".gemspec"):
                continue  # a gem declares the range its users may install; their Gemfile.lock pins it
            spec = f"{dep.spec!r}" if dep.spec else "no version"
            lock = f"; the lock file {dep.lock} does not list it" if dep.lock else ""
            if dep.typed:
                impact = "the SDK release fixes the API version, so any install can change it"
                severity = Severity.ERROR
            else:
                impact = "a new major SDK release (with breaking changes) arrives with the next install"
                severity = Severity.WARNING
            language = ecosystem_profile(dep.ecosystem)
            example = language.sdk_pin_example if language is not None else "an exact release"
            yield self.finding(
                source, dep.line, 1,
                f"{dep.sdk} dependency floats ({spec}{lock}): {impact}; pin it, e.g. {example}",
                severity=severity, identity=f"{dep.package}\0{dep.spec}",
                details={"sdk": dep.sdk, "spec": dep.spec, "typed": dep.typed},
            )  # fmt: skip
