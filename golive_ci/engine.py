"""Runs the selected rules over the discovered files and gathers one report."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from golive_ci.candidates import CandidateSearch
from golive_ci.config import Config
from golive_ci.discovery import Listing, discover
from golive_ci.findings import Finding, Report
from golive_ci.fingerprints import with_content_fingerprint, with_file_fingerprints
from golive_ci.rules import load_rule, resolve_selection
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.suppressions import is_suppressed

# Files up to this size are read whole; larger ones are streamed in line-aligned chunks to the
# rules that can take chunks (the secret and card-number scanners) and skipped by the others.
WHOLE_FILE_LIMIT = 8 * 1024 * 1024
CHUNK_SIZE = 1024 * 1024
BINARY_SNIFF = 8192
BASELINE_NAME = ".golive-ci-baseline.json"  # golive_ci.baseline.DEFAULT_NAME, without importing it


def build_rules(context: RuleContext, select: list[str] | None, ignore: list[str]) -> list[Rule]:
    config = context.config
    chosen_select = select if select is not None else config.select
    slugs = resolve_selection(chosen_select, [*config.ignore, *ignore])
    return [load_rule(slug)(context) for slug in slugs]


def scan(
    paths: list[Path],
    root: Path,
    config: Config,
    *,
    select: list[str] | None = None,
    ignore: Iterable[str] = (),
    partial: bool = False,
    head_start: CandidateSearch | None = None,
) -> Report:
    """Scan ``paths`` (files or folders). ``partial`` marks a hook run that sees only some files;
    ``head_start`` is git's search for candidate files if the command line already started it."""
    context = RuleContext(root=root, config=config, partial=partial)
    rules = build_rules(context, select, list(ignore))
    report = Report()
    listing = Listing()
    needles = prefilter_needles(rules)
    needle_set = frozenset(needles)
    # The baseline's masked descriptions quote findings (object IDs, versions): never scan it.
    baseline_names = {BASELINE_NAME, config.baseline.rsplit("/", 1)[-1] if config.baseline else BASELINE_NAME}
    for relative, absolute in discover(
        paths, root, config.exclude, needles=needles, listing=listing, head_start=head_start
    ):
        if relative.rsplit("/", 1)[-1] in baseline_names:
            continue
        holds_one_of = needle_set if relative in listing.holding else None
        scanned = _scan_file(relative, absolute, rules, context, report, holds_one_of)
        if scanned:
            report.files_scanned += 1
        else:
            report.files_skipped += 1
    report.files_scanned += listing.prefiltered
    for rule in rules:
        report.findings.extend(_with_severity(with_file_fingerprints(rule.finish(), root), config))
    report.findings.sort(key=Finding.sort_key)
    report.notices.extend(context.notices)
    return report


def prefilter_needles(rules: list[Rule]) -> tuple[bytes, ...]:
    """The needles every file must hold for some rule to want it; empty when a rule reads every file."""
    if not rules or any(not rule.needles for rule in rules):
        return ()
    return tuple(dict.fromkeys(needle for rule in rules for needle in rule.needles))


def _with_severity(findings: Iterable[Finding], config: Config) -> Iterator[Finding]:
    for finding in findings:
        override = config.severity.get(finding.rule)
        yield finding.replace(severity=override) if override else finding


def _scan_file(
    relative: str,
    absolute: Path,
    rules: list[Rule],
    context: RuleContext,
    report: Report,
    holds_one_of: frozenset[bytes] | None = None,
) -> bool:
    try:
        status = os.lstat(absolute)
        if not stat.S_ISREG(status.st_mode):  # symlinks, folders, devices, sockets
            return False
        if status.st_size > WHOLE_FILE_LIMIT:
            return _scan_large_file(relative, absolute, rules, context, report)
        with open(absolute, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        context.notice(relative, "file vanished before it could be read; not scanned")
        return False
    except OSError as exc:
        context.notice(relative, f"cannot read file ({exc.strerror or exc.__class__.__name__}); not scanned")
        return False
    if b"\0" in data[:BINARY_SNIFF]:
        return False
    _run_rules(SourceFile(path=relative, data=data, holds_one_of=holds_one_of), rules, context, report)
    return True


def _run_rules(source: SourceFile, rules: list[Rule], context: RuleContext, report: Report) -> None:
    for rule in rules:
        if not rule.wants(source):
            continue
        try:
            findings = list(_with_severity(rule.check(source), context.config))
        except ParseError as exc:
            context.notice(source.path, f"{rule.slug}: {exc}; file not checked by this rule")
            continue
        except (RecursionError, MemoryError, ValueError, LookupError, AttributeError, TypeError) as exc:
            # A rule that trips over odd input must not end the scan or hide the other findings.
            context.notice(
                source.path,
                f"{rule.slug}: internal error ({exc.__class__.__name__}); file not checked by this rule, please report",
            )
            continue
        report.findings.extend(
            with_content_fingerprint(finding, source) for finding in findings if not is_suppressed(finding, source)
        )


def _scan_large_file(relative: str, absolute: Path, rules: list[Rule], context: RuleContext, report: Report) -> bool:
    streamable = [rule for rule in rules if rule.streamable]
    skipped = [rule.slug for rule in rules if not rule.streamable]
    with open(absolute, "rb") as handle:
        head = handle.read(BINARY_SNIFF)
        if b"\0" in head:
            return False
        handle.seek(0)
        for chunk in _line_chunks(handle, relative):
            _run_rules(chunk, streamable, context, report)
    if skipped:
        size_mib = os.path.getsize(absolute) / (1024 * 1024)
        context.notice(relative, f"large file ({size_mib:.0f} MiB): only scanned for secrets and card numbers")
    return True


def _line_chunks(handle, relative: str) -> Iterator[SourceFile]:  # handle: BinaryIO
    """Line-aligned chunks of about CHUNK_SIZE bytes, each knowing its first line number."""
    first_line = 1
    carry = b""
    while True:
        block = handle.read(CHUNK_SIZE)
        if not block:
            if carry:
                yield SourceFile(path=relative, data=carry, first_line=first_line)
            return
        block = carry + block
        cut = block.rfind(b"\n")
        if cut == -1:
            if len(block) < 4 * CHUNK_SIZE:
                carry = block
                continue
            cut = len(block) - 1  # one enormous line: cut it anyway, bounded memory comes first
        chunk, carry = block[: cut + 1], block[cut + 1 :]
        yield SourceFile(path=relative, data=chunk, first_line=first_line)
        first_line += chunk.count(b"\n")
