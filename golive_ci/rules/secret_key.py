"""secret-key: Stripe secret keys, restricted keys, organization keys and webhook secrets."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from golive_ci.config import ConfigError
from golive_ci.facts import Fact
from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.rules.test_object_id import _is_documentation as is_documentation
from golive_ci.secrets import NEEDLES, SECRET_RE, hex_digest, mask, secret_prefix
from golive_ci.sourcefile import SourceFile
from golive_ci.sources.files import read_file

# SHA-256 of the sample keys printed in Stripe's public documentation (the keys themselves are
# not kept in this repository): the legacy docs key and the one on docs.stripe.com/api/authentication.
DOCS_KEY_HASHES = frozenset(
    {
        "2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326",
        "f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397",
    }
)
_PLACEHOLDER_WORDS = re.compile(
    r"x{5}|example|placeholder|dummy|sample|redacted|changeme|replaceme|donotuse|notreal|0{6}|1{6}",
    re.IGNORECASE,
)
_PLACEHOLDER_STARTS = ("fake", "your", "mock", "xxx", "test1234", "abc123")

KIND_NAMES = {
    "sk_live_": ("live secret key", "live"),
    "rk_live_": ("live restricted key", "live"),
    "sk_org_live_": ("live organization key", "org"),
    "sk_org_test_": ("test-mode organization key", "org"),
    "sk_test_": ("test secret key", "test"),
    "rk_test_": ("test restricted key", "test"),
    "whsec_": ("webhook signing secret", "webhook"),
}


def is_placeholder(body: str) -> bool:
    """Bodies nobody would mistake for a real key: repeated units, runs, placeholder words."""
    if len(set(body)) < 6:
        return True
    for period in range(1, 9):
        if body == (body[:period] * (len(body) // period + 1))[: len(body)]:
            return True
    steps = sum(1 for a, b in itertools.pairwise(body) if ord(b) - ord(a) == 1)
    if steps >= 0.75 * (len(body) - 1):
        return True
    return bool(_PLACEHOLDER_WORDS.search(body)) or body.lower().startswith(_PLACEHOLDER_STARTS)


# Stripe's signing secrets: ``whsec_`` + 32 letters and digits (Dashboard endpoints) or 64 hex
# digits (``stripe listen``). Svix / Standard Webhooks secrets are ``whsec_`` + base64 of any length.
_STRIPE_WEBHOOK_BODY = re.compile(r"[A-Za-z0-9]{32}|[0-9a-f]{64}")
# Other services whose webhook secrets also start with ``whsec_`` (or that name such a service).
_OTHER_WEBHOOK_PROVIDER = re.compile(
    r"(?i)\b(svix|standard[-_ ]?webhooks?|webhook-(?:id|signature|timestamp)|clerk|openai|liveblocks|hookdeck"
    r"|resend\.com|polar[.-]sh)\b"
)
_STRIPE_NAMED = re.compile(r"(?i)stripe")
# `example:` / `examples=[…]` / `"x-example":` / a JSDoc `@example` tag just before the value: an
# OpenAPI, schema or generated-client example.
_EXAMPLE_KEY = re.compile(r"(?i)\bexamples?\b[\"']?\s*(?:[:=]|\()|@example[ \t]+[\"'`]?$")
# How far around a ``whsec_`` value a provider's name counts as "around it".
_NEARBY = 600


def webhook_secret_provider(key: str, text: str = "", offset: int = 0) -> str | None:
    """Why a ``whsec_`` value is probably not Stripe's (a short reason), or None when it may be.

    Stripe's only when the body has Stripe's shape and nothing near it (or, in a file that never
    names Stripe, anywhere in the file) names another provider."""
    secret_body = key[len("whsec_") :]
    if not _STRIPE_WEBHOOK_BODY.fullmatch(secret_body):
        base64 = any(c in secret_body for c in "+/=")
        shape = "base64 characters (+ / =)" if base64 else f"{len(secret_body)} characters"
        return f"its body has {shape}, not the shape of Stripe's (32 letters and digits, or 64 hex digits from the CLI)"
    nearby = text[max(0, offset - _NEARBY) : offset + len(key) + _NEARBY]
    named = _OTHER_WEBHOOK_PROVIDER.search(nearby)
    if named is None and not _STRIPE_NAMED.search(text):
        named = _OTHER_WEBHOOK_PROVIDER.search(text)
    if named is not None:
        return f"`{named.group(1)}` is named next to it, and that provider's secrets also start with whsec_"
    if _EXAMPLE_KEY.search(text, max(0, offset - 120), offset) and not _STRIPE_NAMED.search(nearby):
        return "it is an example value of an API description or schema, and nothing near it names Stripe"
    return None


# What `stripe listen` prints: its secret signs only the events the CLI forwards.
_CLI_WEBHOOK_BODY = re.compile(r"[0-9a-f]{64}")


def _docs_or_tests(source: SourceFile) -> bool:
    """Documentation (by suffix, name or folder) or test code: where test keys and CLI output are shown."""
    return source.is_test or is_documentation(source.path)


# A comment on the key's line that calls it a stand-in: `secret: "whsec_…", // dummy secret`.
_STAND_IN_WORDS = re.compile(r"(?i)(?:#|//|/\*|<!--)[^\n]*?\b(dummy|fake|placeholder|not (?:a )?real|sample|example)\b")


def _labelled_placeholder(text: str, offset: int, length: int) -> str | None:
    end = text.find("\n", offset + length)
    rest = text[offset + length : end if end != -1 else len(text)]
    match = _STAND_IN_WORDS.search(rest)
    return match.group(1) if match is not None else None


def classify(key: str, text: str = "", offset: int = 0, *, placeholders: bool = False) -> tuple[str, str] | None:
    """(kind, description) of a matched key at ``offset`` of ``text``; None for a placeholder unless
    ``placeholders`` asks for kind ``placeholder``. A ``whsec_`` value that is probably another
    provider's is kind ``other-webhook`` with the reason as description."""
    prefix = secret_prefix(key)
    if is_placeholder(key[len(prefix) :].rstrip("=")):
        why = "its body is a repeated, sequential or placeholder-word string"
        return ("placeholder", f"{KIND_NAMES[prefix][0]} ({why})") if placeholders else None
    if hex_digest(key) in DOCS_KEY_HASHES:
        return "docs", "Stripe's public documentation test key"
    label = _labelled_placeholder(text, offset, len(key)) if placeholders else None
    if label is not None:
        return "placeholder", f"{KIND_NAMES[prefix][0]} (the line calls it {label!r})"
    if prefix == "whsec_":
        reason = webhook_secret_provider(key, text, offset)
        if reason is not None:
            return "other-webhook", reason
    description, kind = KIND_NAMES[prefix]
    return kind, description


