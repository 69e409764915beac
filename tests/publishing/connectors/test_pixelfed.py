"""The Pixelfed connector against a fake server on 127.0.0.1: contract, connecting, faults."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from PIL import Image

from nabz.publishing.connectors import connector_class
from nabz.publishing.connectors.base import (
    Credentials,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
)
from nabz.publishing.connectors.pixelfed import auth
from nabz.publishing.connectors.pixelfed.connector import PixelfedConnector
from tests.publishing.fakes.pixelfed import FakePixelfed
from tests.publishing.fakes.server import Fault

REDIRECT = "https://nabz.example/connect/pixelfed/callback"


def png(color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), color).save(out, "PNG")
    return out.getvalue()


PHOTO = OutgoingMedia("ward.png", png(), "image/png", alt_text="The new children's ward")


def post(
    text: str = "Our new children's ward opens on Monday.",
    *,
    key: str = "nabz-0001",
    media: tuple[OutgoingMedia, ...] = (PHOTO,),
) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, media=media)


@pytest.fixture
def fake() -> Iterator[FakePixelfed]:
    with FakePixelfed() as server:
        yield server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=0.5) as c:
        yield c


@pytest.fixture
def connector(fake: FakePixelfed, client: httpx.Client) -> PixelfedConnector:
    credentials = Credentials(
        access_token=fake.issue_token(), account_id=fake.account.id, api_base=fake.url
    )
    return PixelfedConnector(credentials, client=client)


def test_the_registry_finds_the_folder() -> None:
    assert connector_class("pixelfed") is PixelfedConnector


def test_publish_uploads_on_v1_and_posts_the_photo(
    fake: FakePixelfed, connector: PixelfedConnector
) -> None:
    remote = connector.publish(post())
    [status] = fake.live_statuses()
    assert remote.id == status.id and remote.url.endswith(f"/{status.id}")
    assert status.text == "Our new children's ward opens on Monday."
    assert [fake.media[m].description for m in status.media_ids] == [PHOTO.alt_text]
    assert len(fake.calls("upload_media")) == 1


def test_a_post_without_a_photo_is_refused_before_any_call(
    fake: FakePixelfed, connector: PixelfedConnector
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=()))
    assert caught.value.permanent and "image" in caught.value.reason
    assert fake.requests == []


def test_the_server_refuses_a_status_without_media_in_laravel_words(
    fake: FakePixelfed, client: httpx.Client
) -> None:
    token = fake.issue_token()
    answer = client.post(
        f"{fake.url}/api/v1/statuses",
        json={"status": "text only"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 422
    assert answer.json()["errors"]["media_ids"] == ["The media ids field is required."]


def test_too_many_images_and_too_long_alt_text_are_refused_locally(
    fake: FakePixelfed, connector: PixelfedConnector
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(PHOTO,) * 5))
    assert caught.value.permanent and "at most 4" in caught.value.reason
    long_alt = OutgoingMedia("a.png", png(), "image/png", alt_text="x" * 1001)
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(long_alt,)))
    assert caught.value.permanent and "1000" in caught.value.reason
    assert fake.requests == []


def test_a_rejected_caption_is_permanent_with_the_servers_reason(
    fake: FakePixelfed, connector: PixelfedConnector
) -> None:
    fake.inject("create_post", Fault.rejected("The status contains a banned word."))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 422
    assert caught.value.reason == "The status contains a banned word."
    assert fake.live_statuses() == []


def test_server_errors_and_rate_limits_are_transient(
    fake: FakePixelfed, connector: PixelfedConnector
) -> None:
    fake.inject("create_post", Fault.status_code(503))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not caught.value.permanent
    fake.inject("create_post", Fault.rate_limited(retry_after=7))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not caught.value.permanent and caught.value.retry_after == 7
    assert fake.live_statuses() == []


def test_a_revoked_token_is_permanent(fake: FakePixelfed, connector: PixelfedConnector) -> None:
    fake.revoke(connector.credentials.access_token)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 401


def test_an_unseen_outcome_is_found_in_recent_statuses_not_sent_twice(
    fake: FakePixelfed, connector: PixelfedConnector
) -> None:
    fake.inject("create_post", Fault.drop_after_commit())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.ambiguous
    [status] = fake.live_statuses()
    found = connector.find(post())
    assert found is not None and found.id == status.id
    assert connector.find(post("Another caption entirely.")) is None
    assert len(fake.live_statuses()) == 1


def test_delete_and_metrics(fake: FakePixelfed, connector: PixelfedConnector) -> None:
    remote = connector.publish(post())
    fake.statuses[remote.id].favourites_count = 4
    assert connector.metrics(remote.id).likes == 4
    connector.delete(remote.id)
    connector.delete(remote.id)  # gone already counts as deleted
    assert fake.live_statuses() == []


def test_connecting_registers_the_app_and_reads_the_servers_limits(
    fake: FakePixelfed, client: httpx.Client
) -> None:
    app = auth.register_app(fake.url, REDIRECT, client)
    url = auth.authorization_url(app, redirect_uri=REDIRECT, state="s-1")
    back = parse_qs(urlsplit(client.get(url).headers["location"]).query)
    credentials = auth.exchange_code(
        app, code=back["code"][0], redirect_uri=REDIRECT, client=client
    )
    assert credentials.account_id == fake.account.id and credentials.api_base == fake.url
    limits = auth.instance_limits(fake.url, client)
    assert limits.max_characters == 500 and limits.max_media_attachments == 4
    assert limits.description_limit == 1000
