"""What each language looks like to golive-ci, in one place per language.

Each package of this package (``lang/go/``) describes one language family with
:class:`LanguageProfile` objects in a ``PROFILES`` tuple: the file suffixes that select it and the
idioms of its Stripe SDK that rules ask about. The package finds its packages itself (a single
module ``lang/<name>.py`` counts too), so adding a language is one folder here: rules read
:func:`profile` (and :func:`code_languages`) and never name a language's idioms.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import cache

# Every field a profile holds, in the order new_language.py writes them.
_FIELDS = (
    "name",
    "suffixes",
    "stripe_code",
    "stripe_code_flags",
    "card_error",
    "idempotency_option",
    "network_retries_setting",
    "sdk_ecosystem",
    "sdk_pin_example",
    "sdk_major_prefix",
    "typed_sdk",
    "browser_code",
    "api_version_setter",
    "client_api_version_option",
    "webhook_endpoint_api_version",
    "minor_units_rounding",
    "prices_are_decimals",
    "amount_floats_need_cast",
    "request_body_reads",
    "parsed_body_reads",
    "whole_request_bodies",
    "bare_print_calls",
    "catch_keyword",
    "env_reads_empty_when_unset",
    "webhook_tolerance_nulls",
    "webhook_tolerance_zero_disables",
    "webhook_tolerance_negative_disables",
    "webhook_version_mismatch_flag",
    "bodies_take_handlers",
    "errors_as_values",
    "promise_error_callbacks",
    "body_parameter_annotation",
    "grammar",
    "node_roles",
)


class LanguageProfile:
    """One language: its file suffixes and the idioms of its Stripe SDK (a plain class: the hooks
    import this at start-up, and ``dataclasses`` costs more than the whole profile table).

    Snippets are written as a developer would type them, for messages; patterns are regular
    expressions, compiled by the code that uses them."""

    __slots__ = _FIELDS

    def __init__(
        self,
        name: str,
        suffixes: tuple[str, ...],
        *,
        stripe_code: str,
        card_error: str,
        idempotency_option: str,
        network_retries_setting: str,
        sdk_ecosystem: str,
        sdk_pin_example: str,
        sdk_major_prefix: str,
        typed_sdk: bool,
        browser_code: bool,
        api_version_setter: str | None,
        client_api_version_option: str | None,
        webhook_endpoint_api_version: str,
        minor_units_rounding: str,
        prices_are_decimals: bool,
        amount_floats_need_cast: bool,
        request_body_reads: bytes | None,
        parsed_body_reads: str | None,
        whole_request_bodies: frozenset[str],
        bare_print_calls: frozenset[str],
        catch_keyword: str,
        env_reads_empty_when_unset: str | None,
        webhook_tolerance_nulls: frozenset[str],
        webhook_tolerance_zero_disables: bool,
        webhook_tolerance_negative_disables: bool,
        webhook_version_mismatch_flag: str | None,
        stripe_code_flags: int = 0,
        bodies_take_handlers: bool = False,
        errors_as_values: bool = False,
        promise_error_callbacks: bool = False,
        body_parameter_annotation: str | None = None,
        grammar: tuple[str, str] | None = None,
        node_roles: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.name = name
        self.suffixes = suffixes
        # Where application code uses the Stripe SDK (an import, a client, a namespaced class).
        self.stripe_code = stripe_code
        self.stripe_code_flags = stripe_code_flags
        # How the SDK names a card error, and how a request passes an idempotency key.
        self.card_error = card_error
        self.idempotency_option = idempotency_option
        # How code sets the SDK's automatic network retries (to 2).
        self.network_retries_setting = network_retries_setting
        # The package ecosystem of the Stripe SDK as manifests name it ("node", "dotnet"): files of one
        # ecosystem share the SDK's global settings; how a manifest pins the SDK to one release.
        self.sdk_ecosystem = sdk_ecosystem
        self.sdk_pin_example = sdk_pin_example
        # How the SDK's major releases are written ("v" for stripe-go's v86).
        self.sdk_major_prefix = sdk_major_prefix
        # A statically typed SDK (Go, Java, .NET): its release fixes the API version, and requests take
        # params objects built before the call.
        self.typed_sdk = typed_sdk
        # Files of this language may be browser code that loads Stripe.js.
        self.browser_code = browser_code
        # How code sets the SDK's global API version, and how it gives one client a version (None: the
        # SDK has no such setting).
        self.api_version_setter = api_version_setter
        self.client_api_version_option = client_api_version_option
        # How a webhook endpoint is created with an API version.
        self.webhook_endpoint_api_version = webhook_endpoint_api_version
        # How to round a price to whole minor units before passing it to Stripe.
        self.minor_units_rounding = minor_units_rounding
        # Frameworks keep money in exact decimals (Django's Decimal, Rails' BigDecimal): a price times
        # 100 is a float only where the code shows one.
        self.prices_are_decimals = prices_are_decimals
        # An unrounded float amount loses a cent only through a cast to an integer (PHP sends floats
        # rounded to 14 digits; Go, Java and .NET params take integers).
        self.amount_floats_need_cast = amount_floats_need_cast
        # Code that reads an HTTP request's body (bytes pattern), and code that reads it already
        # parsed or serialises a parsed one (a signature is over the raw bytes).
        self.request_body_reads = request_body_reads
        self.parsed_body_reads = parsed_body_reads
        # Names that hold the whole request in the language's web frameworks (Rails params, $_POST).
        self.whole_request_bodies = whole_request_bodies
        # Functions called without a receiver that print or log.
        self.bare_print_calls = bare_print_calls
        # The keyword of an exception handler ("except", "rescue", "catch").
        self.catch_keyword = catch_keyword
        # Environment reads that give an empty string when the variable is unset (and the SDK then
        # verifies webhook signatures with an empty key).
        self.env_reads_empty_when_unset = env_reads_empty_when_unset
        # The webhook verification's timestamp tolerance: values that turn the replay check off.
        self.webhook_tolerance_nulls = webhook_tolerance_nulls
        self.webhook_tolerance_zero_disables = webhook_tolerance_zero_disables
        self.webhook_tolerance_negative_disables = webhook_tolerance_negative_disables
        # The argument of the SDK's event construction that, set to false, accepts events of another
        # API version than the SDK's (None: the SDK has no such switch).
        self.webhook_version_mismatch_flag = webhook_version_mismatch_flag
        # Idioms: any body can carry its own catch clauses (Ruby ``def … rescue … end``), not only a
        # try; calls return errors as values checked with ``if err != nil`` (Go); ``.catch(callback)``
        # on a call's promise handles its errors (JavaScript); the pattern of an annotation that binds
        # a handler's parameter to the request body (Spring ``@RequestBody``; None: none).
        self.bodies_take_handlers = bodies_take_handlers
        self.errors_as_values = errors_as_values
        self.promise_error_callbacks = promise_error_callbacks
        self.body_parameter_annotation = body_parameter_annotation
        # The tree-sitter grammar that parses the language: (module, function returning its language
        # pointer), imported only when a file of the language is parsed. None: Python's ``ast``, or no
        # parser (the rules that read code then give a notice).
        self.grammar = grammar
        # The grammar's node kinds of each role the language-neutral code asks about (an if statement,
        # an argument list, a key/value pair …: see golive_ci/lang/_roles.py), but for those its
        # nodes.scm captures.
        self.node_roles = node_roles or {}

    def sibling(self, name: str, suffixes: tuple[str, ...], **changes: object) -> LanguageProfile:
        """The same idioms under another name, but for ``changes`` (TypeScript shares JavaScript's SDK)."""
        unknown = set(changes) - set(_FIELDS)
        if unknown:
            raise TypeError(f"not a profile field: {', '.join(sorted(unknown))}")
        copy = object.__new__(LanguageProfile)
        for field in _FIELDS:
            setattr(copy, field, getattr(self, field))
        copy.name, copy.suffixes = name, suffixes
        for field, value in changes.items():
            setattr(copy, field, value)
        return copy

    @property
    def stripe_code_re(self) -> re.Pattern[str]:
        return _compiled(self.stripe_code, self.stripe_code_flags)


@cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)  # at the first use: a hook that never asks compiles nothing


