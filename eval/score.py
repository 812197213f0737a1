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
import json
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from trees import (
    DEFAULT_MIRROR,
    EVAL,
    WORK,
    Product,
    export,
    git,
    line_key,
    load_corpus,
    mask,
    scan,
    source_line,
    time_ripgrep,
)

VERDICTS = ("TP", "FP", "disputed")
COLUMNS = (*VERDICTS, "tolerated", "unlabelled")
NEARBY_LINES = 3
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


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
    tolerated_at: str = ""
    used: bool = False

    def bucket(self, severity: str) -> str:
        """The table column: an FP the issue allows at ``tolerated_at`` or quieter is "tolerated"."""
        if self.verdict == "FP" and self.tolerated_at and SEVERITY_RANK[severity] <= SEVERITY_RANK[self.tolerated_at]:
            return "tolerated"
        return self.verdict


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
                tolerated_at=entry.get("tolerated_at", ""),
            )
        )
    return labels, list(document.get("must_find", []))


def match(finding: dict, labels: list[Label], key: str) -> Label | None:
    same = [x for x in labels if not x.used and x.rule == finding["rule"] and x.path == finding["path"]]
    exact = [x for x in same if x.key == key]
    if len(exact) > 1 and finding["message"]:
        exact = [x for x in exact if x.message and finding["message"].startswith(x.message)] or exact
    if exact:  # identical lines in one file: the label nearest to the finding's line
        return min(exact, key=lambda x: abs(x.line - finding["line"]))
    near = [x for x in same if abs(x.line - finding["line"]) <= NEARBY_LINES]
    return min(near, key=lambda x: abs(x.line - finding["line"])) if near else None


def near(item: dict, finding: dict) -> bool:
    """A must-find item without a key is any finding of its rule in its file; with one, the finding
    must point at that line or within a few lines of where it was when labelled."""
    if "key" not in item:
        return True
    return item["key"] == finding["key"] or abs(int(item.get("line", 0)) - finding["line"]) <= NEARBY_LINES


def score_product(
    product: Product, mirror: Path, with_rg: bool, source: Path | None = None, cached: bool = False
) -> Outcome:
    export(product, mirror)
    outcome = Outcome(product.name)
    outcome.files = len(git("ls-files", "-z", cwd=product.scan_root).split(b"\0")) - 1
    cache = WORK / f"{product.name}.scan.json"
    if cached and cache.is_file():
        report, outcome.scan_seconds = json.loads(cache.read_text(encoding="utf-8")), float("nan")
    else:
        report, outcome.scan_seconds = scan(product, source)
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
        found = any(f["rule"] == item["rule"] and f["path"] == item["path"] and near(item, f) for f in findings)
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


