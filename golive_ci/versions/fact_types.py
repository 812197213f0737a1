"""The value classes and constants of API-version facts, below the extractors that produce them.

:mod:`golive_ci.versions.facts` computes them per file and re-exports every name here.
"""

from __future__ import annotations

from golive_ci.lang import profile, profiles
from golive_ci.records import Record

# Cheap byte pre-filters: a file that contains none of these cannot initialise Stripe.
STRIPE_NEEDLES: tuple[bytes, ...] = (b"stripe", b"Stripe", b"STRIPE")
WEBHOOK_ENDPOINT_NEEDLES: tuple[bytes, ...] = (b"ebhookEndpoint", b"ebhook_endpoint")
# Stripe's go-live checklist: code in dynamic languages pins the API version; in the typed ones the
# SDK release does (golive_ci/lang profiles, ``typed_sdk``).
TYPED_LANGUAGES = frozenset(name for name, language in profiles().items() if language.typed_sdk)
DYNAMIC_LANGUAGES = frozenset(profiles()) - TYPED_LANGUAGES

# How a version setting came about.
KIND_CLIENT = "client"  # a client initialisation (StripeClient, new Stripe(...))
KIND_GLOBAL = "global"  # the SDK's global default (stripe.api_version = …)
KIND_REQUEST = "request"  # a per-request option
KIND_CONSTANT = "constant"  # a named constant such as STRIPE_API_VERSION = "…"
KIND_WEBHOOK = "webhook-endpoint"  # the api_version a webhook endpoint is created with


def program_of(language: str | None) -> str:
    """Files whose global SDK settings affect each other: one program per SDK ecosystem ("node")."""
    found = profile(language)
    return found.sdk_ecosystem if found is not None else language or ""


_PIN_FIELDS = ("path", "line", "column", "language", "version", "how", "status", "kind", "note", "in_test")


class ApiVersionPin(Record):
    """A place where code sets, or fails to set, the API version its Stripe calls use."""

    __slots__ = ("column", "how", "in_test", "kind", "language", "line", "note", "path", "status", "version")
    path: str
    line: int
    column: int
    language: str
    version: str | None  # the literal version, None when unpinned, from the environment or unreadable
    how: str  # "stripe.api_version = …", "new Stripe(key, {apiVersion})"
    status: str  # values.PINNED / INDIRECT / ENV / UNPINNED
    kind: str
    note: str  # "environment variable STRIPE_API_VERSION", "constant API_VERSION"
    in_test: bool

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        language: str,
        version: str | None,
        how: str,
        status: str,
        kind: str = KIND_CLIENT,
        note: str = "",
        in_test: bool = False,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.language = language
        self.version = version
        self.how = how
        self.status = status
        self.kind = kind
        self.note = note
        self.in_test = in_test

    def to_dict(self) -> dict[str, object]:
        """The fields in constructor order (JSON output, the hooks' cache)."""
        return {name: getattr(self, name) for name in _PIN_FIELDS}


class ClientInit(Record):
    """A Stripe client initialisation. ``is_global`` inits (``stripe.api_key = …``) are pinned by the
    program's global version setting, wherever in the program it is."""

    __slots__ = ("column", "how", "in_test", "is_global", "language", "line", "note", "path", "status", "version")
    path: str
    line: int
    column: int
    language: str
    how: str
    is_global: bool
    status: str
    version: str | None
    note: str
    in_test: bool

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        language: str,
        how: str,
        is_global: bool,
        status: str,
        version: str | None = None,
        note: str = "",
        in_test: bool = False,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.language = language
        self.how = how
        self.is_global = is_global
        self.status = status
        self.version = version
        self.note = note
        self.in_test = in_test


class WebhookEndpointCreation(Record):
    __slots__ = ("column", "has_api_version", "how", "in_test", "language", "line", "path")
    path: str
    line: int
    column: int
    language: str
    how: str
    has_api_version: bool
    in_test: bool

    def __init__(
        self, path: str, line: int, column: int, language: str, how: str, has_api_version: bool, in_test: bool = False
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.language = language
        self.how = how
        self.has_api_version = has_api_version
        self.in_test = in_test


class FileFacts(Record):
    __slots__ = ("inits", "pins", "webhook_endpoints")
    pins: list[ApiVersionPin]
    inits: list[ClientInit]
    webhook_endpoints: list[WebhookEndpointCreation]

    def __init__(
        self,
        pins: list[ApiVersionPin] | None = None,
        inits: list[ClientInit] | None = None,
        webhook_endpoints: list[WebhookEndpointCreation] | None = None,
    ) -> None:
        self.pins = [] if pins is None else pins
        self.inits = [] if inits is None else inits
        self.webhook_endpoints = [] if webhook_endpoints is None else webhook_endpoints

    @property
    def sets_global_version(self) -> bool:
        return any(p.kind == KIND_GLOBAL for p in self.pins)

    def add_pin(self, pin: ApiVersionPin) -> None:
        """Record ``pin``; one literal reached twice (a constant that a client uses) is kept once, as the use."""
        for index, existing in enumerate(self.pins):
            if (existing.line, existing.column) == (pin.line, pin.column):
                if existing.kind == KIND_CONSTANT and pin.kind != KIND_CONSTANT:
                    self.pins[index] = pin
                return
        self.pins.append(pin)
