"""The snapshot file: the account facts of one run as JSON, to rerun the checks offline.

It holds what Stripe answered (account status, endpoint URLs and subscriptions, event counts,
object states) and the key *kinds*; never a key, a signing secret or a customer's data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from golive_ci.account.facts import AccountFacts, Fact
from golive_ci.secrets import redact
from golive_ci.sources.files import SkippedFile, read_file

SNAPSHOT_LIMIT = 64 * 1024 * 1024

SNAPSHOT_FORMAT = "golive-ci-account-snapshot"
SNAPSHOT_VERSION = 1
_FACT_FIELDS = (
    "account",
    "live_endpoints",
    "test_endpoints",
    "recent_events",
    "undelivered_events",
    "live_event_destinations",
    "portal_configurations",
    "tax_settings",
)


class SnapshotError(Exception):
    """A snapshot file that cannot be used: shown as one line, exit code 2."""


def facts_to_dict(facts: AccountFacts) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "version": SNAPSHOT_VERSION,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "keys": {"live": facts.live_key, "test": facts.test_key},
        "facts": {name: getattr(facts, name).to_dict() for name in _FACT_FIELDS},
        "objects": {object_id: fact.to_dict() for object_id, fact in sorted(facts.objects.items())},
        "lookup_keys": {key: fact.to_dict() for key, fact in sorted(facts.lookup_keys.items())},
    }


def save_snapshot(facts: AccountFacts, path: Path) -> None:
    # redact() is a last safety net: the facts hold no keys, but an endpoint description could.
    text = redact(json.dumps(facts_to_dict(facts), indent=2, sort_keys=False, ensure_ascii=False)) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SnapshotError(f"cannot write snapshot {path}: {exc.strerror or exc}") from None


def load_snapshot(path: Path) -> AccountFacts:
    try:
        document = json.loads(read_file(path, SNAPSHOT_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise SnapshotError(f"snapshot not found: {path}") from None
    except SkippedFile as exc:
        raise SnapshotError(f"cannot read snapshot {path}: {exc.reason}") from None
    except OSError as exc:
        raise SnapshotError(f"cannot read snapshot {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"snapshot {path} is not valid JSON: {exc}") from None
    return facts_from_dict(document, str(path))


def facts_from_dict(document: Any, where: str = "snapshot") -> AccountFacts:
    if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(f'{where} is not a golive-ci account snapshot (no "format": "{SNAPSHOT_FORMAT}")')
    version = document.get("version")
    if version != SNAPSHOT_VERSION:
        raise SnapshotError(f"{where}: snapshot version {version!r} is not supported (this golive-ci reads 1)")
    facts = AccountFacts()
    keys = document.get("keys") or {}
    if isinstance(keys, dict):
        facts.live_key = keys.get("live") if isinstance(keys.get("live"), dict) else None
        facts.test_key = keys.get("test") if isinstance(keys.get("test"), dict) else None
    stored = document.get("facts", {})
    if not isinstance(stored, dict):
        raise SnapshotError(f'{where}: "facts" must be an object')
    for name in _FACT_FIELDS:
        if name in stored:
            setattr(facts, name, Fact.from_dict(stored[name]))
    for field_name in ("objects", "lookup_keys"):
        table = document.get(field_name, {})
        if not isinstance(table, dict):
            raise SnapshotError(f'{where}: "{field_name}" must be an object')
        setattr(facts, field_name, {str(k): Fact.from_dict(v) for k, v in table.items()})
    return facts
