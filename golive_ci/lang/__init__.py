"""What each language looks like to golive-ci, in one place per language.

Each module of this package describes one language family with :class:`LanguageProfile` objects
in a ``PROFILES`` tuple: the file suffixes that select it and the idioms of its Stripe SDK that
rules ask about. The package finds its modules itself, so adding a language is one module here:
rules read :func:`profile` and never name a language's idioms.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import cache


class LanguageProfile:
    """One language: its file suffixes and the idioms of its Stripe SDK (a plain class: the hooks
    import this at start-up, and ``dataclasses`` costs more than the whole profile table)."""

    __slots__ = ("card_error", "idempotency_option", "name", "stripe_code", "stripe_code_flags", "suffixes")

    def __init__(
        self,
        name: str,
        suffixes: tuple[str, ...],
        *,
        stripe_code: str,
        card_error: str,
        idempotency_option: str,
        stripe_code_flags: int = 0,
    ) -> None:
        self.name = name
        self.suffixes = suffixes
        # Where application code uses the Stripe SDK (an import, a client, a namespaced class).
        self.stripe_code = stripe_code
        self.stripe_code_flags = stripe_code_flags
        # How the SDK names a card error, and how a request passes an idempotency key, as a
        # developer would write them.
        self.card_error = card_error
        self.idempotency_option = idempotency_option

    def sibling(self, name: str, suffixes: tuple[str, ...]) -> LanguageProfile:
        """The same idioms under another name (TypeScript shares JavaScript's SDK)."""
        return LanguageProfile(
            name,
            suffixes,
            stripe_code=self.stripe_code,
            card_error=self.card_error,
            idempotency_option=self.idempotency_option,
            stripe_code_flags=self.stripe_code_flags,
        )

    @property
    def stripe_code_re(self) -> re.Pattern[str]:
        return _compiled(self.stripe_code, self.stripe_code_flags)


@cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)  # at the first use: a hook that never asks compiles nothing


@cache
def profiles() -> dict[str, LanguageProfile]:
    """Every language profile by name, from the modules of this package."""
    found: dict[str, LanguageProfile] = {}
    # A directory listing, not pkgutil: pkgutil imports inspect and typing, ~8 ms of every hook run.
    names = {entry.split(".")[0] for folder in __path__ for entry in os.listdir(folder) if entry.endswith(".py")}
    for module in sorted(name for name in names if not name.startswith("_")):
        for language in importlib.import_module(f"{__name__}.{module}").PROFILES:
            found[language.name] = language
    return found


def profile(name: str | None) -> LanguageProfile | None:
    return profiles().get(name or "")


@cache
def language_by_suffix() -> dict[str, str]:
    return {suffix: language.name for language in profiles().values() for suffix in language.suffixes}
