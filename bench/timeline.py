"""Where one `golive-ci scan --select secret-key .` spends its wall time, stage by stage.

    bench/.work/venv/bin/python bench/timeline.py [--runs 15] [TREE]

Runs the scan in fresh interpreters (so imports count) with timestamps at the stages that
matter for the head start: git's candidate search spawned, the scan asking for its result (all
imports and set-up done), the result in hand (git finished), and the end (every candidate read,
report written to /dev/null). Prints the median of each stage over the runs, in milliseconds
after the interpreter reached this script (add `python -c pass` for the start-up before it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent

PROBE = r"""
import contextlib, io, json, time
started = time.perf_counter()
marks = {}
import golive_ci.candidates as candidates
spawn, result = candidates.CandidateSearch.__init__, candidates.CandidateSearch.result

def timed_spawn(self, *args, **kwargs):
    marks.setdefault("spawning git", time.perf_counter())
    spawn(self, *args, **kwargs)
    marks.setdefault("git spawned", time.perf_counter())

def timed_result(self):
    marks.setdefault("result asked (imports and set-up done)", time.perf_counter())
    value = result(self)
    marks.setdefault("result in hand (git done)", time.perf_counter())
    return value

candidates.CandidateSearch.__init__, candidates.CandidateSearch.result = timed_spawn, timed_result
from golive_ci.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["scan", "--select", "secret-key", "."])
marks["end (files read, report written)"] = time.perf_counter()
print(json.dumps({name: round(1000 * (moment - started), 2) for name, moment in marks.items()}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path, default=BENCH_DIR / ".work" / "tree")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    runs: list[dict[str, float]] = []
    for _ in range(args.runs + 1):  # the first run only warms caches
        out = subprocess.run([sys.executable, "-c", PROBE], cwd=args.tree, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    runs = runs[1:]
    for stage in runs[0]:
        values = sorted(run[stage] for run in runs if stage in run)
        print(f"{stage:42s} median {statistics.median(values):6.1f} ms   (min {values[0]:.1f}, max {values[-1]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
