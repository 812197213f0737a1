"""Non-code files of the benchmark tree: docs, configuration, lock files and the large files."""

from __future__ import annotations

import base64
import json
import random
import string

from code_templates import NOUNS, VERBS

WORDS = (
    "the", "a", "payment", "service", "retries", "request", "customer", "when", "each", "event", "is",
    "stored", "before", "after", "invoice", "webhook", "handler", "returns", "we", "queue", "to", "and",
    "with", "idempotent", "key", "team", "deploy", "region", "latency", "checkout", "refund", "order",
    "must", "never", "log", "card", "data", "in", "production", "staging", "for", "on", "of", "batch",
)  # fmt: skip
SYLLABLES = ("ta", "ko", "ri", "mu", "lex", "dar", "vin", "sol", "pra", "zen", "qui", "bo", "fy", "nor")
EVENT_TYPES = (
    "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "invoice.paid",
    "customer.subscription.updated", "checkout.session.completed", "charge.dispute.created",
)  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def markdown_doc(rng: random.Random, title: str, paragraphs: int) -> str:
    parts = [f"# {title}\n"]
    for index in range(paragraphs):
        if index % 4 == 2:
            parts.append(f"\n## {rng.choice(VERBS).title()} the {rng.choice(NOUNS)}\n")
        parts.append("\n" + " ".join(sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(2, 6))) + "\n")
        if index % 5 == 3:
            noun = rng.choice(NOUNS)
            parts.append(
                "\n```python\n"
                f'intent = stripe.PaymentIntent.create(amount={rng.randint(100, 9999)}, currency="usd",\n'
                f'                                     idempotency_key=f"{noun}-{{{noun}.id}}")\n'
                "```\n"
            )
        if index % 6 == 5:
            parts.append(
                "".join(f"\n- `{rng.choice(NOUNS)}_{rng.choice(VERBS)}`: {sentence(rng, 6)}" for _ in range(4))
            )
            parts.append("\n")
    return "".join(parts)


def yaml_config(rng: random.Random, service: str) -> str:
    replicas, port = rng.randint(1, 6), rng.choice((8000, 8080, 3000, 9292))
    env = "".join(
        f"            - name: {name}\n              valueFrom:\n                secretKeyRef:\n"
        f"                  name: {service}-secrets\n                  key: {name.lower().replace('_', '-')}\n"
        for name in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "DATABASE_URL")[: rng.randint(1, 3)]
    )
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {service}\n  labels:\n    app: {service}\n"
        f"spec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {service}\n  template:\n"
        f"    metadata:\n      labels:\n        app: {service}\n    spec:\n      containers:\n"
        f"        - name: {service}\n          image: registry.example.com/acme/{service}:1.{rng.randint(0, 40)}.0\n"
        f"          ports:\n            - containerPort: {port}\n          env:\n{env}"
        f"          resources:\n            limits:\n              memory: {rng.choice((256, 512, 1024))}Mi\n"
    )


def json_config(rng: random.Random) -> str:
    document = {
        "service": rng.choice(NOUNS),
        "features": {f"{rng.choice(VERBS)}_{rng.choice(NOUNS)}": rng.random() < 0.5 for _ in range(rng.randint(3, 20))},
        "limits": {"page_size": rng.choice((25, 50, 100)), "timeout_ms": rng.randint(500, 30000)},
        "stripe": {"publishable_key_env": "STRIPE_PUBLISHABLE_KEY", "currency": rng.choice(("usd", "eur", "gbp"))},
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def package_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(("", "-js", "-utils", "-core"))


def integrity(rng: random.Random) -> str:
    return "sha512-" + base64.b64encode(rng.randbytes(64)).decode()


def npm_lock(rng: random.Random, packages: int) -> str:
    entries = {"": {"name": "acme-web", "version": "1.0.0"}}
    for _ in range(packages):
        name, version = package_name(rng), f"{rng.randint(0, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"
        entries[f"node_modules/{name}"] = {
            "version": version,
            "resolved": f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz",
            "integrity": integrity(rng),
            "dependencies": {package_name(rng): f"^{rng.randint(1, 9)}.0.0" for _ in range(rng.randint(0, 3))},
        }
    return json.dumps({"name": "acme-web", "lockfileVersion": 3, "packages": entries}, indent=2) + "\n"


def composer_lock(rng: random.Random, packages: int) -> str:
    entries = [
        {
            "name": f"{package_name(rng)}/{package_name(rng)}",
            "version": f"v{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}",
            "dist": {"type": "zip", "shasum": rng.randbytes(20).hex()},
            "description": sentence(rng, 10),
        }
        for _ in range(packages)
    ]
    return json.dumps({"content-hash": rng.randbytes(16).hex(), "packages": entries}, indent=4) + "\n"


def go_sum(rng: random.Random, modules: int) -> str:
    lines = []
    for _ in range(modules):
        module = f"github.com/{package_name(rng)}/{package_name(rng)}"
        version = f"v{rng.randint(0, 2)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"
        lines.append(f"{module} {version} h1:{base64.b64encode(rng.randbytes(32)).decode()}")
        lines.append(f"{module} {version}/go.mod h1:{base64.b64encode(rng.randbytes(32)).decode()}")
    return "\n".join(lines) + "\n"


def vendor_bundle(rng: random.Random, size: int) -> str:
    """A minified JS bundle: a few very long lines, like real build output."""
    parts: list[str] = []
    total = 0
    while total < size:
        a, b, c = (rng.choice(string.ascii_letters) for _ in range(3))
        chunk = (
            f"function {a}{b}{c}{rng.randint(0, 999)}({a},{b}){{var {c}={a}.length;for(var i=0;i<{c};i++)"
            f'{{if({a}[i]==="{rng.choice(NOUNS)}")return {b}(i)}}return null}};'
        )
        if rng.random() < 0.002:
            chunk += "\n"
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts) + "\n"


def sql_dump(rng: random.Random, size: int) -> str:
    parts = ["-- acme seed data\nCREATE TABLE payments (id TEXT, customer TEXT, amount INTEGER, status TEXT);\n"]
    total = 0
    while total < size:
        row = (
            f"INSERT INTO payments VALUES ('pi_{rng.randbytes(12).hex()}', 'cus_{rng.randbytes(7).hex()}', "
            f"{rng.randint(100, 99999)}, '{rng.choice(('succeeded', 'requires_action', 'canceled'))}');\n"
        )
        parts.append(row)
        total += len(row)
    return "".join(parts)


def events_fixture(rng: random.Random, size: int) -> str:
    """Webhook event fixtures in the shape Stripe sends them."""
    events = []
    total = 0
    while total < size:
        event = {
            "id": f"evt_{rng.randbytes(12).hex()}",
            "object": "event",
            "type": rng.choice(EVENT_TYPES),
            "livemode": False,
            "data": {
                "object": {
                    "id": f"pi_{rng.randbytes(12).hex()}",
                    "amount": rng.randint(100, 99999),
                    "currency": "usd",
                    "customer": f"cus_{rng.randbytes(7).hex()}",
                    "metadata": {"order_id": str(rng.randint(10000, 99999))},
                }
            },
        }
        events.append(event)
        total += 420
    return json.dumps(events, indent=2) + "\n"
