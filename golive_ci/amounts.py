"""Amounts converted to minor units with ``* 100``: where they go and whether they are rounded
(data and matching for the rule ``amount-minor-units``).

Works on lines: a multiplication by 100 is an amount for Stripe when it is written as the value of
an amount parameter (``amount=``, ``unit_amount:``, ``'amount_off' =>``, ``Amount:``,
``setUnitAmount(``, ``put("amount", ``) or assigned to a variable that is later passed as one.
"""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern

_SNAKE_KEYS = "amount|unit_amount|amount_off|application_fee_amount|amount_to_capture|flat_amount"
_PASCAL_KEYS = "Amount|UnitAmount|AmountOff|ApplicationFeeAmount|AmountToCapture|FlatAmount"
AMOUNT_KEY = lazy_pattern(
    rf"""(?:['"](?:{_SNAKE_KEYS})['"]\s*(?:=>|:)|(?<![\w$.'"])(?:{_SNAKE_KEYS})\s*[:=](?!=)|:(?:{_SNAKE_KEYS})\s*=>"""
    rf"""|(?<![\w$])(?:\w+\.)?(?:{_PASCAL_KEYS})\s*[:=](?!=)|\bset(?:{_PASCAL_KEYS})\(|\bput\(\s*"(?:{_SNAKE_KEYS})"\s*,)"""
)
MULTIPLY_100 = lazy_pattern(r"(?<!\*)\*\s*100(?:\.0*)?(?![\d.\w])|(?<![\w.])100(?:\.0*)?\s*\*(?!\*)")
# Rounding to a whole number of minor units (truncation by int()/to_i/(long) is not rounding).
ROUNDED = lazy_pattern(
    r"(?i)\bround\w*\s*\(|\.round\b|\bceil\w*\s*\(|\bfloor\w*\s*\(|\.ceil\b|\.floor\b|quantize\(|setScale\("
    r"|toFixed\(\s*0\s*\)|\bbcmul\(|RoundingMode|MidpointRounding|Convert\.ToInt(?:32|64)\(|\bint\.Parse"
)
TRUNCATED = lazy_pattern(
    r"\bint\s*\(|\bparseInt\s*\(|\.to_i\b|\bintval\s*\(|\(\s*(?:int|long)\s*\)|\bint64\s*\(|\bint32\s*\(|\bInteger\("
    r"|Math\.trunc\(|\|\s*0\b|~~"
)
FLOAT_EVIDENT = lazy_pattern(
    r"\bfloat\s*\(|\bparseFloat\s*\(|\.to_f\b|\bfloatval\s*\(|\(\s*float\s*\)|parseDouble|ParseFloat|ToDouble|\bFloat\("
    r"|\d\.\d|\*\s*100\.0|\bNumber\s*\("
)
# Names that hold an amount in major units (dollars, euros): the classic source of `* 100`.
MONEY_NAME = lazy_pattern(
    r"(?i)(?:price|total|cost|amount|fee|subtotal|dollars|euros|balance|sum|donation|tip|value|charge|payment)\w*$"
)
INTEGER_NAME = lazy_pattern(r"(?i)cents|qty|quantity|count|seats|credits|units|minutes|months|days|percent|rate")
# Currencies whose amounts have no minor unit in the Stripe API (https://docs.stripe.com/currencies).
ZERO_DECIMAL = (
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
)  # fmt: skip
ZERO_DECIMAL_LITERAL = lazy_pattern(rf"""(?i)['"](?:{"|".join(ZERO_DECIMAL)})['"]""")
# A repository that knows about zero-decimal currencies (a list, a helper, a check).
ZERO_DECIMAL_HANDLING = lazy_pattern(
    r"(?i)zero[_-]?decimal|ZERO_DECIMAL|['\"]jpy['\"][^\n]{0,80}['\"]krw['\"]|['\"]krw['\"][^\n]{0,80}['\"]jpy['\"]"
)
HANDLING_NEEDLES: tuple[bytes, ...] = (b"ero_decimal", b"eroDecimal", b"ERO_DECIMAL", b"ero-decimal", b"krw", b"KRW")
CURRENCY_VALUE = lazy_pattern(r"""(?i)['"]?\bcurrency['"]?\s*(?:=>|[:=])\s*([^,\n)}\]]+)|\bsetCurrency\(\s*([^)\n]+)""")
_CONSTANT_CURRENCY = lazy_pattern(r"""^\s*(?:['"]|[A-Z][A-Z0-9_]*\b|[\w.:$>-]*(?i:setting|config|env)|\w+::[A-Z])""")
_ASSIGNED = lazy_pattern(
    r"^\s*(?:(?:const|let|var|final|long|int|double|float|decimal|Long|Integer|my)\s+)?\$?(?P<name>[A-Za-z_]\w*)"
    r"\s*(?::\s*[\w.]+\s*)?(?::=|=)(?!=)"
)
_OPERAND = lazy_pattern(r"([\w$.\[\]'\"]+)\W*$")
COMMENT_STARTS = ("//", "#", "*", "/*", "--")