def rule_counts(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    rules: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        for finding, label in outcome.matched:
            rules.setdefault(finding["rule"], dict.fromkeys(COLUMNS, 0))[label.bucket(finding["severity"])] += 1
        for finding in outcome.unlabelled:
            rules.setdefault(finding["rule"], dict.fromkeys(COLUMNS, 0))["unlabelled"] += 1
    return rules


def print_rule_table(rules: dict[str, dict[str, int]]) -> dict[str, int]:
    columns = COLUMNS
    print("\n| rule | TP | FP | disputed | FP tolerated at info | unlabelled | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    total = dict.fromkeys(columns, 0)
    for rule in sorted(rules):
        row = rules[rule]
        for column in columns:
            total[column] += row[column]
        cells = " | ".join(str(row[column]) for column in columns)
        print(f"| {rule} | {cells} | {precision(row['TP'], row['FP'])} |")
    cells = " | ".join(str(total[column]) for column in columns)
    print(f"| **all rules** | {cells} | **{precision(total['TP'], total['FP'])}** |")
    return total


def print_product_table(outcomes: list[Outcome]) -> None:
    print("\n| product | files | findings | notices | scan s | rg s | rg files |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for o in outcomes:
        rg = f"{o.rg_seconds:.2f} | {o.rg_files}" if o.rg_seconds is not None else "– | –"
        findings = len(o.matched) + len(o.unlabelled)
        print(f"| {o.product} | {o.files} | {findings} | {o.notices} | {o.scan_seconds:.1f} | {rg} |")


def too_loud(finding: dict, label: Label) -> bool:
    if label.verdict == "FP" or not label.max_severity:
        return False
    return SEVERITY_RANK[finding["severity"]] > SEVERITY_RANK[label.max_severity]


def print_false_alarms(outcomes: list[Outcome]) -> int:
    """Error-severity false alarms (an FP at error, or an error the label allows only quieter)."""
    louder = [(o, f, x) for o in outcomes for f, x in o.matched if too_loud(f, x)]
    errors = [(o, f, x) for o in outcomes for f, x in o.matched if x.verdict == "FP" and f["severity"] == "error"]
    errors += [(o, f, x) for o, f, x in louder if f["severity"] == "error"]
    print(f"\nError-severity false alarms: {len(errors)} (FP at error, or error where the label allows less)")
    for o, f, x in errors:
        note = "" if x.verdict == "FP" else f" [{x.verdict}, at most {x.max_severity}]"
        print(f"  {o.product}: {f['rule']} {f['path']}:{f['line']}{note}: {x.reason}")
    print(f"\nReported louder than the label's max_severity: {len(louder)}")
    for o, f, x in louder:
        print(f"  {o.product}: {f['severity']} > {x.max_severity} {f['rule']} {f['path']}:{f['line']}: {x.reason}")
    return len(errors)


def print_recall(outcomes: list[Outcome]) -> None:
    items = [(o, item, found) for o in outcomes for item, found in o.must_find]
    found = sum(1 for _, _, ok in items if ok)
    print(f"\nMust-find recall: {found}/{len(items)}" + (f" = {found / len(items):.2f}" if items else ""))
    for o, item, ok in items:
        if not ok:
            print(f"  missed {o.product}: {item['rule']} {item['path']}: {item['reason']}")


def print_leftovers(outcomes: list[Outcome]) -> None:
    stale = [(o, x) for o in outcomes for x in o.stale]
    if stale:
        print(f"\nLabels no finding matched ({len(stale)}; a fixed FP, or a lost TP if the verdict is TP):")
        for o, x in stale:
            print(f"  {o.product}: {x.verdict} {x.rule} {x.path}:{x.line}: {x.reason}")
    unlabelled = [(o, f) for o in outcomes for f in o.unlabelled]
    if unlabelled:
        print(f"\nUnlabelled findings ({len(unlabelled)}): judge them in eval/labels/PRODUCT.toml (--draft)")
        for o, f in unlabelled:
            print(f"  {o.product}: {f['severity']} {f['rule']} {f['path']}:{f['line']}: {mask(f['message'])[:110]}")


def print_report(outcomes: list[Outcome]) -> None:
    rules = rule_counts(outcomes)
    total = print_rule_table(rules)
    print_product_table(outcomes)
    error_alarms = print_false_alarms(outcomes)
    print_recall(outcomes)
    print_leftovers(outcomes)
    below = [r for r, row in rules.items() if row["TP"] + row["FP"] >= 3 and row["TP"] / (row["TP"] + row["FP"]) < 0.9]
    overall = total["TP"] / (total["TP"] + total["FP"]) if total["TP"] + total["FP"] else 1.0
    passed = not below and overall >= 0.9 and not error_alarms
    print(
        f"\nIssue 11 bar (every rule with >= 3 judged findings >= 0.90, overall >= 0.90, no error false alarm): "
        f"{'met' if passed else 'NOT met'}" + (f"; below 0.90: {', '.join(sorted(below))}" if below else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("products", nargs="*", help="names from eval/corpus.toml (default: all)")
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR, help="folder of OWNER+NAME/repo git dirs")
    parser.add_argument("--draft", action="store_true", help="print TOML label stubs for unlabelled findings")
    parser.add_argument("--timing", action="store_true", help="also time rg over each tree for the Stripe needles")
    parser.add_argument(
        "--source", type=Path, help="scan with the golive_ci package of this checkout (e.g. another branch's tree)"
    )
    parser.add_argument(
        "--cached", action="store_true", help="score the last scan of each tree (eval/.work/NAME.scan.json) again"
    )
    args = parser.parse_args(argv)
    if args.source is not None and not (args.source / "golive_ci" / "__init__.py").is_file():
        parser.error(f"--source {args.source}: no golive_ci package there")
    corpus = load_corpus()
    unknown = set(args.products) - {p.name for p in corpus}
    if unknown:
        parser.error(f"not in eval/corpus.toml: {', '.join(sorted(unknown))}")
    outcomes = []
    for product in corpus:
        if args.products and product.name not in args.products:
            continue
        try:
            outcome = score_product(product, args.mirror, args.timing, args.source, args.cached)
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
    print_report(outcomes)
    return 1 if any(o.unlabelled for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
