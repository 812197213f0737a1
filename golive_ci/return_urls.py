"""Where Stripe sends customers back to: the return-URL parameters of every SDK, and what their
values are built from. Data and text helpers for the ``live-return-urls`` rule.

Values are read from the source text (the expression after the key, up to the end of the
argument), and identifiers in them are followed to their definitions in the same file, two steps
deep: a ``success_url`` built from ``DOMAIN``, where ``DOMAIN`` reads the environment with a
localhost default.
"""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern
from golive_ci.posix_paths import posix_path

# The parameter as each SDK spells it: snake_case (Python, Ruby, PHP, Node), Go's SuccessURL,
# .NET's SuccessUrl, Java's setSuccessUrl(…).
_NAMES = r"(?:success|cancel|return|refresh)"
KEY_RE = lazy_pattern(
    rf"(?<![\w$])(?:[\"']?(?P<snake>{_NAMES}_url)[\"']?\s*(?:=>|:(?!:)|=(?![=>]))"
    r"|(?P<pascal>(?:Success|Cancel|Return|Refresh)(?:Url|URL))\s*(?::(?!:)|=(?![=>]))"
    r"|\.set(?P<setter>(?:Success|Cancel|Return|Refresh)Url)\s*\()"
)
NEEDLES: tuple[bytes, ...] = tuple(
    name + suffix for name in (b"uccess", b"ancel", b"eturn", b"efresh") for suffix in (b"_url", b"Url", b"URL")
)
STRIPE_NEEDLES: tuple[bytes, ...] = (b"tripe", b"TRIPE")
# Account Links: live mode refuses a non-HTTPS return_url / refresh_url outright.
ACCOUNT_LINK_RE = lazy_pattern(
    r"accountLinks\.create|AccountLink(?:::|\.)create|account_links\.create|AccountLinkCreateParams"
    r"|AccountLinkCreateOptions|AccountLinkParams|AccountLinkService|accountlink\.New|account_link"
)
ACCOUNT_LINK_WINDOW = 800
# A Stripe call or parameter class near the key: other processors (PayPal, NOWPayments, Toss)
# and other products' own APIs take success and return URLs too.
STRIPE_NEAR_RE = lazy_pattern(
    r"(?i)stripe|SessionCreate(?:Params|Options)|CheckoutSessionParams|BillingPortal|AccountLink"
    r"|PaymentIntent(?:Confirm|Create)|SetupIntent(?:Confirm|Create)|confirm(?:Payment|Setup)\b"
)
STRIPE_WINDOW_BEFORE, STRIPE_WINDOW_AFTER = 1200, 400
# A URL a live customer cannot be sent to: plain http, or this machine.
LOCAL_URL_RE = lazy_pattern(r"(?i)http://|\blocalhost\b|\b127\.0\.0\.1\b|\b0\.0\.0\.0\b|\[::1\]")
_LOCAL_URL_MARKS = (b"http://", b"localhost", b"127.0.0.1", b"0.0.0.0", b"[::1]")


def may_hold_local_url(data: bytes) -> bool:
    """Whether ``data`` holds what :data:`LOCAL_URL_RE` needs, by plain substring searches (a
    case-insensitive regex of alternatives is slow on the megabytes of a translation file)."""
    lowered = data.lower()
    return any(mark in lowered for mark in _LOCAL_URL_MARKS)


