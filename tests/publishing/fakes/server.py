"""A small framework for fake network APIs on 127.0.0.1, with fault injection.

Each fake subclasses :class:`FakeNetwork`, declares its routes with the real
paths and answers with the real response and error shapes. Tests (and
bench/publish_load.py) inject faults per route:

    fake.inject("create_post", Fault.status_code(503))
    fake.inject("create_post", Fault.rate_limited(retry_after=2))
    fake.inject("create_post", Fault.slow_after_commit(seconds=3))   # the post IS created
    fake.inject("create_post", Fault.drop_after_commit())            # created, no answer
    fake.inject("create_post", Fault.expired_token())
    fake.inject("create_post", Fault.rejected("Duplicate content"))

A fault is used once (``times=1``) unless told otherwise; ``rate`` injects at
random with that probability (seeded) for load tests.
"""

from __future__ import annotations

import json
import random
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)  # from the route's named groups

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())

    @property
    def bearer(self) -> str:
        auth = self.headers.get("authorization", "")
        return auth[7:] if auth.lower().startswith("bearer ") else ""


@dataclass
class Response:
    status: int = 200
    body: Any = None  # dict/list -> JSON; bytes -> as is
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("content-type", "application/octet-stream")
        if self.body is None:
            return b"", "application/json"
        return json.dumps(self.body).encode(), "application/json"


@dataclass
class Fault:
    kind: str
    status: int = 0
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    message: str = ""

    @classmethod
    def status_code(cls, status: int, body: Any = None) -> Fault:
        return cls("status", status=status, body=body)

    @classmethod
    def rate_limited(cls, retry_after: float = 1) -> Fault:
        return cls("rate_limited", status=429, seconds=retry_after)

    @classmethod
    def slow_after_commit(cls, seconds: float = 3.0) -> Fault:
        return cls("slow_after_commit", seconds=seconds)

    @classmethod
    def drop_after_commit(cls) -> Fault:
        return cls("drop_after_commit")

    @classmethod
    def drop_before(cls) -> Fault:
        return cls("drop_before")

    @classmethod
    def expired_token(cls) -> Fault:
        return cls("expired_token", status=401)

    @classmethod
    def revoked_token(cls) -> Fault:
        return cls("revoked_token", status=401)

    @classmethod
    def rejected(cls, message: str = "The content was rejected.") -> Fault:
        return cls("rejected", status=400, message=message)


Handler = Callable[[Request], Response]


class FakeNetwork:
    """Base class of the fakes. Subclasses fill ``routes`` and the error shapes."""

    name = "fake"

    def __init__(self, *, seed: int = 7) -> None:
        self.routes: list[tuple[str, re.Pattern[str], str, Handler]] = []
        self.faults: dict[str, deque[Fault]] = {}
        self.random_faults: dict[str, tuple[float, list[Fault]]] = {}
        self.random = random.Random(seed)
        self.requests: list[tuple[str, str, Request]] = []  # (route name, method, request)
        self.lock = threading.RLock()
        self.server: ThreadingHTTPServer | None = None
        self.setup_routes()

    # --- what subclasses provide -------------------------------------------------
    def setup_routes(self) -> None:
        """Register routes with :meth:`route`."""

    def error(self, fault: Fault) -> Response:
        """The network's own error shape for a fault (subclasses override)."""
        messages = {
            "rate_limited": "Too many requests",
            "expired_token": "The access token expired",
            "revoked_token": "The access token was revoked",
            "rejected": fault.message,
        }
        return Response(fault.status, fault.body or {"error": messages.get(fault.kind, "error")})

    # --- set-up -------------------------------------------------------------------------
    def route(self, method: str, pattern: str, name: str, handler: Handler) -> None:
        self.routes.append((method, re.compile(f"^{pattern}$"), name, handler))

    def inject(self, route: str, fault: Fault, times: int = 1) -> None:
        with self.lock:
            self.faults.setdefault(route, deque()).extend([fault] * times)

    def inject_randomly(self, route: str, rate: float, faults: list[Fault]) -> None:
        self.random_faults[route] = (rate, faults)

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()
            self.random_faults.clear()

    def calls(self, route: str) -> list[Request]:
        return [r for name, _m, r in self.requests if name == route]

    # --- serving -----------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self.server is not None, "start() the fake first"
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeNetwork:
        fake = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                return

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, Nagle's algorithm
                # and delayed ACKs add ~40 ms to every answer.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def _handle(self) -> None:
                fake._dispatch(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, args=(0.05,), daemon=True, name=f"fake-{self.name}"
        ).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def __enter__(self) -> FakeNetwork:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_fault(self, route: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get(route)
            if queue:
                return queue.popleft()
            if route in self.random_faults:
                rate, faults = self.random_faults[route]
                if self.random.random() < rate:
                    return self.random.choice(faults)
        return None

    def _match(self, method: str, path: str) -> tuple[str, Handler, dict[str, str]] | None:
        for route_method, pattern, name, handler in self.routes:
            match = pattern.match(path)
            if route_method == method and match:
                return name, handler, match.groupdict()
        return None

    def _dispatch(self, http: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(http.path)
        length = int(http.headers.get("content-length") or 0)
        body = http.rfile.read(length) if length else b""
        request = Request(
            http.command,
            parts.path,
            parse_qs(parts.query),
            {k.lower(): v for k, v in http.headers.items()},
            body,
        )
        found = self._match(http.command, parts.path)
        if found is None:
            self._send(http, Response(404, {"error": f"no route {http.command} {parts.path}"}))
            return
        name, handler, request.params = found
        with self.lock:
            self.requests.append((name, http.command, request))
        fault = self._next_fault(name)
        if fault is not None and fault.kind == "drop_before":
            http.close_connection = True
            http.connection.close()
            return
        if fault is not None and fault.kind not in ("slow_after_commit", "drop_after_commit"):
            response = self.error(fault)
            if fault.kind == "rate_limited":
                response.headers.setdefault("retry-after", str(int(max(fault.seconds, 0))))
            self._send(http, response)
            return
        with self.lock:
            response = handler(request)
        if fault is not None and fault.kind == "drop_after_commit":
            http.close_connection = True
            http.connection.close()
            return
        if fault is not None and fault.kind == "slow_after_commit":
            time.sleep(fault.seconds)
        self._send(http, response)

    @staticmethod
    def _send(http: BaseHTTPRequestHandler, response: Response) -> None:
        payload, content_type = response.encoded()
        try:
            http.send_response(response.status)
            headers = {"content-type": content_type, **response.headers}
            for key, value in headers.items():
                http.send_header(key, value)
            http.send_header("content-length", str(len(payload)))
            http.end_headers()
            http.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. it timed out): nothing to answer
