"""test-object-id's ID pattern is written for speed (it starts with a character set); it must find
exactly what the plain pattern of the rule's definition finds."""

from __future__ import annotations

import random
import re

from golive_ci.rules.test_object_id import _ID, OBJECT_ID_RE

PIECES = ("price", "prod", "plan", "promo", "txr", "shr", "_", "__", "p", "s", "t", "x", "1", "9", "A", "b")
SEPARATORS = (" ", "\n", '"', "'", "=", ":", "(", ",", "-", ".", "/", "é", "$", "@", "")


def _text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 40)):
        parts.append(rng.choice(PIECES) + rng.choice(("", "", "_")))
        if rng.random() < 0.5:
            parts.append("".join(rng.choice("abcXYZ0123456789") for _ in range(rng.randint(0, 14))))
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts)


def test_the_fast_pattern_finds_what_the_plain_one_finds() -> None:
    plain = re.compile(_ID)
    rng = random.Random(13)
    matched = 0
    for _ in range(5_000):
        text = _text(rng)
        expected = [(m.span(), m.group(0)) for m in plain.finditer(text)]
        assert [(m.span(), m.group(0)) for m in OBJECT_ID_RE.finditer(text)] == expected, text
        matched += len(expected)
    assert matched > 250  # the texts do hold IDs, not only near misses


def test_ids_next_to_word_characters_are_not_ids() -> None:
    body = "1a2b3c4d5e"
    assert [m.group(0) for m in OBJECT_ID_RE.finditer(f"xprice_{body} price_{body} _prod_{body} (shr_{body})")] == [
        f"price_{body}",
        f"shr_{body}",
    ]
