"""Issue 13: ``ci`` makes one pass over the working tree. The static report, the version picture and
the account checks' code facts (event types, routes, billing use, object references) come from the
same read and the same parse of each file, in one process and in the pool of worker processes.

Reads are counted where a file is opened (the engine's opener and the one reader of
golive_ci.sources.files), parses where a syntax tree is built (golive_ci.parsing.parse). The pool's
workers are forked processes: they append their counts to a file the test reads afterwards.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from golive_ci import engine, parallel, parsing
from golive_ci.sources import files
from tests.account import fixtures as fx
from tests.account.standin import StripeStandIn
from tests.github.test_pipeline import ci, commit, environment

HANDLER = """import stripe
from flask import Flask, request

app = Flask(__name__)
stripe.api_version = "2024-06-20"


@app.route("/stripe/webhook", methods=["POST"])
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
    if event["type"] == "checkout.session.completed":
        fulfil(event)
    elif event["type"] == "invoice.paid":
        pass
    return "", 200
"""
PORTAL = """import stripe

stripe.api_version = "2024-06-20"


def portal(customer_id):
    return stripe.billing_portal.Session.create(customer=customer_id, return_url="https://shop.example.com")
"""
CLIENT_JS = """const Stripe = require("stripe");
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: "2024-06-20" });
module.exports = { stripe };
"""
PACKAGE_JSON = '{"name": "shop", "dependencies": {"stripe": "16.2.0"}}\n'
REQUIREMENTS = "stripe==10.1.0\nflask==3.0.0\n"


def shop_files() -> dict[str, str]:
    return {
        "web/webhook.py": HANDLER,
        "billing/portal.py": PORTAL,
        "client/stripe.js": CLIENT_JS,
        "client/util.ts": "export const double = (x: number): number => x * 2;\n",
        "package.json": PACKAGE_JSON,
        "requirements.txt": REQUIREMENTS,
        "README.md": "# Shop\n",
    }


@pytest.fixture
def stripe_server() -> Iterator[StripeStandIn]:
    server = StripeStandIn(fx.healthy()).__enter__()
    try:
        yield server
    finally:
        server.__exit__(None, None, None)


def count_reads_and_parses(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Every open of a file and every parse, one line each in ``log`` (from any process)."""

    def record(kind: str, what: str) -> None:
        descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, f"{kind}\t{os.getpid()}\t{what}\n".encode())
        finally:
            os.close(descriptor)

    real_open = files.open_file
    real_parse = parsing.parse

    def opening(path: Any) -> Any:
        record("read", str(Path(path).resolve()))
        return real_open(path)

    def parsing_(data: bytes, language: str | None) -> Any:
        record("parse", data.decode("utf-8", "replace").split("\n", 1)[0] + f" [{language}] {len(data)}")
        return real_parse(data, language)

    monkeypatch.setattr(files, "open_file", opening)
    monkeypatch.setattr(engine, "open_file", opening)
    monkeypatch.setattr(parsing, "parse", parsing_)


def counted(log: Path, kind: str) -> Counter[str]:
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return Counter(what for entry, _, what in (line.split("\t", 2) for line in lines) if entry == kind)


def processes(log: Path) -> set[str]:
    return {line.split("\t", 2)[1] for line in log.read_text(encoding="utf-8").splitlines()}


def run_ci_counting(
    repo: Path, tmp_path: Path, server: StripeStandIn, monkeypatch: pytest.MonkeyPatch, name: str
) -> tuple[str, Path]:
    run_dir = tmp_path / name
    run_dir.mkdir()
    env = environment(
        run_dir,
        STRIPE_LIVE_KEY=fx.fake_key("rk_live_"),
        GOLIVE_CI_STRIPE_API_BASE=server.url,
        GOLIVE_CI_GITHUB_FAST="1",
    )
    log = run_dir / "counts.log"
    with monkeypatch.context() as patch:
        count_reads_and_parses(patch, log)
        _, _, summary, _ = ci(repo, env, comment=False, stripe_api_base=server.url, fail_on="never")
    return summary, log


def assert_one_pass(repo: Path, log: Path, names: list[str]) -> None:
    reads = counted(log, "read")
    tracked = {str((repo / name).resolve()): name for name in names}
    assert {tracked[path]: reads[path] for path in tracked} == dict.fromkeys(names, 1)
    parses = counted(log, "parse")
    assert parses, "the code was parsed"
    assert max(parses.values()) == 1, parses


def test_ci_reads_each_file_once_and_parses_it_at_most_once(
    git_repo: Path, tmp_path: Path, stripe_server: StripeStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    fx.write_code(git_repo)  # app.py: a live price and product, a lookup key
    commit(git_repo, shop_files(), "shop")
    summary, log = run_ci_counting(git_repo, tmp_path, stripe_server, monkeypatch, "serial")
    assert_one_pass(git_repo, log, ["app.py", *shop_files()])
    # What the one pass fed: the version picture (comment) and every code fact of the account checks.
    assert "web/webhook.py:5: API version set by python" in summary and "account-api-version" in summary
    assert "live-objects: all 3 referenced objects and lookup keys exist" in summary  # object references
    assert "all 2 handled event type(s) are enabled on a live endpoint" in summary  # handled event types
    assert "without \\`configuration\\` (billing/portal.py:7)" in summary  # billing use


def test_the_pool_reads_each_file_once_and_folds_what_the_collectors_learnt(
    git_repo: Path, tmp_path: Path, stripe_server: StripeStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    fx.write_code(git_repo)
    many = {f"lib/mod_{index:02}.py": f"VALUE_{index} = {index}\n" for index in range(40)}
    commit(git_repo, {**shop_files(), **many}, "shop")
    serial, _ = run_ci_counting(git_repo, tmp_path, stripe_server, monkeypatch, "serial")
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 4)
    monkeypatch.setattr(parallel, "worker_count", lambda files, partial: 1 if partial else 2)
    pooled, log = run_ci_counting(git_repo, tmp_path, stripe_server, monkeypatch, "pooled")
    assert len(processes(log)) > 1, "the files were read by the pool's workers"
    assert_one_pass(git_repo, log, ["app.py", *shop_files(), *many])
    assert pooled == serial  # the same report, version picture and account results as one process
