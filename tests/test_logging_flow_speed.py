"""field_of_converted answers as the plain bracket walk does, without walking a large value per path."""

from __future__ import annotations

import random
import re
import time

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


def test_a_large_literal_costs_linear_time() -> None:
    value = "json_decode([" + ", ".join(f"'k{i}' => $v{i}" for i in range(20_000)) + "])->field"
    started = time.perf_counter()
    answers = [field_of_converted(value, f"$v{i}") for i in range(0, 20_000, 7)]
    assert not any(answers)  # the first bracket closing past each is the array's `]`
    converted = "json_decode(" + ", ".join(f"$v{i}" for i in range(20_000)) + ")->field"
    assert all(field_of_converted(converted, f"$v{i}") for i in range(0, 20_000, 7))
    assert time.perf_counter() - started < 2.0  # walking to the end per path took minutes here