# Substrings every key contains, and how far before each a key may start: ``sk_live_`` and
# ``rk_test_`` 2 characters before ``_live_``/``_test_``, ``sk_org_live_`` 6. Three passes over
# the text instead of one per prefix: in a large file each pass is the cost.
_ANCHORS = (("_live_", (2, 6)), ("_test_", (2, 6)), ("whsec_", (0,)))


def candidate_starts(text: str) -> list[int]:
    """Offsets where a key may start: the regex then runs only there, not over the whole text."""
    starts: set[int] = set()
    for needle, backs in _ANCHORS:
        index = text.find(needle)
        while index != -1:
            starts.update(index - back for back in backs if index >= back)
            index = text.find(needle, index + 1)
    return sorted(starts)


def find_secrets(text: str, *, everything: bool = False) -> Iterator[tuple[int, str, str, str]]:
    """(offset, key, kind, description) for every real-looking Stripe secret in ``text``; with
    ``everything``, also placeholders (kind ``placeholder``) and other providers' ``whsec_`` values
    (kind ``other-webhook``)."""
    end = 0
    for start in candidate_starts(text):
        if start < end:
            continue
        match = SECRET_RE.match(text, start)
        if match is None:
            continue
        key, end = match.group(0), match.end()
        classified = classify(key, text, start, placeholders=everything)
        if classified is not None and (everything or classified[0] != "other-webhook"):
            yield start, key, *classified


def _all_secrets(source: SourceFile) -> list[tuple[int, str, str, str]]:
    return list(find_secrets(source.text, everything=True))


# What find_secrets finds with ``everything``: keys, signing secrets, placeholders, other providers' secrets.
SECRETS = Fact("Stripe keys and webhook signing secrets", _all_secrets, needles=NEEDLES)
BASELINE_LIMIT = 64 * 1024 * 1024


