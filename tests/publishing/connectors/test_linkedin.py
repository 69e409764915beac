"""The LinkedIn connector against a fake LinkedIn on 127.0.0.1: contract, connection flow,
and the fault matrix."""

from __future__ import annotations

import dataclasses
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
)
from nabz.publishing.connectors.linkedin import (
    LinkedInConnector,
    authorization_url,
    exchange_code,
    for_organization,
    list_organizations,
    list_targets,
    little,
)
from tests.publishing.fakes.linkedin import (
    CLIENT_ID,
    CLIENT_SECRET,
    ORGANIZATION,
    OTHER_ORGANIZATION,
    FakeLinkedIn,
    as_templates,
)
from tests.publishing.fakes.server import Fault

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def fake() -> Iterator[FakeLinkedIn]:
    server = FakeLinkedIn()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=0.5) as client:
        yield client


def app_for(fake: FakeLinkedIn, secret: str = CLIENT_SECRET) -> AppCredentials:
    return AppCredentials(
        client_id=CLIENT_ID, client_secret=secret, auth_base=fake.url, api_base=fake.url
    )


def credentials_for(
    fake: FakeLinkedIn, scopes: set[str] | None = None, account: str = ORGANIZATION
) -> Credentials:
    access, refresh = fake.issue_token(scopes=scopes)
    return Credentials(
        access_token=access, refresh_token=refresh, account_id=account, api_base=fake.url
    )


@pytest.fixture
def linkedin(fake: FakeLinkedIn, http: httpx.Client) -> LinkedInConnector:
    return LinkedInConnector(credentials_for(fake), client=http, app=app_for(fake))


def post(
    text: str = "Our new cardiology wing opens on Monday.",
    key: str = "variant-1",
    media: tuple[OutgoingMedia, ...] = (),
) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key, media=media)


def image(
    name: str = "wing.png", alt: str = "The new cardiology ward, six beds by windows"
) -> OutgoingMedia:
    return OutgoingMedia(filename=name, content=PNG, mime_type="image/png", alt_text=alt)


# --- the contract -------------------------------------------------------------------------
def test_the_registry_names_this_class() -> None:
    assert connector_class("linkedin") is LinkedInConnector


