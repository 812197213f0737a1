"""card-number: a real-looking payment card number (Luhn-valid, card-shaped, in card context)."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from golive_ci.findings import Finding, Severity
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile

# A run of 13-19 digits, or 16/19 digits in groups of four (15/14 as 4-6-5/4-6-4, Amex and Diners),
# with one consistent separator. Nothing glued on either side: no word character, no decimal
# point, sign, path or base64 character, and no further digit group of a longer digit table
# (a comma may follow: CSV cells and argument lists).
CANDIDATE_RE = lazy_pattern(
    r"""
    (?<![\w.+/\\-])(?<![0-9][ ])
    (?:
        (?P<plain>[0-9]{13,19})(?![\w+/=]|\.[0-9])
      | (?P<grouped>
            [0-9]{4}(?P<sep>[ -])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)[0-9]{4}(?:(?P=sep)[0-9]{3})?
          | [0-9]{4}(?P<sep2>[ -])[0-9]{6}(?P=sep2)[0-9]{4,5}
        )(?![\w+/=]|\.[0-9]|[ -][0-9])
    )
    """,
    re.VERBOSE | re.ASCII,
)
# Cheap first pass: only stretches of digits, spaces and dashes long enough to hold a card number
# are searched with CANDIDATE_RE (whose lookarounds still see the text around the stretch).
_DIGIT_RUN = lazy_pattern(r"[0-9][0-9 -]{11,}[0-9]")
# The same runs in the file's bytes (UTF-8 never puts an ASCII digit, space or dash inside another
# character): a file without one is skipped before it is decoded.
_DIGIT_RUN_BYTES = lazy_pattern(rb"[0-9][0-9 -]{11,}[0-9]")
_WORD_RE = lazy_pattern(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")

# Words that make a digit run a card number: field names, brands, the other card fields.
STRONG_CONTEXT = frozenset(
    {
        "card", "cards", "cc", "ccn", "ccnum", "ccno", "pan", "creditcard", "credit", "debit", "visa",
        "mastercard", "amex", "americanexpress", "discover", "diners", "jcb", "unionpay", "maestro", "cvc",
        "cvv", "cvc2", "cvv2", "cvn", "expiry", "expiration", "exp", "cardholder", "cardnumber",
    }
)  # fmt: skip
WEAK_CONTEXT = frozenset({"number", "num", "no", "nr"})
# Words that say the digits are something else: ids, clocks, phones, product and bank codes.
NEGATIVE_CONTEXT = frozenset(
    {
        "id", "ids", "uid", "uuid", "guid", "timestamp", "time", "ts", "epoch", "date", "created", "phone",
        "tel", "telephone", "mobile", "msisdn", "fax", "imei", "iccid", "imsi", "isbn", "ean", "gtin", "upc",
        "serial", "sku", "tracking", "order", "invoice", "snowflake", "nonce", "seed", "hash", "checksum", "crc",
        "version", "build", "seq", "sequence", "offset", "size", "bytes", "port", "lat", "lng", "lon",
        "duration", "ns", "ms", "nanos", "micros", "millis", "balance", "amount", "iban", "routing", "bsb",
        "ssn", "tax", "vat", "gift", "loyalty", "member", "membership", "ticket", "barcode", "hex",
    }
)  # fmt: skip
# Seed, demo, sample and mock data: records made up to fill a dev or demo instance (a password
# manager's demo vault, a shop's demo customers). A card number there is invented, not held: not reported.
AUTHORED_DATA_FOLDERS = frozenset(
    {
        "seed", "seeds", "seeder", "seeders", "seeding", "demo", "demos", "sample", "samples", "sample-data",
        "sample_data", "mock", "mocks", "mock-data", "mock_data", "dummy", "faker",
    }
)  # fmt: skip
# Test fixtures may be captured from real traffic: a card number there is shown, at info.
FIXTURE_FOLDERS = frozenset({"fixture", "fixtures"})
SAMPLE_DATA_SUFFIXES = (".json", ".yaml", ".yml", ".csv", ".tsv", ".xml", ".toml")
CONTEXT_BEFORE = 80
CONTEXT_AFTER = 40
PREVIOUS_LINE_TAIL = 120


class CardTestData(Record):
    __slots__ = ("error_codes", "failure_numbers", "failure_payment_methods", "failure_tokens", "numbers")
    numbers: frozenset[str]  # Stripe's published test cards and other processors' well-known ones
    failure_numbers: frozenset[str]
    failure_payment_methods: frozenset[str]
    failure_tokens: frozenset[str]
    error_codes: frozenset[str]

    def __init__(
        self,
        numbers: frozenset[str],
        failure_numbers: frozenset[str],
        failure_payment_methods: frozenset[str],
        failure_tokens: frozenset[str],
        error_codes: frozenset[str],
    ) -> None:
        self.numbers = numbers
        self.failure_numbers = failure_numbers
        self.failure_payment_methods = failure_payment_methods
        self.failure_tokens = failure_tokens
        self.error_codes = error_codes


@cache
def stripe_test_cards() -> CardTestData:
    from golive_ci.versions.knowledge import read_data

    document = json.loads(read_data("stripe_test_cards.json"))
    cards = document["cards"]
    failures = set(document["failure_purposes"])
    return CardTestData(
        numbers=frozenset(c["number"] for c in cards)
        | frozenset(document["well_known_test_numbers"]["numbers"])
        | frozenset(processor_test_cards()),
        failure_numbers=frozenset(c["number"] for c in cards if c["purpose"] in failures),
        failure_payment_methods=frozenset(document["failure_payment_methods"]),
        failure_tokens=frozenset(document["failure_tokens"]),
        error_codes=frozenset(document["error_codes"]) | frozenset(document["invalid_data"]["error_codes"]),
    )


@cache
def processor_test_cards() -> dict[str, str]:
    """Other processors' published sandbox card numbers -> the processors that publish them."""
    from golive_ci.versions.knowledge import read_data

    owners: dict[str, list[str]] = {}
    for processor in json.loads(read_data("processor_test_cards.json"))["processors"]:
        for number in processor["numbers"]:
            owners.setdefault(number, []).append(processor["name"])
    return {number: ", ".join(names) for number, names in owners.items()}


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card network whose number ranges and lengths ``digits`` fits, else None."""
    length = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return "Visa" if length in (13, 16, 19) else None
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return "Mastercard" if length == 16 else None
    if two in (34, 37):
        return "American Express" if length == 15 else None
    if 2200 <= four <= 2204:
        return "Mir" if 16 <= length <= 19 else None
    if 3528 <= four <= 3589:
        return "JCB" if 16 <= length <= 19 else None
    if 300 <= int(digits[:3]) <= 305 or four == 3095 or two in (36, 38, 39):
        return "Diners Club" if 14 <= length <= 19 else None
    if four == 6011 or 644 <= int(digits[:3]) <= 649 or two == 65:
        return "Discover" if 16 <= length <= 19 else None
    if two == 62:
        return "UnionPay" if 16 <= length <= 19 else None
    if two in (50, 56, 57, 58, 67):
        return "Maestro" if 16 <= length <= 19 else None
    return None


def is_placeholder(digits: str) -> bool:
    """Numbers nobody issues: two distinct digits, long runs of one digit, counting sequences."""
    if len(set(digits)) <= 2:
        return True
    run = longest_step_run(digits, 0)
    if run >= 7:
        return True
    if max(longest_step_run(digits, 1), longest_step_run(digits, -1)) >= 8:
        return True
    value = int(digits)
    return value & (value - 1) == 0 or (value + 1) & value == 0  # 2**n, 2**n - 1


def longest_step_run(digits: str, step: int) -> int:
    best = current = 1
    for previous, char in itertools.pairwise(digits):
        current = current + 1 if (ord(char) - ord(previous)) % 10 == step % 10 else 1
        best = max(best, current)
    return best


def data_folder_kind(path: str) -> str | None:
    """ "authored" for a data file (JSON, YAML, CSV, XML, TOML) under a seed/demo/sample/mock folder,
    "fixture" for one under a fixtures folder only, else None (code, and data anywhere else)."""
    lower = path.lower()
    if not lower.endswith(SAMPLE_DATA_SUFFIXES):
        return None
    folders = set(lower.split("/")[:-1])
    if folders & AUTHORED_DATA_FOLDERS:
        return "authored"
    return "fixture" if folders & FIXTURE_FOLDERS else None


def mask_card(digits: str) -> str:
    return f"•••• {digits[-4:]}"


def context_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text)}


def has_card_context(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    around = context_words(text[max(line_start, start - CONTEXT_BEFORE) : start]) | context_words(
        text[end : min(line_end, end + CONTEXT_AFTER)]
    )
    if around & NEGATIVE_CONTEXT:
        return False
    if around & STRONG_CONTEXT:
        return True
    if line_start > 0:
        previous = text[max(text.rfind("\n", 0, line_start - 1) + 1, line_start - 1 - PREVIOUS_LINE_TAIL) : line_start]
        if context_words(previous) & STRONG_CONTEXT:
            return True
    return bool(around & WEAK_CONTEXT)


class Table(Record):
    """The header of a CSV/TSV file: a column named ``card_number`` is card context for its cells."""

    __slots__ = ("delimiter", "headers")
    delimiter: str
    headers: tuple[str, ...]

    def __init__(self, delimiter: str, headers: tuple[str, ...]) -> None:
        self.delimiter = delimiter
        self.headers = headers

    @classmethod
    def sniff(cls, text: str) -> Table:
        header = text[: text.find("\n")] if "\n" in text else text
        delimiter = max(("\t", ",", ";", "|"), key=header.count)
        return cls(delimiter, tuple(header.split(delimiter)))

    def column_says_card(self, text: str, start: int) -> bool | None:
        """True under a card-like header, False under an id-like one, None otherwise (or on the header row)."""
        line_start = text.rfind("\n", 0, start) + 1
        column = text.count(self.delimiter, line_start, start)
        if line_start == 0 or column >= len(self.headers):
            return None
        header = context_words(self.headers[column])
        if header & NEGATIVE_CONTEXT:
            return False
        return True if header & (STRONG_CONTEXT | WEAK_CONTEXT) else None


def find_card_numbers(text: str, table: Table | None = None) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, digits, brand) of every real-looking card number in ``text``."""
    known = stripe_test_cards().numbers
    for run in _DIGIT_RUN.finditer(text):
        yield from _card_numbers_in(text, run.start(), min(len(text), run.end() + 2), known, table)


