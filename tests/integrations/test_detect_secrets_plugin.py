"""The secret-key detector as a detect-secrets plugin, driven by detect-secrets itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keys import body, key

pytest.importorskip("detect_secrets")


def plugin_path() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "golive_ci.integrations.detect_secrets_plugin"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_module_prints_its_path_for_the_plugin_flag() -> None:
    path = Path(plugin_path())
    assert path.name == "detect_secrets_plugin.py" and path.is_file()


def test_detect_secrets_scan_finds_what_its_own_stripe_plugin_misses(tmp_path: Path) -> None:
    webhook, test_key, org = key("whsec", 32), key("sk_test", 99), key("sk_org_live", 61)
    placeholder = "sk_live_" + "x" * 30
    lookalike = "task_live_" + body(30)
    (tmp_path / "settings.py").write_text(
        f"A = '{webhook}'\nB = '{test_key}'\nC = '{org}'\nD = '{placeholder}'\nE = '{lookalike}'\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "detect_secrets", "scan", "--plugin", plugin_path(),
         "--disable-plugin", "StripeDetector",
         "--disable-filter", "detect_secrets.filters.heuristic.is_likely_id_string", "settings.py"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    results = json.loads(result.stdout)["results"].get("settings.py", [])
    ours = sorted(r["line_number"] for r in results if r["type"] == "Stripe Secret (golive-ci)")
    assert ours == [1, 2, 3]
    assert webhook not in result.stdout  # detect-secrets stores hashes, never the secret
