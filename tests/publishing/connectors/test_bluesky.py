"""The Bluesky connector against a fake PDS on 127.0.0.1: contract, facets, session, faults."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

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
)
from nabz.publishing.connectors.bluesky import auth
from nabz.publishing.connectors.bluesky.connector import BlueskyConnector
from nabz.publishing.connectors.bluesky.richtext import (
    TID_PATTERN,
    detect,
    facets,
    record_key,
)
from tests.publishing.fakes.bluesky import FakeBluesky
from tests.publishing.fakes.server import Fault

APP_PASSWORD = "abcd-efgh-ijkl-mnop"


def png(width: int = 8, height: int = 6, color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeBluesky]:
    with FakeBluesky() as server:
        server.add_account("redcrescent.example.org")
        yield server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=0.5) as c:
        yield c


@pytest.fixture
def credentials(fake: FakeBluesky, client: httpx.Client) -> Credentials:
    return auth.login("sunrisehospital.bsky.social", APP_PASSWORD, api_base=fake.url, client=client)


@pytest.fixture
def connector(credentials: Credentials, client: httpx.Client) -> BlueskyConnector:
    return BlueskyConnector(credentials, client=client)


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


def covered(text: str, facet: dict) -> str:  # type: ignore[type-arg]
    index = facet["index"]
    return text.encode("utf-8")[index["byteStart"] : index["byteEnd"]].decode("utf-8")


# --- rich text ------------------------------------------------------------------------------
def test_facets_count_utf8_bytes_after_persian_arabic_and_emoji() -> None:
    text = (
        "واکسن آنفولانزا 💉👩🏽‍⚕️ رایگان است، مرحبا بكم! "
        "https://sunrise.example/flu?lang=fa. @redcrescent.example.org #سلامت‌روان #flu"
    )
    found = facets(text, {"redcrescent.example.org": "did:plc:rc"}.get)

    kinds = [f["features"][0]["$type"].rsplit("#", 1)[1] for f in found]
    assert kinds == ["link", "mention", "tag", "tag"]
    assert [covered(text, f) for f in found] == [
        "https://sunrise.example/flu?lang=fa",
        "@redcrescent.example.org",
        "#سلامت‌روان",
        "#flu",
    ]
    link = found[0]
    # 💉 is 4 bytes, 👩🏽‍⚕️ is 17, each Persian/Arabic letter 2: code points would be wrong.
    assert link["index"]["byteStart"] == text.encode().index(b"https://")
    assert link["index"]["byteStart"] != text.index("https://")
    assert found[1]["features"][0]["did"] == "did:plc:rc"
    assert found[2]["features"][0]["tag"] == "سلامت\u200cروان"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see sunrise.org/clinics, today", [("link", "https://sunrise.org/clinics")]),
        ("(https://example.com/a_(b))", [("link", "https://example.com/a_(b)")]),
        ("mail nurse@sunrise.org now", []),
        ("#۱۲۳ is a number, #2024 too", []),
        ("C# and a#b are not tags", []),
        ("مرحبا #الصحة_النفسية.", [("tag", "الصحة_النفسية")]),
        ("hi @bob, @alice.bsky.social!", [("mention", "alice.bsky.social")]),
        ("https://example.com/page#section", [("link", "https://example.com/page#section")]),
    ],
)
def test_detection(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.value) for s in detect(text)] == expected


def test_record_keys_are_deterministic_tids() -> None:
    keys = {record_key(f"nabz-{i:032x}") for i in range(2000)}
    assert len(keys) == 2000
    assert all(TID_PATTERN.fullmatch(k) for k in keys)
    assert record_key("nabz-abc") == record_key("nabz-abc")


# --- the contract ---------------------------------------------------------------------------
def test_registry_points_at_the_connector() -> None:
    assert connector_class("bluesky") is BlueskyConnector


def test_publish_with_images_alt_text_and_facets(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    text = "روز جهانی قلب ❤️ با @redcrescent.example.org — https://sunrise.example/heart #قلب"
    chart = OutgoingMedia("c.png", png(40, 20, "navy"), "image/png", alt_text="Heart-rate chart")
    remote = connector.publish(post(text, media=(PHOTO, chart), language="fa,en"))

    [record] = fake.posts()
    value = record.value
    assert remote.id == f"at://{fake.account.did}/app.bsky.feed.post/{record.rkey}"
    assert remote.url == f"https://bsky.app/profile/sunrisehospital.bsky.social/post/{record.rkey}"
    assert record.rkey == record_key("nabz-0001")
    assert value["text"] == text and value["langs"] == ["fa", "en"]
    assert value["createdAt"].endswith("Z")
    assert [covered(text, f) for f in value["facets"]] == [
        "@redcrescent.example.org",
        "https://sunrise.example/heart",
        "#قلب",
    ]
    images = value["embed"]["images"]
    assert [i["alt"] for i in images] == ["Nurses at the vaccination desk", "Heart-rate chart"]
    assert images[1]["aspectRatio"] == {"width": 40, "height": 20}
    upload = fake.calls("upload_blob")[0]
    assert upload.headers["content-type"] == "image/png" and upload.body == PHOTO.content


def test_an_unknown_handle_stays_plain_text(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    connector.publish(post("thanks @nobody.example.org and @sunrisehospital.bsky.social"))
    [record] = fake.posts()
    [facet] = record.value["facets"]
    assert facet["features"][0]["did"] == fake.account.did
    assert len(fake.calls("resolve_handle")) == 1  # our own handle needs no look-up


def test_link_field_is_added_to_the_text(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    connector.publish(post("Flu clinic hours", link="https://sunrise.example/flu"))
    value = fake.posts()[0].value
    assert value["text"] == "Flu clinic hours\n\nhttps://sunrise.example/flu"
    assert value["facets"][0]["features"][0]["uri"] == "https://sunrise.example/flu"


def test_delete_and_delete_again(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    remote = connector.publish(post())
    connector.delete(remote.id)
    assert fake.posts() == []
    connector.delete(remote.extra["rkey"])  # a bare rkey works too; gone counts as deleted
    assert fake.calls("delete_record")[0].json() == {
        "repo": fake.account.did,
        "collection": "app.bsky.feed.post",
        "rkey": remote.extra["rkey"],
    }


def test_cannot_delete_another_accounts_post(connector: BlueskyConnector) -> None:
    with pytest.raises(PublishError) as caught:
        connector.delete("at://did:plc:someoneelse/app.bsky.feed.post/3deal4v4j3zpc")
    assert caught.value.permanent


def test_metrics(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    remote = connector.publish(post())
    fake.posts()[0].counts.update(likeCount=21, repostCount=5, replyCount=2, quoteCount=1)
    metrics = connector.metrics(remote.id)
    assert (metrics.likes, metrics.shares, metrics.comments) == (21, 5, 2)
    assert metrics.raw["quoteCount"] == 1
    connector.delete(remote.id)
    with pytest.raises(PublishError) as caught:
        connector.metrics(remote.id)
    assert caught.value.permanent


# --- never twice ---------------------------------------------------------------------------
def test_find_nothing(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    assert connector.find(post()) is None
    assert fake.records == {}


def test_publishing_again_returns_the_existing_post(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    first = connector.publish(post(media=(PHOTO,)))
    second = connector.publish(post(media=(PHOTO,)))
    assert first.id == second.id and len(fake.posts()) == 1
    assert fake.calls("get_record")  # the taken key was checked, not trusted blindly


def test_a_different_post_under_the_same_key_is_not_taken_for_ours(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    connector.publish(post("First text"))
    with pytest.raises(PublishError) as caught:
        connector.publish(post("Another text"))
    assert caught.value.permanent and len(fake.posts()) == 1
    assert connector.find(post("Another text")) is None


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=1.5), Fault.drop_after_commit()],
    ids=["timeout", "dropped"],
)
def test_accepted_but_unseen_is_ambiguous_then_found(
    fake: FakeBluesky, connector: BlueskyConnector, fault: Fault
) -> None:
    text = "ساعت کاری درمانگاه 🕘 https://sunrise.example/hours"
    fake.inject("create_post", fault)
    with pytest.raises(PublishError) as caught:
        connector.publish(post(text, media=(PHOTO,)))
    assert caught.value.ambiguous and not caught.value.permanent
    [record] = fake.posts()
    found = connector.find(post(text, media=(PHOTO,)))
    assert found is not None and found.extra["rkey"] == record.rkey
    # And a blind retry cannot duplicate it either.
    assert connector.publish(post(text, media=(PHOTO,))).id == found.id
    assert len(fake.posts()) == 1


def test_a_find_that_times_out_leaves_the_outcome_unknown(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    fake.inject("get_record", Fault.slow_after_commit(seconds=1.5))
    with pytest.raises(PublishError) as caught:
        connector.find(post())
    assert caught.value.ambiguous and not caught.value.permanent


def test_find_needs_no_token(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    connector.publish(post())
    fake.expire_access_tokens()
    assert connector.find(post()) is not None
    assert "authorization" not in fake.calls("get_record")[-1].headers


# --- connecting ----------------------------------------------------------------------------
def test_login(fake: FakeBluesky, credentials: Credentials) -> None:
    assert credentials.account_id == fake.account.did
    assert credentials.handle == "sunrisehospital.bsky.social"
    assert credentials.api_base == fake.url  # the PDS named in the DID document
    assert credentials.expires_at is not None
    assert credentials.refresh_token and credentials.access_token != credentials.refresh_token
    assert fake.calls("create_session")[0].json() == {
        "identifier": "sunrisehospital.bsky.social",
        "password": APP_PASSWORD,
    }


def test_login_accepts_a_short_handle(fake: FakeBluesky, client: httpx.Client) -> None:
    creds = auth.login("@SunriseHospital", APP_PASSWORD, api_base=fake.url, client=client)
    assert creds.account_id == fake.account.did


def test_login_with_a_wrong_password_says_why(fake: FakeBluesky, client: httpx.Client) -> None:
    with pytest.raises(PublishError) as caught:
        auth.login(
            "sunrisehospital.bsky.social", "zzzz-zzzz-zzzz-zzzz", api_base=fake.url, client=client
        )
    assert caught.value.permanent and caught.value.reason == "Invalid identifier or password"
    assert "zzzz-zzzz" not in str(caught.value)


def test_login_refuses_an_account_password_without_sending_it(
    fake: FakeBluesky, client: httpx.Client
) -> None:
    with pytest.raises(PublishError) as caught:
        auth.login(
            "sunrisehospital.bsky.social", "my real password!", api_base=fake.url, client=client
        )
    assert caught.value.permanent and "app password" in caught.value.reason
    assert fake.requests == []


# --- local refusals --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "media"),
    [
        ("x" * 301, ()),  # 301 graphemes
        ("👩🏽‍⚕️" * 177, ()),  # 177 graphemes but 3,009 bytes
        ("ok", (PHOTO,) * 5),
        ("ok", (OutgoingMedia("big.jpg", b"\xff" * 1_000_001, "image/jpeg", "alt"),)),
        ("ok", (OutgoingMedia("v.mp4", b"\x00" * 10, "video/mp4", "alt"),)),
    ],
    ids=["graphemes", "bytes", "five-images", "image-over-1mb", "video"],
)
def test_what_bluesky_would_refuse_is_refused_before_sending(
    fake: FakeBluesky, connector: BlueskyConnector, text: str, media: tuple[OutgoingMedia, ...]
) -> None:
    requests_before = len(fake.requests)
    with pytest.raises(PublishError) as caught:
        connector.publish(post(text, media=media))
    assert caught.value.permanent and caught.value.reason
    assert len(fake.requests) == requests_before


def test_exactly_300_persian_graphemes_go_out(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    text = ("سلام " * 60).strip() + "!"  # 300 graphemes, 540 bytes
    connector.publish(post(text))
    assert fake.posts()[0].value["text"] == text


# --- the fault matrix ---------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    fake: FakeBluesky, connector: BlueskyConnector, status: int
) -> None:
    fake.inject("create_post", Fault.status_code(status))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert not caught.value.permanent and not caught.value.ambiguous
    assert caught.value.status == status and fake.posts() == []
    assert connector.publish(post()).id  # the next attempt goes through


def test_429_with_retry_after(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    fake.inject("create_post", Fault.rate_limited(retry_after=30))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.retry_after == 30 and not caught.value.permanent
    assert caught.value.reason == "Rate Limit Exceeded"


def test_429_from_the_write_points_uses_ratelimit_reset(client: httpx.Client) -> None:
    with FakeBluesky(write_points_per_hour=3) as server:
        creds = auth.login(
            "sunrisehospital.bsky.social", APP_PASSWORD, api_base=server.url, client=client
        )
        conn = BlueskyConnector(creds, client=client)
        conn.publish(post(key="k1"))
        with pytest.raises(PublishError) as caught:
            conn.publish(post(key="k2"))
    assert caught.value.status == 429 and not caught.value.permanent
    assert 3500 < (caught.value.retry_after or 0) <= 3600


def test_expired_token_then_refresh(
    fake: FakeBluesky, connector: BlueskyConnector, credentials: Credentials, client: httpx.Client
) -> None:
    fake.expire_access_tokens()
    with pytest.raises(TokenExpired):
        connector.publish(post())
    fresh = connector.refresh()
    assert fresh is not None and fresh.access_token != credentials.access_token
    assert fresh.refresh_token != credentials.refresh_token  # rotated
    assert fresh.account_id == credentials.account_id and fresh.api_base == fake.url
    assert BlueskyConnector(fresh, client=client).publish(post()).id
    with pytest.raises(PublishError) as spent:  # the old refresh JWT is spent
        connector.refresh()
    assert spent.value.permanent and spent.value.status == 401


def test_injected_expired_token(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    fake.inject("create_post", Fault.expired_token())
    with pytest.raises(TokenExpired) as caught:
        connector.publish(post())
    assert not caught.value.permanent and fake.posts() == []


def test_revoked_app_password(
    fake: FakeBluesky, connector: BlueskyConnector, credentials: Credentials
) -> None:
    fake.revoke_app_password(APP_PASSWORD)
    with pytest.raises(PublishError) as used:
        connector.publish(post())
    assert used.value.permanent and used.value.status == 401
    with pytest.raises(PublishError) as refreshed:
        connector.refresh()
    assert refreshed.value.permanent and refreshed.value.status == 401
    for error in (used.value, refreshed.value):
        for secret in (credentials.access_token, credentials.refresh_token, APP_PASSWORD):
            assert secret not in str(error) and secret not in error.reason


def test_injected_revoked_token(fake: FakeBluesky, connector: BlueskyConnector) -> None:
    fake.inject("create_post", Fault.revoked_token())
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 401
    assert not isinstance(caught.value, TokenExpired)


def test_content_rejected_is_permanent_with_the_reason(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    fake.inject("create_post", Fault.rejected("Record/text contains a banned word"))
    with pytest.raises(PublishError) as caught:
        connector.publish(post())
    assert caught.value.permanent and caught.value.status == 400
    assert caught.value.reason == "Record/text contains a banned word"
    assert fake.posts() == []


def test_the_fake_refuses_facets_that_split_a_character(
    fake: FakeBluesky, credentials: Credentials, client: httpx.Client
) -> None:
    text = "سلام https://x.org"
    bad = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": "2025-01-01T00:00:00Z",
        "facets": [
            {
                "index": {"byteStart": 1, "byteEnd": 9},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://x.org"}],
            }
        ],
    }
    answer = client.post(
        f"{fake.url}/xrpc/com.atproto.repo.createRecord",
        headers={"Authorization": f"Bearer {credentials.access_token}"},
        json={
            "repo": fake.account.did,
            "collection": "app.bsky.feed.post",
            "rkey": record_key("k"),
            "record": bad,
        },
    )
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidRequest"
    assert "inside a UTF-8 character" in answer.json()["message"]
    bad["facets"][0]["index"] = {"byteStart": 0, "byteEnd": len(text.encode())}
    answer = client.post(
        f"{fake.url}/xrpc/com.atproto.repo.createRecord",
        headers={"Authorization": f"Bearer {credentials.access_token}"},
        json={
            "repo": fake.account.did,
            "collection": "app.bsky.feed.post",
            "rkey": "not-a-tid",
            "record": bad,
        },
    )
    assert answer.status_code == 400 and "Invalid TID" in answer.json()["message"]


def test_session_expiry_is_read_from_the_token(credentials: Credentials) -> None:
    assert credentials.expires_at is not None
    remaining = credentials.expires_at.timestamp() - time.time()
    assert 7000 < remaining <= 7200


# --- threads ------------------------------------------------------------------------------
THREAD = ("Flu season is here. (1/3)", "Shots are free for staff. (2/3)", "Book today. (3/3)")


def test_a_thread_is_chained_to_its_root_and_parent_and_idempotent(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    outgoing = OutgoingPost(text=THREAD[0], idempotency_key="nabz-t", replies=THREAD[1:])
    remote = connector.publish(outgoing)
    uris = remote.id.split(" ")
    records = {f"at://{r.did}/app.bsky.feed.post/{r.rkey}": r for r in fake.posts()}
    assert [records[u].value["text"] for u in uris] == list(THREAD)
    root = {"uri": uris[0], "cid": records[uris[0]].cid}
    assert "reply" not in records[uris[0]].value
    assert records[uris[1]].value["reply"] == {"root": root, "parent": root}
    assert records[uris[2]].value["reply"] == {
        "root": root,
        "parent": {"uri": uris[1], "cid": records[uris[1]].cid},
    }
    again = connector.publish(outgoing)  # a retry finds every part: nothing twice
    assert again.id == remote.id and len(fake.posts()) == 3
    connector.delete(remote.id)
    assert fake.posts() == []


def test_a_reply_with_a_wrong_cid_is_refused_by_the_fake(
    fake: FakeBluesky, connector: BlueskyConnector
) -> None:
    first = connector.publish(post("First part"))
    bad = {"uri": first.id, "cid": "bafyreinotthecid"}
    with pytest.raises(PublishError) as refused:
        connector._create(
            fake.account.did,
            "3kabcdefghij2",
            "Second",
            "en",
            {},
            reply={"root": bad, "parent": bad},
        )
    assert "does not refer to an existing post" in str(refused.value.reason or refused.value)
