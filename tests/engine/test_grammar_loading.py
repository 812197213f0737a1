"""Grammars are loaded from their compiled binding, without the grammar package's __init__ (which
imports importlib.resources, tempfile and shutil for query files golive-ci never reads)."""

from __future__ import annotations

import subprocess
import sys

from golive_ci.parsing import _compiled_binding, parse

PROBE = """
import sys
from golive_ci.parsing import parse
kinds = [parse(source, language).root_node.type for language, source in (
    ("php", b"<?php echo 1;"), ("javascript", b"f(1)"), ("typescript", b"let x: number = 1"),
    ("tsx", b"<a/>"), ("go", b"package main"), ("java", b"class A {}"), ("csharp", b"class A {}"),
    ("ruby", b"f 1"),
)]
print(kinds)
print(sorted(m for m in ("importlib.resources", "tempfile", "shutil", "tree_sitter_php") if m in sys.modules))
"""


def test_every_grammar_parses_without_running_its_package() -> None:
    completed = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    kinds, loaded = completed.stdout.splitlines()
    assert kinds == str(
        ["program", "program", "program", "program", "source_file", "program", "compilation_unit", "program"]
    )
    assert loaded == "[]"


def test_a_package_without_a_compiled_binding_is_left_to_a_plain_import() -> None:
    assert _compiled_binding("golive_ci") is None  # a package, but no _binding extension in it
    assert _compiled_binding("no_such_grammar_package") is None
    assert parse(b"<?php echo 1;", "php").root_node.type == "program"
