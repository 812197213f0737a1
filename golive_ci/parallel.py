"""Whole-repository scans on every core: the files go in ordered chunks to a pool of processes.

Each chunk runs in a worker on fresh copies of the run's rules and collectors (as they were before
any file) and sends back its findings, notices, counters and what the rules learnt for ``finish``
and the collectors learnt for their caller (their state). The parent takes the chunks in file order
and folds each chunk's state into its own rules and collectors, so the report (findings, their
order, notices) and the collected facts are the serial ones. Hooks and small scans stay in
one process: a pool costs more to start than a few files take to check.
"""

from __future__ import annotations

import copy
import os

from golive_ci.findings import Finding, Notice, Report
from golive_ci.rules.base import Rule, RuleContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from golive_ci.collector import Collector

    # (relative path, absolute path, the needles git found one of in it, git found it naming Stripe,
    # the needles git found none of in it)
    Item = tuple[str, Path, frozenset[bytes] | None, bool | None, frozenset[bytes] | None]
    ScanFile = Callable[[Item, list[Rule], RuleContext, Report, list[Collector]], bool]

# Below this many files to read, one process: such a scan takes about a second, and the pool's start
# (forks, each worker importing its grammars) would eat most of the gain. The pool's extra CPU time
# measured at 131-582 files (eval products' folders) was under 0.1 s.
MIN_FILES = 400
CHUNK_FILES = 24
# Chunks per worker: each chunk costs a copy of every rule and collector and the fold of what they
# learnt, so few large chunks beat many small ones (24 files a chunk: 1.70 s on the generated 2,903
# files, 8 chunks a worker: 1.36 s); eight still let a worker that drew slow files be caught up.
CHUNKS_PER_WORKER = 8
# Attributes of a rule that are its set-up, not what it learnt from files.
_NOT_STATE = frozenset({"context", "options"})
# What forked workers inherit: the scan's rules and collectors before any file, its context and the file scanner.
_inherited: tuple[list[Rule], RuleContext, ScanFile, list[Collector]] | None = None


def worker_count(files: int, partial: bool) -> int:
    """How many processes should read ``files`` files: 1 for hooks, small scans, or one core."""
    if partial or files < MIN_FILES:
        return 1
    import multiprocessing  # here: the hooks never pay for its import

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, files // CHUNK_FILES))


def scan_in_pool(
    items: list[Item],
    rules: list[Rule],
    context: RuleContext,
    report: Report,
    scan_file: ScanFile,
    workers: int,
    collectors: list[Collector] | None = None,
) -> bool:
    """Scan ``items`` in ``workers`` processes into ``report``, ``context``, ``rules`` and
    ``collectors`` as a serial run would. All or nothing: when the pool fails (a state that cannot
    be sent back, a worker that dies), nothing has been folded in and False tells the caller to
    scan serially."""
    import multiprocessing

    global _inherited
    collectors = collectors or []
    learners: list[Any] = [*rules, *collectors]
    pristine = [copy.deepcopy(_state(learner)) for learner in learners]
    chunks = chunks_of(items, workers)
    _inherited = (rules, context, scan_file, collectors)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = list(pool.imap(_scan_chunk, chunks))
    except Exception:
        return False
    finally:
        _inherited = None
    for findings, notices, scanned, skipped, states in results:
        report.findings.extend(findings)
        context.notices.extend(notices)
        report.files_scanned += scanned
        report.files_skipped += skipped
        for learner, before, learnt in zip(learners, pristine, states, strict=True):
            _fold(learner, before, learnt)
    return True


def chunks_of(items: list[Item], workers: int) -> list[list[Item]]:
    """``items`` in order, cut into about :data:`CHUNKS_PER_WORKER` chunks a worker, of at least
    :data:`CHUNK_FILES` files."""
    size = max(CHUNK_FILES, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    return [items[start : start + size] for start in range(0, len(items), size)]


def _scan_chunk(chunk: list[Item]) -> tuple[list[Finding], list[Notice], int, int, list[dict[str, Any]]]:
    assert _inherited is not None, "workers are forked from scan_in_pool"
    rules, context, scan_file, collectors = _inherited
    own_context = RuleContext(root=context.root, config=context.config, partial=context.partial)
    memo: dict[int, Any] = {id(context): own_context, id(context.config): context.config}
    own_rules = [copy.deepcopy(rule, memo) for rule in rules]
    own_collectors = [copy.deepcopy(collector, memo) for collector in collectors]
    report = Report()
    for item in chunk:
        if scan_file(item, own_rules, own_context, report, own_collectors):
            report.files_scanned += 1
        else:
            report.files_skipped += 1
    states = [_state(learner) for learner in [*own_rules, *own_collectors]]
    return report.findings, own_context.notices, report.files_scanned, report.files_skipped, states


def _state(learner: Rule | Collector) -> dict[str, Any]:
    """What a rule or a collector learnt from files: its attributes but its set-up."""
    setup = _NOT_STATE | getattr(learner, "setup_names", frozenset())
    return {name: copy.copy(value) for name, value in vars(learner).items() if name not in setup}


def _fold(rule: Rule | Collector, before: dict[str, Any], learnt: dict[str, Any]) -> None:
    """Add what a chunk's copy of ``rule`` learnt (``learnt``, from ``before``) to ``rule``, as if
    ``rule`` had read the chunk's files itself after the earlier chunks."""
    for name, value in learnt.items():
        start = before.get(name)
        current = getattr(rule, name, None)
        if value is start or value == start:
            continue
        if _merge(current, start, value):
            continue
        if isinstance(value, int | float) and not isinstance(value, bool) and isinstance(start, int | float):
            setattr(rule, name, current + (value - start))
        elif current == start:  # set once (the first file that tells): the earliest chunk wins
            setattr(rule, name, value)


def _merge(current: Any, start: Any, value: Any) -> bool:
    """Merge a container a chunk grew (``value``, grown from ``start``) into ``current``, in place
    and at every depth (a dict of lists keeps every chunk's items); False for other values."""
    if isinstance(value, list) and isinstance(current, list):
        current.extend(value[len(start) if isinstance(start, list) else 0 :])
        return True
    if isinstance(value, set) and isinstance(current, set):
        current.update(value)
        return True
    if isinstance(value, dict) and isinstance(current, dict):
        for key, item in value.items():
            begun = start.get(key) if isinstance(start, dict) else None
            if key not in current:
                current[key] = item
            elif (
                not _merge(current[key], begun, item)
                and isinstance(item, int)
                and not isinstance(item, bool)
                and isinstance(current[key], int)
            ):
                current[key] += item - (begun if isinstance(begun, int) else 0)
        return True
    return False
