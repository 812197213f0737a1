"""card-number: real-looking card numbers are found, masked, and told apart from test cards and digit noise.

Card numbers that are not Stripe test cards are generated at run time (``luhn_number``), so the
repository never holds one and passes its own scan.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Severity
from golive_ci.report import render
from golive_ci.rules.base import RuleContext
from golive_ci.rules.card_number import CardNumberRule, card_brand, is_placeholder, luhn_valid, stripe_test_cards
from golive_ci.sourcefile import SourceFile
from tests import paths
from tests.rule_runner import findings_on, new_rule


def luhn_number(prefix: str, length: int = 16, seed: int = 1) -> str:
    """A Luhn-valid, non-placeholder number starting with ``prefix`` (not a Stripe test card)."""
    rng = random.Random(f"{prefix}-{length}-{seed}")
    while True:
        body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
        number = body + next(d for d in "0123456789" if luhn_valid(body + d))
        if not is_placeholder(number) and number not in stripe_test_cards().numbers:
            return number


def grouped(number: str, separator: str = " ") -> str:
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


def check(text: str, path: str = "fixture.txt") -> list[Finding]:
    return findings_on(new_rule(CardNumberRule), path, text, ask_wants=False)


VISA = luhn_number("4539")
BRANDS = {
    "Visa": luhn_number("4916"),
    "Mastercard": luhn_number("5412"),
    "Mastercard 2-series": luhn_number("2720"),
    "American Express": luhn_number("3714", 15),
    "Discover": luhn_number("6011"),
    "JCB": luhn_number("3530"),
    "Diners Club": luhn_number("3056", 14),
    "UnionPay": luhn_number("6212", 19),
}


@pytest.mark.parametrize("label", sorted(BRANDS))
def test_each_brand_is_found_in_card_context(label: str) -> None:
    number = BRANDS[label]
    findings = check(f'payment = {{"card_number": "{number}", "exp": "12/34"}}\n')
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR and finding.checklist == "logging"
    assert (finding.line, finding.column) == (1, 28)
    assert finding.end_column == 28 + len(number)
    assert f"•••• {number[-4:]}" in finding.message
    assert label.split(" 2-")[0] in finding.message


@pytest.mark.parametrize(
    "line",
    [
        f"cardNumber: '{VISA}'",
        f"CC_NUM={VISA}",
        f'<input name="cc" value="{VISA}">',
        f"| Visa | {VISA} |",
        f"number: {VISA}  # customer's card",
        f"{VISA} 12/34 123  card",
        grouped(VISA),
        grouped(VISA, "-"),
        f"Card: {grouped(BRANDS['American Express'][:4])}",
    ],
)
def test_card_like_context_or_formatting_is_reported(line: str) -> None:
    if line.startswith("Card: "):  # Amex is written 4-6-5
        amex = BRANDS["American Express"]
        line = f"Card: {amex[:4]} {amex[4:10]} {amex[10:]}"
    assert len(check(line + "\n")) == 1, line


def test_context_on_the_line_above_counts() -> None:
    assert len(check(f"# the customer's visa\n{VISA}\n")) == 1


def test_the_number_itself_never_appears_in_any_output(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_text(f"name,card_number\nAda,card {VISA}\n")
    report = scan([tmp_path], tmp_path, Config(), select=["card-number"])
    assert len(report.findings) == 1
    finding = report.findings[0]
    assert finding.details == {"card": f"•••• {VISA[-4:]}", "brand": "Visa", "digits": 16}
    for fmt in ("text", "json", "sarif", "github"):
        output = render(report, fmt, {}, color=False)
        assert VISA not in output and VISA[:12] not in output and "•••• " + VISA[-4:] in output
    assert VISA not in finding.fingerprint and VISA not in json.dumps(finding.details)


def test_every_stripe_test_card_is_allowed_even_in_card_context() -> None:
    cards = [c["number"] for c in json.loads(_data_text())["cards"]]
    assert "4242424242424242" in cards and "4000000000000002" in cards and len(cards) > 100
    text = "".join(f"card number: {n}\ncard: {grouped(n)}\n" for n in cards)
    assert check(text) == []


def test_other_processors_well_known_test_numbers_are_allowed() -> None:
    assert check("card_number = '4111111111111111'\ncard: 5500 0000 0000 0004\namex card 378734493671000\n") == []


def test_test_card_data_is_consistent() -> None:
    document = json.loads(_data_text())
    for card in document["cards"]:
        assert card["number"].isdigit() and 13 <= len(card["number"]) <= 19
        assert luhn_valid(card["number"]) or card["number"] == "4242424242424241"  # the "incorrect number" card
        assert card_brand(card["number"]) is not None or card["brand"] in ("bccard", "carnet")
    data = stripe_test_cards()
    assert "4000000000000002" in data.failure_numbers and "4242424242424242" not in data.failure_numbers
    assert "pm_card_visa_chargeDeclined" in data.failure_payment_methods
    assert "tok_chargeDeclined" in data.failure_tokens


def _data_text() -> str:
    return (paths.ROOT / "golive_ci" / "data" / "stripe_test_cards.json").read_text()


@pytest.mark.parametrize(
    "line",
    [
        "created: 1700000000000",  # a millisecond timestamp (no card network starts with 1)
        "ts = 1732612345678901234",  # nanoseconds
        "snowflake: 1234567890123456789",
        f"amount = {VISA}",  # digits without card context
        f"order_id: {VISA}",  # card context word with a stronger "this is an id" word
        f"card_id = {VISA}",
        f"phone: +{VISA[:13]}",
        f"x = 0.{VISA}",  # a float's digits
        f"x = {VISA}.5",
        f"sha: a{VISA}f",  # inside a hex string
        f"card: {VISA}0",  # part of a longer run
        f"card: 12 {grouped(VISA)}",  # a table of small numbers
        f"imei card slot {luhn_number('35', 15)}",  # IMEIs pass Luhn but fit no card brand
        f"card: {VISA[:-1]}{(int(VISA[-1]) + 1) % 10}",  # fails the Luhn check
        "card: 4444 4444 4444 4448",  # placeholder
        "card_number: 4000000000000000000",
        "card: 1234 5678 9012 3452",  # no card network
        "MAX = 4503599627370496  # 2**52 number",
        "uuid: 4539a6b1-1234-5678-9012-345678901234",
    ],
)
def test_digit_noise_is_not_reported(line: str) -> None:
    assert check(line + "\n") == [], line


def test_streamed_chunks_report_real_line_numbers() -> None:
    rule = CardNumberRule(RuleContext(root=Path("."), config=Config()))
    chunk = SourceFile(path="big.log", data=f"x\ncard {VISA}\n".encode(), first_line=1001)
    findings = list(rule.check(chunk))
    assert [(f.line, f.column) for f in findings] == [(1002, 6)]
    assert CardNumberRule.streamable


def test_suppression_comment_and_fingerprint_stability(tmp_path: Path) -> None:
    path = tmp_path / "fixture.py"
    path.write_text(f"CARD = '{VISA}'  # golive-ci: ignore[card-number]\n\nOTHER_CARD = '{BRANDS['Visa']}'\n")
    report = scan([tmp_path], tmp_path, Config(), select=["card-number"])
    assert [f.line for f in report.findings] == [3]
    path.write_text(f"\n\n\n\nOTHER_CARD = '{BRANDS['Visa']}'\n")
    moved = scan([tmp_path], tmp_path, Config(), select=["card-number"])
    assert moved.findings[0].fingerprint == report.findings[0].fingerprint


def test_binary_and_non_utf8_files_do_not_crash(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\0\x01card " + VISA.encode())
    (tmp_path / "latin1.txt").write_bytes(b"carte bancaire \xe9 card " + VISA.encode())
    report = scan([tmp_path], tmp_path, Config(), select=["card-number"])
    assert [f.path for f in report.findings] == ["latin1.txt"]


def test_files_too_large_to_read_whole_are_streamed(tmp_path: Path) -> None:
    filler = "0123456789 filler line without numbers worth reporting\n" * 170_000  # ~9.5 MB
    (tmp_path / "dump.sql").write_text(filler + f"INSERT INTO cards (card_number) VALUES ('{VISA}');\n")
    report = scan([tmp_path], tmp_path, Config(), select=["card-number"])
    assert [(f.path, f.line) for f in report.findings] == [("dump.sql", 170_001)]


def test_the_pre_commit_hook_fails_on_a_card_and_prints_it_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from golive_ci.hooks.stripe_golive import main

    (tmp_path / "seed.py").write_text(f"CUSTOMER_CARD = {{'number': '{VISA}'}}\n")
    (tmp_path / "ok.py").write_text("CARD = '4242 4242 4242 4242'\n")
    monkeypatch.chdir(tmp_path)
    assert main(["--select", "card-number", "seed.py", "ok.py"]) == 1
    output = capsys.readouterr().out
    assert "seed.py:1:" in output and f"•••• {VISA[-4:]}" in output and VISA not in output
    assert "ok.py" not in output
    assert main(["--select", "card-number", "ok.py"]) == 0


def test_a_csv_column_named_like_a_card_field_is_context_for_its_cells() -> None:
    other = BRANDS["Mastercard"]
    rows = f"Ada,{VISA},12/34\nBob,{other},01/30\n"
    assert [f.line for f in check("name,cc_number,exp\n" + rows, "exports/customers.csv")] == [2, 3]
    assert check("name,account_id,exp\n" + rows, "exports/customers.csv") == []
    assert [f.line for f in check(f"name\tcard\nAda\t{VISA}\n", "customers.tsv")] == [2]
    assert [f.line for f in check("name,cc_number,exp\n" + rows, "notes.txt")] == [2]  # the line above only
