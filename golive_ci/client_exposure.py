"""How frameworks ship configuration to browsers and apps: environment-variable prefixes that
are inlined into client bundles, public runtime configuration, and client-code markers. Data and
text helpers for the ``secret-key-client-exposure`` rule."""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern
from golive_ci.posix_paths import posix_path

# Prefix -> the framework that inlines variables so named into the code it sends to clients.
BROWSER_PREFIXES: dict[str, str] = {
    "NEXT_PUBLIC_": "Next.js",
    "VITE_": "Vite",
    "REACT_APP_": "Create React App",
    "EXPO_PUBLIC_": "Expo",
    "NUXT_PUBLIC_": "Nuxt",
    "GATSBY_": "Gatsby",
    "PUBLIC_": "SvelteKit/Astro",
    "STORYBOOK_": "Storybook",
}
# Prefixes whose variables only ever exist in the client bundle (or the app binary) or, for Nuxt,
# in the payload of every page: wherever they are read, the value reaches the client.
ALWAYS_CLIENT_PREFIXES = frozenset({"REACT_APP_", "EXPO_PUBLIC_", "NUXT_PUBLIC_", "STORYBOOK_"})
_PREFIX_ALTERNATIVES = "|".join(sorted(BROWSER_PREFIXES, key=len, reverse=True))
BROWSER_VARIABLE_RE = lazy_pattern(rf"(?<![A-Za-z0-9_])(?P<prefix>{_PREFIX_ALTERNATIVES})(?P<rest>[A-Z0-9_]+)\b")
NEEDLES: tuple[bytes, ...] = (
    b"PUBLIC_",
    b"VITE_",
    b"REACT_APP_",
    b"GATSBY_",
    b"STORYBOOK_",
    b"untimeConfig",
    b"use client",
    b"react-native",
    b"ECRET",
)
# Words of a name that make it a secret or restricted key (publishable keys are meant for clients).
SECRET_WORDS = frozenset({"secret", "sk", "restricted", "rk"})
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# A value that is a secret or restricted API key, whatever the variable is called.
SECRET_VALUE_RE = lazy_pattern(r"^[\"']?(?:sk|rk)_(?:live|test)_")
# `'use client'` / `"use client"` as the first statement of a module.
USE_CLIENT_RE = lazy_pattern(r"\A(?:\s++|//[^\n]*+\n|/\*(?:[^*]|\*(?!/))*+\*/)*+[\"']use client[\"']")
# Imports of React Native or Expo: a module of a mobile app, shipped inside the app binary.
MOBILE_IMPORT_RE = lazy_pattern(r"""(?:from|require\(|import)\s*[\"'](?:react-native|expo)(?:[-/][\w/-]*)?[\"']""")
# The server SDK (package `stripe`, not `@stripe/stripe-js` or `@stripe/stripe-react-native`).
SERVER_SDK_IMPORT_RE = lazy_pattern(
    r"""(?m)^[ \t]*import[ \t]+(?!type\b)[^;'"]*?from[ \t]*[\"']stripe[\"']|require\([ \t]*[\"']stripe[\"'][ \t]*\)"""
)
SERVER_SDK_CONSTRUCTION_RE = lazy_pattern(
    r"""new\s+Stripe\s*\(|require\(\s*[\"']stripe[\"']\s*\)\s*\(|\bStripe\s*\(\s*[\w'"`]"""
)
# Folders and names of server code in frameworks that mix both (Next.js, SvelteKit, Nuxt, Astro).
SERVER_FOLDERS = frozenset({"api", "server", "functions", "lambda", "backend", "scripts", "middleware", "actions"})
SERVER_NAME_MARKERS = (".server.", "+server.", "+page.server.", "+layout.server.", "route.", "middleware.")
CLIENT_SUFFIXES = frozenset({".vue", ".svelte"})
ENV_FILE_RE = lazy_pattern(
    r"(?m)^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?P<value>[^\n#]*)"
)
# next.config.* blocks whose values Next.js inlines into every bundle.
NEXT_CONFIG_BLOCK_RE = lazy_pattern(r"(?<![\w.])(?P<block>env|publicRuntimeConfig)\s*:\s*\{")
NUXT_PUBLIC_BLOCK_RE = lazy_pattern(r"(?<![\w.])public\s*:\s*\{")
# `useRuntimeConfig().public.stripeSecretKey`, `config.public.stripeSecret`, `$config.public.…`
NUXT_PUBLIC_READ_RE = lazy_pattern(r"\bpublic\.(?P<name>[A-Za-z_]\w*)")
OBJECT_KEY_RE = lazy_pattern(r"(?<![\w.$])[\"']?(?P<name>[A-Za-z_]\w*)[\"']?\s*:(?!:)")


def words(name: str) -> set[str]:
    """The lower-case words of ``STRIPE_SECRET_KEY`` or ``stripeSecretKey``."""
    return {word.lower() for part in name.split("_") for word in _WORD.findall(part)}


def secret_stripe_name(name: str, *, stripe_known: bool = False) -> bool:
    """A name that holds a Stripe secret or restricted key: STRIPE and SECRET/SK/RESTRICTED words
    (``stripe_known`` when the context already says Stripe). Publishable keys never count."""
    found = words(name)
    if "publishable" in found or "pk" in found:
        return False
    return bool(found & SECRET_WORDS) and ("stripe" in found or stripe_known)


def is_env_file(path: str) -> bool:
    name = posix_path(path).name.lower()
    return name.startswith(".env") or name.endswith(".env")


def is_client_code(path: str, text: str) -> str | None:
    """Why the module at ``path`` runs in browsers or apps, or None when it may run on a server."""
    if USE_CLIENT_RE.search(text):
        return "a 'use client' module"
    if MOBILE_IMPORT_RE.search(text):
        return "a React Native / Expo module, shipped inside the app"
    pure = posix_path(path)
    folders = {part.lower() for part in pure.parts[:-1]}
    if folders & SERVER_FOLDERS or any(marker in pure.name.lower() for marker in SERVER_NAME_MARKERS):
        return None
    # Vue and Svelte components run in the browser after server rendering. A .tsx file may be a
    # React server component or hold getServerSideProps: it is client code only when it says so.
    if pure.suffix.lower() in CLIENT_SUFFIXES:
        return "a browser component"
    return None


def quoted_name(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` is a string literal that is not an environment lookup
    (a list of forbidden names, an error message), not ``process.env["…"]``."""
    before = text[max(0, start - 12) : start]
    if not before.endswith(("'", '"', "`")) or text[end : end + 1] != before[-1:]:
        return False
    return not before[:-1].rstrip().endswith(("env[", "env.get(", "getenv("))


def object_block(text: str, start: int) -> str:
    """The text of the object whose ``{`` ends just before ``start``, up to its closing brace."""
    depth = 1
    index = start
    while index < len(text) and depth:
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
        index += 1
    return text[start : index - 1]
