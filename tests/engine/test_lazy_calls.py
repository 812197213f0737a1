"""Tree-sitter calls work out their arguments, position and enclosing function when first read,
and a scanned file is freed as soon as the scan is done with it (no reference cycle through them)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from golive_ci import engine, syntax
from golive_ci.config import Config
from golive_ci.lang import language_roles
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax_tree_sitter import _arguments, _details, position
from golive_ci.tree_nodes import enclosing_function

JS = """const stripe = require("stripe")(process.env.KEY);
async function pay(req) {
  console.log("paying", req.body);
  return stripe.paymentIntents.create({ amount: 100, currency: "usd" }, { idempotencyKey: req.id });
}
const tax = (x) => Math.round(x * 100);
"""


def test_a_lazy_call_answers_what_an_eager_extraction_gave() -> None:
    source = SourceFile.from_text("pay.js", JS)
    calls = syntax.calls(source)
    assert [call.callee for call in calls] == [
        'require("stripe")',
        "require",
        "console.log",
        "stripe.paymentIntents.create",
        "Math.round",
    ]
    assert all(call._resolve is not None for call in calls)  # nothing worked out yet
    for call in calls:
        line, column = position(source, call.node)
        args = _arguments(call.node, language_roles("javascript"))
        assert (call.line, call.column) == (line, column)
        assert [(a.name, a.text) for a in call.args] == [(a.name, a.text) for a in args]
        assert call.function == enclosing_function(source, call.node)
        assert call._resolve is None and call._source is None  # resolved once, the file let go
    create = calls[3]
    assert (create.line, create.column) == (4, 10)
    assert create.function is not None and create.function.type == "function_declaration"
    assert calls[0].function is None
    assert _details(source, create.node)[1:3] == (4, 10)


def test_equal_calls_compare_by_their_fields_resolved_or_not() -> None:
    first = syntax.calls(SourceFile.from_text("a.js", JS))
    second = syntax.calls(SourceFile.from_text("a.js", JS))
    for call in second:
        _ = call.line
    assert [(c.callee, c.line, c.column) for c in first] == [(c.callee, c.line, c.column) for c in second]
    assert "line=4" in repr(first[3])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for index in range(3):
        (tmp_path / f"pay{index}.js").write_text(JS)
    return tmp_path


def test_a_scanned_file_is_not_left_in_a_reference_cycle(project: Path) -> None:
    engine.scan([project], project, Config())  # imports and compiled patterns: not the point here
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        engine.scan([project], project, Config())
        gc.collect()
        kept = [item for item in gc.garbage if isinstance(item, SourceFile)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert kept == []
