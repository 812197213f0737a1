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

from golive_ci.lang._shapes import SHAPE_ROLES

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
    *SHAPE_ROLES,
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
        identifier_kinds: frozenset[str] = frozenset(),
        property_name_kinds: frozenset[str] = frozenset(),
        variable_kinds: frozenset[str] = frozenset(),
        self_kinds: frozenset[str] = frozenset(),
        type_name_kinds: frozenset[str] = frozenset(),
        string_content_kinds: frozenset[str] = frozenset(),
        symbol_kinds: frozenset[str] = frozenset(),
        number_kinds: frozenset[str] = frozenset(),
        signed_number_kinds: frozenset[str] = frozenset(),
        boolean_kinds: frozenset[str] = frozenset(),
        null_kinds: frozenset[str] = frozenset(),
        comment_kinds: frozenset[str] = frozenset(),
        member_access_kinds: frozenset[str] = frozenset(),
        subscript_kinds: frozenset[str] = frozenset(),
        constructor_kinds: frozenset[str] = frozenset(),
        method_call_kinds: frozenset[str] = frozenset(),
        argument_list_kinds: frozenset[str] = frozenset(),
        argument_kinds: frozenset[str] = frozenset(),
        expression_list_kinds: frozenset[str] = frozenset(),
        array_kinds: frozenset[str] = frozenset(),
        pair_kinds: frozenset[str] = frozenset(),
        composite_literal_body_kinds: frozenset[str] = frozenset(),
        keyed_element_kinds: frozenset[str] = frozenset(),
        parenthesized_kinds: frozenset[str] = frozenset(),
        await_kinds: frozenset[str] = frozenset(),
        non_null_kinds: frozenset[str] = frozenset(),
        binary_kinds: frozenset[str] = frozenset(),
        unary_kinds: frozenset[str] = frozenset(),
        type_test_kinds: frozenset[str] = frozenset(),
        if_kinds: frozenset[str] = frozenset(),
        negated_if_kinds: frozenset[str] = frozenset(),
        modifier_if_kinds: frozenset[str] = frozenset(),
        else_if_kinds: frozenset[str] = frozenset(),
        else_kinds: frozenset[str] = frozenset(),
        ternary_kinds: frozenset[str] = frozenset(),
        switch_kinds: frozenset[str] = frozenset(),
        case_kinds: frozenset[str] = frozenset(),
        switch_section_kinds: frozenset[str] = frozenset(),
        switch_label_kinds: frozenset[str] = frozenset(),
        default_case_kinds: frozenset[str] = frozenset(),
        try_kinds: frozenset[str] = frozenset(),
        catch_kinds: frozenset[str] = frozenset(),
        finally_kinds: frozenset[str] = frozenset(),
        caught_type_kinds: frozenset[str] = frozenset(),
        block_kinds: frozenset[str] = frozenset(),
        return_kinds: frozenset[str] = frozenset(),
        implicit_return_kinds: frozenset[str] = frozenset(),
        parameter_kinds: frozenset[str] = frozenset(),
        annotation_kinds: frozenset[str] = frozenset(),
        class_kinds: frozenset[str] = frozenset(),
        constant_declaration_kinds: frozenset[str] = frozenset(),
        call_block_kinds: frozenset[str] = frozenset(),
        event_constant_kinds: frozenset[str] = frozenset(),
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
        # The node kinds of each role the language-neutral code asks about (see lang/_shapes.py).
        given = locals()
        for role in SHAPE_ROLES:
            setattr(self, role, given[role])
        # The tree-sitter grammar that parses the language: (module, function returning its language
        # pointer), imported only when a file of the language is parsed. None: Python's ``ast``, or no
        # parser (the rules that read code then give a notice).
        self.grammar = grammar
        # The grammar's node kinds of each role the language-neutral code asks about (an argument
        # list, a comment, a key/value pair …: see golive_ci/lang/_roles.py).
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


# Roles whose kinds a language's nodes.scm names, by its captures (read when first asked).
_CAPTURED_ROLES = {
    "call_kinds": "call",
    "assignment_kinds": "assignment",
    "function_kinds": "function",
    "declaration_kinds": "declaration",
    "string_kinds": "string",
}


@cache
def node_kinds(*roles: str) -> frozenset[str]:
    """The node kinds of these roles over every language (each language's own are in its profile,
    or for the roles of ``_CAPTURED_ROLES`` in its nodes.scm): what language-neutral code matches,
    once per set of roles."""
    found: set[str] = set()
    for name, language in profiles().items():
        for role in roles:
            if role in _CAPTURED_ROLES:
                from golive_ci.lang._queries import kinds

                found.update(kinds(nodes_query(name), _CAPTURED_ROLES[role]))
            else:
                found.update(getattr(language, role))
    return frozenset(found)


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
