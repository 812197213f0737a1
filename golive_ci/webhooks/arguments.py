"""What a signature verification is given: its payload and secret arguments, and where they come from.

``origins`` follows a name back through the assignments and declarations of the same file (a few
steps, the call's own function first) and, for the payload, to the handler's parameter that holds
it (``@RequestBody Map<String, Object> body``), so a rule can ask "was this built with
``JSON.stringify`` / read from ``os.getenv(…, "")``" without caring how many variables lie between.
"""

from __future__ import annotations

import ast
import re

from golive_ci.facts import fact
from golive_ci.lang import code_languages
from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Argument, Assignment, Call, assignments, calls, declarations, text_of
from golive_ci.webhooks import tree

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The verification call of every SDK takes (payload, signature header, secret, …) in this order.
PAYLOAD = 0
SECRET = 2
_KEYWORDS = {
    PAYLOAD: ("payload", "payload:", "json", "json:", "body"),
    SECRET: ("secret", "secret:", "endpoint_secret", "webhook_secret"),
}
# Only the calls that take a payload and a secret (not parse_thin_event's client-side shape).
VERIFY_WITH_SECRET = frozenset(
    {
        "construct_event", "constructEvent", "constructEventAsync", "ConstructEvent", "ConstructEventAsync",
        "ConstructEventWithOptions", "ConstructEventWithTolerance", "ConstructEventIgnoringTolerance",
        "verify_header", "verifyHeader", "verifyHeaderAsync", "VerifyHeader", "ValidatePayload",
        "ValidatePayloadWithTolerance", "ValidatePayloadIgnoringTolerance",
    }
)  # fmt: skip
# The bytes a file must hold to contain one of them (rules' ``needles``).
VERIFY_WITH_SECRET_NEEDLES = (b"onstruct_event", b"onstructEvent", b"erify_header", b"erifyHeader", b"alidatePayload")
_NAME = lazy_pattern(r"[$@]?[A-Za-z_][\w]*(?:(?:\.|->|::|\?\.)[$@]?[A-Za-z_]\w*)*")
_READ = lazy_pattern(r"(?<![\w$@.>:'\"])[$@]?[A-Za-z_]\w*(?:(?:\.|->|\?\.)[A-Za-z_]\w*)*(?![\w(])(?!\s*\()")
# Fields of the request or the event are not variables of the file: `request.data` is not `data`.
_REQUEST_OWNED = lazy_pattern(
    r"(?:\$?(?:request|req|r|ctx|c|context|event|evt|e|params|HttpContext|Request|self\.request|this\.request))"
    r"(?:\.|->|\?\.)"
)
_OWNERS = lazy_pattern(r"^(?:self|this|\$this|@|cls|me)\s*(?:\.|->)?")
_MAX_STEPS = 3


def verification_argument(call: Call, index: int) -> Argument | None:
    for keyword in _KEYWORDS[index]:
        named = call.kwarg(keyword)
        if named is not None:
            return named
    return call.positional(index)


def short_name(text: str) -> str:
    """``self._secret`` / ``$this->secret`` / ``@secret`` / ``cfg.Secret`` -> the last segment, without sigils."""
    last = re.split(r"\.|->|::|\?\.", text.strip())[-1]
    return last.lstrip("$@")


def origins(source: SourceFile, call: Call, argument: Argument, *, parameters: bool = False) -> list[str]:
    """The argument's text and the texts of the values its names were given, a few steps back.

    Values assigned in the call's own function win; without one, any assignment in the file counts
    (fields set in a constructor, module constants). With ``parameters``, a name that is a parameter
    of the call's function adds the parameter's declaration (type and annotations)."""
    found: list[str] = [argument.text]
    seen: set[str] = set()
    pending = [argument.text]
    for _ in range(_MAX_STEPS):
        following: list[str] = []
        for name in (name for text in pending for name in _names(text)):
            if name in seen:
                continue
            seen.add(name)
            values = _values_of(source, call, name)
            if not values and parameters:
                declared = _parameter(source, call, name)
                if declared:
                    found.append(declared)
            for value in values:
                found.append(value)
                following.append(value)
        pending = following
        if not pending:
            break
    return found


def _names(text: str) -> list[str]:
    """Short names of the values an expression reads (``str(payload)`` -> ``payload``), not of what it calls."""
    stripped = text.strip()
    reads = [stripped] if _NAME.fullmatch(stripped) else [match.group(0) for match in _READ.finditer(stripped)][:6]
    return [short_name(read) for read in reads if not _REQUEST_OWNED.match(read)]


def names_in_chain(source: SourceFile, call: Call, argument: Argument) -> set[str]:
    """The short names the argument goes through (``secret``, ``endpointSecret``, …)."""
    names: set[str] = set()
    for text in origins(source, call, argument):
        if _NAME.fullmatch(text.strip()):
            names.add(short_name(text))
    return {name for name in names if name}


def _values_of(source: SourceFile, call: Call, name: str) -> list[str]:
    candidates = [item for item in _bindings(source) if short_name(_OWNERS.sub("", item.target)) == name]
    if not candidates:
        return []
    own = [item for item in candidates if _same_function(item.function, call.function) and item.line <= call.line]
    if own:
        return [own[-1].value.text]
    return [item.value.text for item in candidates]


@fact("assignments and declarations by line")
def _bindings(source: SourceFile) -> list[Assignment]:
    return sorted([*assignments(source), *declarations(source)], key=lambda item: item.line)


def _same_function(one: Any, other: Any) -> bool:
    if one is None or other is None:
        return one is None and other is None
    if tree.is_python(one) or tree.is_python(other):
        return one is other
    return one == other


def _parameter(source: SourceFile, call: Call, name: str) -> str:
    """The declaration of parameter ``name`` of the call's function (``@RequestBody Map body``), or ''."""
    function = call.function
    if function is None:
        return ""
    if tree.is_python(function):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            return ""
        for arg in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]:
            if arg.arg == name:
                annotation = tree.text(source, arg.annotation) if arg.annotation is not None else ""
                return f"{name}: {annotation}" if annotation else ""
        return ""
    parameters = function.child_by_field_name("parameters")
    if parameters is None:
        return ""
    pattern = re.compile(rf"(?<![\w$]){re.escape(name)}\b")
    for parameter in parameters.named_children:
        written = text_of(parameter)
        if pattern.search(written):
            return written
    return ""


@fact("webhook signature verifications", needles=VERIFY_WITH_SECRET_NEEDLES, languages=code_languages())
def verification_calls(source: SourceFile) -> list[Call]:
    """The file's signature verifications that take a payload and a secret, found once per file
    for every rule that asks. Raises ParseError when the file cannot be parsed."""
    return [call for call in calls(source) if call.name in VERIFY_WITH_SECRET]