def baseline_path(root: Path, value: object) -> Path:
    """The detect-secrets baseline the ``baseline`` option names, relative to ``root``.

    Its audited false positives silence findings, so it must be a file of the repository (the
    one holding ``root``, or ``root`` outside git): a path leading elsewhere, by ``..``, an absolute
    path or a symbolic link, is a configuration error, never silently honoured.
    """
    from golive_ci.sources.git import find_repository

    name = str(value)
    path = root / name
    repository = find_repository(str(root))
    container = Path(repository.top if repository is not None else root).resolve()
    if not path.resolve().is_relative_to(container):
        raise ConfigError(
            f"[tool.golive-ci.rules.secret-key] baseline = {name!r} leads outside the repository ({container}): "
            "the baseline must be a file of the repository it applies to"
        )
    return path


def load_baseline_false_positives(path: Path) -> set[tuple[str, str]]:
    """(filename, sha1) pairs that a detect-secrets baseline marks as audited false positives."""
    import json  # only when a baseline exists: start-up time counts in every hook run

    try:
        document = json.loads(read_file(path, BASELINE_LIMIT).decode("utf-8"))
        results = document.get("results", {})
        return {
            (filename, entry["hashed_secret"])
            for filename, entries in results.items()
            for entry in entries
            if entry.get("is_secret") is False and "hashed_secret" in entry
        }
    except (OSError, ValueError, AttributeError, TypeError, KeyError):
        return set()


