"""The corpus's source trees: exported from fetched git directories, scanned, timed.

eval/score.py uses these; nothing here knows about labels. A tree is the pinned commit's files
(blobs a snapshot lacks, 4 MiB and more, are skipped and named) committed once into a fresh
repository under eval/.work/NAME, so that `golive-ci scan` lists files with git as a user's does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

EVAL = Path(__file__).resolve().parent
WORK = EVAL / ".work"
DEFAULT_MIRROR = Path(os.environ.get("GOLIVE_EVAL_MIRROR", "/work/.mirror"))
RG_NEEDLES = ("-i", "-e", "stripe", "-e", "k_live_", "-e", "k_test_", "-e", "whsec_")
MASKS = (
    (re.compile(r"\b((?:sk|rk|pk)_(?:live|test|org)_|whsec_)[A-Za-z0-9+/=_]+"), r"\1…"),
    (re.compile(r"\b((?:price|prod|plan|coupon|promo|txr|shr|acct|cus|pm|pi|seti|sub|in)_)[A-Za-z0-9]{6,}"), r"\1…"),
    (re.compile(r"\d[\d -]{10,}\d"), "<digits>"),
)


@dataclass
class Product:
    name: str
    repository: str
    commit: str
    languages: list[str]
    scope: str = ""

    @property
    def tree(self) -> Path:
        return WORK / self.name

    @property
    def scan_root(self) -> Path:
        return self.tree / self.scope if self.scope else self.tree


def mask(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def line_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "replace")).hexdigest()[:12]


def load_corpus() -> list[Product]:
    document = tomllib.loads((EVAL / "corpus.toml").read_text(encoding="utf-8"))
    fields = ("name", "repository", "commit", "languages", "scope")
    return [Product(**{k: v for k, v in entry.items() if k in fields}) for entry in document["product"]]


def git(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    if result.returncode:
        raise RuntimeError(f"git {' '.join(args[:3])} …: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def export(product: Product, mirror: Path) -> None:
    """Export the pinned commit into eval/.work/NAME as a one-commit git repository."""
    if (product.tree / ".git").is_dir():
        return
    git_dir = mirror / product.repository.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        raise RuntimeError(
            f"{product.name}: no git directory at {git_dir}. Bring {product.repository} onto the machine with "
            f"the search tool's fetch (source github:{product.repository}), or `git clone --bare "
            f"https://github.com/{product.repository} {git_dir}`, then run again (--mirror DIR for another place)."
        )
    try:
        git(f"--git-dir={git_dir}", "cat-file", "-e", f"{product.commit}^{{commit}}")
    except RuntimeError:
        raise RuntimeError(f"{product.name}: commit {product.commit} is not in {git_dir}; fetch it again") from None
    if product.tree.exists():
        shutil.rmtree(product.tree)
    product.tree.mkdir(parents=True)
    missing = write_tree(git_dir, product.commit, product.tree)
    if missing:
        print(
            f"{product.name}: {len(missing)} file(s) absent from the snapshot (4 MiB and more), skipped: "
            f"{', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}",
            file=sys.stderr,
        )
    git("init", "-q", cwd=product.tree)
    git("add", "-A", "-f", ".", cwd=product.tree)
    identity = ("-c", "user.name=eval", "-c", "user.email=eval@localhost", "-c", "commit.gpgsign=false")
    git(*identity, "commit", "-q", "--no-verify", "-m", f"{product.repository} {product.commit}", cwd=product.tree)


def write_tree(git_dir: Path, commit: str, dest: Path) -> list[str]:
    """Write the commit's files under ``dest`` (like ``git archive | tar -x``), skipping blobs the
    snapshot lacks (fetch leaves out files of 4 MiB and more); returns the skipped paths."""
    entries = []
    for record in git(f"--git-dir={git_dir}", "ls-tree", "-r", "-z", commit).split(b"\0"):
        if record:
            meta, _, name = record.partition(b"\t")
            mode, kind, sha = meta.split()
            if kind == b"blob":
                entries.append((mode, sha.decode(), name.decode("utf-8", "surrogateescape")))
    batch = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert batch.stdin and batch.stdout
    missing = []
    for mode, sha, name in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if header[-1] == b"missing":
            missing.append(name)
            continue
        content = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == b"120000":
            target.symlink_to(os.fsdecode(content))
            continue
        target.write_bytes(content)
        if mode == b"100755":
            target.chmod(0o755)
    batch.stdin.close()
    batch.wait()
    return missing


def scan(product: Product, source: Path | None = None) -> tuple[dict, float]:
    """Run the installed golive-ci on the tree, or the package in checkout ``source`` if given."""
    command = [sys.executable, "-m", "golive_ci", "scan", "--format", "json", "--fail-on", "never", "."]
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(source.resolve()), env.get("PYTHONPATH"))))
    started = time.perf_counter()
    result = subprocess.run(command, cwd=product.scan_root, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(f"{product.name}: golive-ci scan exited {result.returncode}: {result.stderr.strip()[-400:]}")
    (WORK / f"{product.name}.scan.json").write_text(result.stdout, encoding="utf-8")
    return json.loads(result.stdout), elapsed


def time_ripgrep(product: Product) -> tuple[float | None, int | None]:
    if shutil.which("rg") is None:
        return None, None
    started = time.perf_counter()
    result = subprocess.run(["rg", "-l", *RG_NEEDLES, "."], cwd=product.scan_root, capture_output=True, check=False)
    return time.perf_counter() - started, len(result.stdout.splitlines())


def source_line(product: Product, path: str, line: int) -> str:
    try:
        lines = (product.scan_root / path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""
