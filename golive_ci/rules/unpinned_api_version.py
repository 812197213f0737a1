"""unpinned-api-version: a Stripe client initialised without an explicit API version."""

from __future__ import annotations

import re
from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.posix_paths import posix_path
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile
from golive_ci.suppressions import is_suppressed
from golive_ci.versions.facts import (
    API_VERSION_PINS,
    KIND_GLOBAL,
    ClientInit,
    program_of,
)
from golive_ci.versions.rule_support import facts_for, include_tests
from golive_ci.versions.values import ENV, UNPINNED, concrete_version

# A Python file run as its own program: it is pinned only by a version setting it runs, its own or
# one in a module of the repository it imports. A script that loads Django settings keeps the
# program rule (the settings module may set the version).
_MAIN_GUARD = re.compile(r"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""", re.MULTILINE)
_PYTHON_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import|import[ \t]+([\w.]+))", re.MULTILINE)
_SETTINGS_LOADERS = re.compile(r"\bdjango\b|DJANGO_SETTINGS_MODULE")


def script_imports(source: SourceFile) -> tuple[tuple[str, ...], ...] | None:
    """The modules a stand-alone Python script imports (dotted names split), None for other files."""
    text = source.text
    if source.language != "python" or not _MAIN_GUARD.search(text) or _SETTINGS_LOADERS.search(text):
        return None
    names = (m.group(1) or m.group(2) for m in _PYTHON_IMPORT.finditer(text))
    return tuple(tuple(n.lstrip(".").split(".")) for n in names if n.lstrip(".") and n.split(".")[0] != "stripe")


def imports_module_at(imports: tuple[tuple[str, ...], ...], path: str) -> bool:
    """Whether one of ``imports`` is the module at ``path``, or a package (two or more names deep) above it."""
    parts = posix_path(path).with_suffix("").parts
    parts = parts[:-1] if parts and parts[-1] == "__init__" else parts
    for wanted in imports:
        size = len(wanted)
        if parts[-size:] == wanted:
            return True
        if size >= 2 and any(parts[i : i + size] == wanted for i in range(len(parts) - size)):
            return True
    return False


