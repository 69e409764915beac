"""One click from a conversation: ask a praising person for consent (the consent app's
registration, pre-filled), and move a conversation to private (a safe public line in the
person's language, plus a private message where the network allows one)."""

from __future__ import annotations

import pytest

from nabz.audit.models import AuditEntry
from nabz.inbox import phrases
from nabz.inbox.models import Conversation, Message, Reply
from nabz.publishing.models import SandboxComment
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.inbox.conftest import visitor
from tests.inbox.test_views import read

pytestmark = pytest.mark.django_db


def sent(kind: str | None = None) -> list[SandboxComment]:
    rows = SandboxComment.objects.filter(from_us=True)
    return list(rows.filter(kind=kind) if kind else rows)


def test_praise_offers_a_consent_request_in_one_click(people, workspace, sandbox):
    visitor(sandbox, "Huge thanks to the maternity team, you were wonderful!", language="en")
    read(sandbox)
    conversation = Conversation.objects.get()
    assert "praise" in conversation.categories
    admin = signed_in(people[Role.ADMIN])
    base = f"/w/{workspace.slug}/inbox/{conversation.pk}/"
    assert 'id="ask-consent"' in admin.get(base).content.decode()
    response = admin.post(f"{base}ask-consent/")
    assert response.status_code == 302 and "/consent/new/" in response["Location"]
    assert "networks=sandbox" in response["Location"] and "language=en" in response["Location"]
    (ask,) = sent()
    assert ask.text == phrases.text("ask_consent", "en") and ask.kind == "dm"
    conversation.refresh_from_db()
    assert conversation.consent_requested_at is not None
    assert AuditEntry.objects.filter(action="inbox.consent_requested").count() == 1
    page = admin.get(response["Location"]).content.decode()
    assert "Praise from the inbox" in page  # the consent registration, pre-filled
    admin.post(f"{base}ask-consent/")  # a second click asks nobody twice
    assert len(sent()) == 1


def test_an_author_asks_and_is_told_who_registers_the_consent(people, workspace, sandbox):
    visitor(sandbox, "شكرا جزيلا لفريق الطوارئ، كنتم رائعين", who="huda", language="ar")
    read(sandbox)
    conversation = Conversation.objects.get()
    author = signed_in(people[Role.AUTHOR])
    page = author.post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/ask-consent/", follow=True
    ).content.decode()
    assert sent()[0].text == phrases.text("ask_consent", "ar")
    assert "compliance officer" in page


def test_no_consent_request_without_praise(people, workspace, sandbox):
    visitor(sandbox, "Where do I park?")
    read(sandbox)
    conversation = Conversation.objects.get()
    response = signed_in(people[Role.ADMIN]).post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/ask-consent/"
    )
    assert response.status_code == 400 and not sent()


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_move_to_private_answers_in_public_and_writes_privately(
    people, workspace, sandbox, language
):
    texts = {
        "en": "I was diagnosed with diabetes last month and my sugar is still 300",
        "ar": "تم تشخيصي بالسكري الشهر الماضي وما زال السكر ٣٠٠",
        "fa": "ماه پیش دیابت من تشخیص داده شد و قندم هنوز ۳۰۰ است",
    }
    comment = visitor(sandbox, texts[language], language=language)
    read(sandbox)
    conversation = Conversation.objects.get()
    author = signed_in(people[Role.AUTHOR])
    response = author.post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/move-private/", {"hide": "1"}
    )
    assert response.status_code == 302
    public = sent("comment")
    private = sent("dm")
    assert [r.text for r in public] == [phrases.text("move_public", language)]
    assert [r.text for r in private] == [phrases.text("move_private", language)]
    comment.refresh_from_db()
    assert comment.hidden
    conversation.refresh_from_db()
    assert conversation.state == Conversation.State.WAITING
    assert Reply.objects.filter(state="sent").count() == 2
    assert Message.objects.get(remote_id=str(comment.pk)).hidden
    assert AuditEntry.objects.filter(action="inbox.moved_to_private").count() == 1


def test_move_to_private_is_for_those_who_answer(people, workspace, sandbox):
    visitor(sandbox, "hello")
    read(sandbox)
    conversation = Conversation.objects.get()
    response = signed_in(people[Role.VIEWER]).post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/move-private/"
    )
    assert response.status_code == 403 and not sent()


def test_the_phrases_pass_the_trust_gate_in_every_language():
    from nabz import trust

    for key in phrases.PHRASES:
        for language in ("en", "ar", "fa"):
            report = trust.check(phrases.text(key, language), language=language, kind="reply")
            assert not report.blocking, (key, language, report.blocking)
