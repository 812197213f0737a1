"""Timing loop and output parsing of the benchmark (no golive-ci import: we time it from outside)."""

from __future__ import annotations

import json
import re
import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# A warm-up run at least this long is kept as a timed run.
SLOW_RUN_S = 2.0

_FINDING_LINE = re.compile(r"^(?P<path>[^\n]+?):\d+:\d+: (?P<rule>[a-z0-9-]+) ", re.MULTILINE)
_DETECT_SECRETS_LOCATION = re.compile(r"^Location:\s+(?P<path>.+):\d+$", re.MULTILINE)


def golive_counts(output: str) -> tuple[int, int]:
    """(files with a secret-key finding, findings of any rule) from golive-ci's text output."""
    matches = [(m["path"], m["rule"]) for m in _FINDING_LINE.finditer(output)]
    return len({path for path, rule in matches if rule == "secret-key"}), len(matches)


def detect_secrets_counts(output: str) -> tuple[int, int]:
    paths = _DETECT_SECRETS_LOCATION.findall(output)
    return len(set(paths)), len(paths)


def detect_secrets_scan_counts(output: str) -> tuple[int, int]:
    """``detect-secrets scan`` prints a baseline: ``{"results": {path: [secret, …]}}``."""
    try:
        results = json.loads(output).get("results", {})
    except (ValueError, AttributeError):
        return 0, 0
    return len(results), sum(len(entries) for entries in results.values())


def rg_counts(output: str) -> tuple[int, int]:
    """``rg -l`` prints one matching file a line."""
    files = {line.removeprefix("./") for line in output.splitlines() if line.strip()}
    return len(files), len(files)


@dataclass
class Command:
    label: str
    argv: list[str]
    tool: str  # "golive-ci", "detect-secrets", "rg" or "python"
    runs: int
    counts: Callable[[str], tuple[int, int]] | None = None
    warm_up: bool = True  # False for the slow tools: their code is warmed by the small scenario
    # Cap the timed runs so that they take about this long (judged by the warm-up run); at least 3.
    budget_s: float | None = None
    prepare: Callable[[], None] | None = None  # runs before every run of the command, untimed
    scope: str = ""  # "secret-key" for our secret-only runs: the ones compared with detect-secrets and rg


@dataclass
class Timing:
    command: Command
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system of the child and its children
    exit_codes: set[int] = field(default_factory=set)
    flagged_files: int | None = None
    findings: int | None = None
    error: str = ""
    last: tuple[float, float, int] | None = None  # (wall, cpu, exit code) of the latest run

    def keep_last(self) -> None:
        if self.last is not None:
            wall, cpu, code = self.last
            self.wall.append(wall)
            self.cpu.append(cpu)
            self.exit_codes.add(code)

    @property
    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.command.label,
            "argv": shorten_argv(self.command.argv),
            "tool": self.command.tool,
            "scope": self.command.scope,
            "runs": len(self.wall),
            "median_s": self.median,
            "min_s": min(self.wall, default=float("nan")),
            "max_s": max(self.wall, default=float("nan")),
            "cpu_median_s": self.cpu_median,
            "wall_s": self.wall,
            "exit_codes": sorted(self.exit_codes),
            "flagged_files": self.flagged_files,
            "findings": self.findings,
            "error": self.error,
        }


def shorten_argv(argv: list[str], keep: int = 12) -> list[str]:
    """An argument list for display: long file lists are summarized."""
    if len(argv) <= keep:
        return list(argv)
    return [*argv[: keep - 1], f"… {len(argv) - keep + 1} more arguments"]


def run_once(command: Command, cwd: Path, timeout: float) -> tuple[float, float, int, str]:
    if command.prepare is not None:
        command.prepare()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command.argv, cwd=cwd, capture_output=True, timeout=timeout, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, completed.returncode, completed.stdout.decode("utf-8", "replace")


def time_commands(commands: list[Command], cwd: Path, *, timeout: float = 600.0) -> list[Timing]:
    """Median-ready timings. One warm-up run each, then the runs interleaved round-robin
    (A B C A B C …) so that load from other processes on the machine spreads over every tool.

    A warm-up run longer than ``SLOW_RUN_S`` counts as a timed run: caches matter for
    milliseconds, not for seconds, and the slow commands are the ones the time budget is for.
    """
    timings = [Timing(command) for command in commands]
    remaining = {}
    for timing in timings:
        command = timing.command
        remaining[command.label] = command.runs
        if not command.warm_up:
            continue
        warm_up_s = _record(timing, cwd, timeout, timed=False)
        if warm_up_s is None:
            continue
        runs = command.runs
        if command.budget_s:
            runs = max(min(3, command.runs), min(command.runs, int(command.budget_s / warm_up_s)))
        if warm_up_s >= SLOW_RUN_S:
            timing.keep_last()
            runs -= 1
        remaining[command.label] = runs
    for round_index in range(max(remaining.values(), default=0)):
        for timing in timings:
            if round_index < remaining[timing.command.label] and not timing.error:
                _record(timing, cwd, timeout, timed=True)
    return timings


def _record(timing: Timing, cwd: Path, timeout: float, *, timed: bool) -> float | None:
    """Run the command once; keep its times if ``timed``. Returns the wall time, None on failure."""
    command = timing.command
    try:
        wall, cpu, code, output = run_once(command, cwd, timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        timing.error = f"{exc.__class__.__name__}: {exc}"
        return None
    if code not in (0, 1):  # 1 = "found something" for every tool here; anything else is a failure
        timing.error = f"exit code {code}"
    if timing.flagged_files is None and command.counts is not None:
        timing.flagged_files, timing.findings = command.counts(output)
    timing.last = (wall, cpu, code)
    if timed:
        timing.keep_last()
    return wall


_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)$")


@dataclass
class ImportCosts:
    total_us: int
    top_level: list[tuple[str, int]]  # (module, cumulative µs), heaviest first
    heaviest_self: list[tuple[str, int]]  # (module, self µs), heaviest first


def import_costs(stderr: str, top: int = 8) -> ImportCosts:
    """Summarize ``python -X importtime`` output."""
    top_level: list[tuple[str, int]] = []
    own: list[tuple[str, int]] = []
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if not match:
            continue
        self_us, cumulative_us, indent, name = int(match[1]), int(match[2]), match[3], match[4]
        own.append((name, self_us))
        if len(indent) == 1:
            top_level.append((name, cumulative_us))
    total = sum(us for _, us in top_level)
    return ImportCosts(
        total_us=total,
        top_level=sorted(top_level, key=lambda item: -item[1])[:top],
        heaviest_self=sorted(own, key=lambda item: -item[1])[:top],
    )


def measure_imports(python: str, script: Path, args: list[str], cwd: Path, repeats: int = 5) -> ImportCosts:
    """Import costs of a hook run; the run with the median total of ``repeats`` runs."""
    results = []
    for _ in range(repeats):
        completed = subprocess.run(
            [python, "-X", "importtime", str(script), *args], cwd=cwd, capture_output=True, timeout=120, check=False
        )
        results.append(import_costs(completed.stderr.decode("utf-8", "replace")))
    results.sort(key=lambda costs: costs.total_us)
    return results[len(results) // 2]
