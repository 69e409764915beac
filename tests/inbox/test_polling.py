"""The worker's polling: threaded, deduplicated, and the cursor only moves with the messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.inbox import ingest, polling
from nabz.inbox.models import Conversation, Message, ReadCursor
from nabz.publishing.models import Account
from tests.inbox.conftest import visitor
from tests.publishing.fakes.mastodon import Status
from tests.publishing.fakes.server import Fault

pytestmark = pytest.mark.django_db


def poll(account: Account, minutes: int = 0) -> polling.PollReport:
    """Poll as if ``minutes`` had passed (each poll is due again by then)."""
    now = timezone.now() + dt.timedelta(minutes=minutes)
    polling.ensure_cursors(now)
    ReadCursor.objects.filter(account=account).update(next_poll_at=now)
    return polling.poll_account(account.pk, now=now)


def test_sandbox_messages_are_threaded_and_read_once(sandbox):
    question = visitor(sandbox, "Do you have parking for visitors?", who="layla")
    visitor(sandbox, "Also, is it free?", who="layla", parent=question)
    visitor(sandbox, "سلام، نوبت دکتر قلب می‌خواستم", who="reza", kind="dm")
    visitor(sandbox, "و برای پنجشنبه هم نوبت هست؟", who="reza", kind="dm")
    report = poll(sandbox)
    assert (report.state, report.created) == ("done", 4)
    conversations = Conversation.objects.filter(account=sandbox).order_by("pk")
    assert [(c.kind, c.messages.count()) for c in conversations] == [("comment", 2), ("dm", 2)]
    assert conversations[1].category == "appointment" and conversations[1].language == "fa"
    assert poll(sandbox, minutes=1).created == 0  # read again: nothing new, nothing twice
    assert Message.objects.count() == 4


def test_emergency_goes_to_the_top(sandbox):
    visitor(sandbox, "Thanks for the great care last week!")
    visitor(sandbox, "my dad has crushing chest pain right now what do we do")
    poll(sandbox)
    first = Conversation.objects.order_by("priority", "-last_message_at").first()
    assert first is not None and first.emergency and first.priority == 1
    message = first.messages.get()
    assert message.triage["categories"][0] == "emergency"
    assert any(r["code"] == "RPL606" for r in message.triage["reasons"])
    assert message.triage["suggested_text"]


def our_post(fake) -> str:  # type: ignore[no-untyped-def]
    status = Status(fake._next_id(), fake.account.id, "Flu shots.", "en", "public", [], "", "Nabz")
    fake.statuses[status.id] = status
    return status.id


def test_a_read_that_fails_half_way_loses_nothing_and_repeats_nothing(mastodon, fake_mastodon):
    post = our_post(fake_mastodon)
    poll(mastodon)  # the first read starts from what the network shows now (nothing)
    for n in range(95):
        fake_mastodon.visitor_says(f"question {n}", in_reply_to=post)
    # The first page goes through; the second meets a 503.
    fake_mastodon.inject("notifications", Fault.status_code(503))
    real = fake_mastodon._next_fault
    calls = {"n": 0}

    def second_call_fails(route):  # type: ignore[no-untyped-def]
        if route == "notifications":
            calls["n"] += 1
            return real(route) if calls["n"] == 2 else None
        return real(route)

    fake_mastodon._next_fault = second_call_fails  # type: ignore[method-assign]
    report = poll(mastodon, minutes=1)
    assert report.state == "failed" and report.created == 40
    cursor = ReadCursor.objects.get(account=mastodon)
    assert cursor.failures == 1 and "temporary problem" in cursor.last_error
    fake_mastodon._next_fault = real  # type: ignore[method-assign]
    report = poll(mastodon, minutes=30)
    assert report.state == "done" and report.created == 55
    texts = sorted(Message.objects.values_list("text", flat=True))
    assert len(texts) == 95 == len(set(texts))


def test_a_fault_while_storing_moves_no_cursor_and_stores_nothing(sandbox, monkeypatch):
    for n in range(5):
        visitor(sandbox, f"comment {n}")
    real = ingest.triage
    seen = {"n": 0}

    def fails_on_the_third(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["n"] += 1
        if seen["n"] == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "triage", fails_on_the_third)
    report = poll(sandbox)
    assert report.state == "failed"
    assert Message.objects.count() == 0 and Conversation.objects.count() == 0
    assert ReadCursor.objects.get(account=sandbox).cursor == ""
    monkeypatch.setattr(ingest, "triage", real)
    assert poll(sandbox, minutes=5).created == 5
    assert Message.objects.count() == 5


def test_edits_and_deletions_are_followed_never_dropped(mastodon, fake_mastodon):
    poll(mastodon)
    kept = fake_mastodon.visitor_says("is the clinic closd today?")
    dropped = fake_mastodon.visitor_says("I was diagnosed with diabetes, my number is here")
    poll(mastodon, minutes=1)
    fake_mastodon.edit_status(kept.id, "is the clinic closed today?")
    fake_mastodon.delete_by_author(dropped.id)
    report = poll(mastodon, minutes=2)
    assert (report.updated, report.deleted) == (1, 1)
    edited = Message.objects.get(remote_id=kept.id)
    assert edited.text.endswith("closed today?") and edited.edited_at is not None
    gone = Message.objects.get(remote_id=dropped.id)
    assert gone.deleted_on_network and gone.text.startswith("@sunrise_hospital I was")
    assert Message.objects.count() == 2


def test_rate_limit_waits_what_the_network_asks(mastodon, fake_mastodon):
    fake_mastodon.inject("notifications", Fault.rate_limited(retry_after=600))
    before = timezone.now()
    report = poll(mastodon)
    assert report.state == "failed"
    cursor = ReadCursor.objects.get(account=mastodon)
    assert cursor.next_poll_at >= before + dt.timedelta(seconds=590)
    assert cursor.lease_until is None


def test_a_refused_token_asks_for_reconnecting(mastodon, fake_mastodon):
    fake_mastodon.inject("notifications", Fault.revoked_token())
    assert poll(mastodon).state == "failed"
    mastodon.refresh_from_db()
    assert mastodon.status == Account.Status.NEEDS_RECONNECT
    assert Message.objects.count() == 0


def test_a_claimed_cursor_is_not_read_twice_at_once(sandbox):
    now = timezone.now()
    polling.ensure_cursors(now)
    ReadCursor.objects.filter(account=sandbox).update(lease_until=now + dt.timedelta(minutes=1))
    assert polling.poll_account(sandbox.pk, now=now).state == "busy"


def test_bluesky_replies_thread_under_the_first_comment(bluesky, fake_bluesky):
    from nabz.publishing.connectors.base import OutgoingPost
    from nabz.publishing.connectors.bluesky.connector import BlueskyConnector

    post = BlueskyConnector(bluesky.credentials()).publish(
        OutgoingPost(text="Open day on Friday", idempotency_key="open-day")
    )
    first = fake_bluesky.visitor_posts("Can kids come too?", reply_to=post.id)
    fake_bluesky.visitor_posts("and is there food?", reply_to=first, handle="noor.bsky.social")
    report = poll(bluesky)
    assert report.created == 2
    conversation = Conversation.objects.get()
    assert conversation.messages.count() == 2
    assert conversation.contact is not None and conversation.contact.handle == "noor.bsky.social"
