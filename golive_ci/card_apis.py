"""Stripe calls that send raw card data, and the legacy payment APIs, in every supported language.

Data tables and matching for the rules ``raw-card-data-api`` and ``legacy-payments-api``. A call is
a Stripe call when its receiver names Stripe (``stripe.Token.create``, ``Stripe::Charge.create``,
``$stripe->tokens->create``, ``this.stripe.createToken``), when the file imports the SDK's model
classes (Java ``com.stripe.model.Token``, PHP ``use Stripe\\Token``, Python ``from stripe import``),
or through a Stripe client variable, a stripe-go package or a .NET ``XService``.
"""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, calls
from golive_ci.webhooks import tree

# Server resources whose creates can carry card details or a token/source.
SERVER_RESOURCES = ("Token", "PaymentMethod", "Source", "Charge", "Customer", "PaymentIntent", "SetupIntent")
_BY_OWNER: dict[str, str] = {}
for _resource in SERVER_RESOURCES:
    _snake = re.sub(r"(?<!^)(?=[A-Z])", "_", _resource).lower()
    _camel = _resource[0].lower() + _resource[1:]
    for _name in (f"{_snake}s", f"{_camel}s", f"{_resource}s", f"V1{_resource}s"):
        _BY_OWNER[_name] = _resource
_GO_PACKAGES = {resource.lower(): resource for resource in SERVER_RESOURCES}
_CREATES = frozenset({"create", "Create", "CreateAsync", "New", "confirm", "Confirm", "ConfirmAsync"})
_SOURCE_CREATES = frozenset({"create_source", "createSource", "CreateSource"})
_CLIENT_SEGMENTS = frozenset({"v1", "V1", "client", "sc", "_client", "stripe_client", "stripeClient"})
_IMPORTS = {
    "python": lazy_pattern(rb"from\s+stripe\s+import\b"),
    "java": lazy_pattern(rb"import\s+com\.stripe\.model\."),
    "php": lazy_pattern(rb"use\s+\\?Stripe\\"),
    "csharp": lazy_pattern(rb"using\s+Stripe\s*;"),
}

# A card number given as data: a `number` key or field (not `account_number`), a typed setter, or a
# form-encoded `card[number]`; and, to tell a card from anything else with a number, an expiry month.
CARD_NUMBER = lazy_pattern(
    r"""(?:['"]number['"]\s*(?:=>|:|,)|(?<![\w.$])number\s*[:=](?!=)|:number\s*=>|\bNumber\s*[:=](?!=)"""
    r"""|\bsetNumber\(|card\]?\[number\]|[{,]\s*number\s*(?=[,}]))"""
)
CARD_EXPIRY = lazy_pattern(r"(?i)exp_?month|card\]?\[exp_month\]")
# A form field name on its own (a quoted key, or `&card[number]=` in a query string), not prose.
FORM_ENCODED_NUMBER = lazy_pattern(r"""['"&?](?:\w+\[)?card\]?\[number\](?=['"=])""")
# A token or source handed to a Charge: `source=`, `source:`, `'source' =>`, `SetSource(`, `Source =`.
TOKEN_SOURCE = lazy_pattern(
    r"""(?:['"]source['"]\s*(?:=>|:|,)|(?<![\w.$])source\s*[:=](?!=)|:source\s*=>|\bSource\s*[:=](?!=)"""
    r"""|\b[sS]etSource\(|[{,]\s*source\s*(?=[,}]))"""
)

# Stripe.js (browser) methods that are removed or have no SCA, with what replaces them.
STRIPE_JS_LEGACY: dict[str, str] = {
    "createToken": "Tokens carry no SCA: collect the card with the Payment Element and confirm a "
    "PaymentIntent (`stripe.confirmPayment`) or SetupIntent (`stripe.confirmSetup`)",
    "createSource": "the Sources API is deprecated: use the Payment Element with PaymentIntents "
    "(`stripe.confirmPayment`) or SetupIntents (`stripe.confirmSetup`)",
    "redirectToCheckout": "`redirectToCheckout` is deprecated and removed from current Stripe.js: create a "
    "Checkout Session on the server and redirect to its `url`",
    "handleCardPayment": "`handleCardPayment` was replaced by `stripe.confirmPayment` (or `confirmCardPayment`)",
    "handleCardSetup": "`handleCardSetup` was replaced by `stripe.confirmSetup` (or `confirmCardSetup`)",
}
# Names a Stripe.js instance is commonly bound to, and how it is made.
_STRIPE_JS_BINDING = lazy_pattern(
    r"(?<![$\w.])([$\w]+)\s*(?::\s*[\w<>|\s]+?)?=\s*(?:await\s+)?(?:window\.)?(?:Stripe|loadStripe|useStripe|getStripe)\s*\("
)


