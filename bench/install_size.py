"""Install size and time, before/after, side by side: the hooks' environment and the Action's install.

    .venv/bin/python bench/install_size.py --before main --after HEAD [--runs 2] [--markdown bench/INSTALL.md]

Each revision is exported with ``git archive`` (committed files only) and installed from the package
index with no download cache, as on a fresh machine or CI runner:

- hook env: what pre-commit does for ``language: python`` (a virtualenv, then ``pip install .``).
- action, before: today's action.yml before the change (``python -m venv``, ``pip install .``).
- action, cold: the new action.yml on a cache miss (``pip install --target`` of the pinned uv,
  ``uv venv``, ``uv pip install -r pyproject.toml --extra action`` and the golive_ci package copied
  into the venv, empty uv cache); beside it, the same with ``uv pip install '.[action]'``, which
  builds a wheel of golive-ci first (the previous action.yml).
- action, warm: a cache hit; actions/cache restores a zstd tarball of the venv, then the install
  step runs ``python -m golive_ci --version`` on it. Timed: the extraction and that check.

Network time is part of every cold number: run it a few times (``--runs``) and read the median.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV_VERSION = next(
    line.split('"')[1]
    for line in (ROOT / "action.yml").read_text().splitlines()
    if line.strip().startswith("UV_VERSION:")
)
CLEAN_ENV = {"PIP_NO_CACHE_DIR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def sh(*command: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    import os

    subprocess.run(
        [str(c) for c in command], check=True, capture_output=True, cwd=cwd, env={**os.environ, **(env or {})}
    )


def export(revision: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def packages(venv: Path) -> int:
    return len(list(venv.glob("lib/python*/site-packages/*.dist-info")))


def timed(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def pip_venv_install(source: Path, venv: Path, extra: str = "") -> float:
    def work() -> None:
        sh(sys.executable, "-m", "venv", venv)
        sh(venv / "bin" / "python", "-m", "pip", "install", "--quiet", f"{source}{extra}", env=CLEAN_ENV)

    return timed(work)


def uv_install(source: Path, work_dir: Path, venv: Path, *, build: bool) -> float:
    """The Action's install on a cache miss: fetch the pinned uv, make the venv, then either build
    and install golive-ci[action] (``build``) or install its dependencies from pyproject.toml and
    copy the golive_ci package in, as action.yml does."""
    tools, cache = work_dir / f"uv-tools-{build}", work_dir / f"uv-cache-{build}"

    def work() -> None:
        sh(sys.executable, "-m", "pip", "install", "--quiet", "--target", tools, f"uv=={UV_VERSION}", env=CLEAN_ENV)
        uv = tools / "bin" / "uv"
        env = {"UV_CACHE_DIR": str(cache)}
        python = venv / "bin" / "python"
        sh(uv, "venv", "--quiet", "--python", sys.executable, venv, env=env)
        if build:
            sh(uv, "pip", "install", "--quiet", "--python", python, f"{source}[action]", env=env)
            return
        sh(uv, "pip", "install", "--quiet", "--python", python, "-r", source / "pyproject.toml", "--extra", "action")
        site = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        shutil.copytree(source / "golive_ci", Path(site) / "golive_ci")

    return timed(work)


def warm_restore(venv: Path, work_dir: Path) -> float:
    tarball = work_dir / "cache.tzst"
    sh("tar", "--zstd", "-cf", tarball, "-C", venv.parent, venv.name)
    shutil.rmtree(venv)

    def work() -> None:
        sh("tar", "--zstd", "-xf", tarball, "-C", venv.parent)
        sh(venv / "bin" / "python", "-m", "golive_ci", "--version")

    return timed(work)


def measure(before: str, after: str, runs: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {}
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="golive-install-") as tmp:
            work = Path(tmp)
            sources = {"before": export(before, work / "before"), "after": export(after, work / "after")}
            for label, source in sources.items():
                venv = work / f"hook-{label}"
                seconds = pip_venv_install(source, venv)
                record = {"seconds": seconds, "mb": size_mb(venv), "packages": packages(venv)}
                results.setdefault(f"hook env, {label}", []).append(record)
                print(f"run {run + 1}: hook env {label}: {record}", file=sys.stderr)
            venv = work / "action-before"
            seconds = pip_venv_install(sources["before"], venv)
            record = {"seconds": seconds, "mb": size_mb(venv), "packages": packages(venv)}
            results.setdefault("action, before (venv + pip)", []).append(record)
            print(f"run {run + 1}: action before: {record}", file=sys.stderr)
            venv = work / "action-after-build"
            seconds = uv_install(sources["after"], work, venv, build=True)
            record = {"seconds": seconds, "mb": size_mb(venv), "packages": packages(venv)}
            results.setdefault("action, cold (uv, builds golive-ci)", []).append(record)
            print(f"run {run + 1}: action cold, build: {record}", file=sys.stderr)
            venv = work / "action-after"
            seconds = uv_install(sources["after"], work, venv, build=False)
            record = {"seconds": seconds, "mb": size_mb(venv), "packages": packages(venv)}
            results.setdefault("action, cold (uv, dependencies + package copy)", []).append(record)
            print(f"run {run + 1}: action cold, copy: {record}", file=sys.stderr)
            seconds = warm_restore(venv, work)
            results.setdefault("action, warm (cache hit)", []).append({**record, "seconds": seconds})
            print(f"run {run + 1}: action warm: {seconds:.2f} s", file=sys.stderr)
    return results


def markdown(results: dict[str, list[dict[str, float]]], before: str, after: str) -> str:
    lines = [
        f"Revisions: before `{before}`, after `{after}`; uv {UV_VERSION}; Python {sys.version.split()[0]}; "
        f"{len(next(iter(results.values())))} run(s) each, median shown (min-max).",
        "",
        "| install | time (s) | size (MB) | packages |",
        "|---|---|---|---|",
    ]
    for name, records in results.items():
        times = [r["seconds"] for r in records]
        lines.append(
            f"| {name} | {statistics.median(times):.1f} ({min(times):.1f}-{max(times):.1f}) "
            f"| {statistics.median(r['mb'] for r in records):.0f} | {int(records[0]['packages'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default="main")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--markdown", type=Path, help="rewrite the results block of this file")
    args = parser.parse_args()
    results = measure(args.before, args.after, args.runs)
    table = markdown(results, args.before, args.after)
    print(table)
    (ROOT / "bench" / ".work").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / ".work" / "install_size.json").write_text(json.dumps(results, indent=2))
    if args.markdown:
        text = args.markdown.read_text()
        begin, end = "<!-- install-results -->\n", "<!-- /install-results -->"
        head, _, rest = text.partition(begin)
        _, _, tail = rest.partition(end)
        args.markdown.write_text(head + begin + table + end + tail)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
