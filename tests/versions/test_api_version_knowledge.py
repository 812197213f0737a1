"""The shipped version table, its helpers, and its agreement with the installed stripe SDK."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from golive_ci.versions import knowledge
from golive_ci.versions.assess import NEWER, OK, PREVIEW, SPECIAL, UNKNOWN, check_version
from golive_ci.versions.sdk_enum import sdk_api_versions, sdk_current_version, sdk_release, stripe_package_dir
from tests import paths

ROOT = paths.ROOT


def test_installed_sdk_knows_no_version_our_table_lacks() -> None:
    package = stripe_package_dir()
    assert package is not None, "the stripe package is a dependency of golive-ci"
    sdk_versions = sdk_api_versions(package)
    assert len(sdk_versions) > 100  # the Literal was found and read
    missing = [v for v in sdk_versions if not knowledge.is_known_version(v)]
    assert missing == [], f"run scripts/refresh_api_versions.py: the table lacks {missing}"


def test_installed_sdk_pin_is_in_the_pin_tables() -> None:
    package = stripe_package_dir()
    assert package is not None
    current, release = sdk_current_version(package), sdk_release(package)
    assert current is not None and release is not None
    assert knowledge.is_known_version(current)
    assert knowledge.pin_of_release("stripe-python", release) == current


def test_refresh_script_check_mode_passes_offline() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "refresh_api_versions.py"), "--check"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_refresh_adds_missing_versions_and_trains() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from refresh_api_versions import refresh
    finally:
        sys.path.pop(0)
    table = {
        "api_versions": [{"version": "2026-10-28.endive", "date": "2026-10-28", "release": "endive"}],
        "release_trains": {"endive": "2026-09-30"},
        "sdk_pins": {},
        "sdk_pin_history": {},
    }
    changes = refresh(table, ["2026-10-28.endive", "2027-03-31.fig", "2026-11-25.endive"], "2027-03-31.fig", "17.0.0")
    assert [e["version"] for e in table["api_versions"]] == ["2026-10-28.endive", "2026-11-25.endive", "2027-03-31.fig"]
    assert table["release_trains"]["fig"] == "2027-03-31"
    assert table["sdk_pins"]["stripe-python"]["17"] == "2027-03-31.fig"
    assert len(changes) == 5


def test_table_shape() -> None:
    versions = knowledge.known_versions()
    assert len(versions) == len(set(versions)) >= 129
    assert versions[0] == "2011-01-01"
    assert all(knowledge.is_version_shaped(v) for v in versions)
    data = json.loads((ROOT / "golive_ci" / "data" / "stripe_api_versions.json").read_text())
    assert set(data["sdk_pins"]) == set(knowledge.SDK_PACKAGES)
    for sdk, pins in data["sdk_pins"].items():
        for version in pins.values():
            assert knowledge.is_known_version(version), (sdk, version)


def test_latest_and_trains() -> None:
    assert knowledge.latest_api_version() == "2026-10-28.endive"
    assert knowledge.release_train("2026-03-25.dahlia") == "dahlia"
    assert knowledge.release_train("2024-06-20") == knowledge.LEGACY
    assert knowledge.release_train("2026-02-25.preview") == "clover"
    assert knowledge.release_train("not a version") is None
    assert knowledge.train_of_date("2024-09-30") == "acacia"


def test_unverified_pins_are_marked() -> None:
    pin = knowledge.sdk_pin("stripe-go", 87)
    assert pin is not None and not pin.verified and pin.api_version == "2026-09-30.endive"
    newest = knowledge.newest_major("stripe-go")
    assert newest is not None and newest.major == 86 and newest.verified


def test_pin_of_release_uses_the_history() -> None:
    assert knowledge.pin_of_release("stripe-node", "22.4.0") == "2026-07-29.dahlia"
    assert knowledge.pin_of_release("stripe-node", "22.5.1") == "2026-07-29.dahlia"
    assert knowledge.pin_of_release("stripe-java", "34.1.0") == "2026-09-30.endive"
    assert knowledge.pin_of_release("stripe-python", "3.0.0") is None


@pytest.mark.parametrize(
    ("version", "status"),
    [
        ("2026-10-28.endive", OK), ("2020-08-27", OK), ("2023-10-15", UNKNOWN), ("2025-03-31.clover", UNKNOWN),
        ("2025-03-31", UNKNOWN), ("2026-13-01", UNKNOWN), ("v1", UNKNOWN), ("2026-02-25.preview", PREVIEW),
        ("2026-05-27.private", PREVIEW), ("2020-08-27; orders_beta=v3", PREVIEW), ("2025-03-01.dashboard", SPECIAL),
        ("2026-11-25.endive", NEWER), ("2027-03-31", NEWER),
    ],
)  # fmt: skip
def test_check_version(version: str, status: str) -> None:
    assert check_version(version).status == status
