"""One parsing layer for every rule: ``ast`` for Python, tree-sitter grammars for the rest.

Grammars are imported lazily, only for files that a rule's substring pre-filter let through, so
the pre-commit path never pays for a grammar it does not need.
"""

from __future__ import annotations

import ast
import importlib
import re
import warnings
from functools import cache

from golive_ci.parse_error import ParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, AnyStr


@cache
def _grammars() -> dict[str, tuple[str, str]]:
    """language -> (module, function returning the grammar's language pointer), from golive_ci/lang."""
    from golive_ci.lang import profiles

    return {name: language.grammar for name, language in profiles().items() if language.grammar is not None}


@cache
def _parser(language: str) -> Any:
    import tree_sitter

    module_name, function = _grammars()[language]
    binding = _compiled_binding(module_name)
    if binding is None or not hasattr(binding, function):
        try:
            binding = importlib.import_module(module_name)
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ParseError(f"the {language} grammar is not installed ({module_name})") from exc
    return tree_sitter.Parser(tree_sitter.Language(getattr(binding, function)()))


def _compiled_binding(package: str) -> Any:
    """A grammar package's compiled ``_binding`` module, loaded from the package's folder without
    running its ``__init__``: that imports ``importlib.resources`` (with tempfile, shutil, random,
    bz2 and lzma) for query files golive-ci never reads, about 5 ms of a pre-commit hook. None when
    the package is not laid out so (the caller then imports it)."""
    import importlib.machinery
    import os

    spec = importlib.machinery.PathFinder.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_binding" + suffix)
            if os.path.isfile(path):
                name = f"{package}._binding"
                loader = importlib.machinery.ExtensionFileLoader(name, path)
                binding_spec = importlib.machinery.ModuleSpec(name, loader, origin=path)
                try:
                    module = loader.create_module(binding_spec)
                    loader.exec_module(module)
                except ImportError:
                    return None
                return module
    return None


def grammar(language: str) -> Any:
    """The tree-sitter ``Language`` of ``language`` (for queries compiled once per language)."""
    return _parser(language).language


def parse(data: bytes, language: str | None) -> Any:
    if language == "python":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escape sequences in user code
                return ast.parse(data)
        except (RecursionError, MemoryError):
            raise ParseError("could not parse Python source: nested too deeply") from None
        except (SyntaxError, ValueError) as exc:
            from golive_ci.python_compat import parse_newer  # 3.12+ syntax on an older interpreter

            newer = parse_newer(data)
            if newer is not None:
                return newer
            line = getattr(exc, "lineno", None)
            where = f" (line {line})" if line else ""
            detail = getattr(exc, "msg", "") or exc.__class__.__name__
            raise ParseError(f"could not parse Python source{where}: {detail}") from None
    if language in _grammars():
        tree = _parser(language).parse(data)
        if tree.root_node.has_error and _error_ratio(tree.root_node) > 0.5:
            raise ParseError(f"could not parse {language} source: mostly syntax errors")
        return tree
    raise ParseError(f"no parser for {language or 'this file type'}")


def _error_ratio(root: Any) -> float:
    """Share of top-level nodes that are errors; tree-sitter recovers from small errors."""
    children = root.children
    if not children:
        return 1.0
    return sum(1 for c in children if c.type == "ERROR" or c.is_missing) / len(children)


def node_text(node: Any) -> str:
    """Text of a tree-sitter node."""
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


# Deeper trees are refused with a ParseError (a notice): about 500 levels of nesting in the source,
# where real code stays under 100; every per-node question about ancestors is bounded by it.
MAX_TREE_DEPTH = 50_000


def check_depth(root: Any) -> None:
    """Raise :class:`ParseError` when the tree under ``root`` is deeper than :data:`MAX_TREE_DEPTH`.

    A subtree of fewer nodes than the levels left cannot reach the bound, so the cursor walk enters
    only subtrees big enough to: most files are not walked at all, big ones only along their spine."""
    if root.descendant_count <= MAX_TREE_DEPTH:
        return
    cursor = root.walk()
    first_child, next_sibling, goto_parent = cursor.goto_first_child, cursor.goto_next_sibling, cursor.goto_parent
    depth = 0
    while True:
        if depth + cursor.node.descendant_count > MAX_TREE_DEPTH and first_child():
            depth += 1
            if depth >= MAX_TREE_DEPTH:
                raise ParseError(f"nested more than {MAX_TREE_DEPTH} syntax-tree levels deep")
            continue
        while not next_sibling():
            if not goto_parent():
                return
            depth -= 1


def walk(node: Any):  # -> Iterator[tree_sitter.Node]
    """Every node below ``node`` (inclusive), depth first, without recursion limits."""
    cursor = node.walk()
    visited_children = False
    while True:
        if not visited_children:
            yield cursor.node
            if cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            visited_children = False
            continue
        if not cursor.goto_parent():
            return
        visited_children = True
        if cursor.node == node:
            return


class _LazyPattern:
    """Stands in for the compiled pattern; the first attribute read compiles it and keeps its
    attributes on the instance, so later reads are plain lookups."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._arguments = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._arguments)
        for attribute in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            setattr(self, attribute, getattr(compiled, attribute))
        for attribute in ("pattern", "flags", "groups", "groupindex"):
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy_pattern(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile`` at the first use: a module-level pattern costs nothing on a run that never
    matches it (a pre-commit hook whose five files skip most rules compiled ~100 of them)."""
    return _LazyPattern(pattern, flags)  # type: ignore[return-value]
