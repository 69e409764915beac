"""Reading Bluesky's notifications and replying, against the fake PDS."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nabz.publishing.connectors.base import OutgoingPost, OutgoingReply, PublishError
from nabz.publishing.connectors.bluesky import auth
from nabz.publishing.connectors.bluesky.connector import BlueskyConnector
from tests.publishing.fakes.bluesky import FakeBluesky
from tests.publishing.fakes.server import Fault

APP_PASSWORD = "abcd-efgh-ijkl-mnop"


@pytest.fixture
def fake() -> Iterator[FakeBluesky]:
    with FakeBluesky() as server:
        yield server


@pytest.fixture
def connector(fake: FakeBluesky) -> Iterator[BlueskyConnector]:
    with httpx.Client(timeout=0.5) as client:
        credentials = auth.login(
            "sunrisehospital.bsky.social", APP_PASSWORD, api_base=fake.url, client=client
        )
        yield BlueskyConnector(credentials, client=client)


@pytest.fixture
def our_post(connector: BlueskyConnector) -> str:
    return connector.publish(OutgoingPost(text="Flu shots on Monday.", idempotency_key="p1")).id


def test_replies_mentions_and_quotes_become_messages(fake, connector, our_post):
    fake.visitor_posts("Is the flu shot free?", reply_to=our_post)
    fake.visitor_posts("thanks for the clinic", reason="mention", handle="ali.bsky.social")
    fake.visitor_posts("fake news", reason="quote", handle="troll.bsky.social")
    messages, cursor = connector.fetch_incoming("")
    assert [m.kind for m in messages] == ["comment", "mention", "mention"]
    assert messages[0].parent_id == our_post
    assert messages[0].extra["root"]["uri"] == our_post
    assert messages[1].author.handle == "ali.bsky.social"
    assert cursor == fake.notifications[-1]["indexedAt"]


def test_the_walk_back_stops_at_the_cursor_and_reads_every_page_before_it(fake, connector):
    fake.visitor_posts("old one", reason="mention")
    _, cursor = connector.fetch_incoming("")
    for n in range(250):
        fake.visitor_posts(f"new {n}", reason="mention")
    messages, newest = connector.fetch_incoming(cursor)
    texts = [m.text.rsplit(" ", 1)[-1] for m in messages if "new" in m.text]
    assert texts == [str(n) for n in range(250)]
    assert len(fake.calls("list_notifications")) == 1 + 3  # 100 + 100 + 51 (the old one)
    again, _ = connector.fetch_incoming(newest)
    assert [m.text for m in again] == [messages[-1].text]  # the same instant, read once more


def test_deleted_posts_are_gone(fake, connector, our_post):
    kept = fake.visitor_posts("kept", reply_to=our_post)
    dropped = fake.visitor_posts("dropped", reply_to=our_post)
    fake.delete_by_author(dropped)
    assert connector.gone([kept, dropped]) == {dropped}


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        (Fault.rate_limited(retry_after=9), lambda e: e.status == 429 and e.retry_after),
        (Fault.status_code(502), lambda e: not e.permanent),
        (Fault.expired_token(), lambda e: e.status == 400 and not e.permanent),
        (Fault.revoked_token(), lambda e: e.permanent and e.status == 401),
    ],
    ids=["429", "502", "expired", "revoked"],
)
def test_read_faults(fake, connector, fault, check):
    fake.visitor_posts("hi", reason="mention")
    fake.inject("list_notifications", fault)
    with pytest.raises(PublishError) as caught:
        connector.fetch_incoming("")
    assert check(caught.value), caught.value


def test_a_reply_threads_under_the_comment_and_never_goes_twice(fake, connector, our_post):
    comment = fake.visitor_posts("Do you have parking?", reply_to=our_post)
    [message], _ = connector.fetch_incoming("")
    reply = OutgoingReply(
        text="Yes, level -1, free for visitors.",
        idempotency_key="reply-7",
        in_reply_to=comment,
        extra=message.extra,
    )
    fake.inject("create_post", Fault.drop_after_commit())
    with pytest.raises(PublishError) as caught:
        connector.reply_public(reply)
    assert caught.value.ambiguous
    found = connector.find_reply(reply)
    assert found is not None
    again = connector.reply_public(reply)  # a resend lands on the same record key
    assert again.id == found.id
    [record] = fake.replies_to(comment)
    assert record.value["reply"]["root"]["uri"] == our_post
    assert record.value["reply"]["parent"]["uri"] == comment


def test_a_burst_longer_than_one_walk_is_read_whole_over_several_calls(fake, connector):
    _, cursor = connector.fetch_incoming("")  # nothing yet
    for n in range(2500):
        fake.visitor_posts(f"burst {n}", reason="mention")
    seen: list[str] = []
    for _ in range(5):
        messages, cursor = connector.fetch_incoming(cursor)
        seen += [m.text.rsplit(" ", 1)[-1] for m in messages]
        if "|" not in cursor:
            break
    assert sorted(seen, key=int) == [str(n) for n in range(2500)]
    assert len(seen) == len(set(seen))
    assert cursor == fake.notifications[-1]["indexedAt"]
