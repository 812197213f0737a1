"""decline-tests: Stripe code whose tests never exercise a decline, a card error or invalid data."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from functools import cache

from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.rules.card_number import stripe_test_cards
from golive_ci.sourcefile import SourceFile
from golive_ci.suppressions import is_suppressed

STRIPE_NEEDLES = (b"stripe", b"Stripe")

# Simulated failures in tests that mock Stripe instead of calling it: raising the SDK's card
# error, or a payload carrying a decline / invalid-data error code.
SIMULATED_ERROR_RE = lazy_pattern(
    r"\b(?:CardError|StripeCardError|CardException|StripeCardException|IdempotencyError|IdempotencyException)\b"
)
# Test PaymentMethods and tokens that fail (their names are systematic: declines, customer
# failures, Radar blocks, processing errors, failed refunds, disputes).
FAILURE_ID_RE = lazy_pattern(
    r"\b(?:pm_card|tok)_\w*?(?:[Dd]eclined|CustomerFail|radarBlock|riskLevelHighest|ProcessingError|refundFail"
    r"|[Dd]ispute|IssuerFraudRecord|cvcCheckFail|avsFail|avsZipFail)\w*"
)
# Invalid data as Stripe's testing docs suggest it (expiry month 13, a two-digit CVC) and duplicate
# requests (a test that sends an idempotency key, the retry case).
INVALID_DATA_RE = lazy_pattern(
    r"""(?i)\bexp(?:iry|iration)?_?month['"]?\s*(?:=>|[:=,])\s*['"]?13(?![0-9])"""
    r"""|\bcvc['"]?\s*(?:=>|[:=,])\s*['"]?99(?![0-9])"""
)
DUPLICATE_REQUEST_RE = lazy_pattern(r"(?i)idempotency[-_ ]?key")
# Sixteen digits in groups of four, no digit around. Written to start with a digit (the regex engine
# then skips ahead to the next one; the lookbehind checks the character before it), the same matches
# as (?<![0-9])[0-9]{4}(?:[ -]?[0-9]{4}){3}(?![0-9]).
NUMBER_RE = lazy_pattern(r"[0-9](?<![0-9][0-9])[0-9]{3}(?:[ -]?[0-9]{4}){3}(?![0-9])")
# Further places that hold tests besides SourceFile.is_test (end-to-end suites, BDD features).
EXTRA_TEST_PARTS = frozenset({"e2e", "cypress", "playwright", "features", "integration_tests", "__mocks__"})


@cache
def _error_code_re() -> re.Pattern[str]:
    codes = "|".join(sorted(stripe_test_cards().error_codes))
    return re.compile(rf"""['"](?:{codes})['"]""")


class StripeUse(Record):
    __slots__ = ("column", "line", "path", "suppressed")
    path: str
    line: int
    column: int
    suppressed: bool  # a `golive-ci: ignore[decline-tests]` marker on the line or the line above

    def __init__(self, path: str, line: int, column: int, suppressed: bool = False) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.suppressed = suppressed


