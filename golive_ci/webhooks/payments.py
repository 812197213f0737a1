"""Recognising calls that move money through a Stripe SDK, in every supported language.

Which resource a call is made on (class style, client style, Go packages, .NET services) is
golive_ci/sdk_calls.py's; here: which calls move money or charge a card, and how they are keyed.
"""

from __future__ import annotations

import ast
import re

from golive_ci.facts import fact
from golive_ci.lang import code_languages
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sdk_calls import STRIPE_ONLY, SdkResources, enclosing_function
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, calls
from golive_ci.webhooks import tree

RESOURCES = (
    "PaymentIntent", "Charge", "Refund", "Transfer", "Payout", "Subscription", "Invoice", "SetupIntent", "Customer",
    "PaymentMethod",
)  # fmt: skip
# Creates that move money when they succeed (a PaymentIntent only when confirmed on create).
_MONEY_CREATES = frozenset({"PaymentIntent", "Charge", "Refund", "Transfer", "Payout", "Subscription"})
_PAYMENTS = SdkResources("payments", RESOURCES)
# Needles of the payment rules: every SDK style names Stripe somewhere in the file (an import, a
# namespace, the client), and ``mentions_payment`` then asks for a resource before anything is parsed.
PAYMENT_NEEDLES: tuple[bytes, ...] = (b"tripe", b"TRIPE")
# stripe-python names its async methods `create_async`, .NET `CreateAsync`.
_CREATE = frozenset({"create", "create_async", "Create", "CreateAsync", "New"})
_CONFIRM = frozenset({"confirm", "confirm_async", "Confirm", "ConfirmAsync"})
_PAY = frozenset({"pay", "pay_async", "Pay", "PayAsync"})
_ATTACH = frozenset({"attach", "attach_async", "Attach", "AttachAsync"})
# `import stripe as stripe_lib`: the alias names the stripe module.
_PYTHON_STRIPE_ALIAS = lazy_pattern(rb"^[ \t]*import[ \t]+stripe[ \t]+as[ \t]+(\w+)", re.MULTILINE)
_CONFIRM_TRUE = lazy_pattern(
    r"""(?i)['"]?confirm['"]?\s*(?:=>|=|:)\s*(?:true|stripe\.Bool\(\s*true\s*\))|setConfirm\(\s*true\s*\)"""
)
# payment_behavior values with which a Subscription create answers with an incomplete subscription
# instead of a card error; default_incomplete also leaves the first payment to the client.
_DEFAULT_INCOMPLETE = lazy_pattern(r"default_incomplete|DefaultIncomplete|DEFAULT_INCOMPLETE")
_NO_CARD_ERROR = lazy_pattern(
    r"(?:default|allow|pending_if)_incomplete|(?:Default|Allow|PendingIf)Incomplete|(?:DEFAULT|ALLOW|PENDING_IF)_INCOMPLETE"
)
_CARD_SOURCE = lazy_pattern(r"""(?i)\bsource['"]?\s*(?:=>|=|:)|\bsetSource\(|\bSource\s*=""")


