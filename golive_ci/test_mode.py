"""Where test-mode Stripe objects reach production: production-named configuration, test-mode
links and embeddable elements. Data and small pure helpers for the ``test-mode-artifacts`` rule."""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern
from golive_ci.posix_paths import posix_path

# Test-mode API keys: publishable, secret and restricted.
TEST_KEY_RE = lazy_pattern(r"(?<![A-Za-z0-9_])[psr]k_test_[A-Za-z0-9]{16,250}(?![A-Za-z0-9])")
# Links that open a test-mode page: Payment Links, the customer portal login, a Checkout Session.
TEST_LINK_RE = lazy_pattern(
    r"(?<![\w.-])(?:https?://)?(?:buy\.stripe\.com/test_|billing\.stripe\.com/p/login/test_"
    r"|checkout\.stripe\.com/c/pay/cs_test_)[A-Za-z0-9]{6}[A-Za-z0-9_#%.-]*"
)
LINK_KINDS = {
    "buy.stripe.com": "Payment Link",
    "billing.stripe.com": "customer portal login link",
    "checkout.stripe.com": "Checkout Session link",
}
# The embeddable elements that take a publishable key in their tag.
ELEMENT_RE = lazy_pattern(r"stripe-(pricing-table|buy-button)\b")
ELEMENT_TAG_LIMIT = 1000
NEEDLES: tuple[bytes, ...] = (b"k_test_", b"stripe.com/test_", b"login/test_", b"cs_test_")

# Words of a file name (split at . - _) or folder names that mark production configuration.
PRODUCTION_WORDS = frozenset({"prod", "production", "prd", "live"})
PRODUCTION_FOLDERS = frozenset({"prod", "production", "prd"})
# Template copies are not what runs: `.env.production.example` holds stand-ins.
TEMPLATE_WORDS = frozenset({"example", "examples", "sample", "template", "tmpl", "dist", "tpl", "default"})
# Files whose suffix says configuration (or no suffix: `.env.production`, `Procfile`).
CONFIG_SUFFIXES = frozenset(
    {"", ".env", ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".properties", ".tfvars", ".hcl",
     ".local", ".config", ".xml", ".plist", ".secrets"}
)  # fmt: skip
# Folders that hold data loaded into every new installation (seeders, fixtures, data migrations).
SEED_FOLDERS = frozenset({"seed", "seeds", "seeders", "seeder", "seeding", "migrations", "migrate", "data-migrations"})
SEED_NAME_WORDS = frozenset({"seed", "seeds", "seeder", "seeders", "defaults", "install"})
_NAME_WORDS = re.compile(r"[._\-]+")
# Documentation: prose that shows a link or key is no configuration (HTML pages are not prose here).
PROSE_SUFFIXES = frozenset({".md", ".markdown", ".mdx", ".rst", ".txt", ".adoc", ".ipynb", ".rdoc", ".org"})
PROSE_FOLDERS = frozenset({"docs", "doc", "documentation", "examples", "example", "samples", "sample"})


def name_words(path: str) -> set[str]:
    return {word.lower() for word in _NAME_WORDS.split(posix_path(path).name) if word}


def is_template(path: str) -> bool:
    return bool(name_words(path) & TEMPLATE_WORDS)


def production_config(path: str) -> str | None:
    """Why ``path`` is production configuration ("the file name", "the folder", …), or None."""
    pure = posix_path(path)
    if is_template(path):
        return None
    folders = [part.lower() for part in pure.parts[:-1]]
    name = pure.name.lower()
    is_config = pure.suffix.lower() in CONFIG_SUFFIXES or name.startswith(".env") or name.endswith(".env")
    if not is_config:
        return None
    if name_words(path) & PRODUCTION_WORDS:
        return f"its name `{pure.name}` says production"
    if "overlays" in folders and any(folder.startswith(("prod", "production")) for folder in folders):
        return "it is a production Kustomize overlay"
    if any(folder in PRODUCTION_FOLDERS for folder in folders):
        return "it is in a production folder"
    return None


def seed_data(path: str) -> bool:
    """Seed data or a data migration: its values become every installation's defaults."""
    pure = posix_path(path)
    folders = {part.lower() for part in pure.parts[:-1]}
    return bool(folders & SEED_FOLDERS) or bool(name_words(path) & SEED_NAME_WORDS)


def is_prose(path: str) -> bool:
    pure = posix_path(path)
    if any(part.lower() in PROSE_FOLDERS for part in pure.parts[:-1]):
        return True
    return pure.suffix.lower() in PROSE_SUFFIXES or pure.stem.upper() in {"README", "CHANGELOG", "CHANGES"}


_PRODUCTION_SECTION = lazy_pattern(r'"([^"\n]*(?:[Pp]rod|PROD|[Rr]elease|[Ss]tore)[^"\n]*)"\s*:\s*\{')


def json_production_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the production sections of a JSON file such as ``eas.json`` or
    ``app.json``: objects under a key that says production (production, prod, release, store)."""
    spans: list[tuple[int, int, str]] = []
    for match in _PRODUCTION_SECTION.finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue  # inside a section already found
        end = _closing_brace(text, match.end())
        spans.append((match.start(), end, match.group(1)))
    return spans


def _closing_brace(text: str, index: int) -> int:
    """The offset after the brace that closes the object opened just before ``index``."""
    depth = 1
    while index < len(text):
        char = text[index]
        if char == '"':
            close = index + 1
            while close < len(text) and text[close] != '"':
                close += 2 if text[close] == "\\" else 1
            index = close + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def netlify_production_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, table) of the production-context tables of a ``netlify.toml``."""
    spans: list[tuple[int, int, str]] = []
    headers = list(re.finditer(r"(?m)^\s*\[+\s*([^\]\n]+?)\s*\]+", text))
    for number, header in enumerate(headers):
        table = header.group(1).replace('"', "").replace("'", "")
        if table.startswith("context.production"):
            end = headers[number + 1].start() if number + 1 < len(headers) else len(text)
            spans.append((header.start(), end, table))
    return spans
