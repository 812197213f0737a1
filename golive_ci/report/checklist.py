"""The go-live checklist as a model: eight items, each with a status, its evidence and what to do."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from golive_ci.findings import CHECKLIST_ITEMS, Finding, Severity
from golive_ci.report.wording import FRENCH_ITEMS, phrase, task_text

# Where account results put their findings (golive_ci.account.model.PSEUDO_PATH): not a file.
ACCOUNT_PATH = "stripe:account"
# Items part of whose evidence only the live account holds: static checks alone never tick them.
ACCOUNT_EVIDENCE = {
    "test-objects": "the live-mode objects (products, prices, coupons…)",
    "webhooks": "the live webhook endpoints",
}


class Status(enum.StrEnum):
    FAIL = "fail"
    WARNING = "warning"
    PASS = "pass"
    SKIPPED = "skipped"

    @property
    def icon(self) -> str:
        return {"fail": "❌", "warning": "⚠️", "pass": "✅", "skipped": "⏭"}[self.value]


@dataclass(frozen=True)
class ManualTask:
    """A box only a person can tick; its id keeps the tick across updates of the comment."""

    id: str
    text: str


@dataclass(frozen=True)
class ItemSpec:
    slug: str
    title: str
    what_to_do: str
    tasks: tuple[ManualTask, ...] = ()
    points: tuple[str, ...] = ()  # the sub-points Stripe's checklist lists under the item


def _task(task_id: str) -> ManualTask:
    return ManualTask(task_id, task_text(task_id, "en"))


ITEM_SPECS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "api-version",
        "API version",
        "Pin one Stripe API version in code (or rely on your SDK's pinned version) and keep your account's "
        "default and your webhook endpoints on the same version; upgrade deliberately, reading the changelog.",
        points=(
            "Upgrade to the latest API version in Workbench in the Dashboard",
            "Dynamic languages (Node.js, PHP, Python, Ruby): set the API version in the server-side library",
            "Strongly typed languages (Go, Java, TypeScript, .NET): install the latest version of your library",
        ),
    ),
    ItemSpec(
        "edge-cases",
        "Edge-case testing",
        "Exercise declines, 3D Secure, disputes, refunds and network failures with Stripe's test cards "
        "before going live.",
        (_task("edge-cases-outside-tester"),),
        ("Incomplete data", "Invalid data", "Duplicate data (for example, send the same request twice)"),
    ),
    ItemSpec(
        "error-handling",
        "Error handling",
        "Catch Stripe's error types around every API call, retry safely with idempotency keys, and show "
        "customers a useful message for card errors.",
        points=(
            "A declined card (card_error) is not the same as an error in your back end (for example "
            "invalid_request_error): mind what you show the customer",
        ),
    ),
    ItemSpec(
        "logging",
        "Logging",
        "Log request IDs and error codes, never full card data, keys or whole API objects with personal data.",
        points=(
            "Check regularly that your logs store only what you need and nothing confidential (card details, "
            "personally identifiable information)",
        ),
    ),
    ItemSpec(
        "test-objects",
        "Test objects recreated in live mode",
        "Recreate in live mode the products, prices, coupons, tax rates and webhook endpoints your code "
        "refers to: test-mode IDs do not exist in live mode.",
        points=("Recreate them with the same ID values (the same price ID, not the same name)",),
    ),
    ItemSpec(
        "webhooks",
        "Webhooks",
        "Verify signatures with the endpoint secret from the environment, answer 2xx fast, handle events "
        "idempotently and register a live-mode endpoint for every event you rely on.",
        (_task("webhooks-late-and-unordered"),),
        (
            "Handles late webhook notifications",
            "Handles duplicate webhook notifications",
            "Does not require event notifications to arrive in a particular order",
        ),
    ),
    ItemSpec(
        "announcements",
        "API announcements",
        "Subscribe to Stripe's API announcements so deprecations and changes reach the team in time.",
        (_task("announcements-subscribed"),),
    ),
    ItemSpec(
        "key-rotation",
        "Key rotation",
        "Keep keys in a secret store, never in the repository; roll every key that was ever committed or "
        "shared, and know how to roll a key quickly when someone leaves.",
        points=(
            "Roll your keys regularly, and just before going live",
            "In the end, no key is stored in several places, your version control included",
        ),
    ),
)
assert tuple(spec.slug for spec in ITEM_SPECS) == CHECKLIST_ITEMS


def spec_in(spec: ItemSpec, language: str) -> ItemSpec:
    """The item in ``language``: same slug and task ids, so ticks and markers do not depend on it."""
    if language != "fr":
        return spec
    title, what_to_do, points = FRENCH_ITEMS[spec.slug]
    tasks = tuple(ManualTask(task.id, task_text(task.id, language)) for task in spec.tasks)
    return ItemSpec(spec.slug, title, what_to_do, tasks, points)


class AccountResult(Protocol):
    """The shape of ``golive_ci.account``'s CheckResult that the checklist reads."""

    check: str
    status: str
    checklist: str
    message: str