class AmountSite:
    """A ``* 100`` whose result reaches a Stripe amount parameter."""

    __slots__ = ("expression", "line", "offset", "operand", "uses")

    def __init__(self, line: int, offset: int, expression: str, operand: str) -> None:
        self.line = line  # 1-based line of the multiplication
        self.offset = offset  # character offset of the multiplication in the file
        self.expression = expression  # the value written after the parameter or `=`
        self.operand = operand  # what is multiplied by 100
        self.uses: list[int] = [offset]  # where the amount is handed over (a variable's uses as one)


def amount_sites(lines: list[str]) -> list[AmountSite]:
    """Every ``* 100`` written as an amount parameter's value, or assigned to a name used as one."""
    found: list[AmountSite] = []
    pending: dict[str, list[AmountSite]] = {}
    offset = 0
    for number, line in enumerate(lines, start=1):
        start, offset = offset, offset + len(line) + 1
        if "100" not in line or line.lstrip().startswith(COMMENT_STARTS):
            continue
        multiply = MULTIPLY_100.search(line)
        if multiply is None:
            continue
        assigned = _ASSIGNED.match(line)
        key = AMOUNT_KEY.search(line, 0, multiply.start())
        plain_assignment = (
            assigned is not None
            and not line.rstrip().endswith((",", "("))
            and "." not in assigned[0]
            and (key is None or key.start() < assigned.end())
        )
        value_start = assigned.end() if plain_assignment and assigned else key.end() if key else -1
        if value_start < 0:
            continue
        site = AmountSite(
            number, start + multiply.start(), line[value_start:].strip(), _operand(line, value_start, multiply)
        )
        if plain_assignment and assigned:
            pending.setdefault(assigned["name"], []).append(site)
        else:
            found.append(site)
    if pending:
        text = "\n".join(lines)
        for name, sites in pending.items():
            uses = _uses_as_amount(text, name)
            for site in sites:
                site.uses = uses
            found.extend(sites if uses else [])
    return sorted(found, key=lambda site: site.offset)


def _operand(line: str, value_start: int, multiply: re.Match[str]) -> str:
    if multiply.group(0).lstrip().startswith("100"):  # 100 * x
        return line[multiply.end() :].strip().split(")")[0].split(",")[0].strip()
    before = line[value_start : multiply.start()]
    match = _OPERAND.search(before.rstrip(") "))
    return match.group(1) if match else before.strip()


def _uses_as_amount(text: str, name: str) -> list[int]:
    """Offsets where ``name`` is passed as an amount parameter (JS shorthand ``{ amount }`` too)."""
    escaped = re.escape(name)
    passed = rf"(?:{AMOUNT_KEY.pattern})\s*(?:[\w.]+\()*\s*\$?{escaped}\b"
    uses = [match.start() for match in re.finditer(passed, text)]
    if name in _SNAKE_KEYS.split("|"):
        uses += [match.start() for match in re.finditer(rf"[{{,]\s*{escaped}\s*[,}}]", text)]
    return uses


def currency_near(lines: list[str], line: int, reach: int = 8) -> str | None:
    """The currency expression written within ``reach`` lines of ``line`` (the same call, usually)."""
    low, high = max(0, line - 1 - reach), min(len(lines), line + reach)
    for index in sorted(range(low, high), key=lambda i: abs(i - (line - 1))):
        match = CURRENCY_VALUE.search(lines[index])
        if match:
            return (match.group(1) or match.group(2) or "").strip()
    return None


def is_variable_currency(expression: str) -> bool:
    """A currency that changes per request (not a literal, a constant or a configuration value)."""
    return bool(expression) and not _CONSTANT_CURRENCY.match(expression)
