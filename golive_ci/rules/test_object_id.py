"""test-object-id: the Stripe object IDs and price lookup keys the code depends on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.parsing import lazy_pattern
from golive_ci.posix_paths import posix_path
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import SourceFile

# ID prefix -> object kind (the name of the Stripe API resource, singular).
ID_KINDS: dict[str, str] = {
    "price": "price",
    "prod": "product",
    "plan": "plan",
    "promo": "promotion_code",
    "txr": "tax_rate",
    "shr": "shipping_rate",
}
# Generated IDs: the prefix, then 8+ letters and digits with at least one digit, nothing word-like around.
_ID = r"(?<![A-Za-z0-9_])(price|prod|plan|promo|txr|shr)_(?=[A-Za-z]*[0-9])[A-Za-z0-9]{8,255}(?![A-Za-z0-9_])"
# The same matches as _ID, written to start with a character set: the regex engine then skips ahead
# to the next p, t or s instead of trying every position (a third less time on a large tree).
OBJECT_ID_RE = lazy_pattern(
    r"[pts](?<![A-Za-z0-9_][pts])(?:(?<=p)(?:rice|rod|lan|romo)|(?<=t)xr|(?<=s)hr)_"
    r"(?=[A-Za-z]*[0-9])[A-Za-z0-9]{8,255}(?![A-Za-z0-9_])"
)
# The list filters that fetch prices by lookup key: lookup_keys=[…], LookupKeys: …, addLookupKey("…").
# Every one of them holds one of LOOKUP_KEY_MARKS.
LOOKUP_KEY_MARKS = ("ookupKey", "ookup_keys")
LOOKUP_KEYS_RE = lazy_pattern(
    r"(?<![A-Za-z0-9])(lookup_keys|lookupKeys|LookupKeys|addLookupKey|addAllLookupKey)(?![\w])"
)
_COMMENT_STARTS = ("#", "//", "/*", "*", "<!--")
DOC_SUFFIXES = frozenset(
    {
        ".md", ".markdown", ".mdx", ".mdown", ".mkd", ".mkdn", ".markdn", ".rst", ".txt", ".adoc", ".asciidoc",
        ".asc", ".textile", ".org", ".wiki", ".mediawiki", ".pod", ".rdoc", ".tex", ".rtf", ".ipynb", ".lock", ".svg",
        ".html", ".css",
    }
)  # fmt: skip
# Documentation files without a suffix, and folders that hold documentation and design notes.
DOC_NAMES = frozenset({"README", "CHANGELOG", "CHANGES", "HISTORY", "NEWS", "NOTES", "TODO"})
DOC_FOLDERS = frozenset({"docs", "doc", "documentation", "design", "rfcs", "rfc", "adr", "adrs", "wiki"})
_SEGMENT_LIMIT = 400
_OPENER = lazy_pattern(r"(?<!\s)[\"']?\s*+(=>|:(?!:)|=(?!=)|\()")  # not from inside a run of blanks
# An UPPER_CASE constant used as a lookup key: resolved when the same file assigns it a literal.
_IDENTIFIER = lazy_pattern(r"[A-Za-z_][A-Za-z0-9_]*")
_CONSTANT_NAME = lazy_pattern(r"[A-Z][A-Z0-9_]+")
_CALLEE = lazy_pattern(r"(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*+)\s*+$")
# Calls that only wrap a list literal: stripe.StringSlice([...]), List.of(...), Arrays.asList(...), list(...).
_LIST_WRAPPERS = frozenset({"StringSlice", "of", "asList", "Array", "List", "list", "tuple", "set", "frozenset"})
# golive-ci's own configuration lists the free-form IDs, and its account snapshots list what
# the account holds: neither is a reference.
CONFIG_FILE_NAMES = frozenset({".golive-ci.toml", "pyproject.toml"})
SNAPSHOT_MARKER = b'"golive-ci-account-snapshot"'
# Set by the account check (golive_ci/account/code.py): every reference, none left out or grouped.
EVERY_REFERENCE = "_every-reference"
# Words in an ID's own comment or key, or in a file's path, that mark it as a non-live object.
NON_LIVE_WORDS = frozenset({"test", "testing", "testmode", "sandbox", "staging", "dev", "development", "preview"})
NON_LIVE_FOLDERS = frozenset({"dev", "development", "staging", "sandbox", "preview", "previews"})
NON_LIVE_NAME_WORDS = NON_LIVE_WORDS - {"test", "testing", "testmode"}  # test files have their own option
_WORD = lazy_pattern(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_KEY_START = lazy_pattern(r"[,;(\[{]|" + _ID.replace("(price|", "(?:price|"))
_LINE_COMMENT = lazy_pattern(r"\s(?://|#|/\*|--)|^(?://|#|/\*|--)")
# From this many object IDs in one file on, the file is a table: one finding names the count.
TABLE_SIZE = 8


def lookup_key_values(text: str, start: int) -> list[tuple[int, str]]:
    """String literals given as the value or argument of a lookup-keys keyword that ends at ``start``.

    Only after ``=``, ``:``, ``=>`` or ``(``; strings inside other calls (``f("x")``), object keys
    (``"x":``) and anything after the statement ends are not lookup keys.
    """
    end = min(len(text), start + _SEGMENT_LIMIT)
    opener = _OPENER.match(text, start, end)
    if opener is None:
        return []
    index = opener.end()
    depth = 1 if opener.group(1) == "(" else 0
    opaque: int | None = None  # the depth at which a call that is not a list wrapper began
    seen_value = False
    values: list[tuple[int, str]] = []
    while index < end:
        char = text[index]
        if char in "\"'`":
            close = text.find(char, index + 1, end)
            if close == -1 or "\n" in text[index + 1 : close]:
                break
            value = text[index + 1 : close]
            after = text[close + 1 : end].lstrip()
            is_key = after.startswith(":") and not after.startswith("::")
            if opaque is None and not is_key and value and not any(c.isspace() or c in "{}$%" for c in value):
                values.append((index, value))
            seen_value = True
            index = close + 1
            continue
        word = _IDENTIFIER.match(text, index, end)
        if word is not None:
            name = word.group(0)
            if opaque is None and text[index - 1] != "." and _CONSTANT_NAME.fullmatch(name):
                resolved = constant_value(text, name)
                if resolved is not None:
                    values.append(resolved)
            seen_value = True
            index = word.end()
            continue
        if char in "([{":
            if char == "(" and opaque is None:
                name = _CALLEE.search(text, start, index)
                if name is None or name.group(1) not in _LIST_WRAPPERS:
                    opaque = depth
            depth += 1
            seen_value = True
        elif char in ")]}":
            depth -= 1
            if opaque is not None and depth <= opaque:
                opaque = None
            if depth <= 0:
                break
        elif depth == 0 and (char == "\n" or (char in ",;" and seen_value)):
            break
        index += 1
    return values


def constant_value(text: str, name: str) -> tuple[int, str] | None:
    """(offset, value) of ``NAME = "value"`` (const/final/typed forms too) in the same file, if any."""
    pattern = (
        rf"(?<![\w.]){re.escape(name)}\s*(?::\s*[\w.<>\[\]]+\s*)?(?::=|=)(?!=)\s*([\"'`])([^\"'`\n{{}}$%\s]{{1,200}})\1"
    )
    match = re.search(pattern, text)
    return (match.start(2) - 1, match.group(2)) if match else None


class TestObjectIdRule(Rule):
    slug = "test-object-id"
    checklist = "test-objects"
    severity = Severity.INFO
    needles = (b"price_", b"prod_", b"plan_", b"promo_", b"txr_", b"shr_", b"ookupKey", b"ookup_keys")
    summary = (
        "The code refers to a Stripe object by ID (price, product, plan, coupon, promotion code, tax or shipping "
        "rate) or to a price lookup key."
    )
    why = """
Objects created in test mode do not exist in live mode. Code that names `price_1Mo…` works in every
test and fails on the first real customer with "No such price … a similar object exists in test mode,
but a live mode key was used". Stripe's go-live checklist asks you to recreate, in live mode, every
product, price, plan, coupon and other object your integration uses. This rule lists each reference
so the list can be reviewed without a key; `golive-ci account` checks each one against live mode.
Not reported (the account check still looks every one of them up): an ID whose own comment or key
on its line marks it as a non-live object (`test`, `sandbox`, `staging`, `dev`, `development`,
`preview`: `"price_…", // yearly (test)`, `STRIPE_TEST_PRICE = "price_…"`, a
`dashboard.stripe.com/test/…` link), and IDs in files for non-production environments (under a
`dev/`, `development/`, `staging/`, `sandbox/` or `preview(s)/` folder, or scripts and
configuration files named for one: `deploy-staging.sh`, `.env.development`). A file that lists 8
or more IDs (a table of plans with live and test twins) gets one finding, at its first ID, that
names the count.
"""
    example = """
```python
session = stripe.checkout.Session.create(
    line_items=[{"price": "price_1MoBy5LkdIwHu7ixZhnattbh", "quantity": 1}],   # info: price ID
)
prices = stripe.Price.list(lookup_keys=["pro_monthly"])                       # info: lookup key
PRICES = {"live": "price_1MoBy5…", "test": "price_1OTcQB…"}                  # info for the live one only
```
"""
    fix = """
Recreate the object in live mode before launch. Products, plans and coupons accept a chosen ID, so
they can keep the same ID in both modes. Prices, promotion codes, tax rates and shipping rates always
get a new ID: look prices up by `lookup_key` (`Price.list(lookup_keys=[…])`) or read IDs from
configuration per environment instead of hard-coding them. Options
(`[tool.golive-ci.rules.test-object-id]`): `coupons = ["SUMMER21"]` and `plans = ["gold"]` list
free-form coupon and plan IDs to look for; `include-tests = true` also lists IDs in test files;
`include-docs = true` also lists IDs in documentation files (Markdown and MDX, reStructuredText,
AsciiDoc, Org, Textile, wiki markup, POD, RDoc, TeX, plain text, HTML, Jupyter notebooks,
README/CHANGELOG-style files without a suffix, and any file under a `docs/`, `doc/`, `design/`,
`rfcs/`, `adr/` or `wiki/` folder), which are skipped by default: design notes and guides name test IDs.
Mark a test-mode ID kept on purpose with a comment on its line (`// test`) or a key that says so
(`TEST_PRICE = …`, `sandbox: …`); for a table of IDs, confirm each live one with `golive-ci account`.
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.free_form: dict[str, str] = {}
        for option, kind in (("coupons", "coupon"), ("plans", "plan")):
            values = self.options.get(option, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                context.notice("", f"[tool.golive-ci.rules.test-object-id] {option} must be a list of strings")
                continue
            for value in values:
                if value.strip():
                    self.free_form[value.strip()] = kind
        self.include_tests = bool(self.options.get("include-tests", False))
        self.include_docs = bool(self.options.get("include-docs", False))
        self.every_reference = bool(self.options.get(EVERY_REFERENCE, False))
        # Per instance, so that the git grep prefilter also looks for the configured free-form IDs.
        self.needles = (*type(self).needles, *(value.encode() for value in self.free_form))

    def wants(self, source: SourceFile) -> bool:
        if source.name in CONFIG_FILE_NAMES:
            return False
        if source.is_test and not self.include_tests:
            return False
        if not self.include_docs and _is_documentation(source.path):
            return False
        if not self.every_reference and is_non_live_path(source.path, source.language is not None):
            return False
        if SNAPSHOT_MARKER in source.data[:200]:
            return False
        return source.contains(*self.needles)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        text = source.text
        seen: set[tuple[int, str]] = set()
        references: list[Finding] = []
        for match in OBJECT_ID_RE.finditer(text):
            object_id = match.group(0)
            kind = ID_KINDS[object_id.split("_", 1)[0]]
            references.extend(self._reference(source, match.start(), object_id, kind, seen))
        for value, kind in self.free_form.items():
            for match in re.finditer(rf"([\"'`]){re.escape(value)}\1", text):
                references.extend(self._reference(source, match.start() + 1, value, kind, seen))
        if self.every_reference or len(references) < TABLE_SIZE:
            yield from references
        else:
            yield self._table(source, references)
        if source.language is None:
            return  # lookup keys are read in code only: in data files the keyword names a field
        if not any(mark in text for mark in LOOKUP_KEY_MARKS):
            return
        for match in LOOKUP_KEYS_RE.finditer(text):
            if self._in_comment(source, match.start()):
                continue
            for offset, key in lookup_key_values(text, match.end()):
                line, column = source.position(offset)
                if (line, f"lookup:{key}") in seen:
                    continue
                seen.add((line, f"lookup:{key}"))
                yield self.finding(
                    source,
                    line,
                    column,
                    f"price lookup key {key!r} is used: a live price must carry it (golive-ci account checks)",
                    identity=f"lookup:{key}",
                    details={"lookup_key": key},
                )

    def _reference(
        self, source: SourceFile, offset: int, object_id: str, kind: str, seen: set[tuple[int, str]]
    ) -> Iterator[Finding]:
        if self._in_comment(source, offset):
            return
        line, column = source.position(offset)
        if not self.every_reference and marked_non_live(source.line_text(line), column - 1, len(object_id)):
            return
        if (line, object_id) in seen:
            return
        seen.add((line, object_id))
        label = kind.replace("_", " ")
        if kind in ("product", "plan", "coupon"):
            advice = f"recreate the {label} in live mode (it can keep this ID)"
        elif kind == "price":
            advice = "recreate the price in live mode (it gets a new ID: look it up by lookup_key)"
        else:
            advice = f"recreate the {label} in live mode (it gets a new ID: configure it per environment)"
        yield self.finding(
            source,
            line,
            column,
            f"{label} {object_id} is referenced: {advice}; golive-ci account checks it exists",
            end_line=line,
            end_column=column + len(object_id),
            identity=object_id,
            details={"object_id": object_id, "object_kind": kind},
        )

    def _table(self, source: SourceFile, references: list[Finding]) -> Finding:
        """One finding for a file that lists many IDs (a plan table), at its first ID."""
        first = references[0]
        kinds = sorted({str(f.details["object_kind"]).replace("_", " ") for f in references})
        return self.finding(
            source,
            first.line,
            first.column,
            f"{len(references)} Stripe object IDs ({', '.join(kinds)}) are listed in this file: recreate each one "
            "you use in live mode (prices get new IDs: look them up by lookup_key); golive-ci account checks them all",
            end_line=first.end_line,
            end_column=first.end_column,
            identity="id-table",
            details={"object_ids": [str(f.details["object_id"]) for f in references], "object_kinds": kinds},
        )

    @staticmethod
    def _in_comment(source: SourceFile, offset: int) -> bool:
        line, _ = source.position(offset)
        return source.line_text(line).lstrip().startswith(_COMMENT_STARTS)


def _is_documentation(path: str) -> bool:
    pure = posix_path(path)
    if any(part.lower() in DOC_FOLDERS for part in pure.parts[:-1]):
        return True
    return pure.suffix.lower() in DOC_SUFFIXES or pure.name.upper() in DOC_NAMES


def marked_non_live(line: str, start: int, length: int) -> bool:
    """Whether the comment after an ID, or the key before it on its line, marks it as test/dev/staging.

    ``start`` is the ID's 0-based column. The key is what follows the last separator or other ID
    before it: in ``{test: "price_a", live: "price_b"}`` only ``price_a`` is marked.
    """
    key = _KEY_START.split(line[:start])[-1]
    after = line[start + length :]
    comment = _LINE_COMMENT.search(after)
    words = _words(key) | (_words(after[comment.end() :]) if comment else set())
    return bool(words & NON_LIVE_WORDS)


def is_non_live_path(path: str, is_code: bool = False) -> bool:
    """A file under a dev/staging/sandbox/preview folder, or a script or configuration file named for
    one (deploy-staging.sh, .env.development). Code is not judged by its name: ``PricingPreview.tsx``
    is a live page."""
    pure = posix_path(path)
    if any(part.lower() in NON_LIVE_FOLDERS for part in pure.parts[:-1]):
        return True
    return not is_code and bool(_words(pure.name) & NON_LIVE_NAME_WORDS)


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}
