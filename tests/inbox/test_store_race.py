"""One page that edits a message and answers another in the same thread keeps both
updates of the conversation's triage (each conversation is one locked row per store)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.inbox import ingest
from nabz.inbox.models import Conversation
from nabz.publishing.connectors.base import IncomingAuthor, IncomingMessage
from nabz.publishing.models import Account

pytestmark = pytest.mark.django_db

LAYLA = IncomingAuthor(id="u-layla", handle="layla", display_name="Layla")
SAM = IncomingAuthor(id="u-sam", handle="sam", display_name="Sam")
START = timezone.now() - dt.timedelta(hours=1)


def message(
    remote_id: str, text: str, *, parent: str = "", minutes: int = 0, who: IncomingAuthor = LAYLA
) -> IncomingMessage:
    return IncomingMessage(
        id=remote_id,
        kind="comment",
        text=text,
        author=who,
        created_at=START + dt.timedelta(minutes=minutes),
        parent_id=parent,
        language="en",
    )


@pytest.fixture
def account(workspace) -> Account:  # type: ignore[no-untyped-def]
    return Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")


@pytest.mark.parametrize("edited, answered", [("c1", "c2"), ("c2", "c1")])
def test_an_edit_and_a_reply_in_one_page_both_reach_the_conversation(account, edited, answered):
    ingest.store(
        account,
        [
            message("c1", "Thanks to the staff on ward 3"),
            message("c2", "Agreed, lovely people", parent="c1", minutes=1, who=SAM),
        ],
    )
    conversation = Conversation.objects.get()
    assert not conversation.emergency
    emergency = "my dad has crushing chest pain right now what do we do"
    report = ingest.store(
        account,
        [
            message(edited, emergency, parent="" if edited == "c1" else "c1"),
            message("c3", "Is there parking at the hospital?", parent=answered, minutes=5),
        ],
    )
    assert (report.updated, report.created) == (1, 1)
    conversation.refresh_from_db()
    assert conversation.emergency and conversation.priority == 1  # the edit's triage
    assert conversation.category == "emergency"
    assert "medical_question" in conversation.categories or "appointment" in (
        conversation.categories
    )  # the reply's triage
    assert conversation.last_message_at == START + dt.timedelta(minutes=5)
    assert conversation.messages.count() == 3


def test_a_reply_after_done_reopens_even_when_another_message_is_edited(account):
    ingest.store(
        account,
        [message("c1", "hello"), message("c2", "hi there", parent="c1", minutes=1, who=SAM)],
    )
    Conversation.objects.update(state=Conversation.State.DONE, resolved_at=timezone.now())
    ingest.store(
        account,
        [
            message("c1", "hello, edited"),
            message("c3", "still waiting for an answer", parent="c2", minutes=3),
        ],
    )
    conversation = Conversation.objects.get()
    assert conversation.state == Conversation.State.NEW and conversation.resolved_at is None
