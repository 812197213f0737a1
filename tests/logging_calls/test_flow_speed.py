"""field_of_converted answers as the plain bracket walk does, without walking a large value per path."""

from __future__ import annotations

import random
import re

from golive_ci.logging_calls.flow import field_of_converted

FIELD_ACCESS = re.compile(
    r"(?:\??\.|->)\s*(?!(?:to_?s|to_?h|to_?json|json|text|read|decode|string|tostring|dump|dumps)\b)\w+|\["
)


def _walk(value: str, path: str) -> bool:
    """The definition: from the end of ``path``, the first bracket that closes more than opened is a
    ``)`` followed by a field read."""
    index = value.find(path)
    if index < 0:
        return False
    depth = 0
    for position in range(index + len(path), len(value)):
        if value[position] in "([{":
            depth += 1
        elif value[position] in ")]}":
            depth -= 1
            if depth < 0:
                rest = value[position + 1 :].lstrip()
                return value[position] == ")" and FIELD_ACCESS.match(rest) is not None
    return False


def test_the_same_answers_as_the_bracket_walk() -> None:
    rng = random.Random(1)
    endings = [").get('x')", ").email", ")->id", ")['id']", ").to_s", ") .json", ")]", ""]
    for _ in range(20_000):
        value = "".join(rng.choice("ab().[]{}-> x_") for _ in range(rng.randint(0, 30))) + rng.choice(endings)
        start = rng.randint(0, len(value))
        path = value[start : start + rng.randint(1, 4)] or "zz"
        assert field_of_converted(value, path) == _walk(value, path), (value, path)


def test_a_large_value_is_scanned_once_not_once_per_path() -> None:
    from golive_ci.logging_calls.flow import _bracket_levels

    value = "json_decode([" + ", ".join(f"'k{i}' => $v{i}" for i in range(20_000)) + "])->field"
    converted = "json_decode(" + ", ".join(f"$v{i}" for i in range(20_000)) + ")->field"
    _bracket_levels.cache_clear()
    assert not any(field_of_converted(value, f"$v{i}") for i in range(0, 20_000, 7))  # `]` closes first
    assert all(field_of_converted(converted, f"$v{i}") for i in range(0, 20_000, 7))
    # The brackets of each value were walked once (the old walk went to the end once per path).
    assert _bracket_levels.cache_info().misses == 2
