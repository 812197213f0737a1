"""Stripe secret formats, masking, and the last-line redaction every output passes through."""

from __future__ import annotations

import re

# Prefixes of Stripe credentials that must never be committed (publishable ``pk_`` keys are public).
SECRET_PREFIXES: tuple[str, ...] = (
    "sk_org_live_",
    "sk_org_test_",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "rk_test_",
    "whsec_",
)

# Cheap byte needles for a substring pre-filter before any regex runs.
NEEDLES: tuple[bytes, ...] = (b"k_live_", b"k_test_", b"whsec_", b"sk_org_")

_API_KEY = r"(?:sk_org_(?:live|test)_|[sr]k_(?:live|test)_)[A-Za-z0-9]{24,250}(?![A-Za-z0-9])"
_WEBHOOK_SECRET = r"whsec_[A-Za-z0-9+/]{24,250}={0,2}(?![A-Za-z0-9+/=])"

# Symmetric boundaries: no letter, digit or underscore may stand before the prefix
# (so ``task_live_…`` and ``xsk_live_…`` are not keys) and the body ends where its alphabet ends,
# whatever delimiter follows (quote, ``:``, ``,``, ``&``, ``<``, ``)``, newline, end of input).
SECRET_RE = re.compile(rf"(?<![A-Za-z0-9_])(?:{_API_KEY}|{_WEBHOOK_SECRET})")


def hex_digest(text: str, algorithm: str = "sha256") -> str:
    """Hex digest of ``text``. ``hashlib`` is imported on first use: it loads OpenSSL, about 3 ms
    of start-up that a pre-commit run without findings does not need."""
    import hashlib

    return hashlib.new(algorithm, text.encode("utf-8", "replace")).hexdigest()


def secret_prefix(secret: str) -> str:
    for prefix in SECRET_PREFIXES:
        if secret.startswith(prefix):
            return prefix
    return secret[:3]


def mask(secret: str) -> str:
    """``sk_live_…Xk9Q``: the prefix and the last four characters, never more."""
    prefix = secret_prefix(secret)
    tail = secret[len(prefix) :][-4:] if len(secret) - len(prefix) >= 12 else ""
    return f"{prefix}…{tail}"


def redact(text: str) -> str:
    """Mask every key-shaped string in ``text``: the safety net under every output format."""
    if "k_" not in text and "whsec_" not in text:
        return text
    return SECRET_RE.sub(lambda m: mask(m.group(0)), text)
