"""Issue 10, item 2: deeply nested code costs time linear in its size, and a file nested beyond the
bound is a notice, never a silent pass. Each input is generated here, at run time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from golive_ci import parsing
from golive_ci.cli import main
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls
from tests import paths
from tests.conftest import committed_repo

HANG_GUARD = 2.0  # seconds; each input below took from 20 s to minutes before the fix


def _scan(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> tuple[str, float]:
    started = time.monotonic()
    main(["scan", *args, str(repo)])
    elapsed = time.monotonic() - started
    return capsys.readouterr().out, elapsed


def test_a_5kb_file_of_nested_calls_is_scanned_in_well_under_two_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    depth = 1700  # 5 KB: about 85 s when every call climbed its parents
    text = "const stripe = require('stripe');\n" + "f(" * depth + "stripe.charges.create({})" + ")" * depth + ";\n"
    assert 5000 <= len(text) <= 5200
    repo = committed_repo(tmp_path / "repo", {"nested.js": text})
    out, elapsed = _scan(capsys, repo)
    assert elapsed < HANG_GUARD, f"{elapsed:.1f} s"
    assert "nested.js:2:" in out and "idempotency-key" in out  # still checked, not skipped


def test_many_calls_deep_inside_a_try_share_one_walk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    depth, count = 2000, 500
    inner = ",".join("stripe.charges.create({a: b})" for _ in range(count))
    text = (
        "const stripe = require('stripe')('x');\n"
        "function pay(req, res) { try {" + "f(" * depth + inner + ")" * depth + "} catch (e) { res.send(500) } }\n"
    )
    repo = committed_repo(tmp_path / "repo", {"pay.js": text})
    out, elapsed = _scan(capsys, repo, "--select", "card-error-handling")
    assert elapsed < HANG_GUARD, f"{elapsed:.1f} s"
    assert out.count("card-error-handling [warning]") == count  # each call still sees the catch around it


def test_deeply_nested_functions_and_ruby_blocks_stay_linear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "hooks.js": "const stripe = require('stripe');\n"
        + "async function webhook(req){" * 1500
        + "console.log(req.body); stripe.webhooks.constructEvent(req.body, s, k);"
        + "}" * 1500
        + "\n",
        "pay.rb": "require 'stripe'\n"
        + "begin\n" * 1500
        + "Stripe::Charge.create(amount: 1)\n" * 200
        + "rescue => e\nend\n" * 1500,
    }
    repo = committed_repo(tmp_path / "repo", files)
    out, elapsed = _scan(capsys, repo)
    assert elapsed < HANG_GUARD, f"{elapsed:.1f} s"
    assert "hooks.js:" in out and "pay.rb:" in out


def test_enclosing_functions_come_from_one_walk() -> None:
    source = SourceFile.from_text(
        "a.js", "function outer() { const inner = () => { g(1) }; h(2) }\nk(3)\n[1].map(function (x) { m(x) })\n"
    )
    by_callee = {call.callee: call.function for call in calls(source)}
    assert by_callee["g"].type == "arrow_function"
    assert by_callee["h"].type == "function_declaration"
    assert by_callee["k"] is None
    assert by_callee["m"].type == "function_expression"
    ruby = SourceFile.from_text("app.rb", 'post "/hook" do\n  handle(request)\nend\nget("/x") { show(1) }\n')
    functions = {call.callee: call.function for call in calls(ruby)}
    assert functions["handle"].type == "do_block" and functions["show"].type == "block"


def test_a_file_nested_beyond_the_bound_is_a_notice_not_a_silent_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsing, "MAX_TREE_DEPTH", 200)
    text = "const stripe = require('stripe');\n" + "f(" * 150 + "stripe.charges.create({})" + ")" * 150 + ";\n"
    repo = committed_repo(tmp_path / "repo", {"deep.js": text, "flat.js": text.replace("f(", "(")})
    out, _ = _scan(capsys, repo, "--select", "idempotency-key")
    assert "notice: deep.js: idempotency-key: nested more than 200 syntax-tree levels deep" in out
    assert "flat.js:2:" in out  # the scan goes on with the other files


def test_many_event_branches_deep_inside_blocks_stay_linear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    branches = 'if (event.type === "charge.succeeded") { fulfil(); }\n' * 1500
    text = (
        "const stripe = require('stripe')(key);\napp.post('/webhook', (req, res) => {\n"
        + "{" * 1500
        + "const event = JSON.parse(req.body);\n"
        + branches
        + "}" * 1500
        + "\n});\n"
    )
    repo = committed_repo(tmp_path / "repo", {"hook.js": text})
    out, elapsed = _scan(capsys, repo, "--select", "webhook-signature")
    assert elapsed < HANG_GUARD, f"{elapsed:.1f} s"
    assert "hook.js:2:1: webhook-signature " in out  # the unverified handler is still found


def test_the_depth_bound_is_exact_though_the_walk_skips_small_subtrees(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    def deepest(root: object) -> int:
        best, stack = 0, [(root, 0)]
        while stack:
            node, depth = stack.pop()
            best = max(best, depth)
            stack.extend((child, depth + 1) for child in node.children)  # type: ignore[attr-defined]
        return best

    brackets = [("f(", ")"), ("[", "]"), ("(", ")"), ("{a:", "}"), ("-", "")]
    for seed in range(60):
        rng = random.Random(seed)
        opened = [rng.choice(brackets) for _ in range(rng.randint(5, 80))]
        text = "x = " + "".join(o for o, _ in opened) + "1" + "".join(c for _, c in reversed(opened)) + ";\n"
        root = parsing.parse((text + "y = 1;\n" * rng.randint(0, 30)).encode(), "javascript").root_node
        depth = deepest(root)
        for bound in range(max(1, depth - 2), depth + 3):
            monkeypatch.setattr(parsing, "MAX_TREE_DEPTH", bound)
            if depth >= bound:
                with pytest.raises(parsing.ParseError):
                    parsing.check_depth(root)
            else:
                parsing.check_depth(root)


def test_small_trees_walked_in_python_give_what_the_query_captures() -> None:
    """Below a size, a file's nodes are found by a walk instead of compiling a query (a hook's few
    small files would pay the compile for nothing): both must give the same nodes in the same order."""
    from tree_sitter import QueryCursor

    from golive_ci import tree_nodes as adapter
    from golive_ci.lang import nodes_query

    fixtures = [path for path in paths.FIXTURES.rglob("*") if path.is_file()]
    kinds = adapter.kinds_of("string") | frozenset({"member_access_expression", "selector_expression"})
    compared = 0
    for path in fixtures:
        source = SourceFile(path=path.name, data=path.read_bytes())
        if source.language in (None, "python"):
            continue
        try:
            root = source.syntax().root_node
        except parsing.ParseError:
            continue
        queries = nodes_query(source.language)
        nodes = adapter._small_tree(source)
        query = adapter._language_query(source.language, queries)
        by_query = {
            name: [node.id for node in adapter._in_walk_order(source, group)]
            for name, group in QueryCursor(query).captures(root).items()
        }
        walked = adapter._walked_captures(nodes, adapter._patterns(queries))
        assert {name: [node.id for node in group] for name, group in walked.items()} == by_query, path.name
        captured = [
            node
            for group in QueryCursor(adapter._kinds_query(source.language, kinds)).captures(root).values()
            for node in group
        ]
        by_query_kinds = [node.id for node in adapter._in_walk_order(source, captured)]
        assert [node.id for node in nodes if node.type in kinds] == by_query_kinds, path.name
        compared += 1
    assert compared >= 40
