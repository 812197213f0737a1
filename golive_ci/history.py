"""Stripe keys anywhere in git history: each key once, with the commit that first added it.

Deleting a key in a later commit does not un-leak it: every clone and fork still has the old
commit. So the go-live checklist's "rotate keys that ever lived outside your secret store"
applies to every key that was ever committed, and this module finds them by streaming
``git log -p --reverse`` (oldest first) and scanning only the added lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from golive_ci.config import Config
from golive_ci.discovery import is_excluded
from golive_ci.findings import Finding, Notice, Severity
from golive_ci.rules.base import RuleInfo
from golive_ci.rules.secret_key import baseline_path, find_secrets, load_baseline_false_positives
from golive_ci.secrets import NEEDLES, mask, secret_prefix
from golive_ci.sourcefile import SourceFile
from golive_ci.sources.git import GitResult, find_repository
from golive_ci.suppressions import is_suppressed

RULE = "secret-key-history"
COMMIT_MARK = b"\x1ecommit "
# "@@ -a,b +c,d @@", or "@@@ -a,b -c,d +e,f @@@" in a merge's combined diff (one "-" per parent).
_HUNK = re.compile(rb"^(@@+) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @@")
_C_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "r": "\r", "v": "\v"}

HISTORY_RULE_INFO = RuleInfo(
    slug=RULE,
    summary="A Stripe secret key or webhook signing secret was committed at some point in git history.",
    why="""
A key that was ever committed stays readable in every clone, fork and backup of the repository,
even after a later commit deletes it. Stripe's go-live checklist asks you to rotate every key
that ever lived outside your secret store.
""",
    example="""
```text
commit 1a2b3c4  config.py: + STRIPE_KEY = "sk_live_…"   (removed again in 5d6e7f8: still leaked)
```
""",
    fix="""