@dataclass(frozen=True)
class Evidence:
    icon: str
    text: str  # plain text; the renderer escapes it
    path: str = ""
    line: int = 0
    rank: int = 0  # lower first
    commit: str = ""  # link to this commit instead of the head (keys found in history)


@dataclass
class ChecklistItem:
    spec: ItemSpec
    status: Status = Status.SKIPPED
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # plain-text lines, e.g. the version picture
    ticks: dict[str, bool] = field(default_factory=dict)


@dataclass
class Checklist:
    items: list[ChecklistItem]
    head_sha: str = ""
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    account_note: str = ""
    notices: list[str] = field(default_factory=list)
    # Files of the pull request that change what is checked (configuration, .gitattributes, baselines).
    scope_changes: list[str] = field(default_factory=list)
    files_excluded: int = 0  # files the configuration's exclude patterns leave out of the scan
    language: str = "en"

    def item(self, slug: str) -> ChecklistItem:
        return next(item for item in self.items if item.spec.slug == slug)

    def count(self, status: Status) -> int:
        return sum(1 for item in self.items if item.status is status)

    def status_summary(self) -> str:
        return " · ".join(
            f"{status.icon} {self.count(status)} {phrase(self.language, status.value)}"
            for status in Status
            if self.count(status)
        )


_FINDING_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
_FINDING_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 3}
_ACCOUNT_ICON = {"fail": "❌", "warning": "⚠️", "could-not-verify": "⚠️", "pass": "✅", "not-run": "⏭"}
_ACCOUNT_RANK = {"fail": 0, "warning": 1, "could-not-verify": 1, "pass": 2, "not-run": 4}


def build_checklist(
    findings: Iterable[Finding],
    *,
    covered: Mapping[str, Sequence[str]],
    account_results: Iterable[Any] = (),
    account_note: str = "",
    details: Mapping[str, Sequence[str]] | None = None,
    ticks: Mapping[str, bool] | None = None,
    head_sha: str = "",
    notices: Sequence[str] = (),
    scope_changes: Sequence[str] = (),
    files_excluded: int = 0,
    baselined: Sequence[Finding] | None = None,
    files_scanned: int | None = None,
    language: str = "en",
) -> Checklist:
    """``covered``: checklist slug -> names of the checks that ran for it (static rules, history).

    ``baselined``: the findings a baseline (or the merge base) already knew, None when no baseline
    is in use; ``files_scanned``: 0 means no static check saw a file, so none of them passes."""
    ticks = dict(ticks or {})
    items = {spec.slug: ChecklistItem(spec_in(spec, language)) for spec in ITEM_SPECS}
    checklist = Checklist(
        list(items.values()),
        head_sha=head_sha,
        account_note=account_note,
        notices=list(notices),
        scope_changes=list(scope_changes),
        files_excluded=files_excluded,
        language=language,
    )
    worst: dict[str, set[str]] = {slug: set() for slug in items}
    new_counts: dict[str, int] = {}
    for finding in findings:
        item = items.get(finding.checklist)
        if finding.severity is Severity.ERROR:
            checklist.errors += 1
        elif finding.severity is Severity.WARNING:
            checklist.warnings += 1
        else:
            checklist.infos += 1
        if item is None or finding.path == ACCOUNT_PATH:  # account results are listed from account_results
            continue
        worst[item.spec.slug].add(finding.severity.value)
        rotated = bool(finding.details.get("rotated")) if finding.details else False
        new = "new: " if baselined is not None and not rotated else ""
        new_counts[item.spec.slug] = new_counts.get(item.spec.slug, 0) + (1 if new else 0)
        item.evidence.append(
            Evidence(
                "✅" if rotated else _FINDING_ICON[finding.severity],
                f"{finding.rule}: {new}{finding.message}",
                finding.path,
                finding.line,
                _FINDING_RANK[finding.severity],
                str(finding.details.get("commit", "")) if finding.details else "",
            )
        )
    account_checked: dict[str, bool] = {slug: False for slug in items}
    for result in account_results:
        slug = str(getattr(result, "checklist", ""))
        status = str(getattr(result, "status", ""))
        item = items.get(slug)
        if item is None:
            continue
        text = f"{getattr(result, 'check', 'account')}: {getattr(result, 'message', '')}"
        item.evidence.append(Evidence(_ACCOUNT_ICON.get(status, "ℹ️"), text, rank=_ACCOUNT_RANK.get(status, 3)))
        if status != "not-run":
            account_checked[slug] = True
        if status == "fail":
            worst[slug].add("error")
        elif status in {"warning", "could-not-verify"}:
            worst[slug].add("warning")
    known = _known_findings(items, baselined or ())
    for slug, item in items.items():
        item.evidence.sort(key=lambda e: (e.rank, e.path, e.line, e.text))
        item.details = list((details or {}).get(slug, ()))
        if baselined is not None and (known[slug] or new_counts.get(slug)):
            item.details.append(f"{len(known[slug])} known (baselined), {new_counts.get(slug, 0)} new")
        for finding in known[slug]:
            if finding.details and finding.details.get("rotated"):
                item.evidence.append(
                    Evidence("✅", f"{finding.rule}: {finding.message}", finding.path, finding.line, 2)
                )
            elif finding.severity is not Severity.INFO:
                worst[slug].add("known")
        item.ticks = {task.id: ticks.get(task.id, False) for task in item.spec.tasks}
        checks = list(covered.get(slug, ()))
        if "error" in worst[slug]:
            item.status = Status.FAIL
        elif "warning" in worst[slug]:
            item.status = Status.WARNING
        elif "known" in worst[slug]:
            item.status = Status.WARNING
            item.reason = f"{len(known[slug])} known finding(s) in the baseline remain to fix; nothing new"
        elif unverified := _not_verified(slug, checks, account_checked[slug], account_note, files_scanned):
            item.status = Status.SKIPPED
            item.reason = unverified
        elif checks or account_checked[slug]:
            item.status = Status.PASS
            names = ", ".join(checks + ([phrase(language, "account_checks")] if account_checked[slug] else []))
            item.reason = phrase(language, "checked_by", names=names)
        elif item.spec.tasks and all(item.ticks.values()):
            item.status = Status.PASS
            item.reason = phrase(language, "confirmed")
        else:
            item.status = Status.SKIPPED
            item.reason = _skip_reason(item, account_note, language)
    return checklist