_STRING = lazy_pattern(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`")
# Values gated on the environment on purpose (`isDev ? "http://localhost…" : …`): not a fallback.
DEV_GATE_RE = lazy_pattern(
    r"(?i)\b(?:is_?dev\w*|debug|development|NODE_ENV|is_?local\w*|is_?prod\w*|production|Rails\.env|APP_ENV"
    r"|settings\.DEBUG|IsDevelopment|localDev|testmode|test_mode|livemode)\b"
)
# Reads of the environment or configuration: the literal next to one is its fallback.
ENVIRONMENT_RE = lazy_pattern(
    r"process\.env|import\.meta\.env|getenv|Getenv|environ|ENV\b|\benv\(|GetEnvironmentVariable|config\("
    r"|Configuration\[|getOrDefault|getProperty|settings\.|useRuntimeConfig|@Value"
)
_IDENTIFIER = lazy_pattern(r"(?<![\w\"'])[A-Za-z_$@][\w$]*(?:(?:\.|->|::)[A-Za-z_][\w]*)*")
_KEYWORDS = frozenset(
    {"new", "this", "self", "true", "false", "null", "None", "nil", "return", "await", "const", "let", "var",
     "f", "string", "String", "str", "url", "URL", "http", "https", "stripe", "Stripe", "params", "options"}
)  # fmt: skip
# Spring's `@Value("${app.domain:http://localhost:8080}") private String domain;`
_SPRING_DEFAULT = lazy_pattern(
    r"@Value\(\s*\"\$\{[^:}\"]+:(?P<value>[^}\"]*)\}\"\s*\)\s*(?:(?:private|public|protected|static|final)\s+)*"
    r"[\w<>]+\s+(?P<name>\w+)"
)
_QUOTED_LOCAL = lazy_pattern(r"[\"'`]((?:http://|(?i:localhost|127\.0\.0\.1))[^\"'`\s]*)")
_HOLE = lazy_pattern(r"(?:\$\{|#\{|\{)([^}]*)\}|\$(\w+)")
SEGMENT_LIMIT = 400
MAX_DEFINITIONS = 8
# Names worth following to their definition: what holds a site's address.
URL_NAME_RE = lazy_pattern(r"(?i)ur[li]|domain|host|origin|base|site|app|front|redirect|root|link|endpoint|web|server")
# Folders of code that never runs in production, besides tests.
NON_PRODUCTION_FOLDERS = frozenset(
    {"e2e", "cypress", "playwright", "mocks", "__mocks__", "stories", "storybook", "dist", "build", "seeds",
     "dev", "development", "local"}
)  # fmt: skip


# Words of a file name (split at . - _) that say development: `settings_dev.py`, `local_settings.py`.
NON_PRODUCTION_NAME_WORDS = frozenset({"dev", "development", "local", "example", "sample", "stories", "min", "mock"})


def non_production_path(path: str) -> bool:
    pure = posix_path(path)
    if {word.lower() for word in re.split(r"[._-]+", pure.name)} & NON_PRODUCTION_NAME_WORDS:
        return True
    return any(part.lower() in NON_PRODUCTION_FOLDERS for part in pure.parts[:-1])


def value_segment(text: str, start: int) -> str:
    """The expression that starts at ``start``: up to a ``,`` ``;`` or line end outside brackets
    and strings, or the bracket that closes the enclosing one."""
    end = min(len(text), start + SEGMENT_LIMIT)
    depth = 0
    index = start
    while index < end:
        char = text[index]
        if char in "\"'`":
            match = _STRING.match(text, index)
            if match is None:
                break
            index = match.end()
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and char in ",;\n":
            break
        index += 1
    return text[start:index]


def local_literal(expression: str) -> str | None:
    """The first string literal of ``expression`` that names plain http or this machine."""
    for match in _STRING.finditer(expression):
        literal = match.group(0)
        if LOCAL_URL_RE.search(literal):
            return literal[1:-1]
    # Quotes nested in an interpolation (`"#{ENV.fetch("URL", "http://localhost")}/ok"`) pair up
    # wrongly: a local URL right after a quote is a literal all the same.
    nested = _QUOTED_LOCAL.search(expression)
    return nested.group(1) if nested is not None else None


def identifiers(expression: str) -> list[str]:
    """Names an expression is built from, outside its plain strings but inside template holes
    (`${base}`, `{base}`, `#{base}`, `$base`), last segment first: `settings.DOMAIN` -> DOMAIN."""
    found: list[str] = []
    holes = " ".join(a or b for a, b in _HOLE.findall(expression))
    outside = _STRING.sub(" ", expression)
    for match in _IDENTIFIER.finditer(outside + " " + holes):
        for part in reversed(re.split(r"\.|->|::", match.group(0).lstrip("$@"))):
            if part and part not in _KEYWORDS and part not in found and not part[0].isdigit():
                found.append(part)
                break
    return found


def definitions(text: str, name: str) -> list[str]:
    """The expressions assigned to ``name`` in ``text`` (``name = …``, ``name := …``, ``name: T = …``,
    ``"name" => …``, ``define('name', …)``, Spring ``@Value`` defaults)."""
    found: list[str] = []
    escaped = re.escape(name)
    pattern = re.compile(
        rf"(?<![\w.])(?:\$|@|self\.|this\.|this->|\$this->)?{escaped}[\"']?\s*"
        rf"(?::[ \t]*[\w.<>\[\]|?]+(?:[ \t]*[|.][ \t]*[\w.<>\[\]?]+)*[ \t]*)?(?::=|=(?![=>])|=>|:(?![:=]))\s*"
        rf"|define\(\s*[\"']{escaped}[\"']\s*,\s*"
    )
    for match in pattern.finditer(text):
        found.append(value_segment(text, match.end()))
        if len(found) > MAX_DEFINITIONS:
            return []  # a field name of many models, not one base URL: nothing to follow
    for match in _SPRING_DEFAULT.finditer(text):
        if match.group("name") == name:
            found.append(f'@Value "{match.group("value")}"')
    return found


def local_base(
    text: str, expression: str, depth: int = 2, *, known: dict[str, list[str]] | None = None
) -> tuple[str, str] | None:
    """(literal, how) when ``expression`` is built from plain http / localhost: "literal" when the
    literal is in it, "fallback" or "value" of a name it uses, followed ``depth`` steps."""
    if DEV_GATE_RE.search(expression):
        return None
    literal = local_literal(expression)
    if literal is not None:
        return literal, ("fallback" if ENVIRONMENT_RE.search(expression) else "literal")
    if depth == 0:
        return None
    known = {} if known is None else known
    for name in identifiers(expression)[:4]:
        if not URL_NAME_RE.search(name):
            continue
        if name not in known:
            known[name] = definitions(text, name)
        for definition in known[name]:
            if definition.strip() == expression.strip():
                continue
            found = local_base(text, definition, depth - 1, known=known)
            if found is not None:
                literal, how = found
                return literal, f"{name}:{'fallback' if how == 'fallback' else 'value'}"
    return None
