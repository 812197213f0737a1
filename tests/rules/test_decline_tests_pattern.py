"""decline-tests' card-number pattern is written for speed (it starts with a digit); it must find
exactly what the plain pattern of its comment finds."""

from __future__ import annotations

import random
import re

from golive_ci.rules.decline_tests import NUMBER_RE

PLAIN = re.compile(r"(?<![0-9])[0-9]{4}(?:[ -]?[0-9]{4}){3}(?![0-9])")


def test_the_fast_pattern_finds_what_the_plain_one_finds() -> None:
    rng = random.Random(16)
    matched = 0
    for _ in range(4_000):
        pieces = [rng.choice(("4000", "0000", "4242", "1", "12", " ", "-", "x", "\n", "٣")) for _ in range(30)]
        text = "".join(pieces)
        expected = [m.span() for m in PLAIN.finditer(text)]
        assert [m.span() for m in NUMBER_RE.finditer(text)] == expected, text
        matched += len(expected)
    assert matched > 500


def test_numbers_next_to_digits_are_not_card_numbers() -> None:
    text = "4000000000000002 14000000000000002 4000-0000-0000-0002 40000000000000021 x4000 0000 0000 9995"
    assert [m.group(0) for m in NUMBER_RE.finditer(text)] == [
        "4000000000000002",
        "4000-0000-0000-0002",
        "4000 0000 0000 9995",
    ]