@cache
def profiles() -> dict[str, LanguageProfile]:
    """Every language profile by name, from the modules of this package."""
    found: dict[str, LanguageProfile] = {}
    for name in _language_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        path = module.__file__ or ""
        folder, file_name = os.path.split(path)
        query = os.path.join(folder, "nodes.scm") if file_name == "__init__.py" else f"{path[:-3]}.scm"
        for language in module.PROFILES:
            found[language.name] = language
            _NODES_QUERIES[language.name] = query
    return found


# language -> the tree-sitter query of the grammar's nodes that rules ask about (calls, assignments,
# functions, declarations, strings): ``nodes.scm`` in the language's package (see _queries.py).
_NODES_QUERIES: dict[str, str] = {}


def nodes_query(name: str) -> str | None:
    """The path of the language's ``nodes.scm`` (it may not exist: a language without a parser)."""
    profiles()
    return _NODES_QUERIES.get(name)


def _language_modules() -> list[str]:
    """The names of this package's language packages (``lang/go/``) and single-module languages
    (``lang/toy.py``), sorted. A directory listing, not pkgutil: pkgutil imports inspect and typing,
    ~8 ms of every hook run."""
    names = set()
    for folder in __path__:
        for entry in os.listdir(folder):
            if entry.startswith("_"):
                continue
            if entry.endswith(".py"):
                names.add(entry[:-3])
            elif "." not in entry and os.path.isfile(os.path.join(folder, entry, "__init__.py")):
                names.add(entry)
    return sorted(names)


