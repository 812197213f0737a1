"""The URL paths the code serves Stripe webhooks on, and whether an endpoint URL's path is one of them.

Used by the live-endpoint-url account check. A route is found three ways, all cheap and lenient (a
route too many only hides a warning; a route too few would raise a false one):

- the path in a webhook handler's label: ``@app.route("/webhook")``, ``app.post("/hook", (req, res) =>``,
  ``@PostMapping("/stripe/webhook")``, ``[HttpPost("webhook")]``;
- a route registration whose path names a webhook or Stripe, or which is handed a handler of the file:
  ``router.post("/webhook", handleWebhook)``, ``path("stripe/webhook/", views.hook)``,
  ``Route::post('stripe/webhook', …)``, ``http.HandleFunc("/webhook", …)``,
  ``mount StripeEvent::Engine, at: "/stripe"``;
- file-system routing of a file holding a handler: Next.js ``app/**/route.ts`` and ``pages/api/**``,
  SvelteKit ``+server.ts``, Nuxt ``server/api``, Remix ``app/routes``, Vercel/Netlify/Supabase functions.
"""

from __future__ import annotations

import re
from pathlib import Path

from golive_ci.config import Config
from golive_ci.lang import profile
from golive_ci.posix_paths import posix_path
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.syntax import calls
from golive_ci.webhooks import tree
from golive_ci.webhooks.handlers import WEBHOOK_NEEDLES, find_handlers

ROUTE_CALLS = frozenset(
    {
        "route", "post", "Post", "POST", "all", "any", "Any", "handle", "Handle", "HandleFunc", "HandlerFunc",
        "path", "re_path", "url", "add_url_rule", "add_api_route", "api_route", "match", "MapPost", "Map",
        "add_route", "mount", "use",
    }
)  # fmt: skip
# A file can hold a webhook handler worth a route only if it names webhooks or verifies a signature
# (skips the many files that merely mention "invoice." or "customer."); a route registration that
# names a webhook or Stripe is found by a text search before anything is parsed.
HANDLER_HINTS: tuple[bytes, ...] = (
    b"ebhook", b"EBHOOK", b"tripe-Signature", b"tripe-signature", b"tripe_signature", b"STRIPE_SIGNATURE",
    b"onstruct_event", b"onstructEvent", b"ConstructEvent", b"construct_from", b"constructFrom",
)  # fmt: skip
_NAMED_REGISTRATION = re.compile(
    rb"""(?i)\b(?:route|post|all|any|handle|handlefunc|path|re_path|url|add_url_rule|add_api_route|api_route"""
    rb"""|match|mappost|map|add_route|use|at:)\W{0,12}["'`][^"'`\s]{0,100}(?:hook|stripe)"""
)
_NAMED_PATH = re.compile(r"(?i)hook|stripe")
_QUOTED = re.compile(r"""["'`]([^"'`\s]{1,200})["'`]""")
_PATH_TEXT = re.compile(r"^\^?/?[\w\-.~/{}:<>\[\]()*$@+]*\$?$")
_CONTENT_TYPE = re.compile(r"(?i)^(?:application|text|multipart|image)/")
_WILDCARD_START = (":", "{", "<", "[", "$", "*", "(")
# Route tables and webhook handlers are written by hand: larger files are generated API clients and
# schemas (seconds of parsing each, no webhook route).
_MAX_ROUTE_FILE_BYTES = 512 * 1024
_SCRIPT_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")


def normalise(path: str) -> tuple[str, ...]:
    """Path segments, lower-cased, without regex anchors, empty segments or a trailing slash."""
    text = path.strip().strip("^$").split("?", 1)[0]
    return tuple(segment.lower() for segment in text.split("/") if segment and segment not in (".", "^", "$"))


def _wildcard(segment: str) -> bool:
    return segment.startswith(_WILDCARD_START)


def route_matches(endpoint_path: str, route: str) -> bool:
    """The route's segments appear, in order and next to each other, in the endpoint path (a router
    may be mounted under a prefix and a proxy may add one). Parameters match any one segment."""
    wanted = normalise(route)
    if not wanted or all(_wildcard(segment) for segment in wanted):
        return False
    have = normalise(endpoint_path)
    for start in range(len(have) - len(wanted) + 1):
        window = have[start : start + len(wanted)]
        if all(_wildcard(w) or w == h for w, h in zip(wanted, window, strict=True)):
            return True
    return False


def _path_literal(text: str) -> str | None:
    value = text.strip()
    if len(value) >= 2 and value[0] in "\"'`" and value[-1] == value[0]:
        value = value[1:-1]
    elif value.startswith(("r'", 'r"')):
        value = value[2:-1]
    else:
        return None
    if not value or "://" in value or _CONTENT_TYPE.match(value) or not _PATH_TEXT.match(value):
        return None
    return value if normalise(value) else None


