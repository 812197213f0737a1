"""``golive-ci ci`` on one tree with two versions of golive-ci, interleaved: time, CPU, reads, parses.

Each run is a fresh process that runs ``ci`` in-process as the tests do (push event, no comment, no
history scan; ``--key`` adds a live key and the Stripe stand-in of the tests on 127.0.0.1, so the
account checks read the code too). ``--count`` also counts every file opened below the tree
(golive_ci.sources.files and the engine's opener) and every syntax tree built (golive_ci.parsing),
in the pool's workers too. The checklist, the SARIF file and the annotations of the last runs are
compared. Nothing is written into the tree.

    git archive main | tar -x -C /tmp/golive-before          # the "before" code (any revision)
    .venv/bin/python bench/ci_passes.py TREE --before /tmp/golive-before --key --count --runs 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--before", type=Path, required=True, help="folder holding the before code's golive_ci/")
    parser.add_argument("--after", type=Path, default=HERE, help="folder holding the after code (this checkout)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--key", action="store_true", help="run the account checks against the stand-in")
    parser.add_argument("--count", action="store_true", help="also one counting run each")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ci-passes-"))
    plan = [("time", index) for index in range(args.runs)] + ([("count", 0)] if args.count else [])
    last: dict[tuple[str, str], Path] = {}
    for mode, index in plan:
        for name, code in (("before", args.before), ("after", args.after)):
            out = work / f"{name}-{mode}-{index}.json"
            where = [str(code.resolve()), str(args.tree.resolve()), mode, str(out), "key" if args.key else "nokey"]
            subprocess.run([sys.executable, __file__, "--child", *where], check=True)
            print(name, out.read_text(encoding="utf-8"))
            last[(name, mode)] = out
    for mode in dict.fromkeys(mode for mode, _ in plan):
        before, after = last[("before", mode)], last[("after", mode)]
        for suffix in (".summary.md", ".sarif", ".stdout.txt"):
            same = before.with_suffix(suffix).read_bytes() == after.with_suffix(suffix).read_bytes()
            print(f"{mode} {suffix[1:]}: {'identical' if same else 'DIFFERENT'} ({before.with_suffix(suffix)})")
    return 0


def child(code: str, root: Path, mode: str, out: Path, key: bool) -> None:
    sys.path[:0] = [code, str(HERE)]
    os.chdir(tempfile.gettempdir())
    import io
    import resource
    import time
    from collections import Counter

    from golive_ci import engine, parsing
    from golive_ci.config import Config
    from golive_ci.github.pipeline import CiOptions
    from golive_ci.github.publish import run_ci
    from golive_ci.sources import files

    log = out.with_suffix(".log")
    if mode == "count":
        import hashlib

        def record(kind: str, what: str) -> None:
            descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, f"{kind}\t{what}\n".encode())
            finally:
                os.close(descriptor)

        real_open, real_parse = files.open_file, parsing.parse

        def opening(path):
            record("read", os.path.abspath(path))
            return real_open(path)

        def parse(data, language):
            record("parse", f"{hashlib.sha1(data).hexdigest()} {language}")
            return real_parse(data, language)

        files.open_file = engine.open_file = opening
        parsing.parse = parse
    run_dir = Path(tempfile.mkdtemp(prefix="ci-run-"))
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "Codertocat/Hello-World",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_OUTPUT": str(run_dir / "output"),
        "GITHUB_STEP_SUMMARY": str(run_dir / "summary"),
        "RUNNER_TEMP": str(run_dir),
    }
    server = None
    if key:
        from tests.account import fixtures
        from tests.account.standin import StripeStandIn

        server = StripeStandIn(fixtures.healthy()).__enter__()
        env.update(STRIPE_LIVE_KEY=fixtures.fake_key("rk_live_"), GOLIVE_CI_STRIPE_API_BASE=server.url)
        env["GOLIVE_CI_GITHUB_FAST"] = "1"
    options = CiOptions(
        path=root, config=Config(), comment=False, history=False, fail_on="never",
        stripe_api_base=env.get("GOLIVE_CI_STRIPE_API_BASE", ""),
    )  # fmt: skip

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    stdout = io.StringIO()
    cpu_started, started = cpu(), time.perf_counter()
    exit_code = run_ci(options, env, stdout)
    result = {"seconds": round(time.perf_counter() - started, 2), "cpu_seconds": round(cpu() - cpu_started, 2)}
    result["exit"] = exit_code
    if server is not None:
        server.__exit__(None, None, None)
    if mode == "count":
        entries = [line.split("\t", 1) for line in log.read_text(encoding="utf-8").splitlines()]
        inside = Counter(what for kind, what in entries if kind == "read" and what.startswith(f"{root}/"))
        parses = Counter(what for kind, what in entries if kind == "parse")
        result |= {
            "reads": sum(inside.values()),
            "files_read": len(inside),
            "files_read_again": sorted(path[len(str(root)) + 1 :] for path, n in inside.items() if n > 1)[:5],
            "parses": sum(parses.values()),
            "distinct_contents_parsed": len(parses),
        }
        log.unlink()
    summary = run_dir / "summary"
    out.with_suffix(".summary.md").write_text(summary.read_text(encoding="utf-8") if summary.exists() else "")
    sarif = next(run_dir.glob("*.sarif"), None)
    out.with_suffix(".sarif").write_text(sarif.read_text(encoding="utf-8") if sarif else "")
    out.with_suffix(".stdout.txt").write_text(stdout.getvalue())
    out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5]), sys.argv[6] == "key")
        sys.exit(0)
    sys.exit(main())
