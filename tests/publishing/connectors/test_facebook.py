"""The Facebook Pages connector against a fake Graph API on 127.0.0.1: contract,
connecting a Page, and the fault matrix."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from PIL import Image

from nabz.publishing.connectors import connector_class
from nabz.publishing.connectors.base import (
    AppCredentials,
    Credentials,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    TokenExpired,
    pkce_pair,
)
from nabz.publishing.connectors.facebook import auth
from nabz.publishing.connectors.facebook.connector import FacebookConnector, message_for
from nabz.publishing.connectors.facebook.graph import GRAPH_VERSION, usage_retry_after
from tests.publishing.fakes.meta import FakeMeta
from tests.publishing.fakes.server import Fault


def image(color: str = "teal", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), color).save(out, fmt)
    return out.getvalue()


PHOTO = OutgoingMedia("ward.png", image(), "image/png", alt_text="Nurses at the vaccination desk")
CHART = OutgoingMedia(
    "hours.jpg", image("navy", "JPEG"), "image/jpeg", alt_text="Opening hours table"
)


def post(
    text: str = "Free flu shots this Saturday at the east wing, 9 to 13.",
    *,
    key: str = "nabz-fb-0001",
    media: tuple[OutgoingMedia, ...] = (),
    link: str = "",
) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, media=media, link=link)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeMeta]:
    with FakeMeta() as running:
        yield running


@pytest.fixture
def fake(server: FakeMeta) -> Iterator[FakeMeta]:
    server.reset()
    yield server
    assert server.internal_errors == []


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=0.5) as c:
        yield c


@pytest.fixture
def user_token(fake: FakeMeta) -> str:
    return fake.user_token()


@pytest.fixture
def page_token(fake: FakeMeta) -> str:
    return fake.page_token()


@pytest.fixture
def credentials(fake: FakeMeta, page_token: str, user_token: str) -> Credentials:
    return Credentials(
        access_token=page_token,
        refresh_token=user_token,
        account_id=fake.PAGE_ID,
        handle=fake.PAGE_NAME,
        api_base=fake.url,
    )


@pytest.fixture
def connector(credentials: Credentials, client: httpx.Client) -> FacebookConnector:
    return FacebookConnector(credentials, client=client)


def app(fake: FakeMeta) -> AppCredentials:
    return AppCredentials(
        client_id=fake.APP_ID, client_secret=fake.APP_SECRET, auth_base=fake.url, api_base=fake.url
    )


# --- the contract ------------------------------------------------------------------------
def test_registry_points_at_the_connector() -> None:
    assert connector_class("facebook") is FacebookConnector


def test_publish_text_and_link_to_the_page_feed(
    fake: FakeMeta, connector: FacebookConnector, page_token: str
) -> None:
    remote = connector.publish(post(link="https://hospital.example/flu"))

    [stored] = fake.posts_of()
    assert stored.message == "Free flu shots this Saturday at the east wing, 9 to 13."
    assert stored.link == "https://hospital.example/flu"
    assert remote.id == stored.id
    page_id, _, story = stored.id.partition("_")
    assert remote.url == f"https://www.facebook.com/{page_id}/posts/{story}"
    [call] = fake.calls("page_feed")
    assert call.path == f"/{GRAPH_VERSION}/{fake.PAGE_ID}/feed"
    assert call.bearer == page_token and "access_token" not in call.query


def test_publish_one_image_uploads_the_file_with_alt_text(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    remote = connector.publish(post(media=(PHOTO,), link="https://hospital.example/flu"))

    [stored] = fake.posts_of()
    [photo_id] = stored.photo_ids
    photo = fake.photos[photo_id]
    assert photo.content == PHOTO.content and photo.content_type == "image/png"
    assert photo.alt_text == "Nurses at the vaccination desk"
    # The photos edge has no link field: the link ends the message.
    assert stored.message.endswith("\n\nhttps://hospital.example/flu")
    assert remote.id == stored.id and remote.extra["photo_ids"] == [photo_id]
    assert fake.calls("page_photos")[0].headers["content-type"].startswith("multipart/form-data")


def test_publish_several_images_as_one_post(fake: FakeMeta, connector: FacebookConnector) -> None:
    remote = connector.publish(post(media=(PHOTO, CHART)))

    [stored] = fake.posts_of()
    assert remote.id == stored.id
    assert [fake.photos[p].alt_text for p in stored.photo_ids] == [
        "Nurses at the vaccination desk",
        "Opening hours table",
    ]
    assert all(fake.photos[p].published for p in stored.photo_ids)
    uploads = fake.calls("page_photos")
    assert len(uploads) == 2 and all(b"false" in u.body for u in uploads)
    feed = parse_qs(fake.calls("page_feed")[0].body.decode())
    assert json.loads(feed["attached_media[0]"][0]) == {"media_fbid": stored.photo_ids[0]}


def test_an_upload_that_is_not_an_image_is_refused(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    broken = OutgoingMedia("notes.png", b"not an image at all", "image/png", alt_text="x")
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(broken,)))
    assert caught.value.permanent and "(#324)" in caught.value.reason
    assert fake.posts_of() == []


def test_video_and_empty_posts_are_refused_before_any_call(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    clip = OutgoingMedia("clip.mp4", b"\x00" * 10, "video/mp4")
    for bad in (post(media=(clip,)), post(text="   ")):
        with pytest.raises(PublishError) as caught:
            connector.publish(bad)
        assert caught.value.permanent
    assert fake.requests == []


def test_delete_removes_the_post_and_a_gone_post_counts_as_deleted(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    remote = connector.publish(post())
    connector.delete(remote.id)
    assert fake.posts_of() == []
    connector.delete(remote.id)  # already gone: no error


def test_metrics_read_the_post_and_its_insights(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    remote = connector.publish(post())
    stored = fake.page_posts[remote.id]
    stored.shares, stored.comments, stored.reactions = 3, 5, 42
    stored.metrics = {
        "post_media_view": 900,
        "post_total_media_view_unique": 610,
        "post_clicks": 17,
    }

    metrics = connector.metrics(remote.id)

    assert (metrics.impressions, metrics.reach, metrics.clicks) == (900, 610, 17)
    assert (metrics.likes, metrics.comments, metrics.shares) == (42, 5, 3)


def test_metrics_without_read_insights_still_give_the_counts(
    fake: FakeMeta, client: httpx.Client
) -> None:
    scopes = {"pages_show_list", "pages_read_engagement", "pages_manage_posts"}
    creds = Credentials(
        access_token=fake.page_token(scopes=scopes), account_id=fake.PAGE_ID, api_base=fake.url
    )
    connector = FacebookConnector(creds, client=client)
    remote = connector.publish(post())
    fake.page_posts[remote.id].reactions = 4

    metrics = connector.metrics(remote.id)

    assert metrics.likes == 4 and metrics.impressions is None
    assert "read_insights" in metrics.raw["insights_error"]


def test_find_matches_the_exact_message_within_the_window(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    fake.advance(-72 * 3600)
    connector.publish(post("Flu clinic: same words every year."))  # three days ago
    fake.advance(72 * 3600)
    connector.publish(post("Something else in between."))
    assert connector.find(post("Flu clinic: same words every year.")) is None

    remote = connector.publish(post(media=(PHOTO,), link="https://hospital.example/flu"))
    found = connector.find(post(media=(PHOTO,), link="https://hospital.example/flu"))
    assert found is not None and found.id == remote.id and found.url == remote.url
    assert connector.find(post("Never published")) is None
    assert connector.find(post("")) is None


def test_find_follows_the_paging(fake: FakeMeta, connector: FacebookConnector) -> None:
    first = connector.publish(post("The one we look for."))
    for n in range(130):
        fake._create_post(fake.PAGE_ID, f"Filler {n}", "", [])
    found = connector.find(post("The one we look for."))
    assert found is not None and found.id == first.id
    listings = fake.calls("page_posts")
    assert len(listings) == 2 and "after" in listings[1].query
    # Graph's next link carries the token; the connector keeps it in the header only.
    assert all("access_token" not in call.query for call in listings)


def test_message_keeps_the_link_out_of_text_posts() -> None:
    assert message_for(post("Hello", link="https://x.example")) == "Hello"
    assert message_for(post("Hello", media=(PHOTO,), link="https://x.example")) == (
        "Hello\n\nhttps://x.example"
    )
    assert (
        message_for(post("See https://x.example", media=(PHOTO,), link="https://x.example"))
        == "See https://x.example"
    )


# --- connecting a Page -----------------------------------------------------------------
def test_login_code_exchange_and_page_choice(fake: FakeMeta, client: httpx.Client) -> None:
    url = auth.authorization_url(app(fake), redirect_uri=fake.REDIRECT_URI, state="s-123")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == f"/{GRAPH_VERSION}/dialog/oauth"
    assert query["client_id"] == [fake.APP_ID] and query["state"] == ["s-123"]
    assert set(query["scope"][0].split(",")) >= {"pages_manage_posts", "pages_show_list"}
    assert query["response_type"] == ["code"]
    default = auth.authorization_url(
        AppCredentials(client_id="1"), redirect_uri="https://a/b", state="s"
    )
    assert default.startswith(f"https://www.facebook.com/{GRAPH_VERSION}/dialog/oauth?")

    consent = client.get(url)  # the person logs in and agrees
    assert consent.status_code == 302
    back = parse_qs(urlsplit(consent.headers["location"]).query)
    assert back["state"] == ["s-123"]

    user = auth.exchange_code(
        app(fake), code=back["code"][0], redirect_uri=fake.REDIRECT_URI, client=client
    )
    assert user.expires_at is not None  # long-lived: about 60 days
    assert 50 < (user.expires_at.timestamp() - time.time()) / 86400 < 61
    assert fake.tokens[user.access_token].kind == "user"
    exchange = fake.calls("access_token")
    assert len(exchange) == 2 and all(c.method == "POST" for c in exchange)
    assert all(fake.APP_SECRET not in c.path and not c.query for c in exchange)
    assert b"grant_type=fb_exchange_token" in exchange[1].body

    pages = auth.list_pages(user, client=client)
    assert {p.id for p in pages} == {fake.PAGE_ID, fake.OTHER_PAGE_ID}
    assert all(p.can_publish for p in pages) and "access_token" not in repr(pages[0])
    targets = auth.list_targets(app(fake), user, client=client)
    chosen = next(t for t in targets if t.account_id == fake.PAGE_ID)
    assert chosen.handle == fake.PAGE_NAME and chosen.refresh_token == user.access_token
    assert fake.tokens[chosen.access_token].kind == "page"
    json.dumps(chosen.extra)  # stored as JSON by the connect view

    remote = FacebookConnector(chosen, client=client).publish(post())
    assert remote.id.startswith(fake.PAGE_ID + "_")


def test_pkce_challenge_is_checked(fake: FakeMeta, client: httpx.Client) -> None:
    _verifier, challenge = pkce_pair()
    url = auth.authorization_url(
        app(fake), redirect_uri=fake.REDIRECT_URI, state="s", code_challenge=challenge
    )
    code = parse_qs(urlsplit(client.get(url).headers["location"]).query)["code"][0]
    with pytest.raises(PublishError):
        auth.exchange_code(
            app(fake),
            code=code,
            redirect_uri=fake.REDIRECT_URI,
            code_verifier="wrong",
            client=client,
        )


@pytest.mark.parametrize("change", ["reused", "redirect", "secret", "missing"])
def test_bad_code_exchanges_are_permanent_with_facebooks_reason(
    fake: FakeMeta, client: httpx.Client, change: str
) -> None:
    url = auth.authorization_url(app(fake), redirect_uri=fake.REDIRECT_URI, state="s")
    code = parse_qs(urlsplit(client.get(url).headers["location"]).query)["code"][0]
    credentials, redirect = app(fake), fake.REDIRECT_URI
    if change == "reused":
        auth.exchange_code(credentials, code=code, redirect_uri=redirect, client=client)
    elif change == "redirect":
        redirect = "https://elsewhere.example/callback"
    elif change == "secret":
        credentials = AppCredentials(
            client_id=fake.APP_ID, client_secret="wrong", api_base=fake.url
        )
    else:
        code = ""
    with pytest.raises(PublishError) as caught:
        auth.exchange_code(credentials, code=code, redirect_uri=redirect, client=client)
    assert caught.value.permanent and caught.value.reason
    assert fake.APP_SECRET not in str(caught.value)
    expected = {
        "reused": "has been used",
        "redirect": "redirect_uri",
        "secret": "client secret",
        "missing": "no authorization code",
    }[change]
    assert expected in str(caught.value)


def test_a_declined_login_comes_back_with_an_error(fake: FakeMeta, client: httpx.Client) -> None:
    fake.declined_scopes = set(auth.DEFAULT_SCOPES)
    url = auth.authorization_url(app(fake), redirect_uri=fake.REDIRECT_URI, state="s")
    back = parse_qs(urlsplit(client.get(url).headers["location"]).query)
    assert back["error"] == ["access_denied"] and "code" not in back


def test_pages_where_the_person_cannot_post_are_left_out(
    fake: FakeMeta, client: httpx.Client
) -> None:
    fake.pages[fake.OTHER_PAGE_ID].admins[fake.USER_ID] = ("ANALYZE",)
    user = Credentials(access_token=fake.user_token(), api_base=fake.url)
    targets = auth.list_targets(app(fake), user, client=client)
    assert [t.account_id for t in targets] == [fake.PAGE_ID]


# --- tokens: expired, refreshed, revoked ------------------------------------------------
def test_expired_token_then_refresh_reads_a_new_page_token(
    fake: FakeMeta, connector: FacebookConnector, page_token: str, client: httpx.Client
) -> None:
    fake.expire(page_token)
    with pytest.raises(TokenExpired) as caught:
        connector.publish(post())
    assert page_token not in str(caught.value)

    fresh = connector.refresh()
    assert fresh is not None and fresh.access_token != page_token
    assert fresh.account_id == fake.PAGE_ID
    assert fresh.refresh_token == connector.credentials.refresh_token
    remote = FacebookConnector(fresh, client=client).publish(post())
    assert remote.id in fake.page_posts


def test_refresh_without_a_user_token_gives_none(fake: FakeMeta, client: httpx.Client) -> None:
    creds = Credentials(access_token=fake.page_token(), account_id=fake.PAGE_ID, api_base=fake.url)
    assert FacebookConnector(creds, client=client).refresh() is None


def test_refresh_with_a_revoked_login_asks_to_reconnect(
    fake: FakeMeta, connector: FacebookConnector, user_token: str
) -> None:
    fake.revoke(user_token, 460)
    with pytest.raises(PublishError) as caught:
        connector.refresh()
    assert caught.value.permanent and caught.value.status == 401
    assert "reconnect" in str(caught.value)


@pytest.mark.parametrize("subcode", [458, 460, 467])
def test_revoked_token_is_permanent_and_asks_to_reconnect(
    fake: FakeMeta, connector: FacebookConnector, page_token: str, subcode: int
) -> None:
    fake.revoke(page_token, subcode)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert error.permanent and not isinstance(error, TokenExpired) and error.status == 401
    assert "reconnect" in str(error) and "Error validating access token" in error.reason
    assert page_token not in str(error)


def test_missing_publishing_permission_is_permanent(fake: FakeMeta, client: httpx.Client) -> None:
    creds = Credentials(
        access_token=fake.page_token(scopes={"pages_show_list"}),
        account_id=fake.PAGE_ID,
        api_base=fake.url,
    )
    with pytest.raises(PublishError) as caught:
        FacebookConnector(creds, client=client).publish(post())
    assert caught.value.permanent and "pages_manage_posts" in caught.value.reason


def test_a_token_for_another_page_cannot_post_here(fake: FakeMeta, client: httpx.Client) -> None:
    creds = Credentials(
        access_token=fake.page_token(fake.OTHER_PAGE_ID), account_id=fake.PAGE_ID, api_base=fake.url
    )
    with pytest.raises(PublishError) as caught:
        FacebookConnector(creds, client=client).publish(post())
    assert caught.value.permanent and fake.posts_of() == []


# --- the fault matrix ------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    fake: FakeMeta, connector: FacebookConnector, status: int
) -> None:
    fake.inject("page_feed", Fault.status_code(status))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and not error.ambiguous and error.status == status
    assert fake.posts_of() == []
    assert connector.publish(post()).id in fake.page_posts  # the retry goes through


def test_rate_limited_with_retry_after(fake: FakeMeta, connector: FacebookConnector) -> None:
    fake.inject("page_feed", Fault.rate_limited(retry_after=7))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and error.retry_after == 7
    assert "(#4)" in error.reason or "request limit" in error.reason


@pytest.mark.parametrize(("kind", "code", "minutes"), [("pages", 80001, 3), ("pages", 80001, 25)])
def test_business_use_case_throttle_uses_metas_estimate(
    fake: FakeMeta, connector: FacebookConnector, kind: str, code: int, minutes: int
) -> None:
    fake.throttle(kind, minutes=minutes)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and error.retry_after == minutes * 60
    assert getattr(error, "graph_code", None) == code
    fake.unthrottle()
    assert connector.publish(post()).id


def test_app_throttle_without_an_estimate_waits_a_default(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    fake.throttle("app")
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not caught.value.permanent and caught.value.retry_after == 300


def test_usage_near_the_limit_is_reported_on_success(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    fake.usage_percent = 97
    remote = connector.publish(post())
    assert remote.extra["rate_limit_percent"] == 97
    assert remote.extra["rate_limit_retry_after"] == 300
    fake.usage_percent = 20
    assert "rate_limit_retry_after" not in connector.publish(post("Another one")).extra


def test_usage_headers_are_read_like_meta_sends_them() -> None:
    buc = {
        "104": [
            {
                "type": "pages",
                "call_count": 40,
                "total_cputime": 5,
                "total_time": 5,
                "estimated_time_to_regain_access": 12,
            }
        ]
    }
    assert usage_retry_after({"x-business-use-case-usage": json.dumps(buc)}) == 720
    assert usage_retry_after({"x-app-usage": '{"call_count": 99}'}) == 300
    assert usage_retry_after({"x-page-usage": '{"call_count": 10}'}) is None
    page = {"call_count": 100, "estimated_time_to_regain_access": 2}
    assert usage_retry_after({"x-page-usage": json.dumps(page)}) == 120
    assert usage_retry_after({"x-app-usage": "not json"}) is None


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=1.0), Fault.drop_after_commit()],
    ids=["timeout-after-commit", "dropped-after-commit"],
)
def test_ambiguous_outcome_is_reconciled_by_find(
    fake: FakeMeta, connector: FacebookConnector, fault: Fault
) -> None:
    fake.inject("page_feed", fault)
    outgoing = post(media=(PHOTO, CHART))
    with pytest.raises(PublishError) as caught:
        connector.publish(outgoing)
    assert caught.value.ambiguous and not caught.value.permanent
    [stored] = fake.posts_of()  # the network did publish it

    found = connector.find(outgoing)
    assert found is not None and found.id == stored.id
    assert len(fake.posts_of()) == 1


def test_dropped_before_the_network_saw_it_finds_nothing(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    fake.inject("page_feed", Fault.drop_before())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.ambiguous
    assert connector.find(post()) is None
    assert connector.publish(post()).id in fake.page_posts


def test_expired_token_fault_is_token_expired(fake: FakeMeta, connector: FacebookConnector) -> None:
    fake.inject("page_feed", Fault.expired_token())
    with pytest.raises(TokenExpired) as caught:
        connector.publish(post())
    assert getattr(caught.value, "graph_subcode", None) == 463


def test_revoked_token_fault_is_permanent(fake: FakeMeta, connector: FacebookConnector) -> None:
    fake.inject("page_photos", Fault.revoked_token())
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(PHOTO,)))
    assert caught.value.permanent and not isinstance(caught.value, TokenExpired)


def test_content_rejected_is_permanent_with_facebooks_reason(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    fake.inject("page_feed", Fault.rejected("Your post goes against our Community Standards."))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert error.permanent and "Community Standards" in error.reason
    assert "fbtrace_id" in str(error)


def test_the_same_status_twice_is_refused_as_a_duplicate(
    fake: FakeMeta, connector: FacebookConnector
) -> None:
    connector.publish(post())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and "identical" in caught.value.reason
    assert getattr(caught.value, "graph_code", None) == 506


def test_tokens_never_appear_in_errors(
    fake: FakeMeta, connector: FacebookConnector, page_token: str, user_token: str
) -> None:
    faults = [
        Fault.status_code(500),
        Fault.status_code(502),
        Fault.rate_limited(),
        Fault.expired_token(),
        Fault.revoked_token(),
        Fault.rejected("No."),
        Fault.drop_after_commit(),
    ]
    for fault in faults:
        fake.inject("page_feed", fault)
        with pytest.raises(PublishError) as caught:
            connector.publish(post(f"Post for {fault.kind} {fault.status}"))
        text = f"{caught.value} {caught.value.reason} {caught.value.__cause__}"
        assert page_token not in text and user_token not in text


def test_the_fake_checks_tokens_in_the_query_too(
    fake: FakeMeta, page_token: str, client: httpx.Client
) -> None:
    base = f"{fake.url}/{GRAPH_VERSION}/{fake.PAGE_ID}"
    ok = client.get(base, params={"access_token": page_token, "fields": "id,name"})
    assert ok.json() == {"id": fake.PAGE_ID, "name": fake.PAGE_NAME}
    assert "x-app-usage" in ok.headers
    missing = client.get(base).json()["error"]
    assert missing["code"] == 104
    wrong = client.get(base, params={"access_token": "EAAGnope"}).json()["error"]
    assert wrong["code"] == 190 and wrong["type"] == "OAuthException"
    field = client.get(base, params={"access_token": page_token, "fields": "secrets"}).json()
    assert field["error"]["message"].startswith("(#100) Tried accessing nonexisting field")