def _known_findings(items: Mapping[str, ChecklistItem], baselined: Iterable[Finding]) -> dict[str, list[Finding]]:
    known: dict[str, list[Finding]] = {slug: [] for slug in items}
    for finding in baselined:
        if finding.checklist in known and finding.path != ACCOUNT_PATH:
            known[finding.checklist].append(finding)
    return known


def _not_verified(
    slug: str, checks: Sequence[str], account_checked: bool, account_note: str, files_scanned: int | None
) -> str:
    """Why an item that found nothing wrong still cannot pass; "" when it can."""
    static = [name for name in checks if not name.startswith("git history")]
    if files_scanned == 0 and static and not account_checked and len(static) == len(checks):
        return "not verified: no file was scanned (every file excluded, or an empty folder)"
    if slug in ACCOUNT_EVIDENCE and not account_checked:
        why = account_note or "account checks did not run"
        found = f"{', '.join(static)} found nothing in the code, but " if static and files_scanned != 0 else ""
        evidence = ACCOUNT_EVIDENCE[slug]
        return f"not verified: {found}{evidence} can only be checked in the account, and account checks {why}"
    return ""


def _skip_reason(item: ChecklistItem, account_note: str, language: str) -> str:
    from golive_ci.report.wording import account_note as note_in

    if item.spec.tasks:
        return phrase(language, "manual_only")
    if account_note:
        return phrase(language, "no_static_check", note=note_in(account_note, language))
    return phrase(language, "no_check")


def describe_version_picture(picture: Any) -> list[str]:
    """Plain-text lines for the API-version item from ``versions.picture.VersionPicture.to_dict()``."""
    try:
        data = picture.to_dict() if hasattr(picture, "to_dict") else dict(picture)
    except Exception:
        return []
    if not isinstance(data, Mapping):
        return []
    lines: list[str] = []
    latest = data.get("latest_version")
    if latest:
        train = data.get("latest_release_train")
        lines.append(f"Newest Stripe API version: {latest}" + (f" ({train})" if train else ""))
    for pin in _entries(data.get("pins")):
        version = pin.get("version") or "(none)"
        how = " ".join(str(pin.get(k)) for k in ("language", "how") if pin.get(k))
        verdict = pin.get("verdict") or pin.get("status") or ""
        lines.append(
            f"{_where(pin)}API version set by {how or 'code'}: {version}" + (f" ({verdict})" if verdict else "")
        )
    for sdk in _entries(data.get("sdks")):
        name = sdk.get("sdk") or sdk.get("name") or "Stripe SDK"
        spec = sdk.get("spec") or sdk.get("resolved") or "(no version)"
        pins = sdk.get("pinned_api_version")
        status = sdk.get("status") or ""
        text = f"{_where(sdk)}{name} {spec}" + (f", pins API version {pins}" if pins else "")
        lines.append(text + (f" ({status})" if status else ""))
    lines += [f"To do: {item}" for item in data.get("advice") or [] if isinstance(item, str)]
    return lines


def _entries(value: Any) -> list[Mapping[str, Any]]:
    return [entry for entry in value or [] if isinstance(entry, Mapping)] if isinstance(value, list) else []


def _where(entry: Mapping[str, Any]) -> str:
    path, line = entry.get("path"), entry.get("line")
    if not path:
        return ""
    return f"{path}:{line}: " if line else f"{path}: "
