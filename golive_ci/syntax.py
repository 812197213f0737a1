"""Calls, assignments and literals of every supported language, in one shape.

Rules ask "which calls does this file make, with which arguments" without caring whether the
tree came from ``ast`` (Python) or a tree-sitter grammar (JS/TS, Ruby, PHP, Go, Java, C#).
Results are cached on the :class:`SourceFile`, so every rule of a run shares one extraction.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from golive_ci.parsing import all_nodes, lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CALL_TYPES = frozenset(
    {
        "call_expression",  # JS/TS, Go
        "new_expression",  # JS/TS
        "call",  # Ruby
        "function_call_expression",  # PHP
        "member_call_expression",  # PHP
        "nullsafe_member_call_expression",  # PHP
        "scoped_call_expression",  # PHP
        "object_creation_expression",  # PHP, Java, C#
        "method_invocation",  # Java
        "invocation_expression",  # C#
    }
)
ASSIGNMENT_TYPES = frozenset({"assignment_expression", "assignment", "assignment_statement", "operator_assignment"})
FUNCTION_TYPES = frozenset(
    {
        "function_declaration", "function_definition", "function_expression", "function", "arrow_function",
        "method_definition", "generator_function_declaration", "method", "singleton_method", "do_block",
        "method_declaration", "func_literal", "lambda_expression", "anonymous_function",
        "anonymous_function_creation_expression", "local_function_statement", "constructor_declaration",
        "anonymous_method_expression",
    }
)  # fmt: skip
_ARGUMENT_LISTS = frozenset({"arguments", "argument_list"})
_STRING_TYPES = frozenset(
    {
        "string", "template_string", "string_literal", "interpreted_string_literal", "raw_string_literal",
        "encapsed_string", "verbatim_string_literal", "raw_string",
    }
)  # fmt: skip
_OUTER_SPACE = lazy_pattern(r"\s+(?!\w)|(?<!\w)\s+")
_INNER_SPACE = lazy_pattern(r"\s+")
_INTERPOLATION_TYPES = frozenset({"template_substitution", "interpolation", "variable_name", "escape_sequence"})


class Argument:
    """An argument (or assigned value): its keyword name, its node, and its source text (read lazily)."""

    __slots__ = ("_source", "_text", "name", "node")

    def __init__(self, name: str | None, text: str | None, node: Any, source: SourceFile | None = None) -> None:
        self.name = name  # keyword / named argument, else None
        self.node = node  # the value's node (ast.AST or tree_sitter.Node)
        self._text = text
        self._source = source

    @property
    def text(self) -> str:
        if self._text is None:
            if isinstance(self.node, ast.AST) and self._source is not None:
                self._text = python_text(self._source, self.node)
            else:
                self._text = text_of(self.node)
        return self._text

    def __repr__(self) -> str:
        return f"Argument(name={self.name!r}, text={self.text!r})"


class Call(Record):
    __slots__ = ("args", "callee", "column", "function", "is_new", "line", "name", "node", "receiver")
    callee: str  # source text of what is called, whitespace removed: "stripe.Webhook.construct_event"
    name: str  # its last segment: "construct_event"
    is_new: bool  # a constructor call (new X(...), X.new in Ruby)
    args: list[Argument]
    line: int
    column: int
    node: Any
    function: Any  # innermost enclosing function / block node, None at module level
    receiver: str  # callee without its last segment

    def __init__(
        self,
        callee: str,
        name: str,
        is_new: bool,
        args: list[Argument],
        line: int,
        column: int,
        node: Any,
        function: Any = None,
        receiver: str = "",
    ) -> None:
        self.callee = callee
        self.name = name
        self.is_new = is_new
        self.args = args
        self.line = line
        self.column = column
        self.node = node
        self.function = function
        self.receiver = receiver

    def kwarg(self, name: str) -> Argument | None:
        return next((a for a in self.args if a.name == name), None)

    def positional(self, index: int) -> Argument | None:
        plain = [a for a in self.args if a.name is None]
        return plain[index] if index < len(plain) else None


class Assignment(Record):
    __slots__ = ("column", "function", "line", "node", "target", "value")
    target: str  # source text of the left side, whitespace removed: "stripe.api_key"
    value: Argument
    line: int
    column: int
    node: Any
    function: Any

    def __init__(self, target: str, value: Argument, line: int, column: int, node: Any, function: Any = None) -> None:
        self.target = target
        self.value = value
        self.line = line
        self.column = column
        self.node = node
        self.function = function


def calls(source: SourceFile) -> list[Call]:
    """Every call in ``source`` (empty when it cannot be parsed: callers check ``source.syntax()``)."""
    if "calls" not in source.cache:
        _extract(source)
    return source.cache["calls"]


def assignments(source: SourceFile) -> list[Assignment]:
    if "assignments" not in source.cache:
        _extract(source)
    return source.cache["assignments"]


def _extract(source: SourceFile) -> None:
    tree = source.syntax()
    found_calls: list[Call] = []
    found_assignments: list[Assignment] = []
    if isinstance(tree, ast.AST):
        _extract_python(source, tree, found_calls, found_assignments)
    else:
        _extract_tree_sitter(source, tree.root_node, found_calls, found_assignments)
    source.cache["calls"] = found_calls
    source.cache["assignments"] = found_assignments


# --- Python -----------------------------------------------------------------------------------


def dotted(node: ast.AST) -> str:
    """``stripe.Webhook.construct_event`` for an attribute chain; ``f()`` and ``x[]`` for the rest."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{dotted(node.func)}()"
    if isinstance(node, ast.Subscript):
        return f"{dotted(node.value)}[]"
    if isinstance(node, ast.Constant):
        return repr(node.value)
    return "?"


