"""The baseline: findings a team already knows about, so that only new ones fail a run.

``golive-ci baseline`` writes ``.golive-ci-baseline.json`` at the top of the repository: one
entry per finding with its rule, its path (relative to the repository), its fingerprint (see
golive_ci.fingerprints: it survives line moves and edits elsewhere in the file) and a short
masked description. Never a secret: descriptions pass through ``redact``. Matching counts
entries, so a second identical finding in the same file is new even when one is baselined.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from golive_ci import __version__
from golive_ci.config import Config, ConfigError
from golive_ci.findings import Finding, Notice, Report
from golive_ci.records import Record
from golive_ci.secrets import redact
from golive_ci.sources.files import SkippedFile, read_file
from golive_ci.sources.git import find_repository

BASELINE_LIMIT = 64 * 1024 * 1024

DEFAULT_NAME = ".golive-ci-baseline.json"
FORMAT_VERSION = 1
DESCRIPTION_LIMIT = 160

Key = tuple[str, str, str]  # (rule, path relative to the repository, fingerprint)


class BaselineEntry(Record):
    """``rotated`` (history keys only): "" when not recorded, else a date or "yes"."""

    __slots__ = ("description", "fingerprint", "path", "rotated", "rule")

    def __init__(self, rule: str, path: str, fingerprint: str, description: str = "", rotated: str = "") -> None:
        self.rule = rule
        self.path = path
        self.fingerprint = fingerprint
        self.description = description
        self.rotated = rotated

    @property
    def key(self) -> Key:
        return (self.rule, self.path, self.fingerprint)

    def to_dict(self) -> dict[str, str]:
        item = {"rule": self.rule, "path": self.path, "fingerprint": self.fingerprint, "description": self.description}
        if self.rotated:
            item["rotated"] = self.rotated
        return item


class Baseline(Record):
    __slots__ = ("entries", "path")

    def __init__(self, path: Path, entries: list[BaselineEntry] | None = None) -> None:
        self.path = path
        self.entries: list[BaselineEntry] = [] if entries is None else entries

    def rotated(self) -> dict[str, str]:
        """History-key fingerprint -> rotation date ("" when no date was given)."""
        return {e.fingerprint: "" if e.rotated in {"yes", "true"} else e.rotated for e in self.entries if e.rotated}


def project_root(start: Path, config: Config | None = None) -> Path:
    """The folder baseline paths are relative to: the repository's top level, else the config's folder."""
    repository = find_repository(str(start.resolve()))
    if repository is not None:
        return Path(repository.top).resolve()
    if config is not None and config.path is not None:
        return config.path.resolve().parent
    return (start if start.is_dir() else start.parent).resolve()


def baseline_location(config: Config, root: Path, explicit: str | None = None) -> tuple[Path, bool]:
    """(where the baseline file is, whether the user named it) — always inside ``root``."""
    if explicit:
        candidate, named_by = Path(explicit).absolute(), f"--baseline {explicit}"
    elif config.baseline:
        base = config.path.parent if config.path is not None else root
        candidate, named_by = (base / config.baseline).absolute(), f"{config.path or 'configuration'}: baseline"
    else:
        candidate, named_by = root / DEFAULT_NAME, DEFAULT_NAME
    resolved = Path(os.path.normpath(candidate))
    # resolve(): a symbolic link must not lead reading or `baseline --update` out of the repository
    if not resolved.is_relative_to(root) or not resolved.resolve().is_relative_to(root):
        raise ConfigError(f"{named_by}: {resolved} is outside the repository ({root}); keep the baseline inside it")
    return resolved, named_by != DEFAULT_NAME


def find_baseline(config: Config, root: Path, explicit: str | None = None) -> Baseline | None:
    """The baseline to honour: None when there is none; ConfigError when a named one is missing or bad."""
    path, named = baseline_location(config, root, explicit)
    if not path.is_file():
        if named:
            raise ConfigError(
                f"baseline file {_shown(path, root)} does not exist{_similar(path)}; "
                "create it with `golive-ci baseline`"
            )
        return None
    return load_baseline(path)


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _similar(path: Path) -> str:
    import difflib

    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load_baseline(path: Path) -> Baseline:
    try:
        document = json.loads(read_file(path, BASELINE_LIMIT).decode("utf-8-sig"))
    except SkippedFile as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc.reason}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"{path}: the baseline is not valid JSON ({exc}); rewrite it with `golive-ci baseline --update`"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ConfigError(f'{path}: not a golive-ci baseline (expected an object with "entries")')
    entries = []
    for number, item in enumerate(document["entries"], start=1):
        fields = ("rule", "path", "fingerprint")
        if not isinstance(item, dict) or not all(isinstance(item.get(name), str) and item[name] for name in fields):
            raise ConfigError(f'{path}: entry {number} needs "rule", "path" and "fingerprint" strings')
        rotated = item.get("rotated", "")
        rotated = "yes" if rotated is True else "" if rotated is False else str(rotated)
        entries.append(
            BaselineEntry(item["rule"], item["path"], item["fingerprint"], str(item.get("description", "")), rotated)
        )
    return Baseline(path, entries)


def entry_for(finding: Finding, path: str) -> BaselineEntry:
    description = redact(" ".join(finding.message.split()))
    if len(description) > DESCRIPTION_LIMIT:
        description = description[: DESCRIPTION_LIMIT - 1] + "…"
    return BaselineEntry(finding.rule, path, finding.fingerprint, description)


def write_baseline(
    path: Path,
    findings: Iterable[Finding],
    to_project: Callable[[str], str],
    keep: Baseline | None = None,
    outside: Callable[[BaselineEntry], bool] | None = None,
) -> list[BaselineEntry]:
    """Write one entry per finding; stable order, no dates. From ``keep`` (the previous file) the
    rotation records carry over, and so do the entries ``outside`` says this run did not cover."""
    rotated = {e.key: e.rotated for e in keep.entries if e.rotated} if keep else {}
    entries = [e for e in keep.entries if outside(e)] if keep and outside else []
    for finding in findings:
        if not finding.fingerprint:
            continue
        entry = entry_for(finding, to_project(finding.path))
        entries.append(entry.replace(rotated=rotated.get(entry.key, "")))
    entries.sort(key=lambda e: (e.path, e.rule, e.fingerprint, e.description))
    document = {
        "version": FORMAT_VERSION,
        "generated_by": f"golive-ci {__version__}",
        "entries": [entry.to_dict() for entry in entries],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return entries


def apply_baseline(
    report: Report,
    baseline: Baseline,
    to_project: Callable[[str], str],
    in_scope: Callable[[BaselineEntry], bool] | None = None,
) -> list[BaselineEntry]:
    """Move the findings ``baseline`` knows into ``report.baselined``; return the stale entries.

    An entry is stale when ``in_scope`` says this run would have seen its finding (its rule ran,
    its file was scanned) and no finding matched it. Without ``in_scope`` (a hook's partial run)
    nothing is stale."""
    remaining = Counter(entry.key for entry in baseline.entries)
    kept: list[Finding] = []
    for finding in report.findings:
        key = (finding.rule, to_project(finding.path), finding.fingerprint)
        if finding.fingerprint and remaining[key] > 0:
            remaining[key] -= 1
            finding.baselined = True
            report.baselined.append(finding)
        else:
            kept.append(finding)
    report.findings = kept
    stale = []
    for entry in baseline.entries:
        if in_scope is not None and remaining[entry.key] > 0 and in_scope(entry):
            remaining[entry.key] -= 1
            stale.append(entry)
    return stale


def stale_notices(stale: list[BaselineEntry], baseline: Baseline, root: Path) -> list[Notice]:
    name = _shown(baseline.path, root)
    return [
        Notice(
            entry.path,
            f"stale baseline entry ({entry.rule} {entry.fingerprint[:12]}): the finding is gone; "
            f"`golive-ci baseline --update` drops it from {name}",
        )
        for entry in stale
    ]


def path_mapper(scan_root: Path, root: Path) -> Callable[[str], str]:
    """Finding path (relative to ``scan_root``) -> path relative to the repository ``root``."""
    if scan_root == root:
        return lambda path: path
    prefix = os.path.relpath(scan_root, root).replace(os.sep, "/")

    def to_project(path: str) -> str:
        if prefix.startswith("..") or prefix == ".":
            return path
        return f"{prefix}/{path}" if path else prefix

    return to_project


def honour_baseline(
    report: Report,
    config: Config,
    scan_root: Path,
    *,
    explicit: str | None = None,
    rules_ran: Iterable[str] = (),
    full_scan: bool = True,
    within: str = "",
) -> Baseline | None:
    """Apply the baseline a run should honour (if any) to ``report``; stale entries become notices.

    ``full_scan``: the whole of ``scan_root`` was scanned, so an entry under it whose rule ran
    and that nothing matched is stale (``within``: only entries under that folder of the repository).
    A hook's run over some files never reports stale entries."""
    root = project_root(scan_root, config)
    baseline = find_baseline(config, root, explicit)
    if baseline is None:
        return None
    to_project = path_mapper(scan_root.resolve(), root)
    prefix = within or to_project("")
    ran = frozenset(rules_ran)

    def in_scope(entry: BaselineEntry) -> bool:
        return entry.rule in ran and (not prefix or entry.path.startswith(prefix + "/"))

    stale = apply_baseline(report, baseline, to_project, in_scope if full_scan else None)
    report.notices.extend(stale_notices(stale, baseline, root))
    return baseline
