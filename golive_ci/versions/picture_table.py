"""The version picture as a plain-text or markdown table.

Every cell, advice and notice holds repository text (paths, version strings, specs): each is
escaped (see :mod:`golive_ci.escaping`) so none can print a GitHub Actions workflow command.
"""

from __future__ import annotations

from golive_ci.escaping import escape_untrusted
from golive_ci.versions import knowledge
from golive_ci.versions.assess import train_label
from golive_ci.versions.picture import VersionPicture

_PIN_HEADERS = ("Location", "Language", "Set by", "Version", "Release", "Status")
_SDK_HEADERS = ("Location", "SDK", "Spec", "Installed", "Pins API version", "Status")


def _pin_rows(picture: VersionPicture) -> list[tuple[str, ...]]:
    rows = []
    for pin in picture.pins:
        version = pin.version or {"unpinned": "(none)", "env": "(environment)", "indirect": "(not readable)"}.get(
            pin.status, "-"
        )
        release = train_label(pin.version) if pin.version else "-"
        status = picture.pin_status(pin)
        if pin.note and pin.status != "pinned":
            status = f"{status}: {pin.note}"
        rows.append((f"{pin.path}:{pin.line}", pin.language, pin.how, version, release, status))
    return rows


def _sdk_rows(picture: VersionPicture) -> list[tuple[str, ...]]:
    rows = []
    for dep in picture.sdks:
        installed = dep.resolved or (f"{dep.major}.x" if dep.major is not None else "?")
        if dep.lock and dep.resolved:
            installed += f" ({dep.lock.rsplit('/', 1)[-1]})"
        pinned = dep.pinned_api_version or "?"
        if dep.pinned_api_version and not dep.pin_verified:
            pinned += " (unverified)"
        rows.append((f"{dep.path}:{dep.line}", dep.sdk, dep.spec or "(none)", installed, pinned,
                     picture.sdk_status(dep)))  # fmt: skip
    return rows


def _escaped(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [tuple(escape_untrusted(str(cell)) for cell in row) for row in rows]


def _text_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    lines = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return lines


def _markdown_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    def cell(value: str) -> str:
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def render_table(picture: VersionPicture, *, markdown: bool = False) -> str:
    latest = picture.latest_version
    train = knowledge.release_train(latest) if latest else None
    table = _markdown_table if markdown else _text_table
    heading = "### " if markdown else ""
    newest = escape_untrusted(f"newest known: {latest}, release {train}")
    lines = [f"{heading}Stripe API versions ({newest})", ""]
    pin_rows, sdk_rows = _escaped(_pin_rows(picture)), _escaped(_sdk_rows(picture))
    lines.append(f"{heading}API version settings in code" if markdown else "API version settings in code:")
    lines += table(_PIN_HEADERS, pin_rows) if pin_rows else ["  (none found)"]
    lines.append("")
    lines.append(f"{heading}Stripe SDK dependencies" if markdown else "Stripe SDK dependencies:")
    lines += table(_SDK_HEADERS, sdk_rows) if sdk_rows else ["  (none found)"]
    lines.append("")
    lines.append(f"{heading}What to do" if markdown else "What to do:")
    lines += [f"{'-' if markdown else '  -'} {escape_untrusted(item)}" for item in picture.advice]
    if picture.notices:
        lines.append("")
        lines += [f"notice: {escape_untrusted(str(notice))}" for notice in picture.notices]
    return "\n".join(lines) + "\n"
