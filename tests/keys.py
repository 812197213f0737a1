"""Key-shaped test data, assembled at run time so the repository never holds a literal key."""

from __future__ import annotations

import random
import string

ALPHABET = string.ascii_letters + string.digits


def body(length: int = 99, seed: int = 7) -> str:
    """A random-looking key body (deterministic per seed)."""
    rng = random.Random(seed * 1000 + length)
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def key(kind: str = "sk_live", length: int = 99, seed: int = 7) -> str:
    """``key("sk_live")`` -> ``"sk_" + "live_" + body``; ``key("whsec")`` -> a webhook secret."""
    prefix = "whsec_" if kind == "whsec" else kind + "_"
    return prefix + body(length, seed)


def docs_key(which: int = 0) -> str:
    """Stripe's public documentation test keys (published on docs.stripe.com)."""
    bodies = ("4eC39HqLyjWDarjtT1zdp7dc", "BQokikJOvBiI2HlWgH4olfQ2")
    return "sk_" + "test_" + bodies[which]
