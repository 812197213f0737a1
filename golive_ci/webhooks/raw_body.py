"""Is the payload given to a signature verification the raw request body, byte for byte?

The signature covers the exact bytes Stripe sent. A body that was parsed and written back
(``JSON.stringify(req.body)``, ``json.dumps(request.json)``, ``$request->all()``) differs in key
order, spacing and number formatting, so every genuine event fails verification in live mode.

Per language: reads and serialisers that give a parsed or re-serialised body. The raw reads stay
quiet: ``await req.text()``, ``request.data``, Django's ``request.body``, ``request.get_data()``,
``php://input``, ``$request->getContent()``, ``request.body.read``, ``request.raw_post``,
``express.raw``.
"""

from __future__ import annotations

import re

from golive_ci.lang import profile
from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile

# Express: a JSON body parser mounted on the app for every route, and the ways to keep the raw body anyway.
_GLOBAL_JSON_PARSER = lazy_pattern(
    r"\b(?:app|server)\.use\(\s*(?:express|bodyParser|bodyparser)\.json\((?P<options>(?:[^()]|\([^()]*\))*)\)\s*\)"
)
_RAW_PARSER = lazy_pattern(r"(?:express|bodyParser|bodyparser)\.raw\(")
_RAW_KEPT = lazy_pattern(r"\bverify\s*[:(]|\brawBody\b|\braw-body\b")
_REQ_BODY = lazy_pattern(r"(?:req|request)\.body")
# Next.js pages API routes: the body is parsed unless the route exports `config.api.bodyParser = false`.
_NEXT_PAGES_API = lazy_pattern(r"(?:^|/)pages/api/")
_BODY_PARSER_OFF = lazy_pattern(r"bodyParser\s*:\s*false")
_CONFIG_REEXPORT = lazy_pattern(r"export\s*\{[^}]*\bconfig\b[^}]*\}\s*from")
_DEFAULT_EXPORT = lazy_pattern(r"\bexport\s+default\b")


def parsed_origin(language: str, texts: list[str]) -> str | None:
    """The first origin text that reads a parsed body or serialises one, or None."""
    found = profile(language)
    pattern = found.parsed_body_reads if found is not None else None
    if pattern is None:
        return None
    compiled = re.compile(pattern)
    for text in texts:
        match = compiled.search(text)
        if match is not None:
            return text
    return None


def express_parsed_body(source: SourceFile, texts: list[str], offset: int) -> str | None:
    """`req.body` after ``app.use(express.json())`` mounted earlier in the file, with no raw parser
    mounted before it and no ``verify`` hook: the route receives an object, not the bytes. A route-level
    ``express.raw()`` does not help then: the JSON parser has already consumed the body."""
    if source.language not in ("javascript", "typescript", "tsx"):
        return None
    if not any(_REQ_BODY.fullmatch(text.strip()) for text in texts):
        return None
    text = source.text
    if _RAW_KEPT.search(text):
        return None
    character = len(source.data[:offset].decode("utf-8", "replace"))
    parser = next(
        (m for m in _GLOBAL_JSON_PARSER.finditer(text) if m.start() < character and "verify" not in m.group("options")),
        None,
    )
    if parser is None:
        return None
    raw = _RAW_PARSER.search(text)
    if raw is not None and raw.start() < parser.start():
        return None  # the raw parser runs first for its route
    return parser.group(0)


def next_pages_parsed_body(source: SourceFile) -> bool:
    """A Next.js pages API route (``pages/api/…`` with a default export) that leaves the body parser on."""
    if source.language not in ("javascript", "typescript", "tsx"):
        return False
    if not _NEXT_PAGES_API.search(source.path.replace("\\", "/")):
        return False
    text = source.text
    if _BODY_PARSER_OFF.search(text) or _CONFIG_REEXPORT.search(text):
        return False
    return _DEFAULT_EXPORT.search(text) is not None
