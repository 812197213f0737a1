"""Where an all-rules scan spends its time: per rule, and in the parsing and extraction every rule shares.

    .venv/bin/python bench/rule_costs.py [TREE]

Runs ``golive_ci.engine.scan`` in-process over the tree with every rule's ``wants``/``check``/
``finish`` wrapped in a timer. Time is exclusive: parsing (``SourceFile.syntax``) and the shared
call/assignment extraction of ``golive_ci.syntax`` are booked to their own rows, not to whichever
rule asked first. A diagnostic, not a measurement to compare: the timers add a little overhead.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ENGINE = "engine (discovery, reading, the rest)"
PARSE = "parsing (shared: ast / tree-sitter)"
EXTRACT = "syntax extraction (shared: calls, assignments)"


class ExclusiveTimer:
    """Wall time per label, excluding the time of labels entered inside it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.files: dict[str, int] = defaultdict(int)
        self._children: list[float] = []

    @contextmanager
    def timing(self, label: str) -> Iterator[None]:
        self._children.append(0.0)
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            children = self._children.pop()
            self.seconds[label] += elapsed - children
            if self._children:
                self._children[-1] += elapsed

    def wrap(self, label: str, function: Callable[..., Any], *, materialize: bool = False) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.timing(label):
                result = function(*args, **kwargs)
                return list(result) if materialize else result

        return timed


def measure(tree: Path) -> tuple[dict[str, float], dict[str, int], float]:
    """(seconds per row, files checked per rule, total seconds) of one all-rules scan of ``tree``."""
    from golive_ci import engine, syntax
    from golive_ci.config import find_config_file, load_config
    from golive_ci.sourcefile import SourceFile

    timer = ExclusiveTimer()
    build_rules = engine.build_rules

    def instrumented_rules(*args: Any, **kwargs: Any) -> list[Any]:
        rules = build_rules(*args, **kwargs)
        for rule in rules:
            wants = rule.wants

            def counted(source: SourceFile, wants: Callable[[SourceFile], bool] = wants, slug: str = rule.slug) -> bool:
                with timer.timing(slug):
                    wanted = wants(source)
                timer.files[slug] += wanted
                return wanted

            rule.wants = counted
            rule.check = timer.wrap(rule.slug, rule.check, materialize=True)
            rule.finish = timer.wrap(rule.slug, rule.finish, materialize=True)
        return rules

    extraction = syntax._EXTRACTED  # the fact calls, assignments and Python nodes are read from
    originals = (engine.build_rules, SourceFile.syntax, extraction.compute)
    engine.build_rules = instrumented_rules
    SourceFile.syntax = timer.wrap(PARSE, SourceFile.syntax)
    extraction.compute = timer.wrap(EXTRACT, extraction.compute)
    try:
        with timer.timing(ENGINE):
            engine.scan([tree], tree, load_config(find_config_file(tree)))
    finally:
        engine.build_rules, SourceFile.syntax, extraction.compute = originals
    return dict(timer.seconds), dict(timer.files), sum(timer.seconds.values())


def render(seconds: dict[str, float], files: dict[str, int], total: float) -> str:
    lines = [f"{'where':<50} {'seconds':>8} {'share':>6} {'files':>6}"]
    for label, value in sorted(seconds.items(), key=lambda item: -item[1]):
        checked = str(files[label]) if label in files else ""
        lines.append(f"{label:<50} {value:8.2f} {value / total:6.0%} {checked:>6}")
    lines.append(f"{'total':<50} {total:8.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path, default=Path(__file__).resolve().parent / ".work" / "tree")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    if not (args.tree / ".git").is_dir():
        print(f"{args.tree}: not a generated tree; run bench/run.py first", file=sys.stderr)
        return 2
    seconds, files, total = measure(args.tree.resolve())
    if args.json:
        rows = [{"where": label, "seconds": value, "files": files.get(label)} for label, value in seconds.items()]
        print(json.dumps({"total_s": total, "rows": sorted(rows, key=lambda row: -row["seconds"])}))
    else:
        print(render(seconds, files, total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
