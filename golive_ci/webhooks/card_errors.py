"""Does the error handling around a card-charging call tell a card error from other Stripe errors?

Only handling that is *there* is judged: a call with no try/catch (or, in Go, an error that is
returned to the caller) propagates, and the caller may well distinguish. Reported is a handler
that catches every Stripe error (or every error) alike and turns it into something else, without
any mention of the card error in that handler or a sibling one.
"""

from __future__ import annotations

import ast
from functools import cache

from golive_ci.facts import fact
from golive_ci.lang import profile, role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import parent_of, text_of
from golive_ci.webhooks import tree
from golive_ci.webhooks.control_flow import handler_body, handler_types, trys_around
from golive_ci.webhooks.payments import PaymentCall

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CARD_MARKERS = lazy_pattern(
    r"CardError|CardException|StripeCardError|card_error|ErrorTypeCard|card_declined|CardDeclined|decline_code"
    r"|DeclineCode|declineCode|\"card\"|'card'"
)
# What a handler catches when it catches Stripe errors (or everything) without telling them apart.
# Not InvalidRequestError/-Exception: in every SDK the card error is its sibling, not its child, so
# a card error passes such a handler untouched.
_BROAD_TYPES = lazy_pattern(
    r"^$|\b(?:Exception|StripeError|StripeException|ApiErrorException|ApiConnectionException|Throwable|Error"
    r"|StandardError|RuntimeError|ApiException|BaseException)\b"
)
# The clause ends by re-raising what it caught (after logging, say): the caller decides.
_RETHROW = lazy_pattern(r"(?:^|[;{}\n])[^\S\n]*(?:raise|throw)(?:\s++[$\w]++)?\s*+;?\s*+\}?\s*+$")
_BLOCKS = role_kinds("block")
_MEMBER_ACCESSES = role_kinds("member_access")
_IFS = role_kinds("if")
_GO_RESPONDS = lazy_pattern(
    r"http\.Error|WriteHeader|\.JSON\(|\.String\(|\.Status\(|json\.NewEncoder\(|[Ww]rite(?:JSON|Json|Error)\b"
    r"|\.Render\(|\.AbortWithStatus|\.SendStatus\(|\.Redirect\("
)


class Blind(Record):
    """A handler that cannot tell a card error from other errors."""

    __slots__ = ("catches", "line")
    line: int
    catches: str  # what it catches, for the message

    def __init__(self, line: int, catches: str) -> None:
        self.line = line
        self.catches = catches


def blind_handler(source: SourceFile, payment: PaymentCall) -> Blind | None:
    call = payment.call
    language = profile(source.language)
    if language is not None and language.errors_as_values:
        return _go_blind_check(source, call.node)
    stop = call.function if call.function is not None else tree.root(source)
    promise = _promise_catch(source, call.node) if language is not None and language.promise_error_callbacks else None
    if promise is not None:
        body = text_of(promise)
        return None if CARD_MARKERS.search(body) else Blind(tree.line_of(source, promise), ".catch(…)")
    for block in trys_around(source, call.node, stop):
        if not block.handlers:
            continue  # try/finally: look further out
        bodies = [(clause, handler_types(source, clause), _inner(source, clause)) for clause in block.handlers]
        if any(CARD_MARKERS.search(handler_types(source, c) + handler_body(source, c)) for c in block.handlers):
            return None
        for clause, types, body in bodies:
            handled = _RETHROW.search(body) or _hands_to_card_check(source, body)
            if _BROAD_TYPES.search(types.strip()) and not handled:
                return Blind(tree.line_of(source, clause), _describe(source, types))
        return None  # only specific, non-card errors are caught: card errors propagate
    return None


_CALLED_NAME = lazy_pattern(r"(?<!\w)([A-Za-z_]\w*+)\s*+\(")


def _hands_to_card_check(source: SourceFile, body: str) -> bool:
    """The clause passes the error to a helper of this file (same class or module) that tests for
    the card error: ``return self._handle_stripe_error(e)``."""
    called = {match.group(1) for match in _CALLED_NAME.finditer(body)}
    return bool(called) and any(name in called for name in _card_checking_functions(source))


@fact("functions that test for the card error")
def _card_checking_functions(source: SourceFile) -> frozenset[str]:
    return frozenset(
        tree.function_name(source, node)
        for node in tree.functions(source)
        if CARD_MARKERS.search(tree.text(source, node))
    )


def _describe(source: SourceFile, types: str) -> str:
    caught = " ".join(types.split()) or "every error"
    language = profile(source.language)
    keyword = language.catch_keyword if language is not None else "catch"
    return f"{keyword} {caught}"


def _inner(source: SourceFile, clause: Any) -> str:
    """The statements of an except/catch/rescue clause, without its header."""
    if isinstance(clause, ast.AST):
        return "\n".join(tree.text(source, statement) for statement in clause.body)  # type: ignore[attr-defined]
    body = clause.child_by_field_name("body")
    if body is None:
        body = next((c for c in reversed(clause.named_children) if c.type in _BLOCKS), None)
    return text_of(body) if body is not None else ""


@cache
def _calls() -> frozenset[str]:
    """Calls but constructor calls (the queries name calls: read at the first question, not at import)."""
    return role_kinds("call") - role_kinds("call.constructor")


@cache
def _promise_chain() -> frozenset[str]:
    return _MEMBER_ACCESSES | _calls() | role_kinds("argument_list", "await")


@cache
def _go_wrappers() -> frozenset[str]:
    return role_kinds("expression_list") | _calls()


def _promise_catch(source: SourceFile, node: Any) -> Any:
    """The callback of ``create(…).then(…).catch(cb)``, if the call is chained that way."""
    calls, chain = _calls(), _promise_chain()
    current = node
    for _ in range(6):
        parent = parent_of(source, current)
        if parent is None:
            return None
        if parent.type in _MEMBER_ACCESSES and text_of(parent.child_by_field_name("property")) == "catch":
            outer = parent_of(source, parent)
            if outer is not None and outer.type in calls:
                arguments = outer.child_by_field_name("arguments")
                return arguments if arguments is not None else outer
            return None
        if parent.type not in chain:
            return None
        current = parent
    return None


def _go_blind_check(source: SourceFile, node: Any) -> Blind | None:
    """`x, err := paymentintent.New(p)` followed by `if err != nil { http.Error(...) }` without a card case."""
    statement, wrappers = parent_of(source, node), _go_wrappers()
    while statement is not None and statement.type in wrappers:
        statement = parent_of(source, statement)
    if statement is None:
        return None
    outer = parent_of(source, statement)
    check = outer if outer is not None and outer.type in _IFS else None
    if check is None:
        sibling = statement.next_named_sibling
        check = sibling if sibling is not None and sibling.type in _IFS else None
    if check is None or "err" not in text_of(check.child_by_field_name("condition")):
        return None
    consequence = text_of(check.child_by_field_name("consequence"))
    if CARD_MARKERS.search(consequence) or not _GO_RESPONDS.search(consequence):
        return None  # tells card errors apart, or hands the error to the caller
    return Blind(tree.line_of(source, check), "if err != nil")
