"""Issue 11, class 1: Python newer than the interpreter is still checked; what cannot be parsed is said once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.python_compat import parse_newer
from golive_ci.report.json_format import render_json
from golive_ci.report.sarif import build_sarif
from golive_ci.report.text import render_text

PY312_SERVICE = """import json
import stripe

type Amount = int


class Billing[T]:
    def charge[U: (int, str) = int](self, amount: U) -> U:
        try:
            stripe.Charge.create(amount=amount, currency="eur", source="tok_visa")
        except stripe.StripeError:
            return {"error": "server"}
        return amount


def hook(request):
    event = json.loads(request.data)
    print(f"{event["type"]}: {event}")
    if event["type"] == "checkout.session.completed":
        fulfil(event)
    try:
        pass
    except ValueError, TypeError:
        pass
    return t"done {event}"
"""


def run(root: Path, files: dict[str, str]):
    for name, text in files.items():
        (root / name).write_text(text)
    return scan([root], root, Config(), select=["card-error-handling", "idempotency-key", "webhook-signature",
                                                 "sensitive-log"])  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "type Point[T] = tuple[T, T]\n",
        "if True:\n    type Alias = int\n",
        "def first[T: (int, str) = int](xs: list[T]) -> T:\n    return xs[0]\n",
        "class Box[T](Base):\n    pass\n",
        "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
        'x = f"{d["a"]} and {d[\'b\']}"\n',
        'y = t"hello {name}"\n',
        'text(\n    f"-{\n        currency(\n            amount,\n        )\n    }"\n)\n',
        "class Mixin[\n    M: Model,\n\n    ID,  # note\n](Base):\n    pass\n",
    ],
)
def test_newer_syntax_parses_on_this_interpreter(text: str) -> None:
    assert parse_newer(text.encode()) is not None


def test_every_python_rule_checks_a_file_with_3_12_to_3_14_syntax(tmp_path: Path) -> None:
    report = run(tmp_path, {"billing.py": PY312_SERVICE})
    assert report.notices == []
    assert {(f.rule, f.line) for f in report.findings} >= {
        ("card-error-handling", 10),
        ("idempotency-key", 10),
        ("webhook-signature", 16),
        ("sensitive-log", 18),
    }


def test_a_file_that_still_cannot_be_parsed_is_one_notice_shown_everywhere(tmp_path: Path) -> None:
    report = run(tmp_path, {"broken.py": "import stripe\n\ndef f(:\n    stripe.Charge.create(amount=1)\n"})
    [notice] = report.notices
    assert notice.path == "broken.py" and "could not parse Python source (line 3)" in notice.message
    assert report.summary()["files_unparsed"] == 1
    text = render_text(report, infos={})
    assert "broken.py" in text and "1 could not be parsed, so not checked" in text.splitlines()[-1]
    assert json.loads(render_json(report, infos={}))["summary"]["files_unparsed"] == 1
    sarif = build_sarif(report, {})
    [note] = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]  # type: ignore[index]
    assert "could not parse" in note["message"]["text"]
