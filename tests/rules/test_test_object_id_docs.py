"""Issue 11, class 6: test-object-id leaves documentation formats alone, like Markdown."""

from __future__ import annotations

import pytest

from golive_ci.rules.test_object_id import TestObjectIdRule as ObjectIdRule
from tests.rule_runner import check_text

PRICE = "price_" + "1MoBy5LkdIwHu7ixZhnattbh"


def check(path: str, text: str) -> list:
    return check_text(ObjectIdRule, path, text)


@pytest.mark.parametrize(
    "path",
    [
        "docs/pricing.mdx",
        "docs/design.rst",
        "docs/billing.adoc",
        "notes/plan.org",
        "doc/api.asciidoc",
        "README",
        "notebooks/pricing.ipynb",
        "docs/examples/checkout.py",
        "design/billing.yaml",
        "rfcs/0007-plans.txt",
    ],
)
def test_documentation_formats_are_docs(path: str) -> None:
    assert check(path, f'Use the price "{PRICE}" when testing the checkout.\n') == []


def test_code_is_still_checked() -> None:
    assert len(check("app/checkout.py", f'PRICE = "{PRICE}"\n')) == 1