_TEXT_MARKERS = ("string", "comment", "heredoc")


def is_text_kind(kind: str) -> bool:
    """A node kind whose text is not code: a string literal or a part of one, a comment, a heredoc
    (every grammar's names say so)."""
    return any(marker in kind for marker in _TEXT_MARKERS)


_NO_KINDS: frozenset[str] = frozenset()


@cache
def _profile_roles(language: str) -> dict[str, frozenset[str]]:
    """The roles ``language``'s profile gives kinds (ValueError on a name that is no role, or is
    one its nodes.scm captures)."""
    from golive_ci.lang._roles import CAPTURED, ROLES

    found = profiles().get(language)
    roles = found.node_roles if found is not None else {}
    wrong = set(roles) - set(ROLES) | set(roles) & set(CAPTURED)
    if wrong:
        raise ValueError(f"{language}: not a node role of a profile: {', '.join(sorted(wrong))}")
    return roles


def _captured(language: str, role: str) -> frozenset[str]:
    from golive_ci.lang._queries import kinds

    return kinds(nodes_query(language), role)


@cache
def language_roles(language: str) -> dict[str, frozenset[str]]:
    """Every node role -> its kinds in one language's grammar (empty: it has none), those of its
    nodes.scm included: ``roles["if"]``, and a KeyError for a name that is no role."""
    from golive_ci.lang._roles import CAPTURED, ROLES

    given = _profile_roles(language)
    roles = {role: given.get(role, _NO_KINDS) for role in ROLES}
    roles.update((role, _captured(language, role)) for role in CAPTURED)
    return roles


@cache
def role_kinds(*roles: str) -> frozenset[str]:
    """The node kinds of these roles over every language, once per set of roles: what code that
    holds a node, not its language, matches (a kind matches only in a grammar that has it). The
    roles of ``_roles.CAPTURED`` are read from the queries: ask for them at first use, not at import
    (a hook that parses nothing reads none)."""
    from golive_ci.lang._roles import CAPTURED, ROLES

    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise KeyError(f"not a node role: {', '.join(unknown)}")
    found: set[str] = set()
    for name in profiles():
        given = _profile_roles(name)
        for role in roles:
            found.update(_captured(name, role) if role in CAPTURED else given.get(role, _NO_KINDS))
    return frozenset(found)


@cache
def call_shapes(language: str) -> dict[str, str]:
    """Call node kind -> the ``call.*`` role that says how to read its callee, for one language."""
    return {
        kind: role for role, kinds in _profile_roles(language).items() if role.startswith("call.") for kind in kinds
    }


def profile(name: str | None) -> LanguageProfile | None:
    return profiles().get(name or "")


@cache
def code_languages() -> frozenset[str]:
    """Every language with a profile: what a rule judging code in any language reads."""
    return frozenset(profiles())


def ecosystem_profile(ecosystem: str) -> LanguageProfile | None:
    """The first profile whose Stripe SDK comes from ``ecosystem`` ("node": JavaScript)."""
    return next((p for p in profiles().values() if p.sdk_ecosystem == ecosystem), None)


@cache
def language_by_suffix() -> dict[str, str]:
    return {suffix: language.name for language in profiles().values() for suffix in language.suffixes}
