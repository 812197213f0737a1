"""sdk-retries: automatic network retries switched off, or left at an SDK default of none."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.code_text import in_string_or_comment
from golive_ci.findings import Finding, Severity
from golive_ci.lang import code_languages, ecosystem_profile
from golive_ci.retries import (
    COMMENT_STARTS,
    DEFAULT_RETRIES,
    EXPLICIT_ZERO,
    FIRST_RETRYING_MAJOR,
    MENTIONS_SETTING,
    RETRY_NEEDLES,
)
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.facts import API_VERSION_PINS, STRIPE_NEEDLES, ClientInit, program_of
from golive_ci.versions.manifests import MANIFEST_NEEDLES, SdkDependency
from golive_ci.versions.sdk_rules import MANIFEST_DEPENDENCIES, dependencies_for, is_manifest


class SdkRetriesRule(Rule):
    slug = "sdk-retries"
    checklist = "error-handling"
    severity = Severity.INFO
    summary = "Stripe SDK network retries switched off (`max_network_retries = 0`) or left at an SDK default of none."
    why = """
Connections drop and Stripe occasionally answers 409, 429 or 5xx. The SDKs retry such requests
with backoff, and add an idempotency key so a retried POST cannot run twice; an integration that
retries nothing shows customers an error for a payment that would have gone through a second later.

Reported: retries set to a literal 0 in any SDK (`stripe.max_network_retries = 0`,
`StripeClient(…, max_network_retries=0)`, `maxNetworkRetries: 0`, `Stripe::setMaxNetworkRetries(0)`,
`Stripe.setMaxNetworkRetries(0)`, `MaxNetworkRetries: stripe.Int64(0)`,
`StripeConfiguration.MaxNetworkRetries = 0`); and, in a full scan, a client set up with an SDK
release that retries nothing by default while no code of that program sets the option:
stripe-python before 11.0.0 (the module setting and `StripeClient` default to 0; 2 from 11.0.0) and
stripe-node before 13.0.0 (0; 1 from 13.0.0, stripe-node PR #1803). The release is the one the lock
file records, else the one the manifest names; with no manifest nothing is assumed. stripe-dotnet
has retried twice by default since 2020; for the other SDKs only an explicit 0 is reported.
Test files are not checked. Info: a deliberate choice (a job queue that retries itself) is fine —
suppress it with `golive-ci: ignore[sdk-retries]` on the line.
"""
    example = """
```python
stripe.max_network_retries = 0
```

```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { maxNetworkRetries: 0 });
```
"""
    fix = """
Let the SDK retry (2 is the usual choice); keys for retried POSTs are added for you:

```python
stripe.max_network_retries = 2
```

```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2 });
```
"""
    facts = (MANIFEST_DEPENDENCIES, API_VERSION_PINS)  # code files and SDK manifests
    # wants() asks for one of them: the facts' needles, and a retry setting (wider than the facts')
    needles = tuple(dict.fromkeys((*MANIFEST_NEEDLES, *STRIPE_NEEDLES, *RETRY_NEEDLES)))

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.dependencies: dict[str, list[SdkDependency]] = {}
        # (path, client set-up) per program; paths, not SourceFiles: a pooled scan sends this state back
        self.inits: dict[str, list[tuple[str, ClientInit]]] = {}
        self.configured: set[str] = set()

    def wants(self, source: SourceFile) -> bool:
        if is_manifest(source):
            return True
        if source.language not in code_languages() or source.is_test:
            return False
        return source.contains(*STRIPE_NEEDLES) or source.contains(*RETRY_NEEDLES)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if is_manifest(source):
            for dep in dependencies_for(self, source):
                if not dep.dev and dep.ecosystem in FIRST_RETRYING_MAJOR:
                    self.dependencies.setdefault(dep.ecosystem, []).append(dep)
            if source.language is None:
                return
        program = program_of(source.language)
        if source.contains(*RETRY_NEEDLES):
            if MENTIONS_SETTING.search(source.text):
                self.configured.add(program)
            yield from self._explicit_zero(source)
        if program in FIRST_RETRYING_MAJOR and not self.context.partial and source.contains(*STRIPE_NEEDLES):
            self._note_inits(source, program)

    def _explicit_zero(self, source: SourceFile) -> Iterator[Finding]:
        text = source.text
        for match in EXPLICIT_ZERO.finditer(text):
            line, column = source.position(match.start())
            if source.line_text(line).lstrip().startswith(COMMENT_STARTS) or in_string_or_comment(
                source, match.end() - 1
            ):
                continue
            yield self.finding(
                source,
                line,
                column,
                f"`{match.group(0)}` switches the Stripe SDK's automatic retries off: a dropped connection, 409, "
                "429 or 5xx becomes an error for the customer although a retry (made safe by the idempotency key "
                "the SDK adds) would succeed; keep the SDK's retries (2 is usual)",
                identity=f"zero:{match.group(0)}",
            )

    def _note_inits(self, source: SourceFile, program: str) -> None:
        from golive_ci.versions.rule_support import facts_for

        facts = facts_for(self, source)
        if facts is None:
            return
        for init in facts.inits:
            if not init.in_test:
                self.inits.setdefault(program, []).append((source.path, init))

    def finish(self) -> Iterator[Finding]:
        if self.context.partial:  # the manifests and the other files' settings are not all seen
            return
        for program, inits in self.inits.items():
            if program in self.configured:
                continue
            deps = [dep for dep in self.dependencies.get(program, []) if dep.major is not None]
            first = FIRST_RETRYING_MAJOR[program]
            if not deps or any((dep.major or 0) >= first for dep in deps):
                continue
            dep = deps[0]
            language = ecosystem_profile(program)
            setting = language.network_retries_setting if language is not None else "the SDK's network retries"
            release = dep.resolved or f"{dep.major}.x"
            where = dep.lock or dep.path
            for path, init in inits:
                yield self.finding(
                    path,
                    init.line,
                    init.column,
                    f"{dep.sdk} {release} (from {where}) retries no failed request by default "
                    f"({DEFAULT_RETRIES[program]} from {first}.0.0) and no code sets the option: a dropped "
                    f"connection or 5xx reaches the customer as an error; set {setting} or upgrade",
                    identity=f"default:{program}:{init.how}",
                )
