"""Reading Mastodon's notifications and answering them, against the fake instance."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nabz.publishing.connectors.base import Credentials, OutgoingReply, PublishError
from nabz.publishing.connectors.mastodon.connector import MastodonConnector
from tests.publishing.fakes.mastodon import FakeMastodon
from tests.publishing.fakes.server import Fault


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    with FakeMastodon() as server:
        yield server


@pytest.fixture
def connector(fake: FakeMastodon) -> Iterator[MastodonConnector]:
    with httpx.Client(timeout=0.5) as client:
        credentials = Credentials(
            access_token=fake.issue_token(),
            account_id=fake.account.id,
            handle=f"sunrise_hospital@{fake.host}",
            api_base=fake.url,
        )
        yield MastodonConnector(credentials, client=client)


def our_post(fake: FakeMastodon, text: str = "Flu shots on Monday.") -> str:
    from tests.publishing.fakes.mastodon import Status

    status = Status(fake._next_id(), fake.account.id, text, "en", "public", [], "", "Nabz")
    fake.statuses[status.id] = status
    return status.id


def test_comments_mentions_and_direct_messages_are_told_apart(fake, connector):
    post = our_post(fake)
    fake.visitor_says("When does the clinic open?", in_reply_to=post)
    fake.visitor_says("Shout-out to the night nurses", username="omid")
    fake.visitor_says("My test results came back, can I ask you privately?", visibility="direct")
    messages, cursor = connector.fetch_incoming("")
    assert [m.kind for m in messages] == ["comment", "mention", "dm"]
    assert messages[0].parent_id == post
    assert messages[0].text == "@sunrise_hospital When does the clinic open?"
    assert messages[1].author.handle == "omid"
    assert cursor and int(cursor) > int(messages[-1].id)  # notification ids follow statuses


def test_the_cursor_reads_forward_page_by_page_without_gaps(fake, connector):
    for n in range(95):
        fake.visitor_says(f"question number {n}")
    first, cursor = connector.fetch_incoming("")  # from nothing: what is shown now
    assert len(first) == 40
    fake.notifications.clear()
    for n in range(95):
        fake.visitor_says(f"new question {n}")
    seen: list[str] = []
    for _ in range(5):
        page, cursor = connector.fetch_incoming(cursor)
        if not page:
            break
        seen += [m.text.split()[-1] for m in page]
    assert seen == [str(n) for n in range(95)]  # oldest first, none skipped, none twice
    assert fake.calls("notifications")[-1].query["min_id"] == [cursor]


def test_an_edit_comes_back_as_the_same_message_with_its_new_text(fake, connector):
    status = fake.visitor_says("the clinic is closd?")
    _, cursor = connector.fetch_incoming("")
    fake.edit_status(status.id, "the clinic is closed?")
    messages, _ = connector.fetch_incoming(cursor)
    assert [(m.id, m.text.endswith("closed?"), m.edited_at is not None) for m in messages] == [
        (status.id, True, True)
    ]


def test_a_status_deleted_by_its_author_is_gone(fake, connector):
    kept = fake.visitor_says("thanks!")
    dropped = fake.visitor_says("oops, wrong account")
    fake.delete_by_author(dropped.id)
    assert connector.gone([kept.id, dropped.id]) == {dropped.id}


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        (Fault.rate_limited(retry_after=7), lambda e: e.status == 429 and 0 <= e.retry_after <= 8),
        (Fault.status_code(503), lambda e: not e.permanent and e.status == 503),
        (Fault.status_code(502), lambda e: not e.permanent and e.status == 502),
        (Fault.expired_token(), lambda e: e.permanent and e.status == 401),
        (Fault.drop_before(), lambda e: not e.permanent),
    ],
    ids=["429", "503", "502-html", "401", "dropped"],
)
def test_read_faults_are_classified_like_publishing_faults(fake, connector, fault, check):
    fake.visitor_says("hello")
    fake.inject("notifications", fault)
    with pytest.raises(PublishError) as caught:
        connector.fetch_incoming("")
    assert check(caught.value), caught.value
    messages, _ = connector.fetch_incoming("")  # the next read works and loses nothing
    assert len(messages) == 1


def test_a_public_reply_goes_out_once_even_when_its_answer_is_lost(fake, connector):
    post = our_post(fake)
    comment = fake.visitor_says("Do you take walk-ins?", in_reply_to=post, username="sara")
    reply = OutgoingReply(
        text="Yes, from 8 to 12 on weekdays.",
        idempotency_key="reply-key-1",
        in_reply_to=comment.id,
        extra={"acct": "sara"},
    )
    fake.inject("create_post", Fault.drop_after_commit())
    with pytest.raises(PublishError) as caught:
        connector.reply_public(reply)
    assert caught.value.ambiguous
    found = connector.find_reply(reply)  # the reconciling look-up finds the one that landed
    assert found is not None
    assert [s.id for s in fake.replies_to(comment.id)] == [found.id]
    assert fake.statuses[found.id].text == "@sara Yes, from 8 to 12 on weekdays."
    assert fake.statuses[found.id].visibility == "public"
    fake.forget_idempotency_keys()  # after Mastodon's hour, the recent statuses still tell
    assert connector.find_reply(reply) == found


def test_a_private_reply_is_a_direct_status(fake, connector):
    dm = fake.visitor_says("I need my lab results", visibility="direct", username="reza")
    sent = connector.reply_private(
        OutgoingReply(
            text="Please call us.", idempotency_key="k2", in_reply_to=dm.id, extra={"acct": "reza"}
        )
    )
    assert fake.statuses[sent.id].visibility == "direct"
    connector.delete_reply(sent.id)
    assert sent.id not in fake.statuses
