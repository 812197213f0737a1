#!/usr/bin/env python3
"""Refresh golive_ci/data/stripe_api_versions.json from the installed stripe-python package.

Adds every API version the SDK's webhook-endpoint ``api_version`` Literal lists and the table
lacks (with its date and release train), and records the installed release's pin in
``sdk_pins``/``sdk_pin_history``. The SDK is read with ``ast``, never imported; no network.

    python scripts/refresh_api_versions.py            # update the table in place
    python scripts/refresh_api_versions.py --check    # exit 1 if the table is missing versions
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from golive_ci.versions.knowledge import VERSION_RE, major_of
from golive_ci.versions.sdk_enum import sdk_api_versions, sdk_current_version, sdk_release, stripe_package_dir

TABLE = Path(__file__).resolve().parent.parent / "golive_ci" / "data" / "stripe_api_versions.json"


def refresh(table: dict, sdk_versions: list[str], current: str | None, release: str | None) -> list[str]:
    """Update ``table`` in place; return a line per change."""
    changes: list[str] = []
    known = {entry["version"] for entry in table["api_versions"]}
    for version in sdk_versions:
        match = VERSION_RE.match(version)
        if version in known or match is None:
            continue
        entry: dict[str, str] = {"version": version, "date": match.group("date")}
        suffix = match.group("suffix")
        if suffix:
            entry["release"] = suffix
            if suffix not in table["release_trains"] and suffix not in ("dashboard", "preview"):
                table["release_trains"][suffix] = match.group("date")
                changes.append(f"new release train {suffix} from {match.group('date')}")
        table["api_versions"].append(entry)
        changes.append(f"added API version {version}")
    table["api_versions"].sort(key=lambda e: e["version"].split(".", 1)[0])
    if current and release:
        major = str(major_of(release))
        pins = table["sdk_pins"].setdefault("stripe-python", {})
        if major not in pins:
            pins[major] = current
            changes.append(f"stripe-python {major} pins {current}")
        history = table["sdk_pin_history"].setdefault("stripe-python", [])
        if not any(h["release"] == release for h in history):
            history.append({"release": release, "pinned": current, "source": "installed stripe package"})
            changes.append(f"stripe-python {release} pins {current}")
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 when the table is behind")
    args = parser.parse_args(argv)
    package = stripe_package_dir()
    if package is None:
        sys.stderr.write("refresh_api_versions: the stripe package is not installed (pip install stripe)\n")
        return 2
    versions = sdk_api_versions(package)
    if not versions:
        sys.stderr.write(f"refresh_api_versions: no api_version Literal found under {package}\n")
        return 2
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    changes = refresh(table, versions, sdk_current_version(package), sdk_release(package))
    for change in changes:
        print(change)
    if args.check:
        return 1 if changes else 0
    if changes:
        TABLE.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    else:
        print(f"up to date with stripe {sdk_release(package)} ({len(versions)} versions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
