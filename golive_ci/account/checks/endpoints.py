"""Helpers shared by the webhook checks: reading endpoint facts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def enabled(endpoints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in endpoints if e.get("status") == "enabled"]


def describe(endpoint: dict[str, Any]) -> str:
    return f"{endpoint.get('id')} {endpoint.get('url')}"


def subscribes(endpoint: dict[str, Any], event_type: str) -> bool:
    events = endpoint.get("enabled_events") or []
    return "*" in events or event_type in events


def split_url(url: str) -> tuple[str, str]:
    """(host, path) with the path normalised: no trailing slash, '/' for an empty path."""
    parts = urlsplit(url or "")
    path = parts.path.rstrip("/") or "/"
    return (parts.hostname or "").lower(), path


# A destination's provider side that delivers nothing (EventBridge source or Azure topic gone or never set up).
NOT_DELIVERING = frozenset({"deleted", "pending", "never_activated"})


def destination_name(destination: dict[str, Any]) -> str:
    where = destination.get("url") or str(destination.get("type") or "event destination").replace("_", " ")
    return f"{destination.get('id')} {where}"


def live_destinations(facts: Any, endpoints: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Enabled live event destinations that deliver, shaped like endpoints ("api_version" is the
    snapshot version, None for thin events), leaving out webhook destinations whose URL is one of
    ``endpoints`` (the same endpoint seen through both APIs). [] when they could not be read."""
    fact = facts.live_event_destinations
    if not fact.ok or not isinstance(fact.value, list):
        return []
    known = {split_url(str(e.get("url") or "")) for e in endpoints or [] if e.get("url")}
    shaped: list[dict[str, Any]] = []
    for destination in fact.value:
        if not isinstance(destination, dict) or destination.get("status") != "enabled":
            continue
        if destination.get("provider_status") in NOT_DELIVERING:
            continue
        if destination.get("url") and split_url(str(destination["url"])) in known:
            continue
        shaped.append(
            {
                **destination,
                "url": destination.get("url"),
                "api_version": destination.get("snapshot_api_version"),
                "enabled_events": list(destination.get("enabled_events") or []),
            }
        )
    return shaped


def idle_destinations(facts: Any) -> list[dict[str, Any]]:
    """Live event destinations that deliver nothing: disabled, or their provider side is not set up."""
    fact = facts.live_event_destinations
    if not fact.ok or not isinstance(fact.value, list):
        return []
    return [
        d
        for d in fact.value
        if isinstance(d, dict) and (d.get("status") != "enabled" or d.get("provider_status") in NOT_DELIVERING)
    ]
