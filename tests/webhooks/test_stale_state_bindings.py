"""The event-object binding patterns of webhook-stale-state start a name only where a word starts
(a match from inside a word could only repeat the one from its start, at quadratic cost): the names
they find are those the patterns without that guard find."""

from __future__ import annotations

import random
import re

from golive_ci.webhooks.stale_state import _EVENT_OBJECT_BINDINGS

WORDS = ("sub", "$sub", "@inv", "event", "data", "object", "Data", "Object", "Raw", "stripe", "Stripe", "x1")
GLUE = (
    " = ", ":=", " := ", ": Stripe.", " *stripe.", ".", "->", "[", "]", "['", "']", '"', "(", ")", ";", "\n", " ", ": ",
    "getDataObjectDeserializer", "Subscription", "Invoice", "PaymentIntent", "\\Stripe\\", " $",
)  # fmt: skip


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(GLUE) for _ in range(rng.randint(1, 30)))


def _unguarded(pattern: str, guards: tuple[str, ...]) -> str:
    return next((pattern.removeprefix(guard) for guard in guards if pattern.startswith(guard)), pattern)


def test_guarded_patterns_bind_the_same_names() -> None:
    rng = random.Random(7)
    guards = ("(?:(?=[$@])|(?<!\\w)|(?<=getDataObjectDeserializer))", "(?<!\\w)")
    plain = [re.compile(_unguarded(pattern.pattern, guards)) for pattern in _EVENT_OBJECT_BINDINGS]
    found = 0
    for _ in range(3_000):
        text = _text(rng)
        for guarded, unguarded in zip(_EVENT_OBJECT_BINDINGS, plain, strict=True):
            names = {m.group("name") for m in guarded.finditer(text)}
            assert names == {m.group("name") for m in unguarded.finditer(text)}, (unguarded.pattern, text)
            found += len(names)
    assert found > 500
