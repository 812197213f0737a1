"""Whole-repository scans of real products, before and after a change, side by side with ripgrep.

    .venv/bin/python bench/real_trees.py                     # main vs the checkout, 3 runs each
    .venv/bin/python bench/real_trees.py --before HEAD~3 --runs 5 --trees openmeter
    .venv/bin/python bench/real_trees.py --memory-only       # peak memory on the ~15,000-file tree

For each tree (the largest eval products under eval/.work, see eval/README.md, and the generated
2,900-file tree of bench/run.py), in one interleaved run: `golive-ci scan .` (every static rule)
with the code of ``--before`` (a git revision, exported to bench/.work/code-REV) and with the
checkout, and `rg -l` for the Stripe needles eval/score.py times too. Then the peak memory (the
largest ``ru_maxrss`` among the scan process and its workers) of both on one repository made of
those three products (~15,900 files, bench/.work/combined). Raw numbers: bench/.work/real_trees.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_tree
from measure import Command, rg_counts, time_commands
from run import WORK, ensure_tree

REPO = Path(__file__).resolve().parent.parent
EVAL_WORK = REPO / "eval" / ".work"
PRODUCTS = ("bitwarden-server", "openmeter", "invoiceninja")
# eval/trees.py RG_NEEDLES: the Stripe mark and the key prefixes.
RG_NEEDLES = ("-i", "-e", "stripe", "-e", "k_live_", "-e", "k_test_", "-e", "whsec_")
# Prints the peak resident set of the command's process tree (KiB on Linux) after running it.
_PEAK = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def export_code(revision: str) -> Path:
    """golive_ci/ of ``revision`` in bench/.work/code-REV (what PYTHONPATH points at)."""
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", revision], capture_output=True, text=True)
    target = WORK / f"code-{commit.stdout.strip() or revision}"
    if not (target / "golive_ci").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", revision, "golive_ci"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def scan_argv(code: Path) -> list[str]:
    return ["env", f"PYTHONPATH={code}", sys.executable, "-m", "golive_ci", "scan", "--fail-on", "never", "."]


def trees(names: list[str]) -> dict[str, Path]:
    found = {name: EVAL_WORK / name for name in names if (EVAL_WORK / name / ".git").is_dir()}
    for name in names:
        if name not in found and name != "generated":
            print(f"note: eval/.work/{name} is missing (see EVAL-NOTE / eval/README.md); skipped", file=sys.stderr)
    if "generated" in names:
        WORK.mkdir(parents=True, exist_ok=True)
        ensure_tree(WORK / "tree", generate_tree.DEFAULT_SEED, 1.0, regenerate=False)
        found["generated"] = WORK / "tree"
    return found


def combined_tree() -> Path:
    """One git repository holding the three products side by side (hard links, committed once)."""
    target = WORK / "combined"
    if (target / ".git").is_dir():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in PRODUCTS:
        source = EVAL_WORK / name
        subprocess.run(["cp", "-al", f"{source}/.", str(target / name)], check=True)
        shutil.rmtree(target / name / ".git", ignore_errors=True)
    git = ["git", "-C", str(target), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "three products"], check=True)
    return target


def peak_memory(argv: list[str], cwd: Path) -> tuple[float, int]:
    """(peak resident MiB of the command's processes, exit code), measured in a fresh parent."""
    completed = subprocess.run([sys.executable, "-c", _PEAK, *argv], cwd=cwd, capture_output=True, text=True)
    kib, code = completed.stdout.split()
    return int(kib) / 1024, int(code)


def tracked_count(tree: Path) -> int:
    listing = subprocess.run(["git", "-C", str(tree), "ls-files", "-z"], capture_output=True, check=True).stdout
    return listing.count(b"\0")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git revision measured as 'before' (default main)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (default 3)")
    parser.add_argument("--trees", nargs="*", default=[*PRODUCTS, "generated"])
    parser.add_argument("--memory-only", action="store_true", help="only the peak memory on the combined tree")
    args = parser.parse_args(argv)
    before, after = export_code(args.before), REPO
    rg = shutil.which("rg")
    rows: list[dict[str, object]] = []
    for name, tree in [] if args.memory_only else trees(args.trees).items():
        print(f"{name} ({tracked_count(tree)} files) …", file=sys.stderr)
        before_label, after_label, rg_label = labels(args.before)
        commands = [
            Command(before_label, scan_argv(before), "golive-ci", args.runs),
            Command(after_label, scan_argv(after), "golive-ci", args.runs),
        ]
        if rg:
            commands.append(Command(rg_label, [rg, "-l", *RG_NEEDLES, "."], "rg", args.runs, rg_counts))
        timings = {timing.command.label: timing for timing in time_commands(commands, tree)}
        row = {"tree": name, "files": tracked_count(tree), **{label: t.as_dict() for label, t in timings.items()}}
        rows.append(row)
        medians = [t.median for t in timings.values()]
        ratio = f", after/rg {medians[1] / medians[2]:.1f}x" if rg else ""
        print(f"  before {medians[0]:.2f} s, after {medians[1]:.2f} s{ratio}", file=sys.stderr)
    combined = combined_tree()
    memory = {
        "files": tracked_count(combined),
        "before_mib": peak_memory(scan_argv(before), combined),
        "after_mib": peak_memory(scan_argv(after), combined),
    }
    print(f"peak memory on {memory['files']} files: {memory}", file=sys.stderr)
    results = {"before": args.before, "cores": os.cpu_count(), "trees": rows, "memory": memory}
    (WORK / "real_trees.json").write_text(json.dumps(results, indent=2))
    print(render(results))
    return 0


def render(results: dict[str, object]) -> str:
    lines = [
        f"| tree | files | before ({results['before']}) | after | rg | after / rg |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in results["trees"]:  # type: ignore[attr-defined]
        cells = [row.get(label, {}).get("median_s", float("nan")) for label in labels(str(results["before"]))]
        ratio = cells[1] / cells[2] if cells[2] == cells[2] and cells[2] else float("nan")
        times = " | ".join(f"{cell:.2f} s" for cell in cells)
        lines.append(f"| {row['tree']} | {row['files']} | {times} | {ratio:.1f}x |")
    memory = results["memory"]
    lines.append(
        f"\nPeak memory, `golive-ci scan .` on {memory['files']} files: before {memory['before_mib'][0]:.0f} MiB, "  # type: ignore[index]
        f"after {memory['after_mib'][0]:.0f} MiB (largest process of the scan)."  # type: ignore[index]
    )
    return "\n".join(lines)


def labels(before: str) -> list[str]:
    return [f"before ({before})", "after (checkout)", "rg -l (Stripe needles)"]


if __name__ == "__main__":
    raise SystemExit(main())