def python_text(source: SourceFile, node: ast.AST) -> str:
    start = source.byte_offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end = source.byte_offset(node.end_lineno or node.lineno, node.end_col_offset or 0)  # type: ignore[attr-defined]
    return source.data[start:end].decode("utf-8", "replace")


# Fields that never hold a node (names, flags) or hold only an expression context (Load, Store):
# the walk below skips them, which ast.iter_child_nodes cannot.
_LEAF_FIELDS = frozenset(
    {"ctx", "id", "attr", "arg", "asname", "module", "name", "level", "kind", "conversion", "type_comment",
     "is_async", "simple", "tag"}
)  # fmt: skip
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_ASSIGNMENT_NODES = (ast.Assign, ast.AnnAssign, ast.AugAssign)


def _extract_python(source: SourceFile, tree: ast.AST, out_calls: list[Call], out_assign: list[Assignment]) -> None:
    """Calls and assignments in source order, and every node but expression contexts (``python_nodes``).

    Recursive: ``ast.parse`` already bounds the depth (deeper source is a ParseError), and
    recursion is faster here than an explicit stack."""
    nodes: list[ast.AST] = []
    add_node = nodes.append
    node_class = ast.AST
    child_fields = _CHILD_FIELDS

    def visit(node: ast.AST, function: ast.AST | None) -> None:
        add_node(node)
        kind = type(node)
        if kind is ast.Call:
            callee = dotted(node.func)  # type: ignore[attr-defined]
            args = [Argument(None, None, a, source) for a in node.args]  # type: ignore[attr-defined]
            args += [Argument(k.arg, None, k.value, source) for k in node.keywords]  # type: ignore[attr-defined]
            name = callee.rsplit(".", 1)[-1]
            out_calls.append(
                Call(
                    callee=callee,
                    name=name,
                    is_new=name[:1].isupper(),
                    args=args,
                    line=node.lineno,  # type: ignore[attr-defined]
                    column=source.char_column(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                    node=node,
                    function=function,
                    receiver=callee.rpartition(".")[0],
                )
            )
        elif kind in _ASSIGNMENT_NODES and node.value is not None:  # type: ignore[attr-defined]
            targets = node.targets if kind is ast.Assign else [node.target]  # type: ignore[attr-defined]
            value = Argument(None, None, node.value, source)  # type: ignore[attr-defined]
            column = source.char_column(node.lineno, node.col_offset)  # type: ignore[attr-defined]
            for target in targets:
                out_assign.append(
                    Assignment(
                        target=dotted(target),
                        value=value,
                        line=node.lineno,  # type: ignore[attr-defined]
                        column=column,
                        node=node,
                        function=function,
                    )
                )
        elif kind in _FUNCTION_NODES:
            function = node
        fields = child_fields.get(kind)
        if fields is None:
            fields = child_fields[kind] = tuple(f for f in kind._fields if f not in _LEAF_FIELDS)
        for field_name in fields:  # the order of ast.iter_child_nodes
            child = getattr(node, field_name, None)
            if type(child) is list:
                for item in child:
                    if isinstance(item, node_class):
                        visit(item, function)
            elif isinstance(child, node_class):
                visit(child, function)

    import sys

    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit, 10000))
        visit(tree, None)
    finally:
        sys.setrecursionlimit(limit)
    source.cache["python_nodes"] = nodes


