"""Issue 11, class 7: other processors' published test cards are not real cards."""

from __future__ import annotations

import json

import pytest

from golive_ci.rules.card_number import CardNumberRule, luhn_valid, processor_test_cards
from tests import paths
from tests.rule_runner import findings_on, new_rule

DATA = paths.ROOT / "golive_ci" / "data" / "processor_test_cards.json"


def run_rule(text: str, path: str = "checkout_test_data.py"):
    return findings_on(new_rule(CardNumberRule), path, text, ask_wants=False)


@pytest.mark.parametrize(
    ("processor", "number"),
    [
        ("Adyen", "4988 4388 4388 4305"),
        ("Braintree", "4009 3488 8888 1881"),
        ("Worldline (Bambora)", "4154 2100 0000 0001"),
        ("Bambora North America (Beanstream)", "5100 0000 2000 2000"),  # declined Mastercard
        ("Bambora North America (Beanstream)", "4030 0000 1000 1234"),  # approved Visa
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


def test_beanstream_test_cards_in_a_commented_out_request_are_not_reported() -> None:
    text = (
        "// Beanstream test request:\n"
        '//transaction = "requestType=BACKEND&merchant_id=1&trnCardOwner=Test&trnCardNumber=5100000020002000'
        '&trnExpMonth=01";\n'
        "// &trnCardNumber=4003050500040005 (declined Visa)\n"
    )
    assert run_rule(text, "src/main/java/shop/payment/BeanStreamPayment.java") == []


SAMPLE_CARD = "4716" + "2093" + "5518" + "4072"  # Luhn-valid Visa shape, on no list (split: the repo scans itself)


@pytest.mark.parametrize(
    "path",
    [
        "spec/fixtures/wallet.xml",
        "test/fixtures/payment_methods.json",
    ],
)
def test_a_card_in_fixture_data_is_info_not_error(path: str) -> None:
    assert luhn_valid(SAMPLE_CARD)
    [finding] = run_rule(f'{{"type": "card", "card": {{"brand": "Visa", "number": "{SAMPLE_CARD}"}}}}\n', path)
    assert finding.severity.value == "info"
    assert "test fixture data" in finding.message
    assert SAMPLE_CARD not in finding.message


@pytest.mark.parametrize(
    "path",
    [
        "src/Seeder/CardSeeder.cs",  # code in a seeder folder: code, not data
        "app/billing/cards.json",  # a data file outside any sample folder
        "config/production.yml",
    ],
)
def test_a_card_in_code_or_other_data_is_still_an_error(path: str) -> None:
    [finding] = run_rule(f'card_number = "{SAMPLE_CARD}"\n', path)
    assert finding.severity.value == "error"
