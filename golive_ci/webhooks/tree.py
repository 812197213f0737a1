"""Language-neutral questions about where a node sits: its function, the ifs and trys around it.

Works on both tree shapes the parsing layer produces: ``ast`` nodes (Python) and tree-sitter
nodes (everything else). Python nodes have no parent pointers, so a parent map is built once per
file and cached on the :class:`SourceFile`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import FUNCTION_TYPES, parent_of, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PY_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_TS_CONDITIONALS = frozenset(
    {
        "if_statement", "if", "unless", "if_modifier", "unless_modifier", "elsif", "else_if_clause",
        "ternary_expression", "conditional_expression", "conditional",
    }
)  # fmt: skip
_TS_ELSE = frozenset({"else_clause", "else", "elsif", "else_if_clause"})
_TS_HANDLERS = frozenset({"catch_clause", "rescue"})
_TS_NOT_TRY_BODY = frozenset({"catch_clause", "rescue", "finally_clause", "ensure", "else"})


def is_python(node: Any) -> bool:
    return isinstance(node, ast.AST)


def span(source: SourceFile, node: Any) -> tuple[int, int]:
    """Byte range of ``node`` in ``source.data``."""
    if is_python(node):
        if isinstance(node, ast.Module):
            return 0, len(source.data)
        start = source.byte_offset(node.lineno, node.col_offset)
        end = source.byte_offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
        return start, end
    return node.start_byte, node.end_byte


def text(source: SourceFile, node: Any) -> str:
    if is_python(node):
        start, end = span(source, node)
        return source.data[start:end].decode("utf-8", "replace")
    return text_of(node)


def line_of(source: SourceFile, node: Any) -> int:
    if is_python(node):
        return getattr(node, "lineno", 1)
    return node.start_point[0] + source.first_line


def inside(source: SourceFile, inner: Any, outer: Any) -> bool:
    inner_start, inner_end = span(source, inner)
    outer_start, outer_end = span(source, outer)
    return outer_start <= inner_start and inner_end <= outer_end


def root(source: SourceFile) -> Any:
    tree = source.syntax()
    return tree if is_python(tree) else tree.root_node


def _python_parents(source: SourceFile) -> dict[int, ast.AST]:
    parents = source.cache.get("webhooks.parents")
    if parents is None:
        parents = {}
        for node in ast.walk(source.syntax()):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node
        source.cache["webhooks.parents"] = parents
    return parents


def parent(source: SourceFile, node: Any) -> Any:
    if is_python(node):
        return _python_parents(source).get(id(node))
    return parent_of(source, node)


def ancestors(source: SourceFile, node: Any) -> Iterator[tuple[Any, Any]]:
    """(ancestor, child of it on the path to ``node``), innermost first."""
    child = node
    current = parent(source, node)
    while current is not None:
        yield current, child
        child, current = current, parent(source, current)


def is_function(source: SourceFile, node: Any) -> bool:
    if is_python(node):
        return isinstance(node, _PY_FUNCTIONS)
    if node.type in FUNCTION_TYPES:
        return True
    if node.type != "block":
        return False
    outer = parent_of(source, node)
    return outer is not None and outer.type == "call"  # Ruby `post "/x" { }`


def enclosing_functions(source: SourceFile, node: Any) -> list[Any]:
    """Functions around ``node``, innermost first, then the file itself (top-level scripts)."""
    found = [a for a, _ in ancestors(source, node) if is_function(source, a)]
    found.append(root(source))
    return found


def function_name(source: SourceFile, function: Any) -> str:
    if is_python(function):
        return getattr(function, "name", "")
    name = function.child_by_field_name("name")
    return text_of(name) if name is not None else ""


class Branch(Record):
    """An if/ternary between a node and its function: the node runs only when ``condition`` holds
    (or, with ``in_else``, when it does not)."""

    __slots__ = ("arm", "condition", "in_else", "line", "statement")
    statement: Any
    condition: str
    line: int
    in_else: bool
    arm: tuple[int, int]  # byte span of the branch arm that holds the node

    def __init__(self, statement: Any, condition: str, line: int, in_else: bool, arm: tuple[int, int]) -> None:
        self.statement = statement
        self.condition = condition
        self.line = line
        self.in_else = in_else
        self.arm = arm


def branches_around(source: SourceFile, node: Any, stop: Any) -> list[Branch]:
    return _collect_up(source, node, stop, "branches", lambda ancestor: _same(ancestor, stop), lambda _: False, _branch)


def _same(node: Any, other: Any) -> bool:
    return node is other or (not is_python(node) and not is_python(other) and node == other)


def _key(node: Any) -> int:
    return id(node) if is_python(node) else node.id


def _collect_up(
    source: SourceFile,
    node: Any,
    stop: Any,
    name: str,
    halt_before: Callable[[Any], bool],
    halt_after: Callable[[Any], bool],
    contribute: Callable[[SourceFile, Any, Any], Any],
) -> list[Any]:
    """What ``contribute(source, ancestor, child)`` finds on the ancestors of ``node``, innermost first.

    Answers are remembered per (child, stop), so the calls of a deeply nested file share their walks
    instead of each climbing the whole way (time linear in the file, not calls x depth)."""
    # Answers are shared linked lists, (item, rest) or None: no copying along a deep chain.
    memo: dict[tuple[int, int], Any] = source.cache.setdefault(f"webhooks.{name}", {})
    stop_key = _key(stop)
    walked: list[tuple[Any, Any]] = []
    found: Any = None
    for ancestor, child in ancestors(source, node):
        known = memo.get((_key(child), stop_key), memo)
        if known is not memo:
            found = known
            break
        if halt_before(ancestor):
            break
        walked.append((ancestor, child))
        if halt_after(ancestor):
            break
    for ancestor, child in reversed(walked):
        item = contribute(source, ancestor, child)
        if item is not None:
            found = (item, found)
        memo[(_key(child), stop_key)] = found
    items = []
    while found is not None:
        item, found = found
        items.append(item)
    return items


def _branch(source: SourceFile, statement: Any, child: Any) -> Branch | None:
    if is_python(statement):
        if isinstance(statement, ast.If | ast.IfExp):
            if child is statement.test:
                return None
            arm = span(source, child)
            in_else = child in statement.orelse if isinstance(statement, ast.If) else child is statement.orelse
            if isinstance(statement, ast.If):
                block = statement.orelse if in_else else statement.body
                arm = (span(source, block[0])[0], span(source, block[-1])[1])
            return Branch(statement, text(source, statement.test), statement.lineno, in_else, arm)
        if isinstance(statement, ast.BoolOp) and isinstance(statement.op, ast.And) and child is not statement.values[0]:
            return Branch(statement, text(source, statement.values[0]), statement.lineno, False, span(source, child))
        return None
    if statement.type in ("binary_expression", "binary"):  # `sig && verify(...)`
        operator = statement.child_by_field_name("operator")
        left = statement.child_by_field_name("left")
        if operator is None or text_of(operator) not in ("&&", "and") or left is None or child == left:
            return None
        return Branch(statement, text_of(left), line_of(source, statement), False, (child.start_byte, child.end_byte))
    if statement.type not in _TS_CONDITIONALS:
        return None
    condition = statement.child_by_field_name("condition")
    if condition is None or child == condition:
        return None
    in_else = child.type in _TS_ELSE or _field_of(statement, child) == "alternative"
    if statement.type in ("unless", "unless_modifier"):
        in_else = not in_else
    arm = (child.start_byte, child.end_byte)
    return Branch(statement, text_of(condition), line_of(source, statement), in_else, arm)


def _field_of(statement: Any, child: Any) -> str | None:
    for index, candidate in enumerate(statement.children):
        if candidate == child:
            return statement.field_name_for_child(index)
    return None


class TryBlock(Record):
    __slots__ = ("handlers", "statement")
    statement: Any
    handlers: list[Any]  # except/catch/rescue clauses

    def __init__(self, statement: Any, handlers: list[Any]) -> None:
        self.statement = statement
        self.handlers = handlers


def trys_around(source: SourceFile, node: Any, stop: Any) -> list[TryBlock]:
    """try statements whose protected body holds ``node`` (not their handlers), innermost first."""
    return _collect_up(
        source, node, stop, "trys", lambda ancestor: is_function(source, ancestor), lambda a: _same(a, stop), _try
    )


def _try(source: SourceFile, ancestor: Any, child: Any) -> TryBlock | None:
    if is_python(ancestor):
        if isinstance(ancestor, ast.Try | ast.TryStar) and child in ancestor.body:
            return TryBlock(ancestor, list(ancestor.handlers))
        return None
    if child.type in _TS_NOT_TRY_BODY:
        return None
    if ancestor.type in ("try_statement", "try_with_resources_statement"):
        return TryBlock(ancestor, [c for c in ancestor.named_children if c.type == "catch_clause"])
    if source.language == "ruby":
        rescues = [c for c in ancestor.named_children if c.type == "rescue"]
        if rescues:
            return TryBlock(ancestor, rescues)
    return None


def handler_types(source: SourceFile, handler: Any) -> str:
    """What an except/catch/rescue clause catches, as source text ('' when it catches everything)."""
    if is_python(handler):
        return text(source, handler.type) if handler.type is not None else ""
    if handler.type == "rescue":
        exceptions = handler.child_by_field_name("exceptions")
        return text_of(exceptions)
    for child in handler.named_children:
        if child.type in ("type_list", "catch_formal_parameter", "catch_declaration"):
            return text_of(child)
    return ""  # JS/TS catch (err), C# bare catch


def handler_body(source: SourceFile, handler: Any) -> str:
    if is_python(handler):
        return "\n".join(text(source, statement) for statement in handler.body)
    return text_of(handler)


class IfStatement(Record):
    __slots__ = ("arms", "condition", "line", "span", "statement")
    statement: Any
    condition: str
    line: int
    span: tuple[int, int]
    arms: list[tuple[int, int]]  # byte spans of the then / else / elsif bodies

    def __init__(
        self, statement: Any, condition: str, line: int, span: tuple[int, int], arms: list[tuple[int, int]]
    ) -> None:
        self.statement = statement
        self.condition = condition
        self.line = line
        self.span = span
        self.arms = arms


_TS_IF_STATEMENTS = frozenset({"if_statement", "if", "unless", "if_modifier", "unless_modifier"})
_TS_ARM_FIELDS = ("consequence", "alternative", "body")


def if_statements(source: SourceFile, scope: Any) -> list[IfStatement]:
    """Every if statement inside ``scope`` (a function node or the root), outermost first."""
    found: list[IfStatement] = []
    if is_python(scope):
        for node in ast.walk(scope):
            if isinstance(node, ast.If):
                blocks = [block for block in (node.body, node.orelse) if block]
                arms = [(span(source, block[0])[0], span(source, block[-1])[1]) for block in blocks]
                condition = text(source, node.test)
                found.append(IfStatement(node, condition, node.lineno, span(source, node), arms))
        return found
    from golive_ci.parsing import walk

    for node in walk(scope):
        condition = node.child_by_field_name("condition") if node.type in _TS_IF_STATEMENTS else None
        if condition is None:
            continue
        arms = [
            (child.start_byte, child.end_byte)
            for field in _TS_ARM_FIELDS
            for child in node.children_by_field_name(field)
        ]
        bounds = (node.start_byte, node.end_byte)
        found.append(IfStatement(node, text_of(condition), line_of(source, node), bounds, arms))
    return found


def label(source: SourceFile, function: Any) -> str:
    """What names a function from outside: its name, decorators or annotations, the route call it is
    passed to, and the enclosing class name (``StripeWebhooksController``)."""
    parts = [function_name(source, function)]
    if is_python(function):
        parts += [text(source, decorator) for decorator in getattr(function, "decorator_list", [])]
    else:
        parts += [text_of(c) for c in function.children if c.type in ("modifiers", "attribute_list", "annotation")]
        holder = parent_of(source, function)
        call = parent_of(source, holder) if holder is not None else None
        if call is not None and holder.type in ("arguments", "argument_list"):
            parts.append(text_of(call)[: function.start_byte - call.start_byte])
    for ancestor, _ in ancestors(source, function):
        if is_python(ancestor):
            if isinstance(ancestor, ast.ClassDef):
                parts.append(ancestor.name)
                break
        elif ancestor.type in ("class_declaration", "class", "class_definition"):
            parts.append(function_name(source, ancestor))
            break
    return " ".join(parts)


_LITERAL_MARKERS = ("string", "comment", "heredoc")


def in_literal_or_comment(source: SourceFile, offset: int) -> bool:
    """Whether byte ``offset`` lies inside a string literal or a comment (text, not code)."""
    if source.language == "python":
        return any(start <= offset < end for start, end in _python_text_spans(source))
    node = root(source).descendant_for_byte_range(offset, offset + 1)
    return node is not None and _in_literal(source, node)


def _in_literal(source: SourceFile, node: Any) -> bool:
    """``node`` or one of its ancestors is a string literal or a comment: a climb that remembers the
    answer for every node it passes, so no node is climbed over twice in a file."""
    known: dict[int, bool] = source.cache.setdefault("webhooks.literal_nodes", {})
    parents = source.cache["tree_parents"]
    passed: list[int] = []
    current = node
    while True:
        key = current.id
        if key in known:
            found = known[key]
            break
        passed.append(key)
        if any(marker in current.type for marker in _LITERAL_MARKERS):
            found = True
            break
        current = parents.get(key)
        if current is None:
            found = False
            break
    for key in passed:
        known[key] = found
    return found


def _python_text_spans(source: SourceFile) -> list[tuple[int, int]]:
    """Byte spans of string and comment tokens, from the tokenizer (``ast`` drops comments)."""
    cached = source.cache.get("webhooks.text_spans")
    if cached is not None:
        return cached
    import io
    import tokenize

    spans: list[tuple[int, int]] = []
    try:
        for token in tokenize.tokenize(io.BytesIO(source.data).readline):
            if token.type in (tokenize.STRING, tokenize.COMMENT, getattr(tokenize, "FSTRING_START", -1)):
                start = source.byte_offset(token.start[0], _byte_column(source, token.start))
                end = source.byte_offset(token.end[0], _byte_column(source, token.end))
                spans.append((start, end))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    source.cache["webhooks.text_spans"] = spans
    return spans


def _byte_column(source: SourceFile, point: tuple[int, int]) -> int:
    """tokenize counts characters; ``byte_offset`` wants bytes."""
    line = source.line_text(point[0])
    return len(line[: point[1]].encode("utf-8"))
