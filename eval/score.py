"""Score golive-ci's findings on real Stripe products against hand-made labels.

    .venv/bin/python eval/score.py                 # export missing trees, scan, score every product
    .venv/bin/python eval/score.py saleor polar    # only these products
    .venv/bin/python eval/score.py --draft         # also print TOML stubs for unlabelled findings
    .venv/bin/python eval/score.py --timing        # also time `rg` over each tree (speed, issue 13)

Trees are exported from git directories the search tool's ``fetch`` brought onto the machine
(``/work/.mirror/OWNER+NAME/repo``, or ``--mirror DIR``) into ``eval/.work/NAME`` (git-ignored),
then committed once into a fresh repository so that the scan lists files with git, as a user's
scan does. Nothing of the products' code is committed here: only eval/corpus.toml (what, which
commit) and eval/labels/NAME.toml (a verdict per finding).

A finding matches a label by rule + path + ``key`` (a hash of the whitespace-normalised source
line it points at), so labels survive line shifts, message rewording and severity changes; a
label whose line moved within a few lines of the same file still matches. Exit code 1 if any
finding is unlabelled, 2 if a tree cannot be exported or scanned.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

EVAL = Path(__file__).resolve().parent
WORK = EVAL / ".work"
DEFAULT_MIRROR = Path(os.environ.get("GOLIVE_EVAL_MIRROR", "/work/.mirror"))
VERDICTS = ("TP", "FP", "disputed")
NEARBY_LINES = 3
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


@dataclass
class Label:
    rule: str
    path: str
    line: int
    key: str
    verdict: str
    reason: str
    message: str = ""
    max_severity: str = ""
    used: bool = False


@dataclass
class Outcome:
    product: str
    files: int = 0
    scan_seconds: float = 0.0
    rg_seconds: float | None = None
    rg_files: int | None = None
    matched: list[tuple[dict, Label]] = field(default_factory=list)
    unlabelled: list[dict] = field(default_factory=list)
    stale: list[Label] = field(default_factory=list)
    must_find: list[tuple[dict, bool]] = field(default_factory=list)
    notices: int = 0


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


def load_labels(product: Product) -> tuple[list[Label], list[dict]]:
    path = EVAL / "labels" / f"{product.name}.toml"
    if not path.is_file():
        return [], []
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    labels = []
    for entry in document.get("finding", []):
        if entry["verdict"] not in VERDICTS:
            sys.exit(
                f"{path}: verdict {entry['verdict']!r} at {entry['path']}:{entry['line']} is not one of {VERDICTS}"
            )
        labels.append(
            Label(
                rule=entry["rule"],
                path=entry["path"],
                line=int(entry["line"]),
                key=entry["key"],
                verdict=entry["verdict"],
                reason=entry["reason"],
                message=entry.get("message", ""),
                max_severity=entry.get("max_severity", ""),
            )
        )
    return labels, list(document.get("must_find", []))


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


def scan(product: Product) -> tuple[dict, float]:
    command = [sys.executable, "-m", "golive_ci", "scan", "--format", "json", "--fail-on", "never", "."]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=product.scan_root, capture_output=True, text=True, check=False)
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


def match(finding: dict, labels: list[Label], key: str) -> Label | None:
    same = [x for x in labels if not x.used and x.rule == finding["rule"] and x.path == finding["path"]]
    exact = [x for x in same if x.key == key]
    if len(exact) > 1 and finding["message"]:
        exact = [x for x in exact if x.message and finding["message"].startswith(x.message)] or exact
    if exact:
        return exact[0]
    near = [x for x in same if abs(x.line - finding["line"]) <= NEARBY_LINES]
    return min(near, key=lambda x: abs(x.line - finding["line"])) if near else None


def score_product(product: Product, mirror: Path, with_rg: bool) -> Outcome:
    export(product, mirror)
    outcome = Outcome(product.name)
    outcome.files = len(git("ls-files", "-z", cwd=product.scan_root).split(b"\0")) - 1
    report, outcome.scan_seconds = scan(product)
    outcome.notices = len(report.get("notices", []))
    if with_rg:
        outcome.rg_seconds, outcome.rg_files = time_ripgrep(product)
    labels, must_find = load_labels(product)
    findings = sorted(report["findings"], key=lambda f: (f["path"], f["line"], f["rule"]))
    for finding in findings:
        finding["key"] = line_key(source_line(product, finding["path"], finding["line"]))
        label = match(finding, labels, finding["key"])
        if label is None:
            outcome.unlabelled.append(finding)
        else:
            label.used = True
            outcome.matched.append((finding, label))
    outcome.stale = [x for x in labels if not x.used]
    for item in must_find:
        found = any(
            f["rule"] == item["rule"] and f["path"] == item["path"] and item.get("key") in (None, f["key"])
            for f in findings
        )
        outcome.must_find.append((item, found))
    return outcome


def draft(product: Product, finding: dict) -> str:
    text = mask(source_line(product, finding["path"], finding["line"]).strip())[:100]
    message = mask(finding["message"])[:60]
    return (
        f"[[finding]]\nrule = {json.dumps(finding['rule'])}\npath = {json.dumps(finding['path'])}\n"
        f'line = {finding["line"]}\nkey = "{finding["key"]}"  # {json.dumps(text, ensure_ascii=False)}\n'
        f"message = {json.dumps(message, ensure_ascii=False)}\n"
        f'severity = "{finding["severity"]}"\nverdict = "?"\nreason = ""\n'
    )


def precision(tp: int, fp: int) -> str:
    return f"{tp / (tp + fp):.2f}" if tp + fp else "–"


def print_tables(outcomes: list[Outcome]) -> None:
    rules: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        for finding, label in outcome.matched:
            rules.setdefault(finding["rule"], dict.fromkeys((*VERDICTS, "unlabelled"), 0))[label.verdict] += 1
        for finding in outcome.unlabelled:
            rules.setdefault(finding["rule"], dict.fromkeys((*VERDICTS, "unlabelled"), 0))["unlabelled"] += 1
    print("\n| rule | TP | FP | disputed | unlabelled | precision |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    total = dict.fromkeys((*VERDICTS, "unlabelled"), 0)
    for rule in sorted(rules):
        row = rules[rule]
        for k in total:
            total[k] += row[k]
        cells = " | ".join(str(row[k]) for k in (*VERDICTS, "unlabelled"))
        print(f"| {rule} | {cells} | {precision(row['TP'], row['FP'])} |")
    cells = " | ".join(str(total[k]) for k in (*VERDICTS, "unlabelled"))
    print(f"| **all rules** | {cells} | **{precision(total['TP'], total['FP'])}** |")

    print(
        "\n| product | files | findings | notices | scan s | rg s | rg files |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for o in outcomes:
        rg = f"{o.rg_seconds:.2f} | {o.rg_files}" if o.rg_seconds is not None else "– | –"
        print(
            f"| {o.product} | {o.files} | {len(o.matched) + len(o.unlabelled)} | {o.notices} | {o.scan_seconds:.1f} | {rg} |"
        )

    ranks = {"info": 0, "warning": 1, "error": 2}
    louder = [
        (o, f, x)
        for o in outcomes
        for f, x in o.matched
        if x.verdict != "FP" and x.max_severity and ranks[f["severity"]] > ranks[x.max_severity]
    ]
    errors = [(o, f, x) for o in outcomes for f, x in o.matched if x.verdict == "FP" and f["severity"] == "error"]
    errors += [(o, f, x) for o, f, x in louder if f["severity"] == "error"]
    print(f"\nError-severity false alarms: {len(errors)} (FP at error, or error where the label allows at most less)")
    for o, f, x in errors:
        note = "" if x.verdict == "FP" else f" [{x.verdict}, at most {x.max_severity}]"
        print(f"  {o.product}: {f['rule']} {f['path']}:{f['line']}{note}: {x.reason}")
    print(f"\nReported louder than the label's max_severity: {len(louder)}")
    for o, f, x in louder:
        print(f"  {o.product}: {f['severity']} > {x.max_severity} {f['rule']} {f['path']}:{f['line']}: {x.reason}")

    items = [(o, item, found) for o in outcomes for item, found in o.must_find]
    found = sum(1 for _, _, ok in items if ok)
    print(f"\nMust-find recall: {found}/{len(items)}" + (f" = {found / len(items):.2f}" if items else ""))
    for o, item, ok in items:
        if not ok:
            print(f"  missed {o.product}: {item['rule']} {item['path']}: {item['reason']}")

    stale = [(o, x) for o in outcomes for x in o.stale]
    if stale:
        print(f"\nLabels no finding matched ({len(stale)}; a fixed FP, or a lost TP if verdict is TP):")
        for o, x in stale:
            print(f"  {o.product}: {x.verdict} {x.rule} {x.path}:{x.line}: {x.reason}")

    unlabelled = [(o, f) for o in outcomes for f in o.unlabelled]
    if unlabelled:
        print(
            f"\nUnlabelled findings ({len(unlabelled)}): judge them in eval/labels/PRODUCT.toml (--draft prints stubs)"
        )
        for o, f in unlabelled:
            print(f"  {o.product}: {f['severity']} {f['rule']} {f['path']}:{f['line']}: {mask(f['message'])[:110]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("products", nargs="*", help="names from eval/corpus.toml (default: all)")
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR, help="folder of OWNER+NAME/repo git dirs")
    parser.add_argument("--draft", action="store_true", help="print TOML label stubs for unlabelled findings")
    parser.add_argument("--timing", action="store_true", help="also time rg over each tree for the Stripe needles")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    unknown = set(args.products) - {p.name for p in corpus}
    if unknown:
        parser.error(f"not in eval/corpus.toml: {', '.join(sorted(unknown))}")
    outcomes = []
    for product in corpus:
        if args.products and product.name not in args.products:
            continue
        try:
            outcome = score_product(product, args.mirror, args.timing)
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        outcomes.append(outcome)
        print(
            f"{product.name}: {outcome.files} files, {len(outcome.matched) + len(outcome.unlabelled)} findings, "
            f"{len(outcome.unlabelled)} unlabelled, scan {outcome.scan_seconds:.1f} s",
            file=sys.stderr,
        )
        if args.draft and outcome.unlabelled:
            print(f"\n# ---- {product.name}: eval/labels/{product.name}.toml ----\n")
            for finding in outcome.unlabelled:
                print(draft(product, finding))
    print_tables(outcomes)
    return 1 if any(o.unlabelled for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