class SecretKeyRule(Rule):
    slug = "secret-key"
    checklist = "key-rotation"
    severity = Severity.ERROR
    facts = (SECRETS,)
    streamable = True
    reads_binary = True
    summary = "A Stripe secret key, restricted key, organization key or webhook signing secret is in the repository."
    why = """
Anyone who can read the repository (every clone, fork, CI log and backup) can use the key:
a live secret key moves money and reads customer data, a webhook signing secret lets anyone
forge events your endpoint will trust. Stripe's go-live checklist asks you to keep keys out of
source control and to rotate every key that was ever exposed. Test keys in code are errors too
by default: they read and write your test-mode data and habits that leak test keys leak live ones;
in documentation and test files (docs folders, `.md`/`.rst`/…, `tests/`, `*_spec.rb`, …) they are
warnings, since they reach test mode only. The `whsec_` + 64 hex digits that `stripe listen`
prints is a warning there too: it signs only the events the CLI forwards to a local listener.
Stripe's public documentation sample keys get a warning instead of a leak alarm: they are
not secret, but they are shared with everyone who copied the docs.

`whsec_` is not only Stripe's: Svix and Standard Webhooks platforms (Clerk, OpenAI, …) use it
too, with base64 bodies. A `whsec_` value is a Stripe signing secret (error) only when its body has
Stripe's shape (32 letters and digits, or 64 hex digits from `stripe listen`) and nothing near it
names another provider or marks it as an example of an API description (`example:`,
`examples=[…]`, a JSDoc `@example` tag, unless Stripe is named there); otherwise it is info, and the message says why.
A key whose own line has a comment calling it a stand-in (`// dummy secret`, `# fake key`) is a
placeholder warning too; a `whsec_` value so labelled in documentation or tests is info (tests
need a signing secret of the right shape to sign their own events; a labelled `sk_live_` there
still warns). A key-shaped placeholder
(`sk_live_` + `aaaa…`, a run, a placeholder word) is a warning that says it looks like a
placeholder: a first smoke test always shows something, and a real key is never silenced.
"""
    example = """
```python
import stripe
stripe.api_key = "sk_live_51H…"          # error: live secret key committed
endpoint_secret = "whsec_…"              # error: webhook signing secret committed (Stripe's shape)
```

```ts
import { Webhook } from "svix";
const wh = new Webhook("whsec_…+…/…=");    // info: base64 body, Svix named: not Stripe's
const key = "sk_live_aaaa…aaaa";         // warning (when key-length): looks like a placeholder
```
"""
    fix = """
Remove the key, load it at run time (`os.environ["STRIPE_SECRET_KEY"]`, a secret manager), and
**roll the key** in the Dashboard (Developers → API keys, or the webhook endpoint's signing
secret): deleting it from the file does not remove it from git history. For a string that is
truly not a key, add `# golive-ci: ignore[secret-key]` on the line or the line above.
Options (`[tool.golive-ci.rules.secret-key]`): `test-keys = "warning"` (or `"error"`, `"info"`)
sets the severity of every test-mode key, wherever it is (unset: error in code, warning in
documentation and tests); `baseline = ".secrets.baseline"` names the detect-secrets baseline whose audited
false positives are honoured (that file is read by default when present; it must be a file of
the repository: a path leading outside it is a configuration error). Keys are also looked for
in binary files (a NUL byte), in UTF-16/UTF-32 files with a byte-order mark and in UTF-16 without one.
"""

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        # Unset: test keys are errors in code, warnings in documentation and tests. Set: that
        # severity for every test key, wherever it is.
        test_severity = self.options.get("test-keys")
        self.test_severity: Severity | None = None
        if test_severity is not None:
            try:
                self.test_severity = Severity.parse(str(test_severity))
            except ValueError:
                self.test_severity = Severity.ERROR
                context.notice("", f"[tool.golive-ci.rules.secret-key] test-keys: unknown severity {test_severity!r}")
        baseline = baseline_path(context.root, self.options.get("baseline", ".secrets.baseline"))
        self.false_positives = load_baseline_false_positives(baseline) if baseline.is_file() else set()

    def _audited_false_positive(self, path: str, key: str) -> bool:
        if not self.false_positives:
            return False
        prefix = secret_prefix(key)
        candidates = {key, key[: len(prefix) + 24]}
        return any((path, hex_digest(c, "sha1")) in self.false_positives for c in candidates)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        docs_or_tests = _docs_or_tests(source)
        for offset, key, kind, description in SECRETS.of(source):
            if self._audited_false_positive(source.path, key):
                continue
            if kind == "webhook" and docs_or_tests and _CLI_WEBHOOK_BODY.fullmatch(key[len("whsec_") :]):
                kind = "cli-webhook"
            if kind == "placeholder" and docs_or_tests and key.startswith("whsec_"):
                label = _labelled_placeholder(source.text, offset, len(key))
                if label is not None and not is_placeholder(key[len("whsec_") :].rstrip("=")):
                    kind, description = "stand-in-webhook", label
            severity, message = self._judge(kind, description, mask(key), docs_or_tests)
            line, column = source.position(offset)
            yield self.finding(
                source,
                line,
                column,
                message,
                severity=severity,
                end_line=line,
                end_column=column + len(key),
                identity=hex_digest(key),
                details={"secret": mask(key), "kind": kind},
            )

    def _judge(self, kind: str, description: str, masked: str, docs_or_tests: bool) -> tuple[Severity, str]:
        if kind == "docs":
            return Severity.WARNING, (
                f"{description} {masked}: it is public and shared by everyone who copied the docs; "
                "use your own key from the environment"
            )
        if kind == "placeholder":
            return Severity.WARNING, (
                f"{masked} looks like a placeholder {description}: if it is a real key, roll it; if not, "
                "load the value from the environment so a real key never lands here"
            )
        if kind == "stand-in-webhook":
            return Severity.INFO, (
                f"`whsec_` value {masked} in documentation or tests, and its line calls it {description!r}: most "
                "likely a stand-in secret that signs the test's own events; if it is a real endpoint's signing "
                "secret, roll it and load it from the environment"
            )
        if kind == "other-webhook":
            return Severity.INFO, (
                f"`whsec_` value {masked} is probably not a Stripe signing secret: {description}. If it is "
                "another service's real secret, keep it out of the repository all the same"
            )
        if kind == "test":
            severity = self.test_severity or (Severity.WARNING if docs_or_tests else Severity.ERROR)
            where = " in documentation or tests (it reaches test mode only)" if docs_or_tests else ""
            return severity, (
                f"Stripe {description} {masked} committed{where}: move it to the environment or a secret "
                "store and roll it in the Dashboard"
            )
        if kind == "cli-webhook":
            return Severity.WARNING, (
                f"Stripe CLI {description} {masked} in documentation or tests: a `stripe listen` secret "
                "only signs events the CLI forwards to a local listener, not your endpoints' events; "
                "show a placeholder instead and load the value from the environment"
            )
        if kind == "webhook":
            return Severity.ERROR, (
                f"Stripe {description} {masked} committed: anyone holding it can forge webhook events; "
                "roll the endpoint's secret and load it from the environment"
            )
        return Severity.ERROR, (
            f"Stripe {description} {masked} committed: roll it in the Dashboard now and load it "
            "from the environment or a secret store"
        )
