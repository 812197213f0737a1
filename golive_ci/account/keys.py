"""What kind of key a value is, and scrubbing key values out of any text before it is shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from golive_ci.secrets import FragmentScrubber, redact

KEY_KINDS: dict[str, tuple[str, str, bool]] = {
    # prefix: (description, mode, restricted)
    "rk_live_": ("live restricted key", "live", True),
    "sk_live_": ("live secret key", "live", False),
    "rk_test_": ("test restricted key", "test", True),
    "sk_test_": ("test secret key", "test", False),
    "pk_live_": ("live publishable key", "live", False),
    "pk_test_": ("test publishable key", "test", False),
    "sk_org_live_": ("live organization key", "live", False),
    "sk_org_test_": ("test organization key", "test", False),
    "whsec_": ("webhook signing secret", "none", False),
}


MIN_KEY_LENGTH = 16


@dataclass(frozen=True)
class KeyKind:
    """A key's kind, from its prefix only. Holds nothing of the key's secret part."""

    prefix: str  # "rk_live_", or "" when the value is not a Stripe key
    description: str
    mode: str  # "live", "test", "none" or "unknown"
    restricted: bool

    @property
    def label(self) -> str:
        return f"{self.description} ({self.prefix}…)" if self.prefix else self.description

    @property
    def usable_secret(self) -> bool:
        """A key the API accepts for reads: secret, restricted or organization keys."""
        return self.prefix.startswith(("sk_", "rk_"))

    def to_dict(self) -> dict[str, object]:
        return {
            "prefix": self.prefix,
            "description": self.description,
            "mode": self.mode,
            "restricted": self.restricted,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> KeyKind:
        return cls(
            prefix=str(data.get("prefix", "")),
            description=str(data.get("description", "unknown value")),
            mode=str(data.get("mode", "unknown")),
            restricted=bool(data.get("restricted", False)),
        )


def key_kind(key: str) -> KeyKind:
    value = key.strip()
    for prefix in sorted(KEY_KINDS, key=len, reverse=True):
        if value.startswith(prefix):
            description, mode, restricted = KEY_KINDS[prefix]
            return KeyKind(prefix, description, mode, restricted)
    return KeyKind("", "value that is not a Stripe API key", "unknown", False)


class Scrubber:
    """Removes the given key values (and anything key-shaped) from text meant for people or files."""

    def __init__(self, keys: Iterable[str | None]) -> None:
        # Values too short to be a key (a placeholder such as "x") would shred every message.
        self._keys = sorted({k for k in keys if k and len(k) >= MIN_KEY_LENGTH}, key=len, reverse=True)
        # A key can be echoed cut short, cut by a line break or URL-encoded: hide every long run of it.
        self._fragments = FragmentScrubber(self._keys)

    def __call__(self, text: str) -> str:
        for key in self._keys:
            if key in text:
                text = text.replace(key, key_kind(key).prefix + "…")
        return redact(self._fragments(text))
