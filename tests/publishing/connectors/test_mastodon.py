"""The Mastodon connector against a fake instance on 127.0.0.1: contract, connecting, faults."""

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
    TokenExpired,
    pkce_pair,
)
from nabz.publishing.connectors.mastodon import auth
from nabz.publishing.connectors.mastodon.connector import MastodonConnector, visible_text
from tests.publishing.fakes.mastodon import FakeMastodon, parse_multipart, render
from tests.publishing.fakes.server import Fault

REDIRECT = "https://nabz.example/connect/mastodon/callback"


def png(color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    with FakeMastodon() as server:
        yield server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=0.5) as c:
        yield c


@pytest.fixture
def token(fake: FakeMastodon) -> str:
    return fake.issue_token()


@pytest.fixture
def connector(fake: FakeMastodon, token: str, client: httpx.Client) -> MastodonConnector:
    credentials = Credentials(
        access_token=token,
        account_id=fake.account.id,
        handle=f"sunrise_hospital@{fake.host}",
        api_base=fake.url,
    )
    conn = MastodonConnector(credentials, client=client)
    conn.media_poll_interval = 0
    return conn


def post(
    text: str = "Free flu shots this Saturday at the east wing, 9 to 13.",
    *,
    key: str = "nabz-0001",
    media: tuple[OutgoingMedia, ...] = (),
    language: str = "en",
    link: str = "",
) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, language=language, media=media, link=link)


PHOTO = OutgoingMedia("clinic.png", png(), "image/png", alt_text="Nurses at the vaccination desk")
CHART = OutgoingMedia("hours.png", png("navy"), "image/png", alt_text="Opening hours table")


# --- the contract --------------------------------------------------------------------------
def test_registry_points_at_the_connector() -> None:
    assert connector_class("mastodon") is MastodonConnector


def test_publish_with_media_and_alt_text(fake: FakeMastodon, connector: MastodonConnector) -> None:
    remote = connector.publish(post(media=(PHOTO, CHART), language="en"))

    [status] = fake.live_statuses()
    assert remote.id == status.id
    assert remote.url == f"{fake.url}/@sunrise_hospital/{status.id}"
    assert status.visibility == "public" and status.language == "en"
    assert [fake.media[m].description for m in status.media_ids] == [
        "Nurses at the vaccination desk",
        "Opening hours table",
    ]
    sent = fake.calls("create_post")[0]
    assert sent.headers["idempotency-key"] == "nabz-0001"
    upload = parse_multipart(
        fake.calls("upload_media")[0].body, fake.calls("upload_media")[0].headers["content-type"]
    )
    assert upload["file"].content == PHOTO.content and upload["file"].content_type == "image/png"


