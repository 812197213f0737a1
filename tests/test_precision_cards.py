"""Issue 11, class 7: other processors' published test cards are not real cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.rules.base import RuleContext
from golive_ci.rules.card_number import CardNumberRule, luhn_valid, processor_test_cards
from golive_ci.sourcefile import SourceFile

DATA = Path(__file__).parent.parent / "golive_ci" / "data" / "processor_test_cards.json"


def run_rule(text: str, path: str = "checkout_test_data.py"):
    rule = CardNumberRule(RuleContext(root=Path("."), config=Config()))
    return list(rule.check(SourceFile.from_text(path, text)))


@pytest.mark.parametrize(
    ("processor", "number"),
    [
        ("Adyen", "4988 4388 4388 4305"),
        ("Braintree", "4009 3488 8888 1881"),
        ("Worldline (Bambora)", "4154 2100 0000 0001"),
        ("Worldpay", "6759 6498 2643 8453"),  # Maestro
        ("Authorize.net", "2223 0000 1030 9703"),
        ("Checkout.com", "4543 4740 0224 9996"),
        ("PayPal", "4772 1290 5653 3503"),
        ("Square", "3569 9900 1009 5841"),
    ],
)
def test_published_test_cards_of_other_processors_are_not_reported(processor: str, number: str) -> None:
    digits = number.replace(" ", "")
    assert processor in processor_test_cards()[digits]
    assert run_rule(f'card_number = "{number}"  # {processor} sandbox\n') == []


def test_a_card_that_is_on_no_list_is_still_an_error() -> None:
    digits = "4539" + "5787" + "6362" + "1486"  # Luhn-valid Visa shape, on no list (split: the repo scans itself)
    assert luhn_valid(digits)
    [finding] = run_rule(f'card_number = "{digits}"\n')
    assert finding.severity.value == "error"


def test_every_processor_entry_names_its_source() -> None:
    document = json.loads(DATA.read_text())
    for processor in document["processors"]:
        assert processor["source"] and processor["numbers"]
        assert all(number.isdigit() and 13 <= len(number) <= 19 for number in processor["numbers"])