def python_nodes(source: SourceFile) -> list[ast.AST]:
    """Every node of a Python file but expression contexts, parents before children (not the
    breadth-first order of ``ast.walk``): for surveys that do not care about order."""
    if "python_nodes" not in source.cache:
        _extract(source)
    return source.cache["python_nodes"]


def python_string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


# --- tree-sitter ------------------------------------------------------------------------------


def text_of(node: Any) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def compact(node: Any) -> str:
    """Source text without layout: ``stripe\n  .webhooks.constructEvent`` -> ``stripe.webhooks.constructEvent``."""
    return _INNER_SPACE.sub(" ", _OUTER_SPACE.sub("", text_of(node)))


def _position(source: SourceFile, node: Any) -> tuple[int, int]:
    row, byte_column = node.start_point
    line = row + source.first_line
    return line, source.char_column(line, byte_column)


def _enclosing_function(node: Any) -> Any:
    parent = node.parent
    while parent is not None:
        if parent.type in FUNCTION_TYPES:
            return parent
        if parent.type == "block" and parent.parent is not None and parent.parent.type == "call":
            return parent  # a Ruby brace block: `post "/hook" { … }`
        parent = parent.parent
    return None


def _arguments(node: Any) -> list[Argument]:
    container = node.child_by_field_name("arguments")
    if container is None:
        container = next((c for c in node.named_children if c.type in _ARGUMENT_LISTS), None)
    if container is None:
        return []
    args: list[Argument] = []
    for child in container.named_children:
        if child.type == "comment":
            continue
        if child.type == "argument":  # PHP and C#: (argument name: (name) value)
            label = child.child_by_field_name("name")
            values = [c for c in child.named_children if c != label]
            value = values[-1] if values else child
            args.append(Argument(text_of(label) if label is not None else None, None, value))
        elif child.type == "pair" and node.type == "call":  # Ruby keyword argument
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            args.append(Argument(text_of(key).rstrip(":").lstrip(":"), None, value))
        else:
            args.append(Argument(None, None, child))
    return args


def _callee(node: Any) -> tuple[str, str, bool]:
    """(callee text, last segment, is constructor) of a call node."""
    kind = node.type
    if kind in ("new_expression", "object_creation_expression"):
        target = node.child_by_field_name("constructor") or node.child_by_field_name("type")
        if target is None:
            target = next((c for c in node.named_children if c.type not in _ARGUMENT_LISTS), None)
        callee = compact(target)
        return callee, callee.replace("::", ".").replace("\\", ".").rsplit(".", 1)[-1], True
    if kind == "call":  # Ruby: receiver.method(args)
        receiver = node.child_by_field_name("receiver")
        method = text_of(node.child_by_field_name("method"))
        callee = f"{compact(receiver)}.{method}" if receiver is not None else method
        return callee, method, method == "new"
    if kind in ("member_call_expression", "nullsafe_member_call_expression", "scoped_call_expression"):
        owner = node.child_by_field_name("object") or node.child_by_field_name("scope")
        method = text_of(node.child_by_field_name("name"))
        separator = "::" if kind == "scoped_call_expression" else "->"
        return f"{compact(owner)}{separator}{method}", method, False
    if kind == "method_invocation":  # Java
        owner = node.child_by_field_name("object")
        method = text_of(node.child_by_field_name("name"))
        return (f"{compact(owner)}.{method}" if owner is not None else method), method, False
    function = node.child_by_field_name("function")
    callee = compact(function)
    base = callee.split("<", 1)[0]  # C# generics: Foo<T>(…)
    return callee, base.replace("->", ".").replace("::", ".").rsplit(".", 1)[-1], False


def _extract_tree_sitter(source: SourceFile, root: Any, out_calls: list[Call], out_assign: list[Assignment]) -> None:
    nodes = source.cache["tree_nodes"] = all_nodes(root)
    for node in nodes:
        kind = node.type
        if kind in CALL_TYPES:
            if kind == "call_expression" and node.child_by_field_name("function") is None:
                continue
            callee, name, is_new = _callee(node)
            line, column = _position(source, node)
            receiver = callee[: len(callee) - len(name)].rstrip(".:->")
            out_calls.append(
                Call(callee, name, is_new, _arguments(node), line, column, node, _enclosing_function(node), receiver)
            )
        elif kind in ASSIGNMENT_TYPES:
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if left is None or right is None:
                continue
            line, column = _position(source, node)
            function = _enclosing_function(node)
            lefts = left.named_children if left.type == "expression_list" else [left]
            rights = right.named_children if right.type == "expression_list" else [right]
            for index, target in enumerate(lefts):
                value = rights[min(index, len(rights) - 1)] if rights else right
                out_assign.append(
                    Assignment(compact(target), Argument(None, None, value), line, column, node, function)
                )


