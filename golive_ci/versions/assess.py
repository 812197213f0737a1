"""Verdicts on one pinned version string: is it real, is it a preview, how old is it."""

from __future__ import annotations

from golive_ci.records import Record
from golive_ci.versions import knowledge

OK = "ok"
UNKNOWN = "unknown"  # not a Stripe API version
PREVIEW = "preview"  # a real-looking preview/beta version: allowed, with a warning
SPECIAL = "special"  # in the table but not a public release (2025-03-01.dashboard)
NEWER = "newer"  # well-formed, newer than golive-ci's table: update golive-ci


class Verdict(Record):
    __slots__ = ("message", "status", "suggestion")
    status: str
    message: str
    suggestion: str | None

    def __init__(self, status: str, message: str = "", suggestion: str | None = None) -> None:
        self.status = status
        self.message = message
        self.suggestion = suggestion


def check_version(raw: str) -> Verdict:
    version = raw.strip()
    base, _, extra = version.partition(";")
    base = base.strip()
    if extra:  # "2020-08-27; orders_beta=v3": a beta header
        inner = check_version(base)
        if inner.status == UNKNOWN:
            return inner
        return Verdict(PREVIEW, f"{raw!r} opts into a beta ({extra.strip()}); betas change without notice")
    if knowledge.is_known_version(base):
        note = knowledge.version_note(base)
        if note:
            return Verdict(SPECIAL, f"{base} is {note}; pin a public release instead")
        return Verdict(OK)
    if not knowledge.is_version_shaped(base) or knowledge.version_date(base) is None:
        latest = knowledge.latest_api_version()
        return Verdict(UNKNOWN, f"{raw!r} is not a Stripe API version (they look like {latest})", latest)
    day = knowledge.version_date_text(base)
    suffix = base.partition(".")[2]
    if suffix in knowledge.PREVIEW_SUFFIXES:
        return Verdict(PREVIEW, f"{base} is a .{suffix} version: only {suffix} SDKs accept it and it may change")
    same_day = [v for v in knowledge.known_versions() if knowledge.version_date_text(v) == day]
    if same_day:
        right = same_day[-1]
        train = knowledge.release_train(right)
        if suffix:
            detail = f"{day} belongs to the {train} release, not {suffix!r}"
        else:
            detail = f"versions from {day} carry their release name"
        return Verdict(UNKNOWN, f"{base!r} is not a Stripe API version: {detail}; write {right}", right)
    latest = knowledge.latest_api_version()
    if day > knowledge.version_date_text(latest) and (not suffix or suffix in knowledge.release_trains()):
        return Verdict(
            NEWER,
            f"{base} is newer than golive-ci's version table (newest known {latest}); if Stripe released it, "
            "update golive-ci",
        )
    closest = knowledge.closest_known(base)
    hint = f"; did you mean {closest}?" if closest else ""
    return Verdict(UNKNOWN, f"{base!r} is not a Stripe API version (no release on {day}){hint}", closest)


def age_in_days(version: str) -> int | None:
    """How far ``version`` is behind the newest known version, in days."""
    day = knowledge.version_date(version)
    newest = knowledge.version_date(knowledge.latest_api_version())
    if day is None or newest is None:
        return None
    return (newest - day).days


def train_label(version: str) -> str:
    train = knowledge.release_train(version.split(";", 1)[0].strip())
    if train is None:
        return "-"
    return "legacy, pre-acacia" if train == knowledge.LEGACY else train
