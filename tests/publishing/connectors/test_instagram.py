"""The Instagram connector against a fake Graph API on 127.0.0.1: the two-step publish,
carousels, the 24-hour quota, connecting an account, and the fault matrix."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from nabz.publishing.connectors import connector_class
from nabz.publishing.connectors.base import (
    AppCredentials,
    Credentials,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    TokenExpired,
)
from nabz.publishing.connectors.facebook.graph import GRAPH_VERSION
from nabz.publishing.connectors.instagram import auth
from nabz.publishing.connectors.instagram.connector import InstagramConnector
from tests.publishing.fakes.meta import FakeMeta
from tests.publishing.fakes.server import Fault

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


def photo(n: int = 1, *, alt: str = "", url: str | None = None) -> OutgoingMedia:
    return OutgoingMedia(
        f"photo-{n}.jpg",
        JPEG,
        "image/jpeg",
        alt_text=alt or f"Photo {n} of the new maternity ward",
        public_url=f"https://media.hospital.example/m/photo-{n}.jpg" if url is None else url,
    )


def post(
    text: str = "Our new maternity ward opens on Monday. #maternity",
    *,
    key: str = "nabz-ig-0001",
    media: tuple[OutgoingMedia, ...] | None = None,
) -> OutgoingPost:
    return OutgoingPost(
        text=text, idempotency_key=key, media=(photo(),) if media is None else media
    )


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


def credentials_for(fake: FakeMeta, token: str, user_token: str = "") -> Credentials:
    return Credentials(
        access_token=token,
        refresh_token=user_token,
        account_id=fake.IG_USER_ID,
        handle=fake.IG_USERNAME,
        api_base=fake.url,
        extra={"page_id": fake.PAGE_ID},
    )


def make(credentials: Credentials, client: httpx.Client) -> InstagramConnector:
    connector = InstagramConnector(credentials, client=client)
    connector.poll_interval = 0  # keep the tests quick; the polls stay bounded
    return connector


@pytest.fixture
def connector(
    fake: FakeMeta, page_token: str, user_token: str, client: httpx.Client
) -> InstagramConnector:
    return make(credentials_for(fake, page_token, user_token), client)


def app(fake: FakeMeta) -> AppCredentials:
    return AppCredentials(
        client_id=fake.APP_ID,
        client_secret=fake.APP_SECRET,
        auth_base=fake.url,
        api_base=fake.url,
    )


# --- the contract ------------------------------------------------------------------------
def test_registry_points_at_the_connector() -> None:
    assert connector_class("instagram") is InstagramConnector


def test_publish_one_image_in_two_steps(
    fake: FakeMeta, connector: InstagramConnector, page_token: str
) -> None:
    remote = connector.publish(post())

    [media] = fake.media_of()
    assert remote.id == media.id and remote.url == media.permalink
    assert media.caption == "Our new maternity ward opens on Monday. #maternity"
    assert media.image_urls == ["https://media.hospital.example/m/photo-1.jpg"]
    assert media.alt_texts == ["Photo 1 of the new maternity ward"]
    [create] = fake.calls("ig_create_container")
    assert create.path == f"/{GRAPH_VERSION}/{fake.IG_USER_ID}/media"
    assert create.bearer == page_token and "access_token" not in create.query
    [publish] = fake.calls("ig_media_publish")
    assert parse_qs(publish.body.decode())["creation_id"] == [remote.extra["container_id"]]
    # The container was IN_PROGRESS once, then FINISHED, before media_publish.
    statuses = [
        c for c in fake.calls("get_node") if "status_code" in c.query.get("fields", [""])[0]
    ]
    assert len(statuses) == 2


def test_publish_a_carousel(fake: FakeMeta, connector: InstagramConnector) -> None:
    images = tuple(photo(n) for n in range(1, 4))
    remote = connector.publish(post(media=images))

    [media] = fake.media_of()
    assert media.media_type == "CAROUSEL_ALBUM" and remote.id == media.id
    assert media.alt_texts == [f"Photo {n} of the new maternity ward" for n in range(1, 4)]
    creates = [parse_qs(c.body.decode()) for c in fake.calls("ig_create_container")]
    assert [c.get("is_carousel_item") for c in creates[:3]] == [["true"]] * 3
    assert creates[3]["media_type"] == ["CAROUSEL"]
    assert len(creates[3]["children"][0].split(",")) == 3
    assert "caption" not in creates[0] and creates[3]["caption"] == [media.caption]
    assert connector.quota().used == 1  # a carousel counts as one post


def test_text_only_post_is_refused_before_any_call(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=()))
    assert caught.value.permanent and "needs at least one image" in str(caught.value)
    assert fake.requests == []


@pytest.mark.parametrize(
    "bad",
    [
        (photo(url=""),),
        tuple(photo(n) for n in range(11)),
        (OutgoingMedia("clip.mp4", b"\x00", "video/mp4", public_url="https://x.example/c.mp4"),),
    ],
    ids=["no-public-url", "eleven-images", "video"],
)
def test_what_instagram_cannot_take_is_refused_before_any_call(
    fake: FakeMeta, connector: InstagramConnector, bad: tuple[OutgoingMedia, ...]
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=bad))
    assert caught.value.permanent and caught.value.reason
    assert fake.requests == []


def test_an_image_url_instagram_cannot_fetch_is_permanent_with_its_reason(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.unreachable_urls.add("https://media.hospital.example/m/photo-1.jpg")
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert error.permanent and "Media download has failed" in error.reason
    assert "could not be fetched" in error.reason
    assert getattr(error, "graph_subcode", None) == 2207052
    assert fake.media_of() == []


def test_a_url_that_is_not_http_is_refused_by_the_connector_and_the_network(
    fake: FakeMeta, connector: InstagramConnector, page_token: str, client: httpx.Client
) -> None:
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(photo(url="file:///srv/media/a.jpg"),)))
    assert caught.value.permanent and "public" in str(caught.value)
    assert fake.requests == []
    answer = client.post(
        f"{fake.url}/{GRAPH_VERSION}/{fake.IG_USER_ID}/media",
        headers={"Authorization": f"Bearer {page_token}"},
        data={"image_url": "file:///srv/media/a.jpg", "caption": "x"},
    )
    error = answer.json()["error"]
    assert answer.status_code == 400 and (error["code"], error["error_subcode"]) == (9004, 2207052)
    assert error["error_user_title"] == "Media download has failed."


def test_localhost_image_urls_fail_like_on_instagram(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.refuse_private_hosts = True
    with pytest.raises(PublishError) as caught:
        connector.publish(post(media=(photo(url="http://localhost:8000/media/a.jpg"),)))
    assert caught.value.permanent and "could not be fetched" in caught.value.reason


@pytest.mark.parametrize(
    ("final", "status", "words"),
    [
        ("ERROR", "Error: Media upload has failed with error code 2207009", "aspect ratio"),
        ("ERROR", "Error: something unusual", "something unusual"),
        ("EXPIRED", "Expired", "expired"),
    ],
)
def test_a_container_that_fails_is_permanent_with_the_reason(
    fake: FakeMeta, connector: InstagramConnector, final: str, status: str, words: str
) -> None:
    fake.fail_next_container(status, final=final)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and words in caught.value.reason
    assert fake.calls("ig_media_publish") == [] and fake.media_of() == []


def test_a_container_still_in_progress_gives_the_attempt_back(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.processing_reads = 100
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and not error.ambiguous and error.retry_after == 30
    assert len(fake.calls("get_node")) == connector.status_polls  # bounded polls
    assert fake.calls("ig_media_publish") == []
    fake.processing_reads = 0
    assert connector.publish(post()).id  # the worker's next attempt


def test_the_polls_stay_short_by_default() -> None:
    assert InstagramConnector.status_polls * InstagramConnector.poll_interval <= 2


def test_quota_reads_content_publishing_limit(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    assert connector.quota() is not None
    fake.record_publishes(fake.IG_USER_ID, 4)
    quota = connector.quota()
    assert quota is not None
    assert (quota.used, quota.total, quota.window_seconds) == (4, 50, 86_400)
    [call] = fake.calls("ig_publishing_limit")[-1:]
    assert call.query["fields"] == ["quota_usage,config"]


def test_the_fiftieth_post_in_24_hours_is_the_last(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.record_publishes(fake.IG_USER_ID, 49)
    connector.publish(post())
    assert connector.quota().used == 50
    with pytest.raises(PublishError) as caught:
        connector.publish(post("One more today"))
    error = caught.value
    assert not error.permanent and error.retry_after == 3600
    assert "maximum number of posts" in error.reason
    fake.advance(86_400 + 1)  # a day later the window has rolled on
    assert connector.quota().used == 0
    assert connector.publish(post("One more today")).id


def test_delete_with_manage_contents(fake: FakeMeta, connector: InstagramConnector) -> None:
    remote = connector.publish(post())
    connector.delete(remote.id)
    assert fake.media_of() == []
    connector.delete(remote.id)  # already gone counts as deleted


def test_delete_refused_says_to_remove_it_in_the_app(
    fake: FakeMeta, user_token: str, client: httpx.Client
) -> None:
    scopes = {"instagram_basic", "instagram_content_publish", "pages_show_list"}
    connector = make(credentials_for(fake, fake.page_token(scopes=scopes), user_token), client)
    remote = connector.publish(post())
    with pytest.raises(PublishError) as caught:
        connector.delete(remote.id)
    error = caught.value
    assert error.permanent and "Remove it in the Instagram app" in str(error)
    assert error.status != 401  # publishing keeps working; only deleting is refused
    assert len(fake.media_of()) == 1


def test_metrics_from_the_media_and_its_insights(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    remote = connector.publish(post())
    media = fake.media[remote.id]
    media.like_count, media.comments_count = 31, 4
    media.metrics = {"views": 1200, "reach": 800, "shares": 6, "saved": 9}

    metrics = connector.metrics(remote.id)

    assert (metrics.impressions, metrics.reach, metrics.shares) == (1200, 800, 6)
    assert (metrics.likes, metrics.comments) == (31, 4)
    metric_call = fake.calls("insights")[0]
    assert set(metric_call.query["metric"][0].split(",")) >= {"views", "reach"}


def test_metrics_without_the_insights_permission(
    fake: FakeMeta, user_token: str, client: httpx.Client
) -> None:
    scopes = {"instagram_basic", "instagram_content_publish"}
    connector = make(credentials_for(fake, fake.page_token(scopes=scopes), user_token), client)
    remote = connector.publish(post())
    fake.media[remote.id].like_count = 2
    metrics = connector.metrics(remote.id)
    assert metrics.likes == 2 and metrics.reach is None and "insights_error" in metrics.raw


def test_find_matches_the_caption_within_the_window(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.advance(-72 * 3600)
    connector.publish(post("Same caption as last week"))
    fake.advance(72 * 3600)
    assert connector.find(post("Same caption as last week")) is None

    remote = connector.publish(post("Visiting hours change on Friday.\r\nSee you there "))
    found = connector.find(post("Visiting hours change on Friday.\nSee you there"))
    assert found is not None and found.id == remote.id and found.url == remote.url
    assert connector.find(post("Never posted")) is None
    assert connector.find(post("")) is None


# --- connecting an account -------------------------------------------------------------
def test_connect_lists_the_instagram_accounts_of_the_pages(
    fake: FakeMeta, client: httpx.Client
) -> None:
    url = auth.authorization_url(app(fake), redirect_uri=fake.REDIRECT_URI, state="st")
    scopes = set(parse_qs(urlsplit(url).query)["scope"][0].split(","))
    assert {"instagram_basic", "instagram_content_publish", "pages_show_list"} <= scopes
    code = parse_qs(urlsplit(client.get(url).headers["location"]).query)["code"][0]
    user = auth.exchange_code(app(fake), code=code, redirect_uri=fake.REDIRECT_URI, client=client)

    [account] = auth.list_accounts(user, client=client)  # the other Page has no Instagram
    assert (account.id, account.username, account.page_id) == (
        fake.IG_USER_ID,
        fake.IG_USERNAME,
        fake.PAGE_ID,
    )
    assert "page_access_token" not in repr(account) or account.page_access_token not in repr(
        account
    )
    lookups = [c for c in fake.calls("get_node") if c.path.endswith(fake.PAGE_ID)]
    assert "instagram_business_account" in lookups[0].query["fields"][0]

    [target] = auth.list_targets(app(fake), user, client=client)
    assert target.account_id == fake.IG_USER_ID and target.handle == fake.IG_USERNAME
    assert target.extra["page_id"] == fake.PAGE_ID and target.refresh_token == user.access_token
    json.dumps(target.extra)
    assert make(target, client).publish(post()).id


def test_no_linked_account_gives_no_targets(fake: FakeMeta, client: httpx.Client) -> None:
    fake.pages[fake.PAGE_ID].instagram_id = ""
    user = Credentials(access_token=fake.user_token(), api_base=fake.url)
    assert auth.list_targets(app(fake), user, client=client) == []


# --- tokens --------------------------------------------------------------------------------
def test_expired_token_then_refresh(
    fake: FakeMeta, connector: InstagramConnector, page_token: str, client: httpx.Client
) -> None:
    fake.expire(page_token)
    with pytest.raises(TokenExpired):
        connector.publish(post())
    fresh = connector.refresh()
    assert fresh is not None and fresh.access_token != page_token
    assert fresh.account_id == fake.IG_USER_ID and fresh.extra["page_id"] == fake.PAGE_ID
    assert make(fresh, client).publish(post()).id


def test_refresh_needs_the_user_token_and_the_page(fake: FakeMeta, client: httpx.Client) -> None:
    bare = Credentials(
        access_token=fake.page_token(), account_id=fake.IG_USER_ID, api_base=fake.url
    )
    assert make(bare, client).refresh() is None


def test_revoked_token_is_permanent(
    fake: FakeMeta, connector: InstagramConnector, page_token: str
) -> None:
    fake.revoke(page_token, 460)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert error.permanent and not isinstance(error, TokenExpired) and error.status == 401
    assert page_token not in str(error)


def test_missing_publish_permission_is_permanent(
    fake: FakeMeta, user_token: str, client: httpx.Client
) -> None:
    connector = make(
        credentials_for(fake, fake.page_token(scopes={"instagram_basic"}), user_token), client
    )
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and "(#10)" in caught.value.reason


# --- the fault matrix ----------------------------------------------------------------------
@pytest.mark.parametrize("route", ["ig_create_container", "ig_media_publish"])
@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    fake: FakeMeta, connector: InstagramConnector, status: int, route: str
) -> None:
    fake.inject(route, Fault.status_code(status))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and not error.ambiguous and error.status == status
    assert fake.media_of() == []
    assert connector.publish(post()).id


def test_rate_limited_with_retry_after(fake: FakeMeta, connector: InstagramConnector) -> None:
    fake.inject("ig_media_publish", Fault.rate_limited(retry_after=11))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not caught.value.permanent and caught.value.retry_after == 11


def test_instagram_business_use_case_throttle(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.throttle("instagram", minutes=7)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    error = caught.value
    assert not error.permanent and error.retry_after == 420
    assert getattr(error, "graph_code", None) == 80002


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=1.0), Fault.drop_after_commit()],
    ids=["timeout-after-commit", "dropped-after-commit"],
)
def test_ambiguous_publish_is_reconciled_by_find(
    fake: FakeMeta, connector: InstagramConnector, fault: Fault
) -> None:
    fake.inject("ig_media_publish", fault)
    outgoing = post(media=(photo(1), photo(2)))
    with pytest.raises(PublishError) as caught:
        connector.publish(outgoing)
    assert caught.value.ambiguous and not caught.value.permanent
    [media] = fake.media_of()

    found = connector.find(outgoing)
    assert found is not None and found.id == media.id and found.url == media.permalink
    assert len(fake.media_of()) == 1


def test_ambiguous_container_step_publishes_nothing(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.inject("ig_create_container", Fault.drop_after_commit())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.ambiguous
    assert connector.find(post()) is None  # a container is not a post
    assert connector.publish(post()).id and len(fake.media_of()) == 1


def test_expired_token_fault(fake: FakeMeta, connector: InstagramConnector) -> None:
    fake.inject("ig_create_container", Fault.expired_token())
    with pytest.raises(TokenExpired):
        connector.publish(post())


def test_revoked_token_fault(fake: FakeMeta, connector: InstagramConnector) -> None:
    fake.inject("ig_media_publish", Fault.revoked_token())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and not isinstance(caught.value, TokenExpired)


def test_content_rejected_is_permanent_with_the_reason(
    fake: FakeMeta, connector: InstagramConnector
) -> None:
    fake.inject("ig_media_publish", Fault.rejected("This post goes against our guidelines."))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and "against our guidelines" in caught.value.reason


def test_a_not_ready_answer_is_transient(fake: FakeMeta, connector: InstagramConnector) -> None:
    body = {
        "error": {
            "message": "Media ID is not available",
            "type": "OAuthException",
            "code": 9007,
            "error_subcode": 2207027,
            "error_user_msg": "The media is not ready for publishing, please wait for a moment",
            "fbtrace_id": "Axyz",
        }
    }
    fake.inject("ig_media_publish", Fault.status_code(400, body))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not caught.value.permanent


def test_tokens_never_appear_in_errors(
    fake: FakeMeta, connector: InstagramConnector, page_token: str, user_token: str
) -> None:
    for fault in [
        Fault.status_code(500),
        Fault.rate_limited(),
        Fault.expired_token(),
        Fault.revoked_token(),
        Fault.rejected("No."),
        Fault.slow_after_commit(seconds=1.0),
    ]:
        fake.inject("ig_media_publish", fault)
        with pytest.raises(PublishError) as caught:
            connector.publish(post(f"Post for {fault.kind}"))
        text = f"{caught.value} {caught.value.reason} {caught.value.__cause__}"
        assert page_token not in text and user_token not in text
