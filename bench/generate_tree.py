"""Generate the benchmark repository: a deterministic, realistic polyglot tree with a few leaked keys.

    python bench/generate_tree.py [DEST] [--seed N] [--scale X] [--no-git]

The same seed and scale always give byte-identical files (and, with git, the same commit). At
scale 1 the tree has about 3,000 tracked files and 17 MB: Python, JS/TS, Ruby, PHP, Go, Java and C#
services (some with Stripe integrations), their manifests and lock files, docs, YAML and JSON,
three large files, and a git-ignored ``node_modules`` that no scanner should read. Stripe keys are
planted in a handful of files; their bodies come from the seeded RNG and every key is assembled
here at run time, so no key is ever written in this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import string
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from code_templates import NOUNS, VERBS, pick_names, plain_blocks, plain_module
from stripe_templates import stripe_module
from tree_data import (
    composer_lock,
    events_fixture,
    go_sum,
    json_config,
    markdown_doc,
    npm_lock,
    sql_dump,
    vendor_bundle,
    yaml_config,
)

DEFAULT_SEED = 20261126
DEFAULT_DEST = Path(__file__).resolve().parent / ".work" / "tree"
ALNUM = string.ascii_letters + string.digits

# Per language at scale 1: (number of files, root folder, suffix, share with Stripe code).
SOURCES: dict[str, tuple[int, str, str, float]] = {
    "python": (620, "services", ".py", 0.08),
    "javascript": (330, "web/server", ".js", 0.08),
    "typescript": (300, "web/src/lib", ".ts", 0.04),
    "tsx": (180, "web/src/components", ".tsx", 0.0),
    "ruby": (260, "ruby/app", ".rb", 0.08),
    "php": (220, "php/src", ".php", 0.08),
    "go": (220, "go/internal", ".go", 0.08),
    "java": (180, "java/src/main/java/com/acme", ".java", 0.08),
    "csharp": (140, "dotnet/src/Acme.Payments", ".cs", 0.08),
}
OTHER_COUNTS = {"markdown": 160, "yaml": 150, "json": 110, "node_modules": 450}
# Large files at scale 1, in bytes (all below the engine's 8 MiB whole-file limit).
LARGE_FILES = {
    "web/public/assets/vendor.min.js": 1_800_000,
    "db/fixtures/seed_dump.sql": 2_600_000,
    "data/fixtures/stripe_events.json": 1_400_000,
}

# The five files of the hook scenario: what a typical commit touches (none of them holds a key).
HOOK_FILES = (
    "services/billing/billing/payments.py",
    "web/server/routes/cart.js",
    "deploy/k8s/billing-deployment.yaml",
    "docs/payments/refunds.md",
    "services/billing/tests/test_payments.py",
)

# kind -> (prefix parts, body length). Prefixes are split so that no key shape appears in source.
KEY_KINDS: dict[str, tuple[tuple[str, str], int]] = {
    "live-secret": (("sk", "live"), 99),
    "live-restricted": (("rk", "live"), 99),
    "test-secret": (("sk", "test"), 99),
    "webhook-secret": (("whsec", ""), 32),
}


@dataclass(frozen=True)
class PlantedKey:
    path: str
    kind: str
    line: int


@dataclass
class Tree:
    files: dict[str, bytes] = field(default_factory=dict)  # tracked
    ignored: dict[str, bytes] = field(default_factory=dict)  # on disk, git-ignored
    planted: list[PlantedKey] = field(default_factory=list)

    def add(self, path: str, text: str | bytes, *, ignored: bool = False) -> str:
        target = self.ignored if ignored else self.files
        stem, dot, suffix = path.rpartition(".") if "." in path.rsplit("/", 1)[-1] else (path, "", "")
        candidate, number = path, 2
        while candidate in target:
            candidate = f"{stem}_{number}{dot}{suffix}"
            number += 1
        target[candidate] = text.encode() if isinstance(text, str) else text
        return candidate

    def digest(self) -> str:
        hasher = hashlib.sha256()
        for name in sorted(self.files):
            hasher.update(name.encode() + b"\0" + self.files[name] + b"\0")
        for name in sorted(self.ignored):
            hasher.update(b"ignored:" + name.encode() + b"\0" + self.ignored[name] + b"\0")
        return hasher.hexdigest()


def make_key(rng: random.Random, kind: str) -> str:
    (first, second), length = KEY_KINDS[kind]
    prefix = f"{first}_{second}_" if second else f"{first}_"
    return prefix + "".join(rng.choice(ALNUM) for _ in range(length))


def scaled(count: int, scale: float) -> int:
    return max(2, round(count * scale))


def add_sources(tree: Tree, rng: random.Random, scale: float) -> None:
    for language, (count, root, suffix, stripe_share) in SOURCES.items():
        for index in range(scaled(count, scale)):
            names = pick_names(rng)
            is_test = index % 7 == 3
            blocks = rng.randint(3, 16)
            if rng.random() < stripe_share:
                text = stripe_module(rng, language, plain_blocks(rng, language, blocks // 2))
            else:
                text = plain_module(rng, language, blocks)
            tree.add(source_path(language, root, suffix, names, is_test), text)


def source_path(language: str, root: str, suffix: str, names: dict[str, object], is_test: bool) -> str:
    noun, other = names["noun"], names["other"]
    if language == "python":
        folder = f"{root}/{noun}/{'tests' if is_test else noun}"
        return f"{folder}/{'test_' if is_test else ''}{other}_{names['verb']}{suffix}"
    if language in ("javascript", "typescript", "tsx"):
        middle = f"{noun}/__tests__" if is_test else noun
        return f"{root}/{middle}/{other}{names['Camel']}{'.test' if is_test else ''}{suffix}"
    if language == "ruby":
        folder = f"{root}/../spec/{noun}" if is_test else f"{root}/{'models' if len(str(other)) % 2 else 'services'}"
        return os.path.normpath(f"{folder}/{noun}_{other}{'_spec' if is_test else ''}{suffix}")
    if language == "go":
        return f"{root}/{noun}/{other}_{names['verb']}{'_test' if is_test else ''}{suffix}"
    if language in ("java", "csharp"):
        test_folder = "test" if is_test else str(noun)
        return f"{root}/{test_folder}/{names['Class']}{'Test' if is_test else ''}{suffix}"
    return f"{root}/{str(noun).capitalize()}/{names['Class']}{'Test' if is_test else ''}{suffix}"


def add_hook_files(tree: Tree, rng: random.Random) -> None:
    payments, cart, deployment, refunds, test = HOOK_FILES
    tree.add(payments, stripe_module(rng, "python", plain_blocks(rng, "python", 5)))
    tree.add(cart, plain_module(rng, "javascript", 8))
    tree.add(deployment, yaml_config(rng, "billing"))
    tree.add(refunds, markdown_doc(rng, "Refunds", paragraphs=9))
    tree.add(
        test,
        plain_module(rng, "python", 2)
        + "\n\ndef test_charge_uses_idempotency_key(monkeypatch):\n"
        + "    calls = []\n"
        + '    monkeypatch.setattr("stripe.PaymentIntent.create", lambda **kw: calls.append(kw))\n'
        + "    assert calls == []\n",
    )


def add_manifests(tree: Tree, rng: random.Random, scale: float) -> None:
    tree.add(".gitignore", "node_modules/\n*.log\n.env\n__pycache__/\n/dist/\n")
    tree.add("README.md", markdown_doc(rng, "Acme platform", paragraphs=14))
    for service in ("billing", "orders", "accounts"):
        tree.add(f"services/{service}/requirements.txt", "stripe==11.4.1\nflask==3.0.3\nrequests==2.32.3\n")
        tree.add(f"services/{service}/pyproject.toml", f'[project]\nname = "{service}"\nversion = "1.4.0"\n')
    tree.add(
        "web/package.json",
        json.dumps(
            {"name": "acme-web", "private": True, "dependencies": {"stripe": "^16.2.0", "express": "^4.19.2"}},
            indent=2,
        ),
    )
    tree.add("web/package-lock.json", npm_lock(rng, max(20, round(3600 * scale))))
    tree.add("ruby/Gemfile", "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.1'\ngem 'stripe', '~> 12.0'\n")
    tree.add("ruby/Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n    stripe (12.0.0)\n")
    tree.add("php/composer.json", json.dumps({"require": {"stripe/stripe-php": "^15.0"}}, indent=4))
    tree.add("php/composer.lock", composer_lock(rng, max(10, round(400 * scale))))
    tree.add(
        "go/go.mod", "module github.com/acme/platform\n\ngo 1.22\n\nrequire github.com/stripe/stripe-go/v79 v79.2.0\n"
    )
    tree.add("go/go.sum", go_sum(rng, max(10, round(900 * scale))))
    tree.add(
        "java/pom.xml",
        "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>payments</artifactId>\n  <dependencies>\n"
        "    <dependency><groupId>com.stripe</groupId><artifactId>stripe-java</artifactId>"
        "<version>26.1.0</version></dependency>\n  </dependencies>\n</project>\n",
    )
    tree.add(
        "dotnet/src/Acme.Payments/Acme.Payments.csproj",
        '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
        '    <PackageReference Include="Stripe.net" Version="45.3.0" />\n  </ItemGroup>\n</Project>\n',
    )


def add_other_files(tree: Tree, rng: random.Random, scale: float) -> None:
    for index in range(scaled(OTHER_COUNTS["markdown"], scale)):
        topic = rng.choice(NOUNS)
        tree.add(f"docs/{topic}/{rng.choice(VERBS)}-{topic}.md", markdown_doc(rng, topic.title(), rng.randint(3, 12)))
        if index == 1:  # a docs placeholder key: matched by a naive regex, not a leak
            tree.add("docs/setup/environment.md", "STRIPE_SECRET_KEY=" + "sk_" + "test_" + "x" * 24 + "\n")
    for _ in range(scaled(OTHER_COUNTS["yaml"], scale)):
        service = rng.choice(NOUNS)
        folder = rng.choice(("deploy/k8s", "deploy/helm/templates", ".github/workflows", "config"))
        tree.add(f"{folder}/{service}-{rng.choice(VERBS)}.yaml", yaml_config(rng, service))
    for _ in range(scaled(OTHER_COUNTS["json"], scale)):
        tree.add(f"config/{rng.choice(NOUNS)}/{rng.choice(VERBS)}.json", json_config(rng))
    for index in range(scaled(OTHER_COUNTS["node_modules"], scale)):
        package = f"{rng.choice(VERBS)}-{rng.choice(NOUNS)}"
        tree.add(f"web/node_modules/{package}/lib/index{index}.js", plain_module(rng, "javascript", 6), ignored=True)


def add_large_files(tree: Tree, rng: random.Random, scale: float) -> None:
    builders = {"vendor.min.js": vendor_bundle, "seed_dump.sql": sql_dump, "stripe_events.json": events_fixture}
    for path, size in LARGE_FILES.items():
        tree.add(path, builders[path.rsplit("/", 1)[-1]](rng, max(4096, round(size * scale))))


def plant_keys(tree: Tree, rng: random.Random) -> None:
    """A handful of leaks in the places they really happen; each line is appended to its file."""
    leaks = (
        ("services/billing/billing/settings_local.py", "live-secret", 'STRIPE_SECRET_KEY = "{key}"\n'),
        ("web/server/config/stripe.js", "live-restricted", "const STRIPE_KEY = '{key}';\n"),
        ("deploy/staging/.env.staging", "live-secret", "STRIPE_SECRET_KEY={key}\n"),
        ("ruby/config/initializers/stripe.rb", "test-secret", "Stripe.api_key = '{key}'\n"),
        ("php/config/webhooks.php", "webhook-secret", "<?php\nreturn ['secret' => '{key}'];\n"),
        ("deploy/helm/values-prod.yaml", "live-secret", "stripe:\n  secretKey: {key}\n"),
        ("db/fixtures/seed_dump.sql", "live-secret", "INSERT INTO settings VALUES ('stripe_key', '{key}');\n"),
    )
    for path, kind, line_template in leaks:
        before = tree.files.get(path, b"")
        key = make_key(rng, kind)
        addition = line_template.format(key=key)
        line = before.count(b"\n") + 1 + addition[: addition.index(key)].count("\n")
        tree.files[path] = before + addition.encode()
        tree.planted.append(PlantedKey(path, kind, line))


def build_tree(seed: int = DEFAULT_SEED, scale: float = 1.0) -> Tree:
    rng = random.Random(seed)
    tree = Tree()
    add_hook_files(tree, rng)
    add_manifests(tree, rng, scale)
    add_sources(tree, rng, scale)
    add_other_files(tree, rng, scale)
    add_large_files(tree, rng, scale)
    plant_keys(tree, rng)
    return tree


def write_tree(tree: Tree, dest: Path, *, git: bool = True) -> None:
    """Write the files under ``dest`` (which must not exist) and commit the tracked ones."""
    dest.mkdir(parents=True)
    for name, data in (*tree.files.items(), *tree.ignored.items()):
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if git:
        commit_tree(dest)


def commit_tree(dest: Path) -> None:
    when = "2026-01-01T00:00:00+0000"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    quiet = {"cwd": dest, "env": env, "check": True, "capture_output": True}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], **quiet)
    subprocess.run(["git", "add", "-A"], **quiet)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "benchmark tree"], **quiet)


def tracked_files(dest: Path) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=dest, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", nargs="?", type=Path, default=DEFAULT_DEST)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = about 3,000 files and 17 MB")
    parser.add_argument("--no-git", action="store_true", help="do not make the tree a git repository")
    args = parser.parse_args(argv)
    if args.dest.exists():
        parser.error(f"{args.dest} exists; remove it first")
    tree = build_tree(args.seed, args.scale)
    write_tree(tree, args.dest, git=not args.no_git)
    size = sum(len(data) for data in tree.files.values())
    print(f"{args.dest}: {len(tree.files)} tracked files, {size / 1e6:.1f} MB, digest {tree.digest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
