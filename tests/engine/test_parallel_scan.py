"""Whole-repository scans in a process pool give the serial run's report, to the byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from golive_ci import engine, parallel
from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Report
from tests import paths

FIXTURES = paths.FIXTURES
SHOP = paths.ROOT / "examples" / "shop"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Every rule's fixtures, a broken file (a notice) and a test that exercises a decline."""
    root = tmp_path / "tree"
    shutil.copytree(FIXTURES, root / "fixtures")
    shutil.copytree(SHOP, root / "shop")
    (root / "broken.py").write_text("import stripe\ndef (:\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_pay.py").write_text("def test_decline():\n    card = 'tok_chargeDeclined'\n")
    return root


def _scan(root: Path, monkeypatch: pytest.MonkeyPatch, *, pooled: bool) -> Report:
    monkeypatch.setattr(parallel, "worker_count", lambda files, partial: 2 if pooled else 1)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 3)
    started: list[int] = []
    real_pool = parallel.scan_in_pool

    def counting_pool(*args: object, **kwargs: object) -> bool:
        started.append(1)
        return real_pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "scan_in_pool", counting_pool)
    report = scan([root], root, Config())
    assert bool(started) == pooled
    return report


def _same(serial: Report, pooled: Report) -> None:
    assert pooled.findings == serial.findings
    assert [f.fingerprint for f in pooled.findings] == [f.fingerprint for f in serial.findings]
    assert pooled.notices == serial.notices
    assert (pooled.files_scanned, pooled.files_skipped, pooled.files_excluded) == (
        serial.files_scanned,
        serial.files_skipped,
        serial.files_excluded,
    )


def test_a_pooled_scan_reports_exactly_what_a_serial_one_does(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _scan(tree, monkeypatch, pooled=False)
    pooled = _scan(tree, monkeypatch, pooled=True)
    assert len(serial.findings) > 20 and serial.notices  # the comparison is not vacuous
    assert {f.rule for f in serial.findings} >= {"webhook-signature", "idempotency-key", "unpinned-api-version"}
    _same(serial, pooled)


def test_the_per_file_time_budget_holds_in_the_workers(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "FILE_TIME_BUDGET", -1.0)  # every file runs out of time at once
    serial = _scan(tree, monkeypatch, pooled=False)
    pooled = _scan(tree, monkeypatch, pooled=True)
    assert any("took longer than" in notice.message for notice in pooled.notices)
    _same(serial, pooled)


def test_hooks_and_small_scans_stay_in_one_process() -> None:
    assert parallel.worker_count(100_000, partial=True) == 1
    assert parallel.worker_count(parallel.MIN_FILES - 1, partial=False) == 1


def test_a_pool_that_fails_leaves_nothing_behind_and_the_scan_runs_serially(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _scan(tree, monkeypatch, pooled=False)

    def unsendable(chunk: list) -> None:
        raise TypeError("cannot pickle 'tree_sitter.Tree' object")  # a rule state a worker cannot send back

    monkeypatch.setattr(parallel, "_scan_chunk", unsendable)
    _same(serial, _scan(tree, monkeypatch, pooled=True))


class _Collector:
    def __init__(self) -> None:
        self.inits: dict[str, list[str]] = {}
        self.seen: set[str] = set()
        self.counts: dict[str, int] = {}


def test_state_is_folded_at_every_depth_so_no_chunk_loses_its_items() -> None:
    rule = _Collector()
    before = {"inits": {}, "seen": set(), "counts": {}}
    chunks = [
        {"inits": {"python": ["a.py"]}, "seen": {"a.py"}, "counts": {"python": 1}},
        {"inits": {"python": ["b.py"], "node": ["c.js"]}, "seen": {"b.py", "c.js"}, "counts": {"python": 2}},
    ]
    for learnt in chunks:
        parallel._fold(rule, before, learnt)  # type: ignore[arg-type]
    assert rule.inits == {"python": ["a.py", "b.py"], "node": ["c.js"]}
    assert rule.seen == {"a.py", "b.py", "c.js"}
    assert rule.counts == {"python": 3}


def test_files_go_to_the_workers_in_few_large_chunks_in_order() -> None:
    items = [(f"f{index}.py", Path(f"f{index}.py"), None, None, None) for index in range(2903)]
    chunks = parallel.chunks_of(items, 2)
    assert len(chunks) == 2 * parallel.CHUNKS_PER_WORKER
    assert [item for chunk in chunks for item in chunk] == items
    assert {len(chunk) for chunk in chunks[:-1]} == {182}
    few = parallel.chunks_of(items[:30], 2)
    assert [len(chunk) for chunk in few] == [parallel.CHUNK_FILES, 30 - parallel.CHUNK_FILES]
