"""Calls and assignments of a Python file, from its ``ast`` tree (see :mod:`golive_ci.syntax`)."""

from __future__ import annotations

import ast

from golive_ci.syntax_model import Argument, Assignment, Call

TYPE_CHECKING = False
if TYPE_CHECKING:
    from golive_ci.sourcefile import SourceFile


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


# Fields that never hold a node (names, flags) or hold only an expression context (Load, Store):
# the walk below skips them, which ast.iter_child_nodes cannot.
_LEAF_FIELDS = frozenset(
    {"ctx", "id", "attr", "arg", "asname", "module", "name", "level", "kind", "conversion", "type_comment",
     "is_async", "simple", "tag"}
)  # fmt: skip
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_ASSIGNMENT_NODES = (ast.Assign, ast.AnnAssign, ast.AugAssign)


def extract_python(
    source: SourceFile, tree: ast.AST, out_calls: list[Call], out_assign: list[Assignment]
) -> list[ast.AST]:
    """Calls and assignments in source order; returns every node but expression contexts (``python_nodes``).

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
    return nodes


def python_string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None
