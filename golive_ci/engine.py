"""Runs the selected rules over the discovered files and gathers one report."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from golive_ci.candidates import CandidateSearch
from golive_ci.collector import too_large
from golive_ci.config import Config
from golive_ci.discovery import Listing, discover
from golive_ci.findings import Finding, Notice, Report
from golive_ci.fingerprints import with_content_fingerprint, with_file_fingerprints
from golive_ci.rules import load_rule, resolve_selection
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.secrets import NEEDLES
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.sources.files import SkippedFile, notable_skip, open_file
from golive_ci.suppressions import is_suppressed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from golive_ci.collector import Collector
    from golive_ci.parallel import Item

# Files up to this size are read whole; larger ones are streamed in line-aligned chunks to the
# rules that can take chunks (the secret and card-number scanners) and skipped by the others.
WHOLE_FILE_LIMIT = 8 * 1024 * 1024
CHUNK_SIZE = 1024 * 1024
BINARY_SNIFF = 8192
# Rule time one file may take. Past it, the rules not yet run are skipped and a notice names the file
# as not fully checked: a file crafted to be slow costs this much, and never passes silently.
FILE_TIME_BUDGET = 10.0
# Text encodings told by their byte-order mark (longest first: UTF-32-LE starts like UTF-16-LE).
BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# The key needles as UTF-16 without a byte-order mark would hold them.
UTF16_NEEDLES = tuple(
    (encoding, tuple(needle.decode("ascii").encode(encoding) for needle in NEEDLES))
    for encoding in ("utf-16-le", "utf-16-be")
)
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
    collectors: Sequence[Collector] = (),
    rules_off: bool = False,
) -> Report:
    """Scan ``paths`` (files or folders). ``partial`` marks a hook run that sees only some files;
    ``head_start`` is git's search for candidate files if the command line already started it.
    ``collectors`` see each file after the rules (golive_ci.collector); ``rules_off`` runs them alone."""
    context = RuleContext(root=root, config=config, partial=partial)
    rules = [] if rules_off else build_rules(context, select, list(ignore))
    collectors = list(collectors)
    report = Report()
    listing = Listing()
    needles = () if collectors else prefilter_needles(rules)  # a collector may want any file
    needle_set = frozenset(needles)
    # The baseline's masked descriptions quote findings (object IDs, versions): never scan it.
    baseline_names = {BASELINE_NAME, config.baseline.rsplit("/", 1)[-1] if config.baseline else BASELINE_NAME}
    stripe_marks = any(rule.stripe_only for rule in rules)
    # Some rule reads every file: git still tells which files hold none of the other rules' needles.
    presence = () if needles or partial else tuple(dict.fromkeys(n for rule in rules for n in rule.needles))
    presence_set = frozenset(presence)
    found = discover(
        paths,
        root,
        config.exclude,
        needles=needles,
        listing=listing,
        head_start=head_start,
        stripe_marks=stripe_marks,
        presence=presence,
    )
    items: Iterable[Item] = (
        (
            relative,
            absolute,
            needle_set if relative in listing.holding else None,
            relative in listing.stripe_users or None,
            presence_set if relative in listing.lacking else None,
        )
        for relative, absolute in found
        if relative.rsplit("/", 1)[-1] not in baseline_names
    )
    if rules_off:  # only the files a collector wants are read (and decide whether a pool pays)
        items = (item for item in items if any(collector.wants(item[0]) for collector in collectors))
    with _few_collections(not partial):
        if not partial:  # a whole-repository scan: on every core when there are enough files
            from golive_ci import parallel  # here: a hook's run never needs the pool

            items = list(items)
            workers = parallel.worker_count(len(items), partial)
            pooled = workers > 1 and parallel.scan_in_pool(
                items, rules, context, report, _scan_item, workers, collectors
            )
            if pooled:
                items = ()
        for item in items:
            if _scan_item(item, rules, context, report, collectors):
                report.files_scanned += 1
            else:
                report.files_skipped += 1
    report.files_scanned += listing.prefiltered
    report.files_excluded = listing.excluded
    if report.files_excluded and not report.files_scanned:
        report.notices.append(
            Notice(
                "",
                f"nothing was scanned: the configuration's exclude patterns left out all {report.files_excluded} "
                "file(s); no result here means nothing was checked",
            )
        )
    for rule in rules:
        kept = getattr(rule, "fingerprint_lines", None)
        report.findings.extend(_with_severity(with_file_fingerprints(rule.finish(), root, kept), config))
    report.findings.sort(key=Finding.sort_key)
    report.notices.extend(context.notices)
    return report


@contextmanager
def _few_collections(whole_repository: bool) -> Iterator[None]:
    """A whole-repository scan makes millions of short-lived objects and hardly any cycles: Python's
    cyclic collector, run every 700 allocations, took 7% of a 7,451-file scan. The objects made
    before the scan (modules, rules) are set aside, and the young generation is collected less often."""
    if not whole_repository:
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def prefilter_needles(rules: list[Rule]) -> tuple[bytes, ...]:
    """The needles every file must hold for some rule to want it; empty when a rule reads every file."""
    if not rules or any(not rule.needles for rule in rules):
        return ()
    return tuple(dict.fromkeys(needle for rule in rules for needle in rule.needles))


def _with_severity(findings: Iterable[Finding], config: Config) -> Iterator[Finding]:
    for finding in findings:
        override = config.severity.get(finding.rule)
        yield finding.replace(severity=override) if override else finding


def _scan_item(
    item: Item, rules: list[Rule], context: RuleContext, report: Report, collectors: Sequence[Collector] = ()
) -> bool:
    """Scan one discovered file; False when it was skipped."""
    relative, absolute, holds_one_of, stripe_user, holds_none_of = item
    watchers = [c for c in collectors if not c.failure and c.wants(relative)]
    if not rules and not watchers:
        return False
    return _scan_file(relative, absolute, rules, context, report, holds_one_of, stripe_user, watchers, holds_none_of)


def _scan_file(
    relative: str,
    absolute: Path,
    rules: list[Rule],
    context: RuleContext,
    report: Report,
    holds_one_of: frozenset[bytes] | None = None,
    stripe_user: bool | None = None,
    watchers: list[Collector] | None = None,
    holds_none_of: frozenset[bytes] | None = None,
) -> bool:
    watchers = watchers or []
    try:
        with open_file(absolute) as handle:
            if os.fstat(handle.fileno()).st_size > WHOLE_FILE_LIMIT:
                _too_large(relative, watchers, os.fstat(handle.fileno()).st_size)
                return _scan_large_file(relative, handle, rules, context, report)
            data = handle.read(WHOLE_FILE_LIMIT + 1)
            if len(data) > WHOLE_FILE_LIMIT:  # grew since: never hold more than the limit
                handle.seek(0)
                _too_large(relative, watchers, os.fstat(handle.fileno()).st_size)
                return _scan_large_file(relative, handle, rules, context, report)
    except SkippedFile as exc:  # symbolic links, devices, FIFOs, sockets: never read
        if notable_skip(exc, context.root):
            context.notice(relative, f"{exc.reason}; not scanned")
            for collector in watchers:
                collector.skipped(relative, exc.reason)
        return False
    except FileNotFoundError:
        context.notice(relative, "file vanished before it could be read; not scanned")
        return False
    except OSError as exc:
        context.notice(relative, f"cannot read file ({exc.strerror or exc.__class__.__name__}); not scanned")
        return False
    encoding = byte_order_mark(data)
    if encoding is not None:
        bom = next(mark for mark, name in BYTE_ORDER_MARKS if name == encoding)
        text = data[len(bom) :].decode(encoding, "replace").encode("utf-8", "surrogatepass")
        decoded = SourceFile(path=relative, data=text)
        decoded.recoded = True
        run_rules(decoded, rules, context, report)
        if watchers:
            _collect(SourceFile(path=relative, data=data), data, watchers, decoded)
        decoded.forget()
        return True
    if b"\0" in data[:BINARY_SNIFF]:
        if watchers:
            _collect(SourceFile(path=relative, data=data), data, watchers, None)
        return _scan_binary(relative, data, rules, context, report)
    source = SourceFile(
        path=relative, data=data, holds_one_of=holds_one_of, stripe_user=stripe_user, holds_none_of=holds_none_of
    )
    run_rules(source, rules, context, report)
    _collect(source, data, watchers, source)
    source.forget()
    return True


def _collect(raw: SourceFile, data: bytes, watchers: list[Collector], seen: SourceFile | None) -> None:
    """Hand a file to the collectors that want it: ``raw`` is its bytes, ``seen`` what the rules saw
    (the same object for an ordinary file, so its parse and cached facts are shared; None: binary)."""
    for collector in watchers:
        if len(data) > collector.limit:
            collector.skipped(raw.path, too_large(collector.limit))
            continue
        source = seen if collector.as_rules_see else raw
        if source is None:
            continue
        try:
            collector.see(source)
        except Exception as exc:  # a collector that trips stops alone; the scan and the others go on
            collector.failure = exc.__class__.__name__


def _too_large(relative: str, watchers: list[Collector], size: int) -> None:
    """A file streamed in chunks: collectors read whole files only (as the rules that cannot take chunks)."""
    for collector in watchers:
        if collector.as_rules_see:
            collector.skipped(relative, large_file_notice(size))
        else:
            collector.skipped(relative, too_large(collector.limit))


def large_file_notice(size: int) -> str:
    return f"large file ({size / (1024 * 1024):.0f} MiB): only scanned for secrets and card numbers"


def byte_order_mark(data: bytes) -> str | None:
    """The encoding a UTF-16 or UTF-32 byte-order mark at the start of ``data`` names."""
    if data[:1] not in (b"\xff", b"\xfe", b"\x00"):
        return None
    return next((encoding for mark, encoding in BYTE_ORDER_MARKS if data.startswith(mark)), None)


def _scan_binary(relative: str, data: bytes, rules: list[Rule], context: RuleContext, report: Report) -> bool:
    """A file with a NUL byte: only the rules that read binary files (the key rule) see it, over its
    bytes, or as UTF-16 when a key prefix shows in that form. A key prefix in a binary file that
    yields no finding becomes a notice: a key never vanishes because its file is binary."""
    readers = [rule for rule in rules if rule.reads_binary]
    if not readers:
        return False
    for encoding, needles in UTF16_NEEDLES:
        if any(needle in data for needle in needles):
            data = data.decode(encoding, "replace").encode("utf-8", "surrogatepass")
            break
    before = len(report.findings)
    binary = SourceFile(path=relative, data=data)
    binary.recoded = True  # its lines, if any, are not what a text read of the file gives
    run_rules(binary, readers, context, report)
    if len(report.findings) == before and any(needle in data for needle in NEEDLES):
        context.notice(
            relative,
            "binary file holds a Stripe key prefix but no key could be read from it: check it by hand",
        )
    return True


def run_rules(source: SourceFile, rules: list[Rule], context: RuleContext, report: Report) -> None:
    started = time.monotonic()
    for index, rule in enumerate(rules):
        if not rule.wants(source):
            continue
        if time.monotonic() - started > FILE_TIME_BUDGET:
            left = [other.slug for other in rules[index:] if other.wants(source)]
            budget = f"checking took longer than {FILE_TIME_BUDGET:g} s"
            context.notice(source.path, f"{budget}; file not fully checked (not run: {', '.join(left)})")
            return
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


def _scan_large_file(relative: str, handle: BinaryIO, rules: list[Rule], context: RuleContext, report: Report) -> bool:
    streamable = [rule for rule in rules if rule.streamable]
    skipped = [rule.slug for rule in rules if not rule.streamable]
    head = handle.read(BINARY_SNIFF)
    encoding = byte_order_mark(head)
    if encoding is None and b"\0" in head:
        streamable = [rule for rule in streamable if rule.reads_binary]
        skipped = []  # a binary file: only the key rule reads it
        if not streamable:
            return False
    handle.seek(0)
    source = handle if encoding is None else _Recoded(handle, encoding)
    for chunk in _line_chunks(source, relative):
        run_rules(chunk, streamable, context, report)
    if skipped:
        context.notice(relative, large_file_notice(os.fstat(handle.fileno()).st_size))
    return True


class _Recoded:
    """A binary file in a UTF-16/32 encoding, read as UTF-8 bytes (its byte-order mark dropped)."""

    def __init__(self, handle, encoding: str) -> None:  # handle: BinaryIO
        import codecs

        self._handle = handle
        self._decoder = codecs.getincrementaldecoder(encoding)("replace")
        self._started = False

    def read(self, size: int) -> bytes:
        block = self._handle.read(size)
        text = self._decoder.decode(block, final=not block)
        if not self._started:
            self._started, text = True, text.removeprefix("\ufeff")
        return text.encode("utf-8", "surrogatepass")


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