class PaymentCall(Record):
    __slots__ = ("action", "call", "function_text", "resource", "shared")
    call: Call
    resource: str  # one of RESOURCES
    action: str  # "create", "confirm" or "pay"
    function_text: str  # the enclosing function's source (or the file's), for options built nearby
    shared: dict[str, object]  # what was found in function_text, shared by the calls of one function

    def __init__(
        self, call: Call, resource: str, action: str, function_text: str, shared: dict[str, object] | None = None
    ) -> None:
        self.call = call
        self.resource = resource
        self.action = action
        self.function_text = function_text
        self.shared = {} if shared is None else shared

    def function_mentions(self, name: str, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` occurs in the function's text, searched once per function, not per call."""
        found = self.shared.get(name)
        if found is None:
            found = self.shared[name] = pattern.search(self.function_text) is not None
        return bool(found)

    @property
    def display(self) -> str:
        return self.call.callee if len(self.call.callee) <= 60 else f"{self.resource}.{self.call.name}"

    @property
    def moves_money(self) -> bool:
        """A create that, retried, moves money twice. An unconfirmed PaymentIntent and a
        ``default_incomplete`` Subscription move none: a retry only leaves a duplicate object. An
        Invoice pay cannot pay one invoice twice: a repeat fails because the invoice is already paid."""
        if self.action == "pay":
            return False
        if self.action != "create" or self.resource not in _MONEY_CREATES:
            return False
        if self.resource == "PaymentIntent":
            return self.confirmed_on_create
        if self.resource == "Subscription":
            return not self.function_mentions("default-incomplete", _DEFAULT_INCOMPLETE)
        return True

    @property
    def confirmed_on_create(self) -> bool:
        # `confirm` may sit in a params object or builder earlier in the function.
        return self.function_mentions("confirm", _CONFIRM_TRUE)

    @property
    def charges_a_card(self) -> bool:
        """Can answer with a card decline: a confirm (or a create with ``confirm``) of a PaymentIntent or
        SetupIntent, a Charge create, a Customer create with a card ``source``, a PaymentMethod attach,
        an Invoice pay, a Subscription create unless its ``payment_behavior`` accepts an incomplete
        subscription (``default_incomplete``, ``allow_incomplete``, ``pending_if_incomplete``)."""
        if self.resource in ("PaymentIntent", "SetupIntent"):
            return self.action == "confirm" or (self.action == "create" and self.confirmed_on_create)
        if self.resource == "Subscription":
            return self.action == "create" and not self.function_mentions("no-card-error", _NO_CARD_ERROR)
        if self.resource == "Customer":
            return self.action == "create" and self.function_mentions("card-source", _CARD_SOURCE)
        if self.resource == "PaymentMethod":
            return self.action == "attach"
        if self.resource == "Invoice":
            return self.action == "pay"
        return self.action == "create" and self.resource == "Charge"


@fact("money-moving and card-charging SDK calls", needles=PAYMENT_NEEDLES, languages=code_languages())
def payment_calls(source: SourceFile) -> list[PaymentCall]:
    """Every money-moving or card-charging SDK call of ``source``. Raises ParseError."""
    language = source.language or ""
    aliases = STRIPE_ONLY
    if language == "python":
        aliases |= {m.group(1).decode().lower() for m in _PYTHON_STRIPE_ALIAS.finditer(source.data)}
    found: list[PaymentCall] = []
    shared: dict[object, dict[str, object]] = {}  # what is found in a function's text, once per function
    for call in calls(source):
        action = _action(call.name, language)
        if action is None:
            continue
        resource = _PAYMENTS.resource(call, source, aliases)
        if resource is None:
            continue
        key, function_text = enclosing_function(source, call)
        found.append(PaymentCall(call, resource, action, function_text, shared.setdefault(key, {})))
    return found


def _action(name: str, language: str) -> str | None:
    if name in _CONFIRM:
        return "confirm"
    if name in _PAY:
        return "pay"
    if name in _ATTACH:
        return "attach"
    if name in _CREATE and (name != "New" or language == "go"):
        return "create"
    return None


_IDEMPOTENCY = lazy_pattern(r"(?i)idempoten\w*")
_OPTION_NAMES = frozenset({"options", "opts", "requestoptions", "request_options"})
_EMPTY_VALUES = frozenset({"null", "nil", "None", "undefined", "{}", "[]", "array()", "new RequestOptions()"})
# A fresh random value made where the key is set: it changes on every attempt of your code.
_RANDOM = lazy_pattern(
    r"(?i)uuid\.?(?:uuid)?[14]\(|randomUUID\(|uuidv4\(|\bv4\(\)|SecureRandom\.|Uuid::uuid4\(|uniqid\("
    r"|Guid\.NewGuid\(|uuid\.New(?:String|Random)?\(|randomBytes\(|random_bytes\(|nanoid\(|secrets\.token_"
    r"|crypto\.randomUUID|ObjectId\(|Str::uuid\(|\buuid\(\)"
)
# The key's value, right after the option's name: `= expr`, `: expr`, `=> expr`, `(expr`.
_KEY_VALUE = lazy_pattern(r"""^['"]?\s*(?:=>|=|:|\()\s*([^\n,)}\]]{1,160})""")
_CONSTANT = lazy_pattern(r"""^(['"])[^'"{}$#%]*\1\s*(?:$|[,)}\];])""")
# Where a `#` or `//` comment starts on a line, outside string literals (PHP also has `#`).
_HASH_COMMENTS = frozenset({"python", "ruby", "php"})
_SLASH_COMMENTS = frozenset({"javascript", "typescript", "tsx", "php", "go", "java", "csharp"})

KEY_MISSING, KEY_SEEN, KEY_RANDOM, KEY_CONSTANT = "missing", "seen", "random", "constant"


def has_idempotency_key(source: SourceFile, payment: PaymentCall) -> bool:
    """True when a key is passed or may be: options we cannot see into count as passed (precision first)."""
    return idempotency_key(source, payment) != KEY_MISSING


def idempotency_key(source: SourceFile, payment: PaymentCall) -> str:
    """How the call is keyed: ``missing``; ``seen`` (a key, or options this check cannot read);
    ``random`` (a fresh random key made at the call); ``constant`` (one literal for every request).
    The word "idempotency" in a comment is not a key."""
    call = payment.call
    language = source.language or ""
    found = _key_in(tree.text(source, call.node), payment.function_text, language)
    if found is None:  # judged once per function, not once per call
        if "idempotency-key" not in payment.shared:
            payment.shared["idempotency-key"] = _key_in(payment.function_text, payment.function_text, language)
        found = payment.shared["idempotency-key"]  # type: ignore[assignment]
    if found is not None:
        return found
    return KEY_SEEN if _options_may_hold_key(source, payment, language) else KEY_MISSING


def _key_in(text: str, function_text: str, language: str) -> str | None:
    for match in _IDEMPOTENCY.finditer(text):
        if not _in_comment(text, match.start(), language):
            return _judge_key(text[match.end() :], function_text)
    return None


def _judge_key(after: str, function_text: str) -> str:
    value = _KEY_VALUE.match(after.lstrip())
    if value is None:
        return KEY_SEEN
    expression = value.group(1).strip()
    if _CONSTANT.match(expression):
        return KEY_CONSTANT
    if _RANDOM.search(expression):
        return KEY_RANDOM
    name = re.match(r"\$?[A-Za-z_]\w*$", expression.rstrip(";").strip())
    if name is not None:  # `idempotency_key=key` with `key = str(uuid4())` earlier
        assigned = re.search(rf"{re.escape(name.group(0))}\s*(?::\s*\w+\s*)?:?=\s*([^\n;]+)", function_text)
        if assigned is not None and _RANDOM.search(assigned.group(1)):
            return KEY_RANDOM
    return KEY_SEEN


def _in_comment(text: str, offset: int, language: str) -> bool:
    line = text[text.rfind("\n", 0, offset) + 1 : offset]
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote and line[index - 1 : index] != "\\":
                quote = ""
        elif char in "'\"`":
            quote = char
        elif _starts_comment(line, index, language):
            return True
    stripped = line.lstrip()
    return stripped.startswith("*")  # inside a /* … */ or /** … */ block


def _starts_comment(line: str, index: int, language: str) -> bool:
    if line[index] == "#":
        return language in _HASH_COMMENTS
    return line[index] == "/" and line[index + 1 : index + 2] in ("/", "*") and language in _SLASH_COMMENTS


def _options_may_hold_key(source: SourceFile, payment: PaymentCall, language: str) -> bool:
    call = payment.call
    if language == "python":
        if any(isinstance(k, ast.keyword) and k.arg is None for k in getattr(call.node, "keywords", [])):
            return True  # **params may carry idempotency_key
        options = call.kwarg("options") or call.positional(1 if payment.action == "create" else 2)
        return options is not None and _opaque(options.text)
    if language == "go":
        params = call.positional(len(call.args) - 1)
        return params is not None and _is_parameter(payment.function_text, params.text)
    if any(argument.text.startswith(("...", "*", "**")) for argument in call.args):
        return True
    named = next((a for a in call.args if a.name and a.name.lower() in _OPTION_NAMES), None)
    if named is not None:
        return _opaque(named.text)
    # Ruby `create(amount: 1, currency: "usd")` and PHP/C# named arguments are the params, not options.
    options = call.positional(1 if payment.action == "create" else 2)
    return options is not None and _opaque(options.text)


def _opaque(text: str) -> bool:
    """An options argument that is not a literal we can read (a variable, a call): assume it holds a key."""
    stripped = " ".join(text.split())
    if stripped in _EMPTY_VALUES or "cancellationToken" in stripped or "CancellationToken" in stripped:
        return False
    return not stripped.startswith(("{", "[", "array(", "new RequestOptions", "RequestOptions("))


def _is_parameter(function_text: str, name: str) -> bool:
    header = function_text.split("{", 1)[0]
    return re.search(rf"\b{re.escape(name.lstrip('&'))}\b", header) is not None


_RESOURCE_NEEDLES: tuple[bytes, ...] = (
    b"PaymentIntent", b"aymentIntents", b"payment_intent", b"aymentintent", b"Charge", b"harges", b"harge.New",
    b"Refund", b"efunds", b"efund.New", b"Transfer", b"ransfers", b"ransfer.New", b"Payout", b"ayouts",
    b"ayout.New", b"Subscription", b"ubscriptions", b"ubscription.New", b"nvoice", b"SetupIntent", b"etupIntents",
    b"setup_intent", b"etupintent", b"ustomer", b"aymentMethod", b"payment_method", b"aymentmethod",
)  # fmt: skip


def mentions_payment(source: SourceFile) -> bool:
    return source.contains(*_RESOURCE_NEEDLES)
