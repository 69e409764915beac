"""Post and account figures from the fake Bluesky and X, in each network's words."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nabz.publishing.connectors import reading
from nabz.publishing.connectors.base import OutgoingPost, PublishError
from nabz.publishing.connectors.bluesky import auth as bluesky_auth
from nabz.publishing.connectors.bluesky.connector import BlueskyConnector
from nabz.publishing.connectors.x.connector import XConnector
from tests.publishing.connectors.test_bluesky import APP_PASSWORD
from tests.publishing.connectors.test_x import app_for, credentials_for
from tests.publishing.fakes.bluesky import FakeBluesky
from tests.publishing.fakes.server import Fault
from tests.publishing.fakes.x import FakeX


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=1.0) as client:
        yield client


def test_bluesky_counts_quotes_with_reposts_and_reads_followers(http: httpx.Client) -> None:
    with FakeBluesky() as fake:
        credentials = bluesky_auth.login(
            "sunrisehospital.bsky.social", APP_PASSWORD, api_base=fake.url, client=http
        )
        connector = BlueskyConnector(credentials, client=http)
        remote = connector.publish(OutgoingPost(text="Walk-in clinic today.", idempotency_key="b1"))
        first = reading.read_post("bluesky", connector, remote.id)
        assert first.values == {"likes": 0, "comments": 0, "shares": 0, "engagements": 0}
        fake.time_passes(hours=2)
        second = reading.read_post("bluesky", connector, remote.id)
        raw = second.raw
        assert second.values["shares"] == raw["repostCount"] + raw["quoteCount"]
        assert second.values["engagements"] == sum(
            raw[k] for k in ("likeCount", "replyCount", "repostCount", "quoteCount")
        )
        assert "impressions" not in second.values  # Bluesky counts none
        account = reading.read_account("bluesky", connector)
        assert account.values["followers"] == account.raw["followersCount"] >= 340
        fake.inject("get_profile", Fault.status_code(502))
        with pytest.raises(PublishError) as failed:
            reading.read_account("bluesky", connector)
        assert not failed.value.permanent


def test_x_reads_public_metrics_bookmarks_as_saves_and_followers(http: httpx.Client) -> None:
    fake = FakeX()
    fake.start()
    try:
        connector = XConnector(credentials_for(fake), client=http, app=app_for(fake))
        remote = connector.publish(OutgoingPost(text="Flu shots this week.", idempotency_key="x1"))
        fake.time_passes(hours=1)
        got = reading.read_post("x", connector, remote.id)
        metrics = fake.tweets[remote.id].public_metrics
        assert got.values["impressions"] == metrics["impression_count"] > 0
        assert got.values["saves"] == metrics["bookmark_count"]
        assert got.values["shares"] == metrics["retweet_count"] + metrics["quote_count"]
        assert "reach" not in got.values and "clicks" not in got.values
        assert reading.read_account("x", connector).values == {"followers": 2100}
        fake.inject("get_tweet", Fault.rate_limited(retry_after=30))
        with pytest.raises(PublishError) as limited:
            reading.read_post("x", connector, remote.id)
        assert limited.value.retry_after == 30
    finally:
        fake.stop()
