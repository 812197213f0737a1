"""Issue 11, class 7 (and the eval's demo-vault seed data): made-up sample records are not card data."""

from __future__ import annotations

import pytest

from golive_ci.rules.card_number import luhn_valid
from tests.rules.test_card_number_processor_cards import SAMPLE_CARD, run_rule

RECORD = '{{"type": "card", "card": {{"cardholderName": "Demo Inc", "number": "{number}", "expMonth": "06"}}}}\n'


@pytest.mark.parametrize(
    "path",
    [
        "util/Seeder/Seeds/fixtures/ciphers/vault.json",  # seed data, even when a fixtures folder holds it
        "db/seeds/cards.yml",
        "demo/customers.csv",
        "mocks/payment_methods.json",
        "src/sample-data/wallet.toml",
    ],
)
def test_a_card_in_seed_demo_sample_or_mock_data_is_not_reported(path: str) -> None:
    assert luhn_valid(SAMPLE_CARD)
    assert run_rule(RECORD.format(number=SAMPLE_CARD), path) == []


def test_a_card_in_test_fixtures_is_still_shown_at_info() -> None:
    [finding] = run_rule(RECORD.format(number=SAMPLE_CARD), "spec/fixtures/wallet.json")
    assert finding.severity.value == "info" and "fixture" in finding.message
    assert SAMPLE_CARD not in finding.message


def test_a_card_in_seeding_code_is_still_an_error() -> None:
    [finding] = run_rule(f'card_number = "{SAMPLE_CARD}"\n', "db/seeds/cards.rb")
    assert finding.severity.value == "error"