def _label_paths(label: str) -> list[str]:
    found = []
    for match in _QUOTED.finditer(label):
        value = _path_literal(match.group(0))
        if value and ("/" in value or (_NAMED_PATH.search(value) and "." not in value)):  # not a route name
            found.append(value)
    return found


def file_route(path: str) -> str | None:
    """The URL path file-system routing gives ``path`` (Next.js, SvelteKit, Nuxt, Remix, serverless functions)."""
    posix = posix_path(path)
    if posix.suffix not in _SCRIPT_SUFFIXES:
        return None
    parts = list(posix.with_suffix("").parts)
    dirs, stem = parts[:-1], parts[-1]
    if stem == "route" and "app" in dirs:  # Next.js app router
        segments = dirs[dirs.index("app") + 1 :]
    elif stem == "+server" and "routes" in dirs:  # SvelteKit
        segments = dirs[dirs.index("routes") + 1 :]
    elif "routes" in dirs and dirs[: dirs.index("routes")][-1:] == ["app"]:  # Remix: api.webhooks.stripe.ts
        segments = [part for part in stem.split(".") if not part.startswith("_")]
    elif "routes" in dirs and dirs[: dirs.index("routes")][-1:] == ["server"]:  # Nuxt server routes
        segments = [*dirs[dirs.index("routes") + 1 :], stem.split(".")[0]]
    elif "pages" in dirs and dirs[dirs.index("pages") + 1 : dirs.index("pages") + 2] == ["api"]:  # Next.js pages
        segments = [*dirs[dirs.index("pages") + 1 :], stem]
    elif "api" in dirs:  # Vercel functions, Nuxt server/api (webhook.post.ts)
        segments = ["api", *dirs[dirs.index("api") + 1 :], stem.split(".")[0]]
    elif "functions" in dirs:  # Netlify, Supabase, Firebase: the function's name is the last path segment
        rest = [*dirs[dirs.index("functions") + 1 :], stem]
        segments = [rest[0] if rest[-1] == "index" else rest[-1]]
    else:
        return None
    segments = [s for s in segments if s != "index" and not (s.startswith("(") and s.endswith(")"))]
    return "/" + "/".join(segments)


def webhook_routes(source: SourceFile) -> list[tuple[str, int]]:
    """(route path, line) of the Stripe webhook routes this file declares."""
    hinted = source.contains(*HANDLER_HINTS) and source.contains(*WEBHOOK_NEEDLES) and _reads_request(source)
    if not hinted and not _NAMED_REGISTRATION.search(source.data):
        return []
    try:
        handlers = find_handlers(source) if hinted else []
        found_calls = calls(source)
    except ParseError:
        return []
    routes: list[tuple[str, int]] = []
    names = {handler.name for handler in handlers if handler.name}
    spans = [(handler.start, handler.end) for handler in handlers]
    for handler in handlers:
        if handler.name or handler.function is not tree.root(source):
            routes += [(path, handler.line) for path in _label_paths(tree.label(source, handler.function))]
    for call in found_calls:
        if call.name not in ROUTE_CALLS or not call.args:
            continue
        literals = [arg for arg in call.args if arg.name in (None, "at", "path")]
        path = next((value for arg in literals[:2] if (value := _path_literal(arg.text))), None)
        if path is None:
            continue
        start, end = tree.span(source, call.node)
        hands_handler = any(any(re.search(rf"\b{re.escape(name)}\b", arg.text) for name in names) for arg in call.args)
        holds_handler = any(start <= h_start < end for h_start, _ in spans)
        if _NAMED_PATH.search(path) or hands_handler or holds_handler:
            routes.append((path, call.line))
    if handlers:
        route = file_route(source.path)
        if route is not None:
            routes.append((route, handlers[0].line))
    first: dict[str, int] = {}
    for path, line in routes:
        first[path] = min(line, first.get(path, line))
    return list(first.items())


def _reads_request(source: SourceFile) -> bool:
    """A handler reads the request: without such a read anywhere in the file (translation tables,
    models) there is no handler to find, and the file is not parsed for one."""
    language = profile(source.language)
    pattern = language.request_body_reads if language is not None else None  # the handler analysis' own patterns
    return pattern is not None and re.search(pattern, source.data) is not None


def collect_webhook_routes(root: Path, config: Config, notices: list[str] | None = None) -> dict[str, list[str]]:
    """route path -> ["path:line", ...] over the repository at ``root`` (test code left out)."""
    from golive_ci.sources.code_files import read_code_files

    routes: dict[str, list[str]] = {}
    for source in read_code_files(root, config, notices):
        add_webhook_routes(routes, source)
    return dict(sorted(routes.items()))


def add_webhook_routes(routes: dict[str, list[str]], source: SourceFile) -> None:
    if source.is_test or len(source.data) > _MAX_ROUTE_FILE_BYTES:
        return
    for route, line in webhook_routes(source):
        routes.setdefault(route, []).append(f"{source.path}:{line}")