def test_persian_text_and_link_are_sent_as_typed(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    text = "واکسن آنفولانزا 🩺 شنبه در بخش شرقی #سلامت"
    connector.publish(post(text, language="fa", link="https://sunrise.example/flu"))
    [status] = fake.live_statuses()
    assert status.text == text + "\n\nhttps://sunrise.example/flu"
    assert status.language == "fa"


def test_media_still_processing_is_polled_until_ready(client: httpx.Client) -> None:
    with FakeMastodon(processing_polls=2) as server:
        conn = MastodonConnector(
            Credentials(access_token=server.issue_token(), api_base=server.url), client=client
        )
        conn.media_poll_interval = 0
        conn.publish(post(media=(PHOTO,)))
        assert len(server.calls("get_media")) == 3  # 206, 206, 200
        assert len(server.live_statuses()) == 1


def test_media_never_ready_is_transient_and_sends_no_status(client: httpx.Client) -> None:
    with FakeMastodon(processing_polls=50) as server:
        conn = MastodonConnector(
            Credentials(access_token=server.issue_token(), api_base=server.url), client=client
        )
        conn.media_poll_interval = 0
        with pytest.raises(PublishError) as caught:
            conn.publish(post(media=(PHOTO,)))
        assert not caught.value.permanent and not caught.value.ambiguous
        assert caught.value.retry_after
        assert len(server.calls("get_media")) == conn.media_poll_attempts
        assert server.calls("create_post") == []


def test_publishing_again_with_the_same_key_gives_the_same_status(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    first = connector.publish(post())
    second = connector.publish(post())
    assert first.id == second.id
    assert len(fake.live_statuses()) == 1


def test_delete_and_delete_again(fake: FakeMastodon, connector: MastodonConnector) -> None:
    remote = connector.publish(post())
    connector.delete(remote.id)
    assert fake.live_statuses() == []
    connector.delete(remote.id)  # already gone counts as deleted
    assert [r.method for r in fake.calls("delete_status")] == ["DELETE", "DELETE"]


def test_metrics(fake: FakeMastodon, connector: MastodonConnector) -> None:
    remote = connector.publish(post())
    status = fake.statuses[remote.id]
    status.favourites_count, status.reblogs_count, status.replies_count = 12, 3, 4
    metrics = connector.metrics(remote.id)
    assert (metrics.likes, metrics.shares, metrics.comments) == (12, 3, 4)
    assert metrics.impressions is None  # Mastodon does not count views


def test_metrics_of_a_deleted_status_is_permanent(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    remote = connector.publish(post())
    connector.delete(remote.id)
    with pytest.raises(PublishError) as caught:
        connector.metrics(remote.id)
    assert caught.value.permanent and caught.value.reason == "Record not found"


def test_a_remote_id_that_is_not_an_id_never_reaches_the_path(connector: MastodonConnector) -> None:
    with pytest.raises(PublishError) as caught:
        connector.delete("../accounts/1/block")
    assert caught.value.permanent


# --- find ----------------------------------------------------------------------------------
def test_find_nothing_creates_nothing(fake: FakeMastodon, connector: MastodonConnector) -> None:
    assert connector.find(post()) is None
    assert fake.statuses == {}
    probe = fake.calls("create_post")[0]
    assert probe.headers["idempotency-key"] == "nabz-0001" and probe.json() == {"status": ""}


def test_find_by_idempotency_key(fake: FakeMastodon, connector: MastodonConnector) -> None:
    remote = connector.publish(post(media=(PHOTO,)))
    found = connector.find(post(media=(PHOTO,)))
    assert found is not None and found.id == remote.id
    assert fake.calls("account_statuses") == []  # the key alone answered
    assert len(fake.live_statuses()) == 1


def test_find_after_the_key_expired_reads_recent_statuses(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    text = (
        "Blood drive with @redcrescent@social.example at https://sunrise.example/blood\n\n#donate"
    )
    connector.publish(post("Another post, same day.", key="nabz-other"))
    remote = connector.publish(post(text, media=(PHOTO,)))
    connector.publish(post("A later post.", key="nabz-later"))
    fake.forget_idempotency_keys()

    found = connector.find(post(text, media=(PHOTO,)))
    assert found is not None and found.id == remote.id
    assert len(fake.calls("status_source")) == 1  # only the real candidate is confirmed


def test_a_find_that_times_out_leaves_the_outcome_unknown(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    fake.inject("create_post", Fault.slow_after_commit(seconds=1.5))
    with pytest.raises(PublishError) as caught:
        connector.find(post())
    assert caught.value.ambiguous and fake.statuses == {}


def test_find_after_the_key_expired_ignores_other_posts(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    connector.publish(post("Free flu shots this Saturday.", media=(PHOTO,)))
    fake.forget_idempotency_keys()
    assert connector.find(post("Free flu shots this Sunday.", media=(PHOTO,))) is None
    assert connector.find(post("Free flu shots this Saturday.", media=(CHART,))) is None
    assert (
        connector.find(post("Free flu shots this Saturday.", media=(PHOTO,), language="fa")) is None
    )


def test_rendered_content_reads_back_as_the_text() -> None:
    text = (
        "Hello @team and @x@y.example — see https://example.org/a/very/long/path/indeed?q=1\n\n#tag"
    )
    assert visible_text(render(text, "https://m.example")).split() == (
        [
            "Hello",
            "@team",
            "and",
            "@x",
            "—",
            "see",
            "https://example.org/a/very/long/path/indeed?q=1",
            "#tag",
        ]
    )


# --- connecting ----------------------------------------------------------------------------
def test_register_authorize_exchange(fake: FakeMastodon, client: httpx.Client) -> None:
    app = auth.register_app(fake.url, REDIRECT, client, website="https://nabz.example")
    assert app.client_id in fake.apps and app.api_base == fake.url
    assert fake.calls("register_app")[0].json() == {
        "client_name": "Nabz",
        "redirect_uris": REDIRECT,
        "scopes": "read write",
        "website": "https://nabz.example",
    }

    verifier, challenge = pkce_pair()
    url = auth.authorization_url(
        app, redirect_uri=REDIRECT, state="s-123", code_challenge=challenge
    )
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{fake.url}/oauth/authorize?")
    assert query["scope"] == ["read write"] and query["code_challenge_method"] == ["S256"]
    answer = client.get(url)  # the fake approves at once and redirects back
    back = parse_qs(urlsplit(answer.headers["location"]).query)
    assert answer.status_code == 302 and back["state"] == ["s-123"]

    credentials = auth.exchange_code(
        app, code=back["code"][0], redirect_uri=REDIRECT, code_verifier=verifier, client=client
    )
    assert credentials.account_id == fake.account.id
    assert credentials.handle == f"sunrise_hospital@{fake.host.split(':')[0]}"
    assert credentials.api_base == fake.url and credentials.refresh_token == ""
    assert credentials.extra["client_id"] == app.client_id
    conn = MastodonConnector(credentials, client=client)
    assert conn.publish(post()).id in fake.statuses


def test_a_used_or_wrong_code_is_refused_with_the_instance_reason(
    fake: FakeMastodon, client: httpx.Client
) -> None:
    app = auth.register_app(fake.url, REDIRECT, client)
    with pytest.raises(PublishError) as caught:
        auth.exchange_code(app, code="not-a-code", redirect_uri=REDIRECT, client=client)
    assert caught.value.permanent and "grant is invalid" in caught.value.reason
    assert app.client_secret not in str(caught.value)


def test_a_wrong_pkce_verifier_is_refused(fake: FakeMastodon, client: httpx.Client) -> None:
    app = auth.register_app(fake.url, REDIRECT, client)
    _verifier, challenge = pkce_pair()
    answer = client.get(
        auth.authorization_url(app, redirect_uri=REDIRECT, state="s", code_challenge=challenge)
    )
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    with pytest.raises(PublishError) as caught:
        auth.exchange_code(
            app, code=code, redirect_uri=REDIRECT, code_verifier=pkce_pair()[0], client=client
        )
    assert caught.value.permanent and caught.value.status == 400


def test_instance_limits(client: httpx.Client) -> None:
    with FakeMastodon(max_characters=1000) as server:
        limits = auth.instance_limits(server.url, client)
    assert limits.max_characters == 1000 and limits.max_media_attachments == 4
    assert limits.as_options()["max_characters"] == 1000
    assert "image/png" in limits.supported_mime_types


@pytest.mark.parametrize(
    ("typed", "base"),
    [
        ("mastodon.social", "https://mastodon.social"),
        ("https://Mastodon.Social/", "https://mastodon.social"),
        ("@nurse@med-mastodon.com", "https://med-mastodon.com"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ],
)
def test_instance_addresses(typed: str, base: str) -> None:
    assert auth.instance_base(typed) == base


@pytest.mark.parametrize(
    "typed",
    [
        "http://mastodon.social",
        "not an address",
        "ftp://x.org",
        "m.social:port",
        "https://169.254.169.254",
        "https://10.0.0.8",
    ],
)
def test_bad_instance_addresses(typed: str) -> None:
    with pytest.raises(PublishError) as caught:
        auth.instance_base(typed)
    assert caught.value.permanent and caught.value.reason


# --- local refusals ---------------------------------------------------------------------------
def test_more_than_four_images_is_refused_before_any_upload(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(PHOTO,) * 5))
    assert caught.value.permanent and fake.requests == []


def test_alt_text_over_1500_characters_is_refused(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    long_alt = OutgoingMedia("a.png", png(), "image/png", alt_text="x" * 1501)
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(long_alt,)))
    assert caught.value.permanent and fake.requests == []


# --- the fault matrix ---------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    fake: FakeMastodon, connector: MastodonConnector, status: int
) -> None:
    fake.inject("create_post", Fault.status_code(status))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and not error.ambiguous and error.status == status
    assert "<html" not in error.reason
    assert connector.publish(post()).id  # the next attempt goes through


def test_429_with_retry_after(fake: FakeMastodon, connector: MastodonConnector) -> None:
    fake.inject("create_post", Fault.rate_limited(retry_after=42))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.retry_after == 42 and not caught.value.permanent
    assert caught.value.reason == "Too many requests"


def test_429_from_the_status_limit_uses_the_iso_reset_header(client: httpx.Client) -> None:
    with FakeMastodon(status_limit=1, status_window=120) as server:
        conn = MastodonConnector(
            Credentials(access_token=server.issue_token(), api_base=server.url), client=client
        )
        conn.publish(post(key="k1"))
        with pytest.raises(PublishError) as caught:
            conn.publish(post(key="k2"))
    assert caught.value.status == 429 and not caught.value.permanent
    assert 100 < (caught.value.retry_after or 0) <= 120


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=1.5), Fault.drop_after_commit()],
    ids=["timeout", "dropped"],
)
def test_accepted_but_unseen_is_ambiguous_and_find_finds_it(
    fake: FakeMastodon, connector: MastodonConnector, fault: Fault
) -> None:
    fake.inject("create_post", fault)
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(PHOTO,)))
    assert caught.value.ambiguous and not caught.value.permanent
    [status] = fake.live_statuses()
    found = connector.find(post(media=(PHOTO,)))
    assert found is not None and found.id == status.id
    assert len(fake.live_statuses()) == 1


