"""Which Stripe server resource an SDK call is made on, in every supported language.

Class style (``stripe.PaymentIntent.create``, ``Stripe::Charge.create``, ``\\Stripe\\Refund::create``,
Java ``PaymentIntent.create`` with a ``com.stripe.model`` import), client style
(``stripe.paymentIntents.create``, ``client.v1.payment_intents.create``, ``$stripe->refunds->create``,
``sc.V1PaymentIntents.Create``), Go packages (``paymentintent.New`` with a stripe-go import) and
.NET services (``new PaymentIntentService().Create`` or a variable / field of that type).

Shared by the money-moving calls (webhooks/payments.py) and the card APIs (card_apis.py), each with
its own resources; what a file binds (clients, model imports, functions' text) is found once per file.
"""

from __future__ import annotations

import re

from golive_ci.facts import fact, per_file
from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call
from golive_ci.webhooks import tree

# Last receiver segments that are a Stripe client (`client.v1.payment_intents`, `sc.V1Charges`).
_CLIENT_SEGMENTS = frozenset({"v1", "V1", "client", "sc", "_client", "stripe_client", "stripeClient"})
# Imports of the SDK's model classes, with which a bare `PaymentIntent.create` is Stripe's.
_MODEL_IMPORTS = {
    "python": lazy_pattern(rb"from\s+stripe\s+import\b"),
    "java": lazy_pattern(rb"import\s+com\.stripe\.model\."),
    "php": lazy_pattern(rb"use\s+\\?Stripe\\"),
    "csharp": lazy_pattern(rb"using\s+Stripe\s*;"),
}
_CLIENT_BINDING = lazy_pattern(
    r"(?<![$\w])([$\w]++)\s*+(?::\s*+[\w.]++\s*+)?(?:=|:=)\s*+(?:await\s+)?(?:new\s+)?[\w.\\:]*(?:Stripe|StripeClient|stripe)\b"
    r"|(?<![$\w])([$\w]++)\s*+(?:=|:=)\s*+(?:require\(\s*['\"]stripe['\"]\s*\)|client\.New\()"
)
STRIPE_ONLY = frozenset({"stripe"})
# .NET service variables by SdkResources name; functions' source text by function key.
_DOTNET_SERVICES = per_file(".NET services of Stripe resources")
_FUNCTION_TEXTS = per_file("source text of functions")


class SdkResources:
    """The calls made on one set of Stripe server resources (``("Token", "Charge", …)``)."""

    def __init__(self, name: str, resources: tuple[str, ...]) -> None:
        self.name = name
        self.ordered = resources
        self.resources = frozenset(resources)
        self.by_collection: dict[str, str] = {}  # `payment_intents`, `paymentIntents`, `V1PaymentIntents`, …
        for resource in resources:
            snake = re.sub(r"(?<!^)(?=[A-Z])", "_", resource).lower()
            for collection in (f"{snake}s", f"{resource[0].lower()}{resource[1:]}s", f"{resource}s", f"V1{resource}s"):
                self.by_collection[collection] = resource
        self.go_packages = {resource.lower(): resource for resource in resources}

    def resource(self, call: Call, source: SourceFile, aliases: frozenset[str] = STRIPE_ONLY) -> str | None:
        """The resource ``call`` is made on, else None. ``aliases``: lower-case names of the stripe module."""
        parts = segments(call.callee)
        if len(parts) < 2:
            return None
        owner, prefix = parts[-2], parts[:-2]
        language = source.language or ""
        if owner in self.resources:  # class style
            if prefix and prefix[-1].lower() in aliases:
                return owner
            return owner if not prefix and language != "ruby" and imports_models(source) else None
        if owner in self.by_collection:  # client style
            if any("stripe" in part.lower() for part in prefix) or (prefix and prefix[-1] in _CLIENT_SEGMENTS):
                return self.by_collection[owner]
            return self.by_collection[owner] if prefix and prefix[-1].lstrip("$") in client_variables(source) else None
        if language == "go" and not prefix and owner in self.go_packages:
            imported = re.search(rb"stripe-go(?:/v\d+)?/" + owner.encode() + rb'"', source.data)
            return self.go_packages[owner] if imported else None
        if language == "csharp":
            if owner.endswith("Service") and owner.removesuffix("Service") in self.resources:
                return owner.removesuffix("Service")
            return self.dotnet_services(source).get(owner)
        return None

    def dotnet_services(self, source: SourceFile) -> dict[str, str]:
        """Variables and fields holding a .NET ``XService`` of one of the resources."""
        by_table = _DOTNET_SERVICES.of(source)
        found = by_table.get(self.name)
        if found is None:
            found = by_table[self.name] = {}
            text = source.text
            for resource in self.ordered:
                service = f"{resource}Service"
                if service not in text:
                    continue  # both patterns name the service: skip the searches of every other resource
                for match in re.finditer(rf"\b{service}\??\s+(\w+)\s*[;=),]", text):
                    found[match.group(1)] = resource
                for match in re.finditer(rf"\b(?:var\s+)?(\w+)\s*=\s*new\s+{service}\s*\(", text):
                    found[match.group(1)] = resource
        return found


def segments(callee: str) -> list[str]:
    """``$stripe->paymentIntents->create`` -> ``["stripe", "paymentIntents", "create"]``."""
    normal = callee.replace("::", ".").replace("->", ".").replace("\\", ".").replace("?.", ".")
    normal = re.sub(r"\(\)", "", normal).replace("new ", "")
    return [part for part in normal.split(".") if part]


@fact("imports the Stripe SDK's model classes")
def imports_models(source: SourceFile) -> bool:
    imported = _MODEL_IMPORTS.get(source.language or "")
    return bool(imported and imported.search(source.data))


@fact("names bound to a Stripe client")
def client_variables(source: SourceFile) -> set[str]:
    """Names bound to a Stripe client: ``const s = new Stripe(key)``, ``client = StripeClient(key)``, …"""
    return {(m.group(1) or m.group(2)).lstrip("$") for m in _CLIENT_BINDING.finditer(source.text)}


def enclosing_function(source: SourceFile, call: Call) -> tuple[object, str]:
    """(a key, the source) of the function around ``call`` (the file's at the top level), read once per function."""
    node = call.function if call.function is not None else tree.root(source)
    texts: dict[object, str] = _FUNCTION_TEXTS.of(source)
    key = id(node) if tree.is_python(node) else node.id
    if key not in texts:
        texts[key] = tree.text(source, node)
    return key, texts[key]
