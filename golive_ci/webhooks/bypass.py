"""Ways a handler that does call the verification can still act on an unverified event.

- the verification sits in a branch (if / ternary / ``&&``) that the event handling is not in:
  decided by the request (signature header present, …: an error) or by configuration (secret
  unset, debug mode, …: fail-open, a warning);
- an earlier branch acts on the payload and leaves before the verification is reached
  (``if not secret: return json.loads(body)``), classified like the first case;
- a failed verification is caught and the handler carries on (an error);
- Go: the error returned by ``webhook.ConstructEvent`` is thrown away with ``_`` (an error).
"""

from __future__ import annotations

from golive_ci.lang import profile, role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, parent_of, text_of
from golive_ci.webhooks import control_flow, tree
from golive_ci.webhooks.handlers import PAYLOAD_PARSE, Handler

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

REQUEST = "request"
CONFIG = "config"
CAUGHT = "caught"
IGNORED = "ignored"

_EXPRESSION_LISTS = role_kinds("expression_list")
_FROM_REQUEST = lazy_pattern(
    r"(?i)signature|\bsig\b|sig_?header|HTTP_STRIPE|headers?\b|getHeader|Header\.Get|\$_SERVER|\$_GET|\$_POST"
    r"|\b(?:request|req|params|ctx|payload|body|livemode)\b|\br\.(?:Header|Method|URL)"
)
# Something in a catch block that ends the request: if none appears, execution carries on.
_EXITS = lazy_pattern(
    r"\b(?:return|raise|throw|abort|exit|die|halt|next|render|head|redirect_to|panic|fail|sendStatus|status|Status"
    r"|BadRequest|Unauthorized|Forbidden|HttpResponse\w*|Response|http\.Error|respond\w*|reject|send|json|end|Fatal\w*)\b"
)


class Bypass(Record):
    __slots__ = ("condition", "kind", "line")
    kind: str  # REQUEST, CONFIG, CAUGHT or IGNORED
    line: int
    condition: str  # the condition (or catch clause) in one line, for the message

    def __init__(self, kind: str, line: int, condition: str) -> None:
        self.kind = kind
        self.line = line
        self.condition = condition


def bypasses(source: SourceFile, handler: Handler) -> list[Bypass]:
    found: list[Bypass] = []
    for verification in handler.verifications:
        found.extend(_branch_bypasses(source, handler, verification))
        found.extend(_early_exits(source, handler, verification))
        found.extend(_caught_failures(source, handler, verification))
        ignored = _ignored_go_error(source, verification)
        if ignored is not None:
            found.append(ignored)
    return list(dict.fromkeys(found))


def verified_on_every_path(source: SourceFile, handler: Handler) -> bool:
    return bool(handler.verifications) and not bypasses(source, handler)


def _branch_bypasses(source: SourceFile, handler: Handler, verification: Call) -> list[Bypass]:
    found: list[Bypass] = []
    for branch in control_flow.branches_around(source, verification.node, handler.function):
        arm_start, arm_end = branch.arm
        if all(arm_start <= anchor < arm_end for anchor in handler.anchors):
            return found  # this branch holds the event handling too: it gates everything
        if _verifies_in_another_arm(source, handler, branch):
            return found  # both ways verify (`constructEventAsync` if available, else `constructEvent`)
        condition = one_line(branch.condition)
        # Anything not read from the request (secret unset, debug flag, a setting) is configuration.
        kind = REQUEST if _FROM_REQUEST.search(branch.condition) else CONFIG
        found.append(Bypass(kind, branch.line, condition))
    return found


# Leaving the function from inside a branch.
_LEAVES = lazy_pattern(r"\b(?:return|raise|throw|exit|die|halt|panic)\b")


def _early_exits(source: SourceFile, handler: Handler, verification: Call) -> list[Bypass]:
    """An if before the verification whose branch acts on the payload (or parses it) and leaves."""
    start = tree.span(source, verification.node)[0]
    points = [a for a in handler.anchors if a < start]
    points += [m.start() for m in PAYLOAD_PARSE.finditer(source.data, handler.start, start)]
    if not points:
        return []
    found: list[Bypass] = []
    for statement in control_flow.if_statements(source, handler.function):
        s_start, s_end = statement.span
        if not handler.start <= s_start < handler.end or s_start <= start < s_end or s_start > start:
            continue
        for arm_start, arm_end in statement.arms:
            if not any(arm_start <= p < arm_end for p in points):
                continue
            if _LEAVES.search(source.data[arm_start:arm_end].decode("utf-8", "replace")):
                kind = REQUEST if _FROM_REQUEST.search(statement.condition) else CONFIG
                found.append(Bypass(kind, statement.line, one_line(statement.condition)))
                break
    return found


def _verifies_in_another_arm(source: SourceFile, handler: Handler, branch: control_flow.Branch) -> bool:
    start, end = tree.span(source, branch.statement)
    arm_start, arm_end = branch.arm
    for other in handler.verifications:
        offset = tree.span(source, other.node)[0]
        if start <= offset < end and not arm_start <= offset < arm_end:
            return True
    return False


def _caught_failures(source: SourceFile, handler: Handler, verification: Call) -> list[Bypass]:
    found: list[Bypass] = []
    for block in control_flow.trys_around(source, verification.node, handler.function):
        start, end = tree.span(source, block.statement)
        if all(start <= anchor < end for anchor in handler.anchors):
            return found
        for clause in block.handlers:
            if not _EXITS.search(control_flow.handler_body(source, clause)):
                caught = control_flow.handler_types(source, clause) or "every error"
                found.append(Bypass(CAUGHT, tree.line_of(source, clause), one_line(caught)))
    return found


def _ignored_go_error(source: SourceFile, verification: Call) -> Bypass | None:
    language = profile(source.language)
    if language is None or not language.errors_as_values:
        return None
    statement: Any = parent_of(source, verification.node)
    while statement is not None and statement.type in _EXPRESSION_LISTS:
        statement = parent_of(source, statement)
    if statement is None or statement.type not in role_kinds("assignment", "declaration"):
        return None
    left = statement.child_by_field_name("left")
    names = [text_of(child) for child in left.named_children] if left is not None else []
    if len(names) >= 2 and names[-1] == "_":
        return Bypass(IGNORED, verification.line, one_line(text_of(statement)))
    return None


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    if flat.startswith("(") and flat.endswith(")") and flat.count("(") == 1:
        flat = flat[1:-1]
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