def is_stripe_js_receiver(receiver: str, bound: set[str]) -> bool:
    """``stripe``, ``this.stripe``, ``props.stripe``, ``this.$stripe``, ``Stripe.card``, or a name
    bound to ``Stripe(pk)``."""
    parts = [p.rstrip("!?") for p in re.split(r"\?\.|\.", receiver) if p]
    if not parts:
        return False
    last = parts[-1].strip("$_").lower()
    if last.endswith("stripe") or last in ("stripejs", "stripeinstance"):  # not `wc_stripe_form`, `stripeService`
        return True
    if len(parts) >= 2 and parts[-2] == "Stripe":  # Stripe.js v2: Stripe.card.createToken
        return True
    return parts[-1].lstrip("$") in bound


def stripe_js_bindings(source: SourceFile) -> set[str]:
    found = source.cache.get("card_apis.stripe_js")
    if found is None:
        found = source.cache["card_apis.stripe_js"] = {
            m.group(1).lstrip("$") for m in _STRIPE_JS_BINDING.finditer(source.text)
        }
    return found


def server_resource(call: Call, source: SourceFile) -> str | None:
    """The Stripe server resource a create/confirm/create-source call is made on, else None."""
    if call.name not in _CREATES and call.name not in _SOURCE_CREATES:
        return None
    if call.name == "New" and source.language != "go":
        return None
    parts = _segments(call.callee)
    if len(parts) < 2:
        return None
    owner, prefix = parts[-2], parts[:-2]
    language = source.language or ""
    if owner in SERVER_RESOURCES:  # class style
        if prefix and prefix[-1].lower() == "stripe":
            return owner
        return owner if not prefix and language != "ruby" and _imports_models(source) else None
    if owner in _BY_OWNER:  # client style
        if any("stripe" in part.lower() for part in prefix) or (prefix and prefix[-1] in _CLIENT_SEGMENTS):
            return _BY_OWNER[owner]
        return _BY_OWNER[owner] if prefix and prefix[-1].lstrip("$") in _client_variables(source) else None
    if language == "go" and not prefix and owner in _GO_PACKAGES:
        pattern = rb"stripe-go(?:/v\d+)?/" + owner.encode() + rb'"'
        return _GO_PACKAGES[owner] if re.search(pattern, source.data) else None
    if language == "csharp":
        if owner.endswith("Service") and owner.removesuffix("Service") in SERVER_RESOURCES:
            return owner.removesuffix("Service")
        return _dotnet_services(source).get(owner)
    return None


def call_text(source: SourceFile, call: Call) -> str:
    return tree.text(source, call.node)


def function_text(source: SourceFile, call: Call) -> str:
    """The enclosing function's source (the file's at the top level), read once per function."""
    node = call.function if call.function is not None else tree.root(source)
    texts: dict[object, str] = source.cache.setdefault("card_apis.function_texts", {})
    key = id(node) if tree.is_python(node) else node.id
    if key not in texts:
        texts[key] = tree.text(source, node)
    return texts[key]


def stripe_calls(source: SourceFile) -> list[tuple[Call, str]]:
    """(call, resource) of every Stripe server create/confirm call of the file. Raises ParseError."""
    found = source.cache.get("card_apis.server_calls")
    if found is None:
        found = []
        for call in calls(source):
            resource = server_resource(call, source)
            if resource is not None:
                found.append((call, resource))
        source.cache["card_apis.server_calls"] = found
    return found


def _segments(callee: str) -> list[str]:
    normal = callee.replace("::", ".").replace("->", ".").replace("\\", ".").replace("?.", ".")
    normal = re.sub(r"\(\)", "", normal).replace("new ", "")
    return [part for part in normal.split(".") if part]


def _imports_models(source: SourceFile) -> bool:
    imported = _IMPORTS.get(source.language or "")
    return bool(imported and imported.search(source.data))


def _client_variables(source: SourceFile) -> set[str]:
    found = source.cache.get("card_apis.clients")
    if found is None:
        pattern = re.compile(
            r"(?<![$\w])([$\w]++)\s*+(?::\s*+[\w.]++\s*+)?(?:=|:=)\s*+(?:await\s+)?(?:new\s+)?[\w.\\:]*(?:Stripe|StripeClient|stripe)\b"
            r"|(?<![$\w])([$\w]++)\s*+(?:=|:=)\s*+(?:require\(\s*['\"]stripe['\"]\s*\)|client\.New\()"
        )
        found = {(m.group(1) or m.group(2)).lstrip("$") for m in pattern.finditer(source.text)}
        source.cache["card_apis.clients"] = found
    return found


def _dotnet_services(source: SourceFile) -> dict[str, str]:
    cached = source.cache.get("card_apis.services")
    if cached is not None:
        return cached
    found: dict[str, str] = {}
    source.cache["card_apis.services"] = found
    text = source.text
    for resource in SERVER_RESOURCES:
        service = f"{resource}Service"
        if service not in text:
            continue
        for match in re.finditer(rf"\b{service}\??\s+(\w+)\s*[;=),]", text):
            found[match.group(1)] = resource
        for match in re.finditer(rf"\b(?:var\s+)?(\w+)\s*=\s*new\s+{service}\s*\(", text):
            found[match.group(1)] = resource
    return found
