"""The inbox pages: the queue (emergencies first, filters, no N+1), a conversation, replies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nabz.audit.models import AuditEntry
from nabz.inbox import polling
from nabz.inbox.models import Conversation, Message, ReadCursor, Reply
from nabz.publishing.models import SandboxComment
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.inbox.conftest import visitor

pytestmark = pytest.mark.django_db


def read(account) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now() + dt.timedelta(minutes=1)
    polling.ensure_cursors(now)
    ReadCursor.objects.filter(account=account).update(next_poll_at=now, lease_until=None)
    polling.poll_account(account.pk, now=now)


def test_the_queue_puts_an_emergency_on_top_with_an_alarm(people, workspace, sandbox):
    visitor(sandbox, "What are your visiting hours on Friday?")
    visitor(sandbox, "دلم درد میکنه و نفسم بالا نمیاد، قفسه سینه‌ام درد می‌کند", who="maryam")
    visitor(sandbox, "Thank you to the maternity team!")
    read(sandbox)
    page = signed_in(people[Role.VIEWER]).get(f"/w/{workspace.slug}/inbox/").content.decode()
    assert 'id="emergency-alarm"' in page and 'role="alert"' in page
    first_row = page.index('class="card inbox-row')
    assert page.index("قفسه سینه", first_row) < page.index("visiting hours")


def test_filters(people, workspace, sandbox):
    visitor(sandbox, "What are your visiting hours on Friday?")
    visitor(sandbox, "شكرا لفريق التمريض على الاهتمام", who="huda")
    read(sandbox)
    client = signed_in(people[Role.AUTHOR])
    page = client.get(f"/w/{workspace.slug}/inbox/?language=ar").content.decode()
    assert "شكرا" in page and "visiting hours" not in page
    page = client.get(f"/w/{workspace.slug}/inbox/?category=appointment").content.decode()
    assert "visiting hours" in page and "شكرا" not in page
    Conversation.objects.update(state="done")
    assert "visiting hours" not in client.get(f"/w/{workspace.slug}/inbox/").content.decode()
    page = client.get(f"/w/{workspace.slug}/inbox/?state=done").content.decode()
    assert "visiting hours" in page


def count_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_no_n_plus_one_on_the_queue_or_a_conversation(people, workspace, sandbox):
    client = signed_in(people[Role.AUTHOR])
    for n in range(3):
        first = visitor(sandbox, f"Question {n} about parking", who=f"p{n}")
        visitor(sandbox, f"and a follow-up {n}", who=f"p{n}", parent=first)
    read(sandbox)
    conversation = Conversation.objects.first()
    assert conversation is not None
    small = count_queries(client, f"/w/{workspace.slug}/inbox/")
    small_thread = count_queries(client, f"/w/{workspace.slug}/inbox/{conversation.pk}/")
    for n in range(3, 30):
        first = visitor(sandbox, f"Question {n} about parking", who=f"p{n}")
        for k in range(3):
            visitor(sandbox, f"and a follow-up {n}.{k}", who=f"p{n}", parent=first)
        visitor(
            sandbox, f"follow-up {n} for the first", who="p0", parent=SandboxComment.objects.first()
        )
    read(sandbox)
    assert count_queries(client, f"/w/{workspace.slug}/inbox/") == small
    assert count_queries(client, f"/w/{workspace.slug}/inbox/{conversation.pk}/") == small_thread


def test_a_reply_is_checked_sent_once_recorded_and_audited(people, workspace, sandbox):
    comment = visitor(sandbox, "my chest hurts a lot and my left arm is numb, help", who="sam")
    read(sandbox)
    conversation = Conversation.objects.get()
    message = conversation.messages.get()
    client = signed_in(people[Role.AUTHOR])
    url = f"/w/{workspace.slug}/inbox/{conversation.pk}/"
    page = client.get(url).content.decode()
    assert 'id="suggested-reply"' in page  # the emergency guidance is offered first
    blocked = client.post(
        url + "reply/", {"text": "Take an aspirin and rest.", "message": message.pk}
    )
    assert blocked.status_code == 400 and b"Trust Gate blocks" in blocked.content
    assert Reply.objects.count() == 0 and SandboxComment.objects.filter(from_us=True).count() == 0
    suggestion = message.triage["suggested_text"]
    sent = client.post(url + "reply/", {"text": suggestion, "message": message.pk})
    assert sent.status_code == 302
    reply = Reply.objects.get()
    assert reply.state == "sent"
    ours = SandboxComment.objects.get(from_us=True)
    assert ours.parent_id == comment.pk and ours.text == suggestion
    conversation.refresh_from_db()
    assert conversation.first_response_at is not None and conversation.state == "waiting"
    assert Message.objects.filter(conversation=conversation, from_us=True).count() == 1
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "inbox.reply_queued" in actions and "inbox.reply_sent" in actions


def test_an_unknown_outcome_is_reconciled_before_any_resend(people, workspace, sandbox):
    from nabz.inbox import replies

    visitor(sandbox, "Do you have parking?", who="ana")
    read(sandbox)
    conversation = Conversation.objects.get()
    reply = replies.queue(
        conversation, conversation.messages.get(), people[Role.AUTHOR], "Yes, level -1.", "public"
    )
    assert replies.send_one(reply.pk) == "sent"
    # As if the answer had been lost: the attempt is unknown, the network has the reply.
    Reply.objects.filter(pk=reply.pk).update(state="unknown", remote_id="")
    assert replies.send_one(reply.pk) == "sent"
    assert SandboxComment.objects.filter(from_us=True).count() == 1
    assert Reply.objects.get().remote_id == str(SandboxComment.objects.get(from_us=True).pk)


def test_hiding_a_comment_acts_on_the_network_and_is_audited(people, workspace, sandbox):
    comment = visitor(sandbox, "انا مريضة سكري ونتيجة التحليل سيئة", who="rana")
    read(sandbox)
    conversation = Conversation.objects.get()
    message = conversation.messages.get()
    assert conversation.category == "health_details"
    client = signed_in(people[Role.AUTHOR])
    client.post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/messages/{message.pk}/hide/", {"hidden": "1"}
    )
    comment.refresh_from_db()
    message.refresh_from_db()
    assert comment.hidden and message.hidden
    assert AuditEntry.objects.filter(action="inbox.message_hidden").count() == 1


def test_a_private_message_with_health_details_is_kept_from_viewers_and_opening_is_audited(
    people, workspace, sandbox
):
    visitor(sandbox, "I have diabetes and my insulin ran out", who="omar", kind="dm")
    read(sandbox)
    conversation = Conversation.objects.get()
    url = f"/w/{workspace.slug}/inbox/{conversation.pk}/"
    queue = signed_in(people[Role.VIEWER]).get(f"/w/{workspace.slug}/inbox/").content.decode()
    assert "insulin" not in queue
    assert signed_in(people[Role.VIEWER]).get(url).status_code == 404
    assert signed_in(people[Role.CLINICAL_REVIEWER]).get(url).status_code == 200
    assert AuditEntry.objects.filter(action="inbox.health_message_opened").count() == 1


def test_state_and_assignment_are_audited(people, workspace, sandbox):
    visitor(sandbox, "Where do I pay my bill?")
    read(sandbox)
    conversation = Conversation.objects.get()
    client = signed_in(people[Role.AUTHOR])
    author = people[Role.AUTHOR]
    client.post(f"/w/{workspace.slug}/inbox/{conversation.pk}/state/", {"assignee": author.pk})
    conversation.refresh_from_db()
    assert conversation.assignee_id == author.pk and conversation.state == "assigned"
    client.post(f"/w/{workspace.slug}/inbox/{conversation.pk}/state/", {"state": "done"})
    conversation.refresh_from_db()
    assert conversation.state == "done" and conversation.resolved_at is not None
    assert AuditEntry.objects.filter(action="inbox.conversation_changed").count() == 2
    outsider = client.post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/state/", {"assignee": 99999}
    )
    assert outsider.status_code == 400
