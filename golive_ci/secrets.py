"""Stripe secret formats, masking, and the last-line redaction every output passes through."""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

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


def blank_or_control_problem(name: str, value: str) -> str:
    """Why ``value`` (the variable ``name``, already stripped) cannot be a key, or "".

    A key holding a line break or another blank would be quoted back by the HTTP library's
    error ("Invalid header value …"): such a value is refused and never quoted.
    """
    if value.isprintable() and " " not in value:
        return ""
    return f"{name} holds whitespace or a control character, so it was not used (its value is not shown)"


# A run of this many characters of a given secret is hidden wherever it appears. Windows of
# _WINDOW characters looked up every _STEP characters find every run of _WINDOW + _STEP - 1.
FRAGMENT_LENGTH = 8
_WINDOW, _STEP = 6, 3


def secret_forms(value: str) -> list[str]:
    """The secret part of ``value`` (after a public prefix such as ``sk_live_``), as given and
    URL-encoded (``%2B`` and ``%2b``, ``+`` for a space): the forms an answer may echo it in."""
    from urllib.parse import quote, quote_plus

    body = value[len(secret_prefix(value)) :] if value.startswith(SECRET_PREFIXES) else value
    forms = [body, quote(body, safe=""), quote_plus(body)]
    forms += [re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), form) for form in forms[1:]]
    return list(dict.fromkeys(form for form in forms if len(form) >= FRAGMENT_LENGTH))


class FragmentScrubber:
    """Hides every run of at least FRAGMENT_LENGTH characters of the given secrets (see
    :func:`secret_forms`) in a text: a secret cut by a line break, truncated or URL-encoded in
    an error message is still not shown. Whole values are the caller's to replace first."""

    def __init__(self, values: Iterable[str]) -> None:
        self._windows: dict[str, list[str]] = {}
        for value in values:
            for form in secret_forms(value) if value else ():
                for start in range(len(form) - _WINDOW + 1):
                    holders = self._windows.setdefault(form[start : start + _WINDOW], [])
                    if form not in holders:
                        holders.append(form)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every run of a secret in ``text``, merged, in order."""
        found: list[tuple[int, int]] = []
        if not self._windows:
            return found
        windows = self._windows
        for start in range(0, len(text) - _WINDOW + 1, _STEP):
            forms = windows.get(text[start : start + _WINDOW])
            for form in forms or ():
                begin, end = start, start + _WINDOW
                while begin > 0 and text[begin - 1 : end] in form:
                    begin -= 1
                while end < len(text) and text[begin : end + 1] in form:
                    end += 1
                if end - begin >= FRAGMENT_LENGTH:
                    found.append((begin, end))
        merged: list[tuple[int, int]] = []
        for begin, end in sorted(found):
            if merged and begin <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((begin, end))
        return merged

    def __call__(self, text: str) -> str:
        spans = self.spans(text)
        if not spans:
            return text
        parts, last = [], 0
        for begin, end in spans:
            parts += [text[last:begin], "…"]
            last = end
        parts.append(text[last:])
        return "".join(parts)