class UnpinnedApiVersionRule(Rule):
    slug = "unpinned-api-version"
    checklist = "api-version"
    severity = Severity.ERROR
    facts = (API_VERSION_PINS,)
    summary = "A Stripe client is initialised without an explicit API version."
    why = """
Stripe's go-live checklist: in dynamic languages (Python, Node.js, Ruby, PHP) set the API
version in the server-side library. Without it, the version your requests use is whatever the
installed SDK release pins (a dependency bump silently changes response shapes) or, for a
global `stripe.api_version = None` and for SDKs older than stripe-python 6 / stripe-node 12 /
stripe-ruby 9 / stripe-php 12, your account's default version, which changes when someone clicks
"upgrade" in the Dashboard. A global key setting (`stripe.api_key = …`, `Stripe.api_key = …`,
`\\Stripe\\Stripe::setApiKey(…)`) is pinned when the same program sets the global version anywhere
(a stand-alone Python script, `if __name__ == "__main__":`, is its own program: it is pinned by
its own setting or one in a module of the repository it imports, and reported as a warning (it
is run by hand or by a job, not the service that takes payments); one that loads Django settings
is judged with the rest of the program);
a version passed through a constant, a settings value or a config structure counts as pinned, and
so does a Python `StripeClient` used only for `raw_request(…, stripe_version=…)` calls (each
request names its version, as for a preview endpoint).
One program that sets the key in several places is one finding, which names the other places.
A version read from an environment variable with no default is a warning: the code no longer
says which version it was written against. Go, Java and .NET are never flagged here: their SDK
fixes the version, so keep the dependency current (`unpinned-sdk`, `outdated-sdk`).
"""
    example = """
```python
import stripe
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]       # error: no stripe.api_version anywhere
client = stripe.StripeClient(os.environ["STRIPE_SECRET_KEY"])   # error: no stripe_version
```
```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);           // error
const stripe = new Stripe(key, { apiVersion: process.env.VERSION }); // warning: environment only
```
"""
    fix = """
Name the version you tested against, once, next to the client:

```python
stripe.api_version = "2026-10-28.endive"
client = stripe.StripeClient(key, stripe_version="2026-10-28.endive")
```
```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2026-10-28.endive' });
```
```ruby
Stripe.api_version = '2026-10-28.endive'
```
```php
\\Stripe\\Stripe::setApiVersion('2026-10-28.endive');
$stripe = new \\Stripe\\StripeClient(['api_key' => $key, 'stripe_version' => '2026-10-28.endive']);
```
`golive-ci versions` shows every pin and the newest version. Options
(`[tool.golive-ci.rules.unpinned-api-version]`): `include-tests = true` also checks test files.
In a pre-commit run that sees only changed files, the global version may be set in a file that
did not change: the hook finds it with `git grep`.
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.seen: set[str] = set()
        self.global_programs: set[str] = set()
        self.global_pin_paths: dict[str, set[str]] = {}
        self.scripts: dict[str, tuple[tuple[str, ...], ...]] = {}
        self.pending_globals: list[tuple[ClientInit, Finding]] = []

    def check(self, source: SourceFile) -> Iterator[Finding]:
        self.seen.add(source.path)
        facts = facts_for(self, source)
        if facts is None:
            return
        tests_too = include_tests(self)
        for pin in facts.pins:
            if pin.kind != KIND_GLOBAL:
                continue
            self.global_programs.add(program_of(pin.language))  # an explicit None is reported on its own line
            self.global_pin_paths.setdefault(program_of(pin.language), set()).add(pin.path)
            if pin.status == UNPINNED:
                if tests_too or not pin.in_test:
                    yield self.finding(
                        source, pin.line, pin.column,
                        f"{pin.how} sets no version: requests fall back to the account's default API version, "
                        "which changes when the account is upgraded; set an explicit version",
                    )  # fmt: skip
            elif pin.status == ENV and (tests_too or not pin.in_test):
                yield self._env_finding(source, pin.line, pin.column, pin.how, pin.note)
        for init in facts.inits:
            if init.in_test and not tests_too:
                continue
            if init.is_global:
                imports = script_imports(source)
                if imports is not None:
                    self.scripts[source.path] = imports
                finding = self._global_finding(source, init)
                if not is_suppressed(finding, source):
                    self.pending_globals.append((init, finding))
                    if self.context.partial:  # finish() reads the other files: let git look for them now
                        from golive_ci.versions.repo_index import start_search

                        start_search(self.context)
            elif init.status == UNPINNED:
                language = profile(init.language)
                option = language.client_api_version_option if language is not None else None
                fix = concrete_version(option or "pass an explicit API version")
                yield self.finding(
                    source, init.line, init.column,
                    f"Stripe client {init.how} has no API version: it uses whatever the installed SDK release pins; "
                    f"{fix}",
                )  # fmt: skip
            elif init.status == ENV:
                yield self._env_finding(source, init.line, init.column, init.how, init.note)

    def _env_finding(self, source: SourceFile, line: int, column: int, how: str, note: str) -> Finding:
        where = note or "an environment variable"
        return self.finding(
            source, line, column,
            f"{how} takes the API version from {where} with no default: the code does not say which version it "
            "was written for; pin it in code (or give a default)",
            severity=Severity.WARNING,
        )  # fmt: skip

    def _global_finding(self, source: SourceFile, init: ClientInit) -> Finding:
        language = profile(init.language)
        setter = language.api_version_setter if language is not None else None
        setter = concrete_version(setter or "the global API version")
        return self.finding(
            source, init.line, init.column,
            f"{init.how} initialises Stripe globally but this program never sets the API version; add {setter} "
            "next to it",
        )  # fmt: skip

    def _script_finding(self, finding: Finding, pins: list[str]) -> Finding:
        """A stand-alone script (run by hand or by a job, not the service taking payments): a warning."""
        where = f", and it imports no module that sets the version, such as {pins[0]}" if pins else ""
        return finding.replace(
            message=f'{finding.message} (this file runs as its own program, `if __name__ == "__main__"`{where})',
            severity=Severity.WARNING,
        )

    def finish(self) -> Iterator[Finding]:
        if not self.pending_globals:
            return
        programs = set(self.global_programs)
        if self.context.partial:
            from golive_ci.versions.repo_index import other_files_pins

            include = include_tests(self)
            for pin in other_files_pins(self.context, self.seen, tests=include):
                if pin.kind == KIND_GLOBAL and (include or not pin.in_test):
                    programs.add(program_of(pin.language))
                    self.global_pin_paths.setdefault(program_of(pin.language), set()).add(pin.path)
        reported: dict[str, tuple[Finding, list[str]]] = {}  # one finding per program, however many key settings
        for init, finding in self.pending_globals:
            program = program_of(init.language)
            imports = self.scripts.get(init.path)
            if imports is not None:  # a stand-alone script: its own program
                pins = self.global_pin_paths.get(program, set())
                if not any(path == init.path or imports_module_at(imports, path) for path in pins):
                    yield self._script_finding(finding, sorted(pins))
                continue
            if program in programs:
                continue
            if program in reported:
                reported[program][1].append(f"{init.path}:{init.line}")
            else:
                reported[program] = (finding, [])
        for finding, others in reported.values():
            if others:
                more = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
                finding = finding.replace(message=f"{finding.message} (the key is also set at {more})")
            yield finding