def string_value(node: Any) -> str | None:
    """The value of a plain string literal (no interpolation), for any language; else None."""
    if node is None:
        return None
    if isinstance(node, ast.AST):
        return python_string(node)
    if node.type not in _STRING_TYPES:
        return None
    if any(c.type in _INTERPOLATION_TYPES for c in node.named_children):
        return None
    raw = text_of(node)
    for prefix in ("@", "$"):
        raw = raw.removeprefix(prefix)
    if len(raw) >= 2 and raw[0] in "\"'`" and raw[-1] == raw[0]:
        return raw[1:-1]
    return None


def mapping_items(node: Any) -> list[tuple[str, Any]]:
    """(key, value node) of a literal mapping: JS object, PHP array, Ruby hash, Python dict."""
    if node is None:
        return []
    if isinstance(node, ast.AST):
        if isinstance(node, ast.Dict):
            return [(python_string(k) or "", v) for k, v in zip(node.keys, node.values, strict=False) if k is not None]
        return []
    items: list[tuple[str, Any]] = []
    for child in node.named_children:
        if child.type == "pair":  # JS/TS object, Ruby hash
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            key_text = string_value(key) if string_value(key) is not None else text_of(key)
            items.append((key_text.strip(":").strip("'\""), value))
        elif child.type == "array_element_initializer" and child.named_child_count == 2:  # PHP
            key, value = child.named_children
            items.append((string_value(key) or text_of(key), value))
        elif child.type == "shorthand_property_identifier":
            items.append((text_of(child), child))
    return items


def iter_nodes(source: SourceFile) -> Iterator[Any]:
    """Every node of the tree (``ast`` nodes for Python)."""
    tree = source.syntax()
    if isinstance(tree, ast.AST):
        yield from ast.walk(tree)
    else:
        yield from tree_nodes(source)


def tree_nodes(source: SourceFile) -> list[Any]:
    """Every node of a tree-sitter tree, in :func:`golive_ci.parsing.walk` order, collected once per file."""
    if "tree_nodes" not in source.cache:
        _extract(source)
    return source.cache["tree_nodes"]


_DECLARATION_TYPES = frozenset({"variable_declarator", "short_var_declaration", "var_spec", "const_spec"})


def declarations(source: SourceFile) -> list[Assignment]:
    """Declarations with an initial value, in the :class:`Assignment` shape.

    ``const x = …`` (JS/TS), ``x := …`` / ``var x = …`` (Go), ``String x = …`` (Java), ``var x = …``
    (C#). Python, Ruby and PHP have no declarations: :func:`assignments` already covers them.
    """
    if "declarations" in source.cache:
        return source.cache["declarations"]
    tree = source.syntax()
    found: list[Assignment] = []
    if not isinstance(tree, ast.AST):
        for node in tree_nodes(source):
            if node.type not in _DECLARATION_TYPES:
                continue
            if node.type == "short_var_declaration":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            else:
                left, right = node.child_by_field_name("name"), node.child_by_field_name("value")
                if right is None:  # C#: (variable_declarator name: (identifier) <value>)
                    rest = [c for c in node.named_children if c != left and c.type != "bracketed_argument_list"]
                    right = rest[-1] if rest else None
                    if right is not None and right.type == "equals_value_clause" and right.named_children:
                        right = right.named_children[-1]
            if left is None or right is None:
                continue
            line, column = _position(source, node)
            function = _enclosing_function(node)
            lefts = left.named_children if left.type == "expression_list" else [left]
            rights = right.named_children if right.type == "expression_list" else [right]
            if len(rights) == 1 and len(lefts) > 1:
                lefts = lefts[:1]  # Go `body, err := f()`: the value goes to the first name, not to err
            for target, value in zip(lefts, rights or [right], strict=False):
                found.append(Assignment(compact(target), Argument(None, None, value), line, column, node, function))
    source.cache["declarations"] = found
    return found
