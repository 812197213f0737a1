"""lang/<name>/nodes.scm: each language's own query of the nodes rules ask about, and the walk of
small files that must find exactly what the query does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tree_sitter import Query, QueryCursor

from golive_ci import tree_nodes
from golive_ci.lang import nodes_query, profiles
from golive_ci.lang._queries import CAPTURES, SEARCHED, kinds, node_patterns, query_text
from golive_ci.parsing import ParseError, grammar
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, SourceFile
from tests import paths

ROOT = paths.ROOT
PARSED = sorted(name for name, language in profiles().items() if language.grammar is not None)
SAMPLES = sorted(
    path
    for folder in (ROOT / "tests" / "fixtures", ROOT / "examples")
    for path in folder.rglob("*")
    if path.is_file() and LANGUAGE_BY_SUFFIX.get(path.suffix) in PARSED
)


@pytest.mark.parametrize("language", PARSED)
def test_every_parsed_language_has_a_query_its_grammar_compiles(language: str) -> None:
    path = nodes_query(language)
    assert path is not None and Path(path).is_file()
    query = Query(grammar(language), query_text(path))  # an unknown node kind fails here
    patterns = node_patterns(path)  # a pattern the walk cannot follow fails here
    assert query.pattern_count == len(patterns.searched) + sum(
        1 for entries in patterns.by_kind.values() for _, _, capture in entries if capture not in SEARCHED
    )
    assert {query.capture_name(i) for i in range(query.capture_count)} <= set(CAPTURES)
    assert all(kinds(path, capture) for capture in ("call", "function", "string")), language


def _by_query(source: SourceFile) -> dict[str, list[int]]:
    path = nodes_query(source.language or "")
    query = tree_nodes._language_query(source.language, path)
    captured = QueryCursor(query).captures(source.syntax().root_node)
    return {name: [node.id for node in tree_nodes._in_walk_order(source, group)] for name, group in captured.items()}


def _by_walk(source: SourceFile) -> dict[str, list[int]]:
    patterns = tree_nodes._patterns(nodes_query(source.language or ""))
    walked = tree_nodes._walked_captures(tree_nodes._small_tree(source), patterns)
    return {name: [node.id for node in group] for name, group in walked.items()}


def test_the_walk_finds_what_each_languages_query_captures() -> None:
    compared: set[str] = set()
    for path in SAMPLES:
        source = SourceFile(path=path.name, data=path.read_bytes())
        try:
            source.syntax()
        except ParseError:
            continue
        assert _by_walk(source) == _by_query(source), path
        compared.add(source.language or "")
    assert compared >= set(PARSED) - {"tsx"}


def test_ruby_blocks_given_to_a_call_are_functions_in_both() -> None:
    source = SourceFile(path="app.rb", data=b'post "/hook" { |r| handle(r) }\nlist.each do |x| puts x end\n')
    walked = _by_walk(source)
    assert walked == _by_query(source)
    assert len(walked["function"]) == 2


def test_a_pattern_the_walk_cannot_follow_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nodes.scm"
    path.write_text("; calls\n(call_expression) @call ; a comment\n(call_expression function: (identifier)) @call\n")
    with pytest.raises(ValueError, match="cannot follow"):
        node_patterns(str(path))


def test_a_comment_and_an_anonymous_kind_are_read(tmp_path: Path) -> None:
    path = tmp_path / "nodes.scm"
    path.write_text('; the "function" keyword\n"function" @function\n(call (block) @function)\n(call) @call\n')
    patterns = node_patterns(str(path))
    assert patterns.by_kind == {
        "function": ((False, None, "function"),),
        "block": ((True, "call", "function"),),
        "call": ((True, None, "call"),),
    }
    assert patterns.searched == [0, 1, 2]
    assert kinds(str(path), "function") == frozenset({"function"})


def test_no_query_is_read_or_compiled_at_import() -> None:
    # Loading every rule imports the webhook and logging analyses: their unions of the captured roles
    # are made at the first question.
    code = (
        "import golive_ci.hooks.stripe_golive, golive_ci.hooks.stripe_api_version, golive_ci.syntax;"
        "import golive_ci.versions.js_clients, golive_ci.versions.ruby_php_clients, golive_ci.versions.values;"
        "from golive_ci.rules import RULES, load_rule; [load_rule(slug) for slug in RULES];"
        "import golive_ci.webhooks.events, golive_ci.logging_calls.paths, golive_ci.logging_calls.flow;"
        "from golive_ci.lang import _queries;"
        "print(_queries.query_text.cache_info().currsize, 'tree_sitter' in __import__('sys').modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["0", "False"]