def _card_numbers_in(
    text: str, window_start: int, window_end: int, known: frozenset[str], table: Table | None
) -> Iterator[tuple[int, int, str, str]]:
    for match in CANDIDATE_RE.finditer(text, window_start, window_end):
        raw = match.group("plain") or match.group("grouped")
        start, end = match.start(), match.end()
        digits = raw.replace(" ", "").replace("-", "")
        if match.group("grouped") and len(digits) == 19 and not luhn_valid(digits):
            digits, end = digits[:16], start + 19  # the last group was a CVC or a year, not digits of the card
        brand = card_brand(digits)
        if brand is None or digits in known or not luhn_valid(digits) or is_placeholder(digits):
            continue
        column = table.column_says_card(text, start) if table is not None else None
        if column is False:
            continue
        if match.group("plain") and column is None and not has_card_context(text, start, end):
            continue
        if match.group("grouped") and context_words(text[max(0, start - CONTEXT_BEFORE) : start]) & NEGATIVE_CONTEXT:
            continue
        yield start, end, digits, brand


class CardNumberRule(Rule):
    slug = "card-number"
    checklist = "logging"
    severity = Severity.ERROR
    streamable = True
    summary = "A real-looking payment card number (not one of Stripe's test cards) is in the repository."
    why = """
A full card number (PAN) is cardholder data: keeping one in source, fixtures, logs or sample data
puts the repository in scope for PCI DSS and exposes a real customer's card to everyone who can
read it. Stripe's go-live checklist asks you to make sure no card data is stored or logged on your
side. Test with Stripe's published test cards instead; they never reach a card network.
The rule looks for 13-19 digit numbers that pass the Luhn check, fit a card network's number
ranges and lengths, and are either formatted like a card (`4000 1234 …`, `…-…-…-…`) or stand next
to card words (`card`, `number`, `cvc`, a brand name). Stripe's test cards, other processors'
published sandbox cards (Adyen, Braintree, Worldline/Bambora, Bambora North America (Beanstream),
Worldpay including Maestro, Authorize.net, Checkout.com, PayPal, Square, CyberSource, Mastercard
Gateway; the list with its sources is `golive_ci/data/processor_test_cards.json`), placeholders
(`4111 1111 …`-style runs, counting sequences) and digit runs next to words such as `id`,
`timestamp`, `phone` or `order` are not reported. Nor are numbers in seed, demo, sample or mock
data (a JSON, YAML, CSV, XML or TOML file under a `seed(s)/`, `seeder(s)/`, `demo(s)/`,
`sample(s)/`, `sample-data/`, `mock(s)/`, `dummy/` or `faker/` folder): those are records made up
to fill a dev or demo instance, such as a password manager's demo vault, not cards anyone holds.
A data file under a `fixture(s)/` folder only is reported at info: test fixtures are sometimes
captured from real traffic. Numbers in code, comments, logs and any other file are errors. Only
the last four digits are ever shown.
"""
    example = """
```python
# error: a Visa card number that is no published test card
CUSTOMER_CARD = {"number": "4…(a real card)…", "exp_month": 12, "cvc": "123"}
```
"""
    fix = """
Delete the number, purge it from git history (`git filter-repo`), and treat it as exposed. Use a
Stripe test card (`4242 4242 4242 4242`, decline cards such as `4000 0000 0000 0002`) or, better,
a test PaymentMethod (`pm_card_visa`) so that no card number reaches your server code at all. For
a number that is truly not a card, add `# golive-ci: ignore[card-number]` on its line. In a test
fixture (reported at info), replace a fictional number with a Stripe test card too, so that nobody
has to wonder whether it is real. Made-up card records for a demo instance belong in a seed, demo,
sample or mock data folder, where they are not reported.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        kind = data_folder_kind(source.path)
        if kind == "authored" or _DIGIT_RUN_BYTES.search(source.data) is None:
            return
        text = source.text
        seen: Counter[str] = Counter()
        tabular = source.first_line == 1 and source.name.lower().endswith((".csv", ".tsv"))
        sample = kind == "fixture"
        for start, end, digits, brand in find_card_numbers(text, Table.sniff(text) if tabular else None):
            masked = mask_card(digits)
            seen[masked] += 1
            line, column = source.position(start)
            end_line, end_column = source.position(end)
            if sample:
                message = (
                    f"card number {masked} ({brand}, passes the Luhn check) in test fixture data: most likely "
                    "fictional, but fixtures are sometimes captured from real traffic; if it is a real card, delete "
                    "it and treat it as exposed, else use a Stripe test card"
                )
            else:
                message = (
                    f"card number {masked} ({brand}, passes the Luhn check) is not a Stripe test card: real card "
                    "numbers must never be stored in code, fixtures or logs; use a Stripe test card or pm_card_visa"
                )
            yield self.finding(
                source,
                line,
                column,
                message,
                severity=Severity.INFO if sample else None,
                end_line=end_line,
                end_column=end_column,
                # Never a hash of the number: card numbers are too few to keep a plain hash secret.
                identity=f"{masked}#{seen[masked]}",
                details={"card": masked, "brand": brand, "digits": len(digits)},
            )
