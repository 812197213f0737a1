"""The shape :mod:`golive_ci.syntax` gives calls, assignments and their arguments in every language."""

from __future__ import annotations

import ast

from golive_ci.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from golive_ci.sourcefile import SourceFile


def text_of(node: Any) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def python_text(source: SourceFile, node: ast.AST) -> str:
    start = source.byte_offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end = source.byte_offset(node.end_lineno or node.lineno, node.end_col_offset or 0)  # type: ignore[attr-defined]
    return source.data[start:end].decode("utf-8", "replace")


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
    """A call and what the rules ask of it. A tree-sitter file's extraction gives ``resolve`` (with
    ``source``) instead of ``args``, ``line``, ``column`` and ``function``: most calls are only asked
    their callee, so the rest is worked out when first read."""

    __slots__ = (
        "_args",
        "_column",
        "_function",
        "_line",
        "_resolve",
        "_source",
        "callee",
        "is_new",
        "name",
        "node",
        "receiver",
    )
    _fields = ("args", "callee", "column", "function", "is_new", "line", "name", "node", "receiver")
    callee: str  # source text of what is called, whitespace removed: "stripe.Webhook.construct_event"
    name: str  # its last segment: "construct_event"
    is_new: bool  # a constructor call (new X(...), X.new in Ruby)
    node: Any
    receiver: str  # callee without its last segment

    def __init__(
        self,
        callee: str,
        name: str,
        is_new: bool,
        args: list[Argument] | None,
        line: int,
        column: int,
        node: Any,
        function: Any = None,
        receiver: str = "",
        *,
        resolve: Callable[[SourceFile, Any], tuple[list[Argument], int, int, Any]] | None = None,
        source: SourceFile | None = None,
    ) -> None:
        self.callee = callee
        self.name = name
        self.is_new = is_new
        self._args = args if args is not None else []
        self._line = line
        self._column = column
        self.node = node
        self._function = function
        self.receiver = receiver
        self._resolve = resolve
        self._source = source

    def _resolved(self) -> None:
        assert self._resolve is not None and self._source is not None
        self._args, self._line, self._column, self._function = self._resolve(self._source, self.node)
        self._resolve = self._source = None

    @property
    def args(self) -> list[Argument]:
        """Positional and keyword arguments, in order."""
        if self._resolve is not None:
            self._resolved()
        return self._args

    @property
    def line(self) -> int:
        if self._resolve is not None:
            self._resolved()
        return self._line

    @property
    def column(self) -> int:
        if self._resolve is not None:
            self._resolved()
        return self._column

    @property
    def function(self) -> Any:
        """The innermost enclosing function or block node; None at module level."""
        if self._resolve is not None:
            self._resolved()
        return self._function

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
