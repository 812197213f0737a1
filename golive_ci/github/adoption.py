"""Adopting golive-ci on an existing codebase, in ``ci``: the whole key history, keys new in the
pull request, recorded rotations, the baseline and ``--new-only`` (findings absent at the merge base).

``--new-only`` scans the merge base as well: ``git archive`` of that commit is unpacked into a
temporary folder (regular files only) and scanned with the same configuration, so a pull request
costs about two static scans. Findings are compared by (rule, path, fingerprint), counted.
"""

from __future__ import annotations

import io
import os
import re
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Report
from golive_ci.github.context import RunContext
from golive_ci.history import RULE as HISTORY_RULE
from golive_ci.history import commits_between, has_commit
from golive_ci.secrets import redact
from golive_ci.sources.git import find_repository

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from golive_ci.github.options import CiOptions

ARCHIVE_TIMEOUT = 300.0
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # what a pull request event names; never an option
NEW_MARK = "new in this pull request"


def history_scope(
    context: RunContext, toplevel: Path, explicit: list[str] | None
) -> tuple[list[str], list[str] | None, str]:
    """(revisions to walk, the pull request's own revisions or None, a note).

    By default every commit reachable from the branch: a key committed and deleted long before
    the pull request is still readable in every clone. The pull request's commits mark new keys."""
    pr = context.pull_request
    own: list[str] | None = None
    if pr and pr.base_sha and pr.head_sha:
        if has_commit(toplevel, pr.base_sha) and has_commit(toplevel, pr.head_sha):
            own = [pr.head_sha, f"^{pr.base_sha}"]
            revisions = explicit or [pr.head_sha]
            return revisions, own, ""
        note = (
            "the pull request's base or head commit is not in the clone (check out with `fetch-depth: 0`): "
            "scanned the history that was fetched, keys new in the pull request are not told apart"
        )
        return explicit or ["HEAD"], None, note
    return explicit or ["HEAD"], None, ""


def mark_new_keys(findings: list[Finding], toplevel: Path, own: list[str] | None) -> list[Finding]:
    """History keys first committed in the pull request's own commits say so."""
    if not own:
        return findings
    commits = commits_between(toplevel, own)
    marked = []
    for finding in findings:
        if finding.rule == HISTORY_RULE and str(finding.details.get("commit", "")) in commits:
            finding = finding.replace(
                message=f"{NEW_MARK}: {finding.message}", details={**finding.details, "new": True}
            )
        marked.append(finding)
    return marked


def merge_base(toplevel: Path, base: str, head: str) -> str | None:
    repository = find_repository(str(toplevel))
    if repository is None or not (_SHA.fullmatch(base) and _SHA.fullmatch(head)):
        return None
    result = repository.run("merge-base", base, head)
    sha = result.stdout.decode("ascii", "replace").strip()
    return sha if result.returncode == 0 and sha else None


def changes_file(toplevel: Path, base: str, head: str, path: Path) -> bool:
    """Whether the commits base..head change ``path`` (False when git cannot tell)."""
    repository = find_repository(str(toplevel))
    if repository is None or not path.is_relative_to(toplevel) or not (_SHA.fullmatch(base) and _SHA.fullmatch(head)):
        return False
    relative = path.relative_to(toplevel).as_posix()
    result = repository.run("diff", "--name-only", "--no-ext-diff", base, head, "--", f":(literal){relative}")
    return result.returncode == 0 and bool(result.stdout.strip())


def findings_at(toplevel: Path, revision: str, prefix: str, config: Config) -> list[Finding] | None:
    """The static findings of ``revision`` (paths relative to ``toplevel``); None when git cannot say."""
    repository = find_repository(str(toplevel))
    if repository is None or not _SHA.fullmatch(revision):
        return None
    result = repository.run("archive", "--format=tar", revision, timeout=ARCHIVE_TIMEOUT)
    if result.returncode != 0:
        return None
    with tempfile.TemporaryDirectory(prefix="golive-ci-base-") as folder:
        unpack_regular_files(result.stdout, Path(folder))
        root = Path(folder, prefix) if prefix else Path(folder)
        if not root.is_dir():
            return []
        report = scan([root], root, config)
    if prefix:
        return [f.replace(path=f"{prefix}/{f.path}") for f in report.findings]
    return report.findings


def unpack_regular_files(archive: bytes, target: Path) -> None:
    """Regular files and folders only, each checked to land inside ``target`` (no links, no devices)."""
    top = target.resolve()
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        for member in tar:
            if not member.isfile():
                continue
            destination = (top / member.name).resolve()
            if os.path.isabs(member.name) or not destination.is_relative_to(top):
                continue
            source = tar.extractfile(member)
            if source is None:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read())


