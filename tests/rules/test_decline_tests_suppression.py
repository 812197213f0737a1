"""Issue 11, class 12: decline-tests can be suppressed where it reports."""

from __future__ import annotations

from pathlib import Path

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding

HAPPY_TEST = "def test_pay(client):\n    assert client.post('/pay', data={'payment_method': 'pm_card_visa'}).ok\n"


def run(root: Path, files: dict[str, str]) -> list[Finding]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return scan([root], root, Config(), select=["decline-tests"]).findings


def test_a_marker_at_the_reported_line_suppresses_it(tmp_path: Path) -> None:
    files = {"app/pay.py": "import stripe\n", "tests/test_pay.py": HAPPY_TEST}
    [finding] = run(tmp_path / "plain", files)
    assert (finding.path, finding.line) == ("app/pay.py", 1)
    files["app/pay.py"] = "import stripe  # golive-ci: ignore[decline-tests]\n"
    assert run(tmp_path / "inline", files) == []
    files["app/pay.py"] = "# golive-ci: ignore[decline-tests]\nimport stripe\n"
    assert run(tmp_path / "above", files) == []


def test_a_marker_for_another_rule_does_not_suppress_it(tmp_path: Path) -> None:
    files = {"app/pay.py": "import stripe  # golive-ci: ignore[secret-key]\n", "tests/test_pay.py": HAPPY_TEST}
    assert len(run(tmp_path, files)) == 1
