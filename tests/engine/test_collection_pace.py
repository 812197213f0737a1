"""Whole-repository scans collect cyclic garbage less often, and leave the collector as they found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from golive_ci import engine
from golive_ci.config import Config


def _tree(tmp_path: Path) -> Path:
    for index in range(3):
        (tmp_path / f"app{index}.py").write_text("import stripe\nstripe.Charge.create(amount=100)\n")
    return tmp_path


@pytest.mark.parametrize("partial", [False, True])
def test_a_scan_restores_the_collectors_pace_and_frozen_objects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partial: bool
) -> None:
    root = _tree(tmp_path)
    seen: list[tuple[tuple[int, int, int], int]] = []
    scan_item = engine._scan_item

    def watching(*args: object, **kwargs: object) -> bool:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return scan_item(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_scan_item", watching)
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    report = engine.scan([root], root, Config(), partial=partial)
    assert report.files_scanned == 3
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
    thresholds = {threshold for threshold, _ in seen}
    if partial:  # a hook's few files: the collector keeps its pace
        assert thresholds == {before}
    else:
        assert thresholds == {(10_000, 10, 10)}
        assert all(count > frozen for _, count in seen)


def test_the_pace_is_restored_when_the_scan_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)

    def failing(*args: object, **kwargs: object) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "_scan_item", failing)
    before = gc.get_threshold()
    with pytest.raises(KeyboardInterrupt):
        engine.scan([root], root, Config())
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