class DeclineTestsRule(Rule):
    slug = "decline-tests"
    checklist = "edge-cases"
    severity = Severity.INFO
    summary = "The repository calls Stripe but no test exercises a decline, a card error or invalid data."
    why = """
Stripe's go-live checklist asks you to test your integration with incomplete, invalid and
duplicate data, not only with the happy path. Declines are the most common failure a live
integration sees: if no test ever uses a decline test card (`4000 0000 0000 0002`), a failing
test PaymentMethod or token (`pm_card_visa_chargeDeclined`, `tok_chargeDeclined`, …) or a
simulated card error, nothing shows that a decline reaches the customer as "your card was
declined" rather than as a 500 error, or that the order is not fulfilled anyway.
The rule is repository-wide: it looks for Stripe SDK imports in application code and, in test
files (`tests/`, `spec/`, `__tests__/`, `*_test.go`, `*.spec.ts`, `e2e/`, `cypress/`, …), for
Stripe's decline, fraud, dispute and failed-refund test cards, PaymentMethods and tokens, for
raised card errors (`CardError`, `StripeCardError`, `CardException`, …) and for Stripe's decline
and invalid-data error codes (`'card_declined'`, `'insufficient_funds'`, `'invalid_expiry_month'`, …).
It reports once, at the first file that uses Stripe (the Stripe import or client line); a
`# golive-ci: ignore[decline-tests]` marker on that line or the line above suppresses it. It does
not run in the pre-commit hook, which sees only the staged files and cannot judge the whole
repository.
"""
    example = """
```python
# app/payments.py
import stripe

intent = stripe.PaymentIntent.create(amount=1000, currency="eur", payment_method=pm, confirm=True)
```
```python
# tests/test_payments.py
def test_pay():
    pay(payment_method="pm_card_visa")   # only the happy path -> info: no test exercises a decline
```
"""
    fix = """
Add tests for the failure paths: pay with `pm_card_visa_chargeDeclined` (or the decline card
`4000 0000 0000 0002`), `pm_card_visa_chargeDeclinedInsufficientFunds`,
`pm_card_chargeDeclinedExpiredCard`, an invalid expiry month (13) and a repeated request with the
same idempotency key, and assert what the customer sees and that nothing is fulfilled. Tests that
mock Stripe count too when they raise the SDK's card error. Option
(`[tool.golive-ci.rules.decline-tests]`): `test-paths = ["qa/**"]` adds globs of files that
hold tests.
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        patterns = self.options.get("test-paths", [])
        self.test_globs = [str(p) for p in patterns] if isinstance(patterns, list) else []
        self.stripe_uses: list[StripeUse] = []
        self.stripe_files = 0
        self.test_files = 0
        self.exercised_in: str | None = None

    def wants(self, source: SourceFile) -> bool:
        return not self.context.partial

    def _is_test(self, source: SourceFile) -> bool:
        if source.is_test:
            return True
        folders = source.path.lower().split("/")[:-1]
        if any(part in EXTRA_TEST_PARTS for part in folders) or source.path.endswith(".feature"):
            return True
        return any(fnmatch.fnmatch(source.path, glob) for glob in self.test_globs)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if source.first_line > 1 or source.is_generated:
            return iter(())  # a chunk of a huge file, or generated code: neither application code nor a test
        if self._is_test(source):
            self.test_files += 1
            if self.exercised_in is None and exercises_failure(source.text):
                self.exercised_in = source.path
            return iter(())
        if not source.contains(*STRIPE_NEEDLES):
            return iter(())
        language = profile(source.language)
        if language is not None:
            match = language.stripe_code_re.search(source.text)
            if match is not None:
                self.stripe_files += 1
                line, column = source.position(match.start())
                # The finding is made in finish(), after the engine's suppression check: look now.
                suppressed = is_suppressed(self.finding(source, line, column, ""), source)
                self.stripe_uses.append(StripeUse(source.path, line, column, suppressed))
        return iter(())

    def finish(self) -> Iterator[Finding]:
        if self.context.partial or not self.stripe_uses or self.exercised_in is not None:
            return
        first = min(self.stripe_uses, key=lambda use: use.path)
        if first.suppressed:
            return
        others = self.stripe_files - 1
        where = f"{first.path} and {others} other file(s) use Stripe" if others else f"{first.path} uses Stripe"
        if self.test_files:
            gap = (
                f"but none of the {self.test_files} test file(s) exercises a failure path: no decline test card "
                "(4000 0000 0000 0002 …), failing test PaymentMethod or token (pm_card_visa_chargeDeclined, "
                "tok_chargeDeclined …), raised card error or decline/invalid-data error code"
            )
        else:
            gap = "but the repository has no test files: nothing exercises a decline, a card error or invalid data"
        yield self.finding(
            first.path,
            first.line,
            first.column,
            f"{where} {gap}; test with declines, invalid and duplicate data before going live",
            identity="repository",
            details={"stripe_files": self.stripe_files, "test_files": self.test_files},
        )


def exercises_failure(text: str) -> bool:
    # Each regex runs only when substrings that every match holds are in the text (Python's regex
    # engine is slow over megabytes of tests, a substring search is not).
    if ("pm_card_" in text or "tok_" in text) and FAILURE_ID_RE.search(text):
        return True
    if ("CardE" in text or "IdempotencyE" in text) and SIMULATED_ERROR_RE.search(text):
        return True
    data = stripe_test_cards()
    if any(code in text for code in data.error_codes) and _error_code_re().search(text):
        return True
    lowered = text.lower()
    if (("month" in lowered and "13" in text) or ("cvc" in lowered and "99" in text)) and INVALID_DATA_RE.search(text):
        return True
    if "idempotency" in lowered and DUPLICATE_REQUEST_RE.search(text):
        return True
    if "4000" not in text and "4100" not in text and "4242" not in text:
        return False
    return any(m.group(0).replace(" ", "").replace("-", "") in data.failure_numbers for m in NUMBER_RE.finditer(text))
