from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from tests.github.fake_github import FakeGitHub, serve


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[HTTPServer]:
    """An HTTP server on 127.0.0.1 (never a public interface), shared by a module's tests."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def loopback(loopback_server: HTTPServer) -> HTTPServer:
    """The shared server with no handlers left over from an earlier test."""
    loopback_server.clear()
    return loopback_server


@pytest.fixture
def github(loopback: HTTPServer) -> FakeGitHub:
    return serve(loopback)


@pytest.fixture
def ghes(loopback: HTTPServer) -> FakeGitHub:
    return serve(loopback, prefix="/api/v3")