def test_publish_posts_as_the_organisation_with_the_required_headers(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    remote = linkedin.publish(post())

    assert remote.id.startswith("urn:li:share:")
    assert remote.url == f"https://www.linkedin.com/feed/update/{remote.id}/"
    [stored] = fake.live_posts()
    assert stored.urn == remote.id and stored.author == ORGANIZATION
    assert stored.body["visibility"] == "PUBLIC"
    assert stored.body["distribution"]["feedDistribution"] == "MAIN_FEED"
    assert stored.body["lifecycleState"] == "PUBLISHED"
    [request] = fake.calls("create_post")
    assert request.headers["x-restli-protocol-version"] == "2.0.0"
    assert len(request.headers["linkedin-version"]) == 6


def test_brackets_mentions_and_underscores_are_published_in_full(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    text = (
        "Free flu shots (walk-in) for staff_members @ Building B [Mon–Fri] *today* ~ "
        "see https://example.org/flu_2026?a=1 #FluSeason #روز_جهانی_سلامت"
    )
    linkedin.publish(post(text))

    [stored] = fake.live_posts()
    assert little.plain_text(stored.commentary) == text  # nothing cut at "("
    assert "#FluSeason" in stored.commentary and "https://example.org/flu_2026?a=1" in (
        stored.commentary
    )


def test_unescaped_commentary_would_be_cut_by_linkedin() -> None:
    """The fake does what LinkedIn does with raw text, which is why we escape it."""
    from tests.publishing.fakes.linkedin import parse_little

    assert parse_little("Flu shots (free) today") == "Flu shots "
    assert parse_little(little.escape("Flu shots (free) today")) == "Flu shots \\(free\\) today"


def test_publish_with_one_image_sends_alt_text(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    linkedin.publish(post(media=(image(),)))

    [stored] = fake.live_posts()
    media = stored.body["content"]["media"]
    assert media["altText"] == "The new cardiology ward, six beds by windows"
    uploaded = fake.images[media["id"]]
    assert uploaded.content == PNG and uploaded.owner == ORGANIZATION
    assert uploaded.content_type == "image/png"
    [init] = fake.calls("initialize_upload")
    assert init.json() == {"initializeUploadRequest": {"owner": ORGANIZATION}}


def test_publish_with_several_images_is_a_multi_image_post(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    media = (
        image("a.png", "Nurses at the desk"),
        image("b.png", "The waiting room"),
        image("c.png", "A patient room"),
    )
    remote = linkedin.publish(post(media=media))

    [stored] = fake.live_posts()
    images = stored.body["content"]["multiImage"]["images"]
    assert [entry["altText"] for entry in images] == [
        "Nurses at the desk",
        "The waiting room",
        "A patient room",
    ]
    assert all(fake.images[entry["id"]].content == PNG for entry in images)
    assert remote.extra["images"] == 3


def test_video_is_refused_before_anything_is_sent(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    video = OutgoingMedia(filename="tour.mp4", content=b"\x00" * 10, mime_type="video/mp4")
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post(media=(video,)))
    assert caught.value.permanent
    assert fake.requests == []


def test_delete_removes_the_post_and_a_second_delete_is_fine(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    remote = linkedin.publish(post())
    linkedin.delete(remote.id)
    assert fake.live_posts() == []
    linkedin.delete(remote.id)  # already gone: still deleted
    linkedin.delete("urn:li:share:1")  # never existed: 404 counts as deleted
    [first, *_] = fake.calls("delete_post")
    assert first.path == "/rest/posts/" + remote.id.replace(":", "%3A")
    assert first.headers["x-restli-method"] == "DELETE"


def test_metrics_read_the_share_statistics(fake: FakeLinkedIn, linkedin: LinkedInConnector) -> None:
    remote = linkedin.publish(post())
    fake.statistics[remote.id] = {
        "impressionCount": 1200,
        "uniqueImpressionsCount": 950,
        "likeCount": 40,
        "commentCount": 6,
        "shareCount": 3,
        "clickCount": 88,
    }
    metrics = linkedin.metrics(remote.id)

    assert (
        metrics.impressions,
        metrics.reach,
        metrics.likes,
        metrics.comments,
        metrics.shares,
        metrics.clicks,
    ) == (1200, 950, 40, 6, 3, 88)
    [request] = fake.calls("share_statistics")
    assert request.query["shares"] == [f"List({remote.id})"]


def test_metrics_of_a_multi_image_post_ask_for_the_ugc_post(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    remote = linkedin.publish(post(media=(image("a.png"), image("b.png"))))
    assert remote.id.startswith("urn:li:ugcPost:")
    fake.statistics[remote.id] = {"likeCount": 5}
    assert linkedin.metrics(remote.id).likes == 5
    assert fake.calls("share_statistics")[0].query["ugcPosts"] == [f"List({remote.id})"]


def test_find_matches_the_exact_text_and_images(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    linkedin.publish(post("An older post #Health"))
    published = linkedin.publish(post("Vaccines (free) this week #Health", media=(image(),)))
    linkedin.publish(post("A newer post"))

    found = linkedin.find(post("Vaccines (free) this week #Health", media=(image(),)))
    assert found is not None and found.id == published.id
    assert linkedin.find(post("Vaccines (free) this week #Health")) is None  # no image
    assert linkedin.find(post("Vaccines (free) this week")) is None
    [request, *_] = fake.calls("find_posts")
    assert request.query["q"] == ["author"] and request.query["author"] == [ORGANIZATION]


def test_find_reads_hashtag_templates_back() -> None:
    commentary = little.escape("Walk in (no booking) #FluSeason")
    assert little.plain_text(as_templates(commentary)) == "Walk in (no booking) #FluSeason"


def test_find_ignores_deleted_and_old_posts(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    deleted = linkedin.publish(post("Open day on Saturday"))
    linkedin.delete(deleted.id)
    assert linkedin.find(post("Open day on Saturday")) is None
    old = linkedin.publish(post("Blood drive today"))
    fake.posts[old.id].created_at -= 30 * 86_400_000
    assert linkedin.find(post("Blood drive today")) is None


def test_link_is_added_once_and_found_again(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    outgoing = OutgoingPost(
        text="Read our flu guide", idempotency_key="k", link="https://example.org/flu_guide"
    )
    remote = linkedin.publish(outgoing)
    [stored] = fake.live_posts()
    assert little.plain_text(stored.commentary) == (
        "Read our flu guide\n\nhttps://example.org/flu_guide"
    )
    assert linkedin.find(outgoing) == dataclasses.replace(
        remote, extra={"images": 0, "found": True}
    )


def test_posting_as_a_page_the_member_does_not_administer_is_permanent(
    fake: FakeLinkedIn, http: httpx.Client
) -> None:
    connector = LinkedInConnector(credentials_for(fake, account=OTHER_ORGANIZATION), client=http)
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 403


def test_missing_scope_is_permanent(fake: FakeLinkedIn, http: httpx.Client) -> None:
    connector = LinkedInConnector(
        credentials_for(fake, scopes={"r_organization_social"}), client=http
    )
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 403
    assert "permission" in caught.value.reason


def test_a_sunset_api_version_is_permanent(fake: FakeLinkedIn, http: httpx.Client) -> None:
    credentials = credentials_for(fake)
    credentials.extra["linkedin_version"] = "202401"
    with pytest.raises(PublishError) as caught:
        LinkedInConnector(credentials, client=http).publish(post())
    assert caught.value.permanent and caught.value.status == 426


# --- connecting a page --------------------------------------------------------------------
def test_connect_lists_administered_pages_and_posts_as_the_chosen_one(
    fake: FakeLinkedIn, http: httpx.Client
) -> None:
    app = app_for(fake)
    url = authorization_url(app, redirect_uri="https://nabz.example/li/callback", state="s1")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{fake.url}/oauth/v2/authorization?")
    assert query["scope"] == ["w_organization_social r_organization_social rw_organization_admin"]
    assert query["client_id"] == [CLIENT_ID] and query["state"] == ["s1"]

    redirect = http.get(url)  # the member consents; LinkedIn redirects back with a code
    assert redirect.status_code == 302
    back = parse_qs(urlsplit(redirect.headers["location"]).query)
    assert back["state"] == ["s1"]

    member = exchange_code(
        app, code=back["code"][0], redirect_uri="https://nabz.example/li/callback", client=http
    )
    assert member.access_token in fake.tokens and member.refresh_token
    assert member.expires_at is not None and member.account_id == ""

    pages = list_organizations(member, client=http)
    assert [(p.urn, p.name, p.vanity_name) for p in pages] == [
        (ORGANIZATION, "Sunrise Hospital", "sunrise-hospital")
    ]  # not the analyst-only page

    page = for_organization(member, pages[0])
    assert (page.account_id, page.handle) == (ORGANIZATION, "Sunrise Hospital")
    assert list_targets(app, member, client=http) == [page]
    # What the worker does: a connector from the stored credentials alone, no app at hand.
    connector = connector_for("linkedin", page, client=http)
    remote = connector.publish(post())
    assert fake.posts[remote.id].author == ORGANIZATION
    renewed = connector.refresh()
    assert renewed is not None and renewed.access_token in fake.tokens
    assert renewed.account_id == ORGANIZATION


def test_a_code_works_once_and_only_with_its_redirect_uri(
    fake: FakeLinkedIn, http: httpx.Client
) -> None:
    app = app_for(fake)
    location = http.get(
        authorization_url(app, redirect_uri="https://a.example/cb", state="s")
    ).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    with pytest.raises(PublishError) as wrong:
        exchange_code(app, code=code, redirect_uri="https://b.example/cb", client=http)
    assert wrong.value.permanent and "redirect uri" in wrong.value.reason
    with pytest.raises(PublishError):
        exchange_code(app, code=code, redirect_uri="https://a.example/cb", client=http)


def test_a_wrong_client_secret_is_permanent(fake: FakeLinkedIn, http: httpx.Client) -> None:
    connector = LinkedInConnector(
        credentials_for(fake), client=http, app=app_for(fake, secret="wrong")
    )
    with pytest.raises(PublishError) as caught:
        connector.refresh()
    assert caught.value.permanent and caught.value.status == 401


# --- the fault matrix --------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    fake: FakeLinkedIn, linkedin: LinkedInConnector, status: int
) -> None:
    fake.inject("create_post", Fault.status_code(status))
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    error = caught.value
    assert not error.permanent and not error.ambiguous and error.status == status
    assert "<html>" not in error.reason
    assert linkedin.publish(post()).id  # the next attempt goes through


def test_rate_limit_with_retry_after(fake: FakeLinkedIn, linkedin: LinkedInConnector) -> None:
    fake.inject("create_post", Fault.rate_limited(retry_after=7))
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    assert caught.value.retry_after == 7 and not caught.value.permanent
    assert "DAY limit" in caught.value.reason


def test_daily_rate_limit_waits_until_midnight_utc(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    fake.inject("create_post", Fault.status_code(429))  # LinkedIn sends no Retry-After
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    assert caught.value.retry_after is not None and 0 < caught.value.retry_after <= 86_400
    assert not caught.value.permanent


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=1.5), Fault.drop_after_commit()],
    ids=["timeout", "dropped"],
)
def test_lost_answer_after_commit_is_ambiguous_and_find_reconciles(
    fake: FakeLinkedIn, linkedin: LinkedInConnector, fault: Fault
) -> None:
    outgoing = post(
        "Our maternity ward is now open 24/7 (new entrance on Elm St.)", media=(image(),)
    )
    fake.inject("create_post", fault)
    with pytest.raises(PublishError) as caught:
        linkedin.publish(outgoing)
    assert caught.value.ambiguous and not caught.value.permanent

    found = linkedin.find(outgoing)
    [stored] = fake.live_posts()
    assert found is not None and found.id == stored.urn


def test_connection_dropped_before_the_post_is_made_finds_nothing(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    fake.inject("create_post", Fault.drop_before())
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    assert caught.value.ambiguous
    assert linkedin.find(post()) is None and fake.live_posts() == []


def test_a_lost_image_upload_is_not_ambiguous(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    fake.inject("upload_image", Fault.slow_after_commit(seconds=1.5))
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post(media=(image(),)))
    assert not caught.value.ambiguous and not caught.value.permanent
    assert fake.calls("create_post") == []


def test_expired_token_then_refresh_then_publish(
    fake: FakeLinkedIn, linkedin: LinkedInConnector, http: httpx.Client
) -> None:
    fake.inject("create_post", Fault.expired_token())
    with pytest.raises(TokenExpired) as caught:
        linkedin.publish(post())
    assert caught.value.status == 401 and not caught.value.permanent

    renewed = linkedin.refresh()
    assert renewed is not None and renewed.access_token != linkedin.credentials.access_token
    assert renewed.account_id == ORGANIZATION and renewed.refresh_token
    remote = LinkedInConnector(renewed, client=http).publish(post())
    assert [p.urn for p in fake.live_posts()] == [remote.id]


def test_a_token_that_expired_on_its_own_is_refreshed(
    fake: FakeLinkedIn, linkedin: LinkedInConnector, http: httpx.Client
) -> None:
    fake.expire_tokens()
    with pytest.raises(TokenExpired):
        linkedin.metrics("urn:li:share:1")
    renewed = linkedin.refresh()
    assert renewed is not None
    assert LinkedInConnector(renewed, client=http).publish(post()).id


def test_revoked_token_is_permanent_and_cannot_be_refreshed(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    fake.inject("create_post", Fault.revoked_token())
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    assert caught.value.permanent and not isinstance(caught.value, TokenExpired)
    assert "revoked" in caught.value.reason
    with pytest.raises(PublishError) as refresh:
        linkedin.refresh()
    assert refresh.value.permanent and refresh.value.status == 401


def test_rejected_content_is_permanent_with_linkedins_reason(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    fake.inject(
        "create_post", Fault.rejected("ERROR :: /commentary :: Text contains prohibited content")
    )
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    assert caught.value.permanent and caught.value.status == 422
    assert caught.value.reason == "ERROR :: /commentary :: Text contains prohibited content"


def test_duplicate_text_is_refused_permanently(
    fake: FakeLinkedIn, linkedin: LinkedInConnector
) -> None:
    first = linkedin.publish(post())
    with pytest.raises(PublishError) as caught:
        linkedin.publish(post())
    assert caught.value.permanent and first.id in caught.value.reason
    assert len(fake.live_posts()) == 1


def test_tokens_never_appear_in_errors(fake: FakeLinkedIn, linkedin: LinkedInConnector) -> None:
    token = linkedin.credentials.access_token
    for fault in (Fault.expired_token(), Fault.status_code(500), Fault.rejected("no")):
        fake.inject("create_post", fault)
        with pytest.raises(PublishError) as caught:
            linkedin.publish(post())
        assert token not in str(caught.value) and token not in caught.value.reason