Roll the key in the Dashboard (Developers → API keys, or the webhook endpoint's signing secret),
then load the new one from the environment or a secret store. Rewriting history is optional
and does not replace rotation: copies already made keep the key.
""",
    checklist="key-rotation",
    severity=Severity.ERROR,
    kind="history",
)


@dataclass
class HistoryScan:
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    commits_scanned: int = 0
    revisions: list[str] = field(default_factory=list)
    shallow: bool = False
    # fingerprint -> the key itself, only with keep_keys (for --verify-leaked-keys); never shown.
    keys: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class _Commit:
    sha: str = ""
    date: str = ""


def _git(root: Path, *args: str, timeout: float = 60) -> GitResult | None:
    """None when ``root`` is in no repository or git could not run."""
    repository = find_repository(str(root))
    if repository is None:
        return None
    result = repository.run(*args, timeout=timeout)
    return None if result.returncode is None or result.returncode == 127 else result


def is_shallow(root: Path) -> bool:
    result = _git(root, "rev-parse", "--is-shallow-repository")
    return bool(result and result.returncode == 0 and result.stdout.strip() == b"true")


def has_commit(root: Path, revision: str) -> bool:
    result = _git(root, "cat-file", "-e", f"{revision}^{{commit}}")
    return bool(result and result.returncode == 0)


def unquote_path(raw: str) -> str:
    """Paths git prints C-quoted (``"dir/na\\303\\257ve.py"``) when they hold unusual characters."""
    if not (raw.startswith('"') and raw.endswith('"')):
        return raw
    body, out, index = raw[1:-1], bytearray(), 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            if following in "01234567" and index + 4 <= len(body):
                out.append(int(body[index + 1 : index + 4], 8) & 0xFF)
                index += 4
                continue
            out.extend(_C_ESCAPES.get(following, following).encode())
            index += 2
            continue
        out.extend(char.encode())
        index += 1
    return out.decode("utf-8", "replace")


def _new_path(line: bytes) -> str | None:
    # git ends the name with a tab when it holds a space (for patch(1)); names never end in one here.
    raw = line[4:].rstrip(b"\r\n").removesuffix(b"\t").decode("utf-8", "surrogateescape")
    if raw == "/dev/null":
        return None
    raw = unquote_path(raw)
    return raw[2:] if raw.startswith("b/") else raw


def added_lines(stream: Iterable[bytes]) -> Iterator[tuple[_Commit, str, int, bytes, bytes | None]]:
    """(commit, path, line number, added line, added line just above or None) from ``git log -p`` output.

    In a merge's combined diff (``--cc``) a line counts as added only when it is new against
    every parent (``++``): lines one parent already had were reported in that parent's commit.
    """
    commit = _Commit()
    path: str | None = None
    in_hunk = False
    parents = 1
    added = b"+"
    new_line = 0
    previous: tuple[int, bytes] | None = None
    for line in stream:
        if line.startswith(COMMIT_MARK):
            sha, _, date = line[len(COMMIT_MARK) :].strip().decode("ascii", "replace").partition(" ")
            commit = _Commit(sha, date)
            path, in_hunk = None, False
        elif line.startswith(b"diff --"):  # "diff --git", or "diff --cc" for a merge
            path, in_hunk = None, False
        elif line.startswith(b"@@"):
            # Inside a hunk every content line starts with '+', '-', ' ' or '\\': this is a header.
            match = _HUNK.match(line)
            parents = len(match.group(1)) - 1 if match else 1
            added = b"+" * parents
            in_hunk, new_line, previous = True, int(match.group(2)) if match else 0, None
        elif in_hunk:
            markers = line[:parents]
            if b"-" in markers or line.startswith(b"\\"):
                continue  # a line of a parent only, or "\\ No newline at end of file"
            content = line[parents:].rstrip(b"\r\n")
            if markers == added:
                above = previous[1] if previous and previous[0] == new_line - 1 else None
                if path is not None:
                    yield commit, path, new_line, content, above
            previous = (new_line, content)
            new_line += 1
        elif line.startswith(b"+++ "):
            path = _new_path(line)


def _log_command(revisions: list[str]) -> list[str]:
    """``git log -p`` of every commit, oldest first, that shows every added line as text.

    ``--text``: a ``.gitattributes`` ``-diff`` or ``binary`` line would otherwise print
    "Binary files differ" and hide the file's lines. ``--diff-merges=dense-combined`` (``--cc``):
    a merge shows only what differs from every parent, so a key typed while resolving a conflict
    is seen, while changes merged from a branch, reported at the commit that made them (or not
    part of the scanned range, such as the base branch's), are not attributed to the merge again
    (``first-parent`` or ``-m`` would).
    """
    return [
        "-c",
        "core.quotePath=false",
        "-c",
        "log.showSignature=false",
        "log",
        "--reverse",
        "--diff-merges=dense-combined",
        "--text",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-renames",
        "--unified=0",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "--format=%x1ecommit %H %cI",
        "-p",
        *revisions,
        "--",
    ]


def scan_history(root: Path, revisions: list[str], config: Config, *, keep_keys: bool = False) -> HistoryScan:
    """Every real-looking Stripe secret added in the commits ``revisions`` selects (``git log`` syntax)."""
    result = HistoryScan(revisions=list(revisions))
    repository = find_repository(str(root))
    if repository is None:
        result.notices.append(Notice("", "git history not scanned: not a git repository"))
        return result
    probe = repository.run("rev-parse", "--git-dir")
    if probe.returncode is None or probe.returncode == 127:
        result.notices.append(Notice("", "git history not scanned: git is not installed"))
        return result
    if probe.returncode != 0:
        result.notices.append(Notice("", "git history not scanned: not a git repository"))
        return result
    result.shallow = is_shallow(root)
    if result.shallow:
        result.notices.append(
            Notice(
                "",
                "git history is shallow: only the fetched commits were scanned for keys "
                "(check out with `fetch-depth: 0` to scan all of it)",
            )
        )
    options = config.rule_options("secret-key")
    baseline = baseline_path(root, options.get("baseline", ".secrets.baseline"))
    false_positives = load_baseline_false_positives(baseline) if baseline.is_file() else set()
    try:
        test_severity = Severity.parse(str(options.get("test-keys", "error")))
    except ValueError:
        test_severity = Severity.ERROR
    seen: set[str] = set()
    commits: set[str] = set()
    process = repository.start(*_log_command(revisions), capture_stderr=True)
    if process.returncode == 127:
        result.notices.append(Notice("", "git history not scanned: git could not be started"))
        return result
    excluded: set[str] = set()
    for commit, path, line, content, above in added_lines(process.lines()):
        commits.add(commit.sha)
        if b"\0" in content:  # UTF-16 text or a binary file, shown by --text: keys are ASCII
            content = content.replace(b"\0", b"")
        if not any(needle in content for needle in NEEDLES):
            continue
        text = content.decode("utf-8", "replace")
        if is_excluded(path, config.exclude):
            excluded.update(hashlib.sha256(key.encode()).hexdigest() for _, key, _, _ in find_secrets(text))
            continue
        for offset, key, kind, description in find_secrets(text):
            digest = hashlib.sha256(key.encode()).hexdigest()
            if digest in seen:
                continue
            if _audited(path, key, false_positives) or _suppressed(path, line, text, above, offset, key):
                continue
            seen.add(digest)
            severity = test_severity if kind == "test" else Severity.WARNING if kind == "docs" else Severity.ERROR
            found = _finding(commit, path, line, offset, key, description, severity, digest)
            result.findings.append(found)
            if keep_keys:
                result.keys[found.fingerprint] = key
    if excluded - seen:
        result.notices.append(
            Notice(
                "",
                f"git history: {len(excluded - seen)} key(s) committed in files the configuration excludes "
                "were not reported (check the exclude patterns)",
            )
        )
    if process.returncode != 0:
        message = process.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"git log exited with {process.returncode}"
        result.notices.append(Notice("", f"git history not fully scanned: {reason}"))
    result.commits_scanned = len(_commit_count(root, revisions)) or len(commits)
    return result


def _commit_count(root: Path, revisions: list[str]) -> set[str]:
    listed = _git(root, "rev-list", *revisions, "--")
    if listed is None or listed.returncode != 0:
        return set()
    return {sha for sha in listed.stdout.decode("ascii", "replace").split() if sha}


def _audited(path: str, key: str, false_positives: set[tuple[str, str]]) -> bool:
    if not false_positives:
        return False
    candidates = {key, key[: len(secret_prefix(key)) + 24]}
    return any((path, hashlib.sha1(c.encode()).hexdigest()) in false_positives for c in candidates)


def _suppressed(path: str, line: int, text: str, above: bytes | None, offset: int, key: str) -> bool:
    """The inline markers of the secret-key rule (on the line or the line above) hold in history too."""
    if above is not None:
        source = SourceFile(path=path, data=above + b"\n" + text.encode(), first_line=line - 1)
    else:
        source = SourceFile(path=path, data=text.encode(), first_line=line)
    probe = Finding("secret-key", Severity.ERROR, path, line, offset + 1, "", "key-rotation")
    return is_suppressed(probe, source)


def _finding(
    commit: _Commit, path: str, line: int, offset: int, key: str, description: str, severity: Severity, digest: str
) -> Finding:
    masked = mask(key)
    short = commit.sha[:12]
    day = commit.date[:10]
    fingerprint = hashlib.sha256(f"{RULE}\0{digest}".encode()).hexdigest()[:32]
    message = (
        f"Stripe {description} {masked} was committed in {short} ({day}): rotate it in the Dashboard; "
        "deleting it from the files does not remove it from git history. Once rolled, record it: "
        f'rotated = ["{fingerprint}"] under [tool.golive-ci.rules.{RULE}]'
    )
    return Finding(
        rule=RULE,
        severity=severity,
        path=path,
        line=line,
        column=offset + 1,
        message=message,
        checklist="key-rotation",
        end_line=line,
        end_column=offset + 1 + len(key),
        fingerprint=fingerprint,
        details={"secret": masked, "commit": commit.sha, "committed": commit.date},
    )


def record_rotations(findings: list[Finding], rotated: dict[str, str]) -> list[Finding]:
    """History keys whose fingerprint is recorded as rotated become notes (✅ on the checklist)."""
    marked = []
    for finding in findings:
        # Stripe itself said the key still works (--verify-leaked-keys): the record is wrong.
        if finding.rule != RULE or finding.fingerprint not in rotated or finding.details.get("verified") == "active":
            marked.append(finding)
            continue
        date = rotated[finding.fingerprint]
        secret = finding.details.get("secret", "key")
        commit = str(finding.details.get("commit", ""))[:12]
        message = f"Stripe key {secret} (committed in {commit}) was rotated" + (f" on {date}" if date else "")
        details = {**finding.details, "rotated": date or True}
        marked.append(finding.replace(severity=Severity.INFO, message=message, details=details))
    return marked


def commits_between(root: Path, revisions: list[str]) -> set[str]:
    """The commits ``revisions`` selects (``git rev-list`` syntax); empty when git cannot tell."""
    return _commit_count(root, revisions)
