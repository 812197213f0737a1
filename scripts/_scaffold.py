"""What scripts/new_rule.py and scripts/new_language.py share: their command line and how they write.

A scaffold writes only new files (and, for a rule, the registry it appends to): it refuses, with
nothing written, when one of them is already there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parser(doc: str) -> argparse.ArgumentParser:
    """A parser described by the first line of the script's docstring, with the hidden ``--root``."""
    made = argparse.ArgumentParser(description=doc.splitlines()[0])
    made.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    return made


def refuse_existing(root: Path, paths: Iterable[Path]) -> None:
    """ValueError naming the first of ``paths`` that already exists."""
    for path in paths:
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists")


def write(files: dict[Path, str]) -> list[Path]:
    """Write every file (its folder made if missing), in order; the paths written."""
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def run(name: str, root: Path, scaffold: Callable[[], list[Path]], next_step: str) -> int:
    """Call ``scaffold``; print what it wrote and what to do next (0), or why it refused (1)."""
    try:
        written = scaffold()
    except ValueError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print(f"next: {next_step}")
    return 0
