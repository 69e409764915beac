"""The Sandbox network's inbox side: reading by cursor, replies once, hiding, deleting."""

from __future__ import annotations

import pytest

from nabz.publishing.connectors.base import OutgoingReply, PublishError
from nabz.publishing.connectors.sandbox.connector import SandboxConnector
from nabz.publishing.models import SandboxComment
from tests.inbox.conftest import visitor

pytestmark = pytest.mark.django_db


def connector(account) -> SandboxConnector:  # type: ignore[no-untyped-def]
    return SandboxConnector(account.credentials())


def test_reading_follows_the_cursor_and_skips_our_own_replies(sandbox):
    first = visitor(sandbox, "hello")
    sandbox_connector = connector(sandbox)
    messages, cursor = sandbox_connector.fetch_incoming("")
    assert [m.id for m in messages] == [str(first.pk)] and cursor == str(first.pk)
    sandbox_connector.reply_public(
        OutgoingReply(text="Hi!", idempotency_key="k1", in_reply_to=str(first.pk))
    )
    second = visitor(sandbox, "thanks", parent=first)
    messages, cursor = sandbox_connector.fetch_incoming(cursor)
    assert [(m.id, m.parent_id) for m in messages] == [(str(second.pk), str(first.pk))]


def test_a_reply_with_the_same_key_is_the_same_reply(sandbox):
    comment = visitor(sandbox, "hello")
    reply = OutgoingReply(text="Hi!", idempotency_key="same", in_reply_to=str(comment.pk))
    one = connector(sandbox).reply_public(reply)
    two = connector(sandbox).reply_public(reply)
    assert one == two == connector(sandbox).find_reply(reply)
    assert SandboxComment.objects.filter(from_us=True).count() == 1
    connector(sandbox).delete_reply(one.id)
    assert connector(sandbox).find_reply(reply) is None


def test_hide_unhide_and_gone(sandbox):
    comment = visitor(sandbox, "spam spam")
    connector(sandbox).hide(str(comment.pk))
    comment.refresh_from_db()
    assert comment.hidden
    connector(sandbox).unhide(str(comment.pk))
    comment.refresh_from_db()
    assert not comment.hidden
    from django.utils import timezone

    SandboxComment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now())
    assert connector(sandbox).gone([str(comment.pk)]) == {str(comment.pk)}
    with pytest.raises(PublishError):
        connector(sandbox).hide("999999")
