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