def keep_only_new(report: Report, known: list[Finding], own_commits: set[str] | None) -> int:
    """Findings also present at the merge base (and history keys older than the pull request) move
    to ``report.baselined``; returns how many moved."""
    remaining = Counter((f.rule, f.path, f.fingerprint) for f in known)
    kept: list[Finding] = []
    moved = 0
    for finding in report.findings:
        key = (finding.rule, finding.path, finding.fingerprint)
        if finding.rule == HISTORY_RULE:
            old = own_commits is not None and str(finding.details.get("commit", "")) not in own_commits
        else:
            old = bool(finding.fingerprint) and remaining[key] > 0
            if old:
                remaining[key] -= 1
        if old:
            finding.baselined = True
            finding.details = {**finding.details, "known_at_merge_base": True}
            report.baselined.append(finding)
            moved += 1
        else:
            kept.append(finding)
    report.findings = kept
    return moved


def verify_keys(report: Report, top: Path, history_keys: dict[str, str], api_base: str) -> str:
    """``--verify-leaked-keys``: one read-only request per committed key; returns a note for the run."""
    from golive_ci.account.leaked_keys import MAX_KEYS_PER_RUN, keys_in_tree, verify_leaked_keys
    from golive_ci.account.runner import checked_api_base

    try:
        base = checked_api_base(api_base or "https://api.stripe.com")
    except Exception as exc:
        return f"leaked keys not verified: {redact(str(exc))}"
    keys = keys_in_tree(report.findings, top)
    for finding in report.findings:
        if finding.rule == HISTORY_RULE and finding.fingerprint in history_keys:
            keys[id(finding)] = history_keys[finding.fingerprint]
    report.findings, requests = verify_leaked_keys(report.findings, keys, base)
    return f"verified leaked keys with Stripe: {requests} request(s), one per distinct key, at most {MAX_KEYS_PER_RUN}"


def adopt(
    report: Report,
    options: CiOptions,
    context: RunContext,
    top: Path,
    prefix: str,
    own: list[str] | None,
    notices: list[str],
    covered: Mapping[str, list[str]],
) -> bool:
    """Recorded rotations, then ``--new-only`` (the merge base decides what is known), else the
    baseline (which the pull request itself may have edited: a notice says so). True when a
    baseline is in use."""
    from golive_ci.baseline import find_baseline, honour_baseline, project_root
    from golive_ci.history import record_rotations

    config = options.config
    baseline = None
    rotated = dict(config.rule_options(HISTORY_RULE).get("rotated", {}))
    if options.use_baseline:
        baseline = find_baseline(config, project_root(top, config), options.baseline)
        rotated.update(baseline.rotated() if baseline else {})
    report.findings = record_rotations(report.findings, rotated)
    if options.new_only and _keep_new_since_merge_base(report, context, top, prefix, own, notices, config):
        return baseline is not None
    if baseline is not None:
        ran = {slug for slugs in covered.values() for slug in slugs}
        ran |= {HISTORY_RULE} if options.history else set()
        honour_baseline(report, config, top, explicit=options.baseline, rules_ran=ran, within=prefix)
        pr = context.pull_request
        if (
            pr is not None
            and pr.base_sha
            and pr.head_sha
            and changes_file(top, pr.base_sha, pr.head_sha, baseline.path)
        ):
            name = baseline.path.relative_to(top).as_posix() if baseline.path.is_relative_to(top) else baseline.path
            notices.append(
                f"this pull request changes the baseline {name}: findings it adds there are not reported; "
                "review that change (or run with --new-only, which compares with the merge base)"
            )
    return baseline is not None


def _keep_new_since_merge_base(
    report: Report,
    context: RunContext,
    top: Path,
    prefix: str,
    own: list[str] | None,
    notices: list[str],
    config: Config,
) -> bool:
    """``--new-only``: True when the merge base was scanned and only new findings still count."""
    pr = context.pull_request
    if pr is None or not pr.base_sha or not pr.head_sha:
        notices.append("--new-only applies to pull requests: every finding counts on this run")
        return False
    base = merge_base(top, pr.base_sha, pr.head_sha)
    known = findings_at(top, base, prefix, config) if base else None
    if base is None or known is None:
        notices.append(
            "--new-only: the merge base could not be scanned (check out with `fetch-depth: 0`): "
            "the baseline, if any, decides what is known on this run"
        )
        return False
    own_commits = commits_between(top, own) if own else None
    moved = keep_only_new(report, known, own_commits)
    notices.append(f"--new-only: {moved} finding(s) already present at the merge base {base[:12]} do not count")
    return True