def test_an_upload_timeout_is_transient_not_ambiguous(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    fake.inject("upload_media", Fault.slow_after_commit(seconds=1.5))
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(PHOTO,)))
    assert not caught.value.ambiguous and not caught.value.permanent
    assert fake.calls("create_post") == []


def test_expired_token_is_permanent_because_mastodon_tokens_do_not_expire(
    fake: FakeMastodon, connector: MastodonConnector, token: str
) -> None:
    fake.inject("create_post", Fault.expired_token())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not isinstance(caught.value, TokenExpired)
    assert caught.value.permanent and caught.value.status == 401
    assert connector.refresh() is None
    assert token not in str(caught.value) and token not in caught.value.reason


def test_revoked_token_is_permanent(
    fake: FakeMastodon, connector: MastodonConnector, token: str
) -> None:
    fake.revoke(token)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 401
    assert caught.value.reason == "The access token was revoked"
    assert token not in str(caught.value)


def test_missing_scope_is_permanent(fake: FakeMastodon, client: httpx.Client) -> None:
    conn = MastodonConnector(
        Credentials(access_token=fake.issue_token(scopes="read"), api_base=fake.url), client=client
    )
    with pytest.raises(PublishError) as caught:
        conn.publish(post())
    assert caught.value.permanent and caught.value.status == 403


def test_content_rejected_is_permanent_with_the_reason(
    fake: FakeMastodon, connector: MastodonConnector
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post("x" * 501))
    assert caught.value.permanent and caught.value.status == 422
    assert caught.value.reason == "Validation failed: Text character limit of 500 exceeded"
    fake.inject("create_post", Fault.rejected("Text contains a blocked link"))
    with pytest.raises(PublishError) as again:
        connector.publish(post())
    assert again.value.permanent
    assert again.value.reason == "Validation failed: Text contains a blocked link"
