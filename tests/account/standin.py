"""A Stripe stand-in: an HTTP server on 127.0.0.1 serving hand-written scenarios to the real SDK.

The mode of a request comes from its key prefix (``rk_live_``/``sk_live_`` -> live, ``*_test_`` ->
test), like Stripe. Faults are queued per route ("GET /v1/webhook_endpoints") and consumed in order.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

OBJECT_ROUTES = ("prices", "products", "plans", "coupons", "promotion_codes", "tax_rates", "shipping_rates")
OBJECT_NAMES = {
    "prices": "price",
    "products": "product",
    "plans": "plan",
    "coupons": "coupon",
    "promotion_codes": "promotion_code",
    "tax_rates": "tax_rate",
    "shipping_rates": "shipping_rate",
}


@dataclass
class Fault:
    status: int = 500
    error: dict[str, Any] | None = None  # the "error" object of the body
    body: bytes | None = None  # raw body instead (malformed JSON)
    delay: float = 0.0  # seconds before answering (timeouts)
    headers: dict[str, str] = field(default_factory=dict)
    repeat: bool = False  # keep answering this fault forever


@dataclass
class Mode:
    endpoints: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    objects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # route name -> objects
    destinations: list[dict[str, Any]] = field(default_factory=list)  # v2 event destinations
    portal_configurations: list[dict[str, Any]] = field(default_factory=list)
    tax_settings: dict[str, Any] = field(default_factory=dict)  # GET /v1/tax/settings; {} -> pending, all missing


@dataclass
class Scenario:
    account: dict[str, Any] = field(default_factory=dict)
    live: Mode = field(default_factory=Mode)
    test: Mode = field(default_factory=Mode)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    latency: float = 0.0
    revoked_keys: set[str] = field(default_factory=set)  # answered with 401, like a rolled key


@dataclass
class Request:
    method: str
    path: str
    query: list[tuple[str, str]]
    mode: str
    headers: dict[str, str]


class StripeStandIn:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"standin": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> StripeStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def calls(self, route: str | None = None) -> list[Request]:
        return [r for r in self.requests if route is None or f"{r.method} {r.path}".startswith(route)]

    def take_fault(self, route: str) -> Fault | None:
        with self.lock:
            for key, queue in self.scenario.faults.items():
                if route.startswith(key) and queue:
                    fault = queue[0]
                    if not fault.repeat:
                        queue.pop(0)
                    return fault
        return None


def _error(status: int, kind: str, message: str, code: str | None = None) -> tuple[int, dict[str, Any]]:
    error: dict[str, Any] = {"type": kind, "message": message}
    if code:
        error["code"] = code
    return status, {"error": error}


class _Handler(BaseHTTPRequestHandler):
    standin: StripeStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        key = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        mode = (
            "live"
            if key.startswith(("sk_live_", "rk_live_"))
            else "test"
            if key.startswith(("sk_test_", "rk_test_"))
            else ""
        )
        standin = self.standin
        with standin.lock:
            standin.requests.append(Request("GET", parts.path, query, mode, dict(self.headers.items())))
        if standin.scenario.latency:
            time.sleep(standin.scenario.latency)
        fault = standin.take_fault(f"GET {parts.path}")
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.body is not None:
                self._send(fault.status, fault.body, fault.headers)
            else:
                self._send_json(
                    fault.status, {"error": fault.error or {"type": "api_error", "message": "boom"}}, fault.headers
                )
            return
        if not mode or key in standin.scenario.revoked_keys:
            self._send_json(*_error(401, "invalid_request_error", "Invalid API Key provided: " + key[:8] + "****"))
            return
        status, body = self.route(parts.path, dict(query), query, mode)
        self._send_json(status, body)

    def route(self, path: str, params: dict[str, str], query: list[tuple[str, str]], mode: str) -> tuple[int, Any]:
        scenario = self.standin.scenario
        data = scenario.live if mode == "live" else scenario.test
        other = scenario.test if mode == "live" else scenario.live
        if path == "/v1/account":
            return 200, scenario.account
        if path == "/v1/webhook_endpoints":
            return 200, _page(path, data.endpoints, params)
        if path == "/v2/core/event_destinations":
            return 200, {"data": data.destinations, "next_page_url": None, "previous_page_url": None}
        if path == "/v1/billing_portal/configurations":
            configurations = data.portal_configurations
            if params.get("is_default") == "true":
                configurations = [c for c in configurations if c.get("is_default")]
            return 200, _page(path, configurations, params)
        if path == "/v1/tax/settings":
            return 200, data.tax_settings or _pending_tax_settings(mode)
        if path == "/v1/events":
            events = sorted(data.events, key=lambda e: -e["created"])
            if params.get("delivery_success") == "false":
                events = [e for e in events if e.get("pending_webhooks", 0) > 0]
            if "created[gte]" in params:
                events = [e for e in events if e["created"] >= int(params["created[gte]"])]
            return 200, _page(path, events, params)
        segments = path.strip("/").split("/")
        if len(segments) >= 2 and segments[1] in OBJECT_ROUTES:
            route = segments[1]
            objects = data.objects.get(route, [])
            if len(segments) == 2:
                lookup_keys = [v for k, v in query if k.startswith("lookup_keys")]
                if lookup_keys:
                    objects = [o for o in objects if o.get("lookup_key") in lookup_keys]
                return 200, _page(path, objects, params)
            object_id = segments[2]
            for obj in objects:
                if obj["id"] == object_id:
                    return 200, obj
            name = OBJECT_NAMES[route]
            twin = any(o["id"] == object_id for o in other.objects.get(route, []))
            message = f"No such {name}: '{object_id}'"
            if twin:
                twin_mode = "test" if mode == "live" else "live"
                message += f"; a similar object exists in {twin_mode} mode, but a {mode} mode key was used"
                message += " to make this request."
            return _error(404, "invalid_request_error", message, "resource_missing")
        return _error(404, "invalid_request_error", f"Unrecognized request URL (GET: {path})")

    def _send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(body).encode(), headers or {})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Request-Id", "req_standin")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _pending_tax_settings(mode: str) -> dict[str, Any]:
    return {
        "object": "tax.settings",
        "defaults": {"tax_behavior": None, "tax_code": None},
        "head_office": None,
        "livemode": mode == "live",
        "status": "pending",
        "status_details": {"pending": {"missing_fields": ["head_office"]}},
    }


def _page(url: str, items: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
    limit = int(params.get("limit", 10))
    start = 0
    after = params.get("starting_after")
    if after:
        ids = [item["id"] for item in items]
        start = ids.index(after) + 1 if after in ids else len(items)
    chunk = items[start : start + limit]
    return {"object": "list", "url": url, "has_more": start + limit < len(items), "data": chunk}
