"""The fake-server framework itself: routes, faults, and what a client sees."""

from __future__ import annotations

import httpx
import pytest

from tests.publishing.fakes.server import FakeNetwork, Fault, Request, Response


class Echo(FakeNetwork):
    name = "echo"

    def setup_routes(self) -> None:
        self.created: list[str] = []
        self.route("POST", "/posts", "create_post", self.create)

    def create(self, request: Request) -> Response:
        self.created.append(request.json()["text"])
        return Response(201, {"id": str(len(self.created))})


@pytest.fixture
def fake():  # type: ignore[no-untyped-def]
    with Echo() as server:
        yield server


def test_faults_are_used_in_order_then_the_route_works(fake: Echo) -> None:
    fake.inject("create_post", Fault.status_code(503))
    fake.inject("create_post", Fault.rate_limited(retry_after=7))
    with httpx.Client(base_url=fake.url) as client:
        assert client.post("/posts", json={"text": "a"}).status_code == 503
        limited = client.post("/posts", json={"text": "a"})
        assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
        assert client.post("/posts", json={"text": "a"}).json() == {"id": "1"}
    assert fake.created == ["a"]


def test_timeout_after_commit_creates_the_post(fake: Echo) -> None:
    fake.inject("create_post", Fault.slow_after_commit(seconds=1.0))
    with httpx.Client(base_url=fake.url, timeout=0.2) as client, pytest.raises(httpx.ReadTimeout):
        client.post("/posts", json={"text": "b"})
    assert fake.created == ["b"]


def test_dropped_connection_after_commit(fake: Echo) -> None:
    fake.inject("create_post", Fault.drop_after_commit())
    with httpx.Client(base_url=fake.url) as client, pytest.raises(httpx.TransportError):
        client.post("/posts", json={"text": "c"})
    assert fake.created == ["c"]
    assert fake.calls("create_post")[0].json() == {"text": "c"}
