"""The X connector against a fake X API v2 on 127.0.0.1: contract, OAuth 2.0 with PKCE,
and the fault matrix."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from nabz.publishing.connectors import connector_class, connector_for
from nabz.publishing.connectors.base import (
    AppCredentials,
    Credentials,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    TokenExpired,
    pkce_pair,
)
from nabz.publishing.connectors.x import XConnector, authorization_url, exchange_code
from nabz.publishing.connectors.x.text import same_text
from tests.publishing.fakes.server import Fault
from tests.publishing.fakes.x import (
    CLIENT_SECRET,
    CONFIDENTIAL_CLIENT,
    PUBLIC_CLIENT,
    USER_ID,
    USERNAME,
    FakeX,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64
REDIRECT = "https://nabz.example/x/callback"


@pytest.fixture
def fake() -> Iterator[FakeX]:
    server = FakeX()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=0.5) as client:
        yield client


def app_for(
    fake: FakeX, client_id: str = CONFIDENTIAL_CLIENT, secret: str = CLIENT_SECRET
) -> AppCredentials:
    return AppCredentials(
        client_id=client_id, client_secret=secret, auth_base=fake.url, api_base=fake.url
    )


def credentials_for(fake: FakeX, scopes: set[str] | None = None) -> Credentials:
    access, refresh = fake.issue_token(scopes=scopes)
    return Credentials(
        access_token=access,
        refresh_token=refresh,
        account_id=USER_ID,
        handle=USERNAME,
        api_base=fake.url,
    )


@pytest.fixture
def x(fake: FakeX, http: httpx.Client) -> XConnector:
    return XConnector(credentials_for(fake), client=http, app=app_for(fake))


def post(
    text: str = "Flu shots are free for staff this week.",
    key: str = "variant-1",
    media: tuple[OutgoingMedia, ...] = (),
    link: str = "",
) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, media=media, link=link)


def image(
    name: str = "clinic.png",
    alt: str = "Two nurses at the vaccination desk",
    mime: str = "image/png",
) -> OutgoingMedia:
    return OutgoingMedia(filename=name, content=PNG, mime_type=mime, alt_text=alt)


# --- the contract -------------------------------------------------------------------------
def test_the_registry_names_this_class() -> None:
    assert connector_class("x") is XConnector


def test_publish_a_text_post(fake: FakeX, x: XConnector) -> None:
    remote = x.publish(post())

    [tweet] = fake.live_tweets()
    assert remote.id == tweet.id
    assert remote.url == f"https://x.com/{USERNAME}/status/{tweet.id}"
    assert tweet.sent_text == "Flu shots are free for staff this week."
    [request] = fake.calls("create_tweet")
    assert request.json() == {"text": "Flu shots are free for staff this week."}
    assert request.bearer == x.credentials.access_token


def test_publish_with_images_uploads_them_with_alt_text(fake: FakeX, x: XConnector) -> None:
    media = (
        image("a.png", "Two nurses at the vaccination desk"),
        image("b.jpg", "The queue outside the clinic", "image/jpeg"),
    )
    remote = x.publish(post(media=media))

    [tweet] = fake.live_tweets()
    assert remote.extra["media_ids"] == [key[2:] for key in tweet.media_keys]
    uploaded = [fake.media[key[2:]] for key in tweet.media_keys]
    assert [m.alt_text for m in uploaded] == [
        "Two nurses at the vaccination desk",
        "The queue outside the clinic",
    ]
    assert [m.content for m in uploaded] == [PNG, PNG]
    assert [m.mime_type for m in uploaded] == ["image/png", "image/jpeg"]
    [upload, _] = fake.calls("media_upload")
    assert upload.headers["content-type"].startswith("multipart/form-data")
    [metadata, _] = fake.calls("media_metadata")
    assert metadata.json()["metadata"] == {
        "alt_text": {"text": "Two nurses at the vaccination desk"}
    }


def test_alt_text_is_cut_to_x_limit(fake: FakeX, x: XConnector) -> None:
    x.publish(post(media=(image(alt="a" * 1500),)))
    [media] = fake.media.values()
    assert len(media.alt_text) == 1000


def test_an_image_without_alt_text_skips_metadata(fake: FakeX, x: XConnector) -> None:
    x.publish(post(media=(image(alt=""),)))
    assert fake.calls("media_metadata") == [] and len(fake.live_tweets()) == 1


@pytest.mark.parametrize(
    "media",
    [
        tuple(image(f"{n}.png") for n in range(5)),
        (image("tour.mp4", mime="video/mp4"),),
        (image("loop.gif", mime="image/gif"),),
    ],
    ids=["five-images", "video", "gif"],
)
def test_unsupported_media_is_refused_before_anything_is_sent(
    fake: FakeX, x: XConnector, media: tuple[OutgoingMedia, ...]
) -> None:
    with pytest.raises(PublishError) as caught:
        x.publish(post(media=media))
    assert caught.value.permanent and fake.requests == []


def test_delete_and_delete_again(fake: FakeX, x: XConnector) -> None:
    remote = x.publish(post())
    x.delete(remote.id)
    assert fake.live_tweets() == []
    x.delete(remote.id)  # already gone


def test_metrics_read_public_metrics(fake: FakeX, x: XConnector) -> None:
    remote = x.publish(post())
    fake.tweets[remote.id].public_metrics.update(
        impression_count=5400, like_count=120, reply_count=9, retweet_count=30, quote_count=4
    )
    metrics = x.metrics(remote.id)

    assert (metrics.impressions, metrics.likes, metrics.comments, metrics.shares) == (
        5400,
        120,
        9,
        34,
    )
    assert fake.calls("get_tweet")[0].query["tweet.fields"] == ["public_metrics"]


def test_metrics_of_a_deleted_post_is_permanent(fake: FakeX, x: XConnector) -> None:
    remote = x.publish(post())
    x.delete(remote.id)
    with pytest.raises(PublishError) as caught:
        x.metrics(remote.id)
    assert caught.value.permanent and "Could not find tweet" in caught.value.reason


def test_find_sees_through_tco_links_escapes_and_the_photo_link(fake: FakeX, x: XConnector) -> None:
    outgoing = post(
        "Q&A on diabetes <live> tonight: https://example.org/qa?day=1&room=2 "
        "and www.example.org/faq/",
        media=(image(),),
    )
    x.publish(post("Something else"))
    remote = x.publish(outgoing)

    [tweet] = [t for t in fake.live_tweets() if t.id == remote.id]
    assert "https://t.co/" in tweet.text and "&amp;" in tweet.text  # X rewrote the text
    found = x.find(outgoing)
    assert found is not None and found.id == remote.id and found.url == remote.url
    assert x.find(post(outgoing.text)) is None  # same text, no image: another post
    assert x.find(post("Q&A on diabetes tonight")) is None
    [request] = fake.calls("user_tweets")[:1]
    assert request.path == f"/2/users/{USER_ID}/tweets"
    assert "entities" in request.query["tweet.fields"][0]


def test_find_with_a_link_that_points_elsewhere_does_not_match(fake: FakeX, x: XConnector) -> None:
    x.publish(post("Read the guide https://example.org/flu"))
    assert x.find(post("Read the guide https://example.org/covid")) is None
    assert x.find(post("Read the guide https://example.org/flu/")) is not None


def test_find_ignores_deleted_and_old_posts(fake: FakeX, x: XConnector) -> None:
    deleted = x.publish(post("Open day on Saturday"))
    x.delete(deleted.id)
    assert x.find(post("Open day on Saturday")) is None
    old = x.publish(post("Blood drive today"))
    fake.tweets[old.id].created_at -= dt.timedelta(days=30)
    assert x.find(post("Blood drive today")) is None


def test_link_field_is_appended_once_and_found(fake: FakeX, x: XConnector) -> None:
    outgoing = post("Our flu guide", link="https://example.org/flu")
    remote = x.publish(outgoing)
    assert fake.tweets[remote.id].sent_text == "Our flu guide https://example.org/flu"
    assert x.find(outgoing) is not None
    x.publish(post("See https://example.org/covid", link="https://example.org/covid", key="k2"))
    assert fake.live_tweets()[-1].sent_text == "See https://example.org/covid"


def test_matching_without_entities_falls_back_to_link_placeholders() -> None:
    tweet = {
        "id": "1",
        "text": "Walk-in &amp; free https://t.co/AbCdEfGhIj https://t.co/ZZZZZZZZZZ",
        "attachments": {"media_keys": ["3_1"]},
    }
    assert same_text("Walk-in & free https://example.org/x", tweet)
    assert not same_text("Walk-in & paid https://example.org/x", tweet)


def test_persian_text_is_matched(fake: FakeX, x: XConnector) -> None:
    outgoing = post("واکسن آنفلوآنزا رایگان است. نوبت: https://example.org/fa")
    remote = x.publish(outgoing)
    found = x.find(outgoing)
    assert found is not None and found.id == remote.id


# --- connecting an account ----------------------------------------------------------------
def test_connect_with_pkce_as_a_confidential_client(fake: FakeX, http: httpx.Client) -> None:
    app = app_for(fake)
    verifier, challenge = pkce_pair()
    url = authorization_url(app, redirect_uri=REDIRECT, state="st8", code_challenge=challenge)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{fake.url}/i/oauth2/authorize?")
    assert query["code_challenge"] == [challenge] and query["code_challenge_method"] == ["S256"]
    assert query["scope"] == ["tweet.read tweet.write users.read media.write offline.access"]

    redirect = http.get(url)
    back = parse_qs(urlsplit(redirect.headers["location"]).query)
    assert redirect.status_code == 302 and back["state"] == ["st8"]

    credentials = exchange_code(
        app, code=back["code"][0], redirect_uri=REDIRECT, code_verifier=verifier, client=http
    )
    assert (credentials.account_id, credentials.handle) == (USER_ID, USERNAME)
    assert credentials.refresh_token and credentials.expires_at is not None
    [token_call] = fake.calls("token")
    assert token_call.headers["authorization"].startswith("Basic ")
    assert CLIENT_SECRET not in token_call.body.decode()

    # What the worker does: a connector from the stored credentials alone, no app at hand.
    connector = connector_for("x", credentials, client=http)
    remote = connector.publish(post())
    assert remote.url.startswith(f"https://x.com/{USERNAME}/status/")
    renewed = connector.refresh()
    assert renewed is not None and renewed.access_token in fake.tokens
    refresh_call = fake.calls("token")[-1]
    assert refresh_call.headers["authorization"].startswith("Basic ")
    assert CLIENT_SECRET not in refresh_call.body.decode()


def test_connect_as_a_public_client(fake: FakeX, http: httpx.Client) -> None:
    app = app_for(fake, client_id=PUBLIC_CLIENT, secret="")
    verifier, challenge = pkce_pair()
    location = http.get(
        authorization_url(app, redirect_uri=REDIRECT, state="s", code_challenge=challenge)
    ).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    credentials = exchange_code(
        app, code=code, redirect_uri=REDIRECT, code_verifier=verifier, client=http
    )
    assert credentials.account_id == USER_ID
    assert "authorization" not in fake.calls("token")[0].headers


def test_a_wrong_verifier_is_refused_and_the_code_is_spent(fake: FakeX, http: httpx.Client) -> None:
    app = app_for(fake)
    verifier, challenge = pkce_pair()
    location = http.get(
        authorization_url(app, redirect_uri=REDIRECT, state="s", code_challenge=challenge)
    ).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    other_verifier, _ = pkce_pair()
    with pytest.raises(PublishError) as wrong:
        exchange_code(
            app, code=code, redirect_uri=REDIRECT, code_verifier=other_verifier, client=http
        )
    assert wrong.value.permanent and "authorization code was invalid" in wrong.value.reason
    with pytest.raises(PublishError):
        exchange_code(app, code=code, redirect_uri=REDIRECT, code_verifier=verifier, client=http)


def test_pkce_is_required() -> None:
    app = AppCredentials(client_id="c")
    with pytest.raises(ValueError):
        authorization_url(app, redirect_uri=REDIRECT, state="s")
    with pytest.raises(ValueError):
        exchange_code(app, code="c", redirect_uri=REDIRECT)


def test_a_confidential_client_without_its_secret_is_refused(
    fake: FakeX, http: httpx.Client
) -> None:
    connector = XConnector(
        credentials_for(fake), client=http, app=app_for(fake, secret="wrong-secret")
    )
    with pytest.raises(PublishError) as caught:
        connector.refresh()
    assert caught.value.permanent and caught.value.status == 401


def test_refresh_rotates_the_refresh_token(fake: FakeX, x: XConnector, http: httpx.Client) -> None:
    renewed = x.refresh()
    assert renewed is not None
    assert renewed.refresh_token != x.credentials.refresh_token
    assert (renewed.account_id, renewed.handle) == (USER_ID, USERNAME)
    assert XConnector(renewed, client=http).publish(post()).id
    with pytest.raises(PublishError) as reused:
        x.refresh()  # the old refresh token was used up
    assert reused.value.permanent


# --- the fault matrix --------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(fake: FakeX, x: XConnector, status: int) -> None:
    fake.inject("create_tweet", Fault.status_code(status))
    with pytest.raises(PublishError) as caught:
        x.publish(post())
    error = caught.value
    assert not error.permanent and not error.ambiguous and error.status == status
    assert x.publish(post()).id


def test_rate_limit_with_retry_after(fake: FakeX, x: XConnector) -> None:
    fake.inject("create_tweet", Fault.rate_limited(retry_after=7))
    with pytest.raises(PublishError) as caught:
        x.publish(post())
    assert caught.value.retry_after == 7 and not caught.value.permanent
    assert caught.value.reason == "Too Many Requests"


def test_rate_limit_waits_for_x_rate_limit_reset(fake: FakeX, x: XConnector) -> None:
    fake.inject("create_tweet", Fault(kind="status", status=429, seconds=42))
    with pytest.raises(PublishError) as caught:
        x.publish(post())
    assert caught.value.retry_after is not None and 40 <= caught.value.retry_after <= 42


def test_a_spent_daily_quota_waits_for_its_reset(fake: FakeX, x: XConnector) -> None:
    fake.daily_post_cap = 1
    x.publish(post())
    with pytest.raises(PublishError) as caught:
        x.publish(post("A second post today"))
    error = caught.value
    assert error.status == 429 and not error.permanent
    assert error.retry_after is not None and error.retry_after > 86_000  # not the 15-min window


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=1.5), Fault.drop_after_commit()],
    ids=["timeout", "dropped"],
)
def test_lost_answer_after_commit_is_ambiguous_and_find_reconciles(
    fake: FakeX, x: XConnector, fault: Fault
) -> None:
    outgoing = post(
        "Our ER wait time is now under 30 minutes & falling: https://example.org/er",
        media=(image(),),
    )
    fake.inject("create_tweet", fault)
    with pytest.raises(PublishError) as caught:
        x.publish(outgoing)
    assert caught.value.ambiguous and not caught.value.permanent

    found = x.find(outgoing)
    [tweet] = fake.live_tweets()
    assert found is not None and found.id == tweet.id


def test_connection_dropped_before_the_post_is_made_finds_nothing(
    fake: FakeX, x: XConnector
) -> None:
    fake.inject("create_tweet", Fault.drop_before())
    with pytest.raises(PublishError) as caught:
        x.publish(post())
    assert caught.value.ambiguous
    assert x.find(post()) is None and fake.live_tweets() == []


def test_a_lost_media_upload_is_not_ambiguous(fake: FakeX, x: XConnector) -> None:
    fake.inject("media_upload", Fault.drop_after_commit())
    with pytest.raises(PublishError) as caught:
        x.publish(post(media=(image(),)))
    assert not caught.value.ambiguous and not caught.value.permanent
    assert fake.calls("create_tweet") == []


def test_expired_token_then_refresh_then_publish(
    fake: FakeX, x: XConnector, http: httpx.Client
) -> None:
    fake.inject("create_tweet", Fault.expired_token())
    with pytest.raises(TokenExpired) as caught:
        x.publish(post())
    assert caught.value.status == 401
    with pytest.raises(TokenExpired):  # the token stays expired until refreshed
        x.publish(post())

    renewed = x.refresh()
    assert renewed is not None
    remote = XConnector(renewed, client=http).publish(post())
    assert [t.id for t in fake.live_tweets()] == [remote.id]


def test_revoked_access_is_permanent_once_refresh_fails(fake: FakeX, x: XConnector) -> None:
    fake.inject("create_tweet", Fault.revoked_token())
    with pytest.raises(TokenExpired):  # X answers 401 either way
        x.publish(post())
    with pytest.raises(PublishError) as caught:
        x.refresh()
    error = caught.value
    assert error.permanent and not isinstance(error, TokenExpired)
    assert error.status == 401  # the worker marks the account "reconnect"
    assert "connect the account again" in error.reason and "token was invalid" in error.reason


def test_missing_scope_is_permanent(fake: FakeX, http: httpx.Client) -> None:
    connector = XConnector(credentials_for(fake, scopes={"tweet.read", "users.read"}), client=http)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 403


def test_rejected_content_is_permanent_with_xs_reason(fake: FakeX, x: XConnector) -> None:
    fake.inject("create_tweet", Fault.rejected("You are not permitted to perform this action."))
    with pytest.raises(PublishError) as caught:
        x.publish(post())
    assert caught.value.permanent and caught.value.status == 403
    assert caught.value.reason == "You are not permitted to perform this action."


def test_duplicate_text_is_refused_permanently(fake: FakeX, x: XConnector) -> None:
    x.publish(post())
    with pytest.raises(PublishError) as caught:
        x.publish(post())
    assert caught.value.permanent
    assert caught.value.reason == "You are not allowed to create a Tweet with duplicate content."
    assert len(fake.live_tweets()) == 1


def test_too_long_text_is_permanent(fake: FakeX, x: XConnector) -> None:
    with pytest.raises(PublishError) as caught:
        x.publish(post("سلام " * 60 + "🙂" * 10))
    assert caught.value.permanent and "too long" in caught.value.reason


def test_invalid_media_ids_are_a_permanent_invalid_request(fake: FakeX, x: XConnector) -> None:
    fake.inject(
        "media_upload",
        Fault.status_code(200, {"data": {"id": "999", "media_key": "3_999", "size": 1}}),
    )
    with pytest.raises(PublishError) as caught:
        x.publish(post(media=(image(alt=""),)))
    assert caught.value.permanent and caught.value.status == 400
    assert caught.value.reason == "Your media IDs are invalid."


def test_tokens_never_appear_in_errors(fake: FakeX, x: XConnector) -> None:
    token = x.credentials.access_token
    for fault in (Fault.expired_token(), Fault.status_code(503), Fault.rejected("no")):
        fake.inject("create_tweet", fault)
        with pytest.raises(PublishError) as caught:
            x.publish(post())
        assert token not in str(caught.value) and token not in caught.value.reason
        fake.tokens[token].expires_at = time.time() + 3600


# --- threads ------------------------------------------------------------------------------
THREAD = ("Flu season is here. (1/3)", "Shots are free for staff. (2/3)", "Book today. (3/3)")


def test_a_thread_goes_out_as_replies_chained_to_the_previous_part(
    fake: FakeX, x: XConnector
) -> None:
    remote = x.publish(OutgoingPost(text=THREAD[0], idempotency_key="t", replies=THREAD[1:]))
    tweets = sorted(fake.live_tweets(), key=lambda t: int(t.id))
    assert [t.sent_text for t in tweets] == list(THREAD)
    assert [t.in_reply_to for t in tweets] == ["", tweets[0].id, tweets[1].id]
    assert remote.id.split(" ") == [t.id for t in tweets]
    assert remote.url.endswith(f"/status/{tweets[0].id}")
    x.delete(remote.id)  # a takedown removes every part
    assert fake.live_tweets() == []


def test_a_thread_that_cannot_finish_is_removed_and_retried_whole(
    fake: FakeX, x: XConnector
) -> None:
    fake.daily_post_cap = 1  # the second part meets X's daily limit
    with pytest.raises(PublishError) as refused:
        x.publish(OutgoingPost(text=THREAD[0], idempotency_key="t", replies=THREAD[1:]))
    assert refused.value.status == 429 and not refused.value.ambiguous
    assert fake.live_tweets() == []  # no half thread left behind


def test_a_reply_to_a_deleted_post_is_refused_by_the_fake(fake: FakeX, x: XConnector) -> None:
    first = x.publish(post("First part"))
    x.delete(first.id)
    response = x.client.post(
        f"{fake.url}/2/tweets",
        json={"text": "Second part", "reply": {"in_reply_to_tweet_id": first.id}},
        headers=x.headers(),
    )
    assert response.status_code == 403 and "replying to" in response.json()["detail"]


def test_a_thread_whose_first_answer_was_lost_goes_on_from_the_part_found(
    fake: FakeX, x: XConnector
) -> None:
    x.publish(post(THREAD[0]))  # the first part went out; its answer never came back
    remote = x.find(OutgoingPost(text=THREAD[0], idempotency_key="t", replies=THREAD[1:]))
    assert remote is not None
    tweets = sorted(fake.live_tweets(), key=lambda t: int(t.id))
    assert [t.sent_text for t in tweets] == list(THREAD)
    assert remote.id.split(" ") == [t.id for t in tweets]
