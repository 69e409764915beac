"""The team's tools: round-robin among members on duty, internal notes, bulk actions
with a confirmation and one audit entry each, saved views, saved replies checked by the
Trust Gate when inserted, and the documented keyboard shortcuts."""

from __future__ import annotations

import pytest

from nabz.audit.models import AuditEntry
from nabz.inbox import assignment
from nabz.inbox.models import Conversation, Duty, Note, SavedReply, SavedView
from nabz.publishing.models import SandboxComment
from nabz.workspaces.models import Membership, User
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.inbox.conftest import visitor
from tests.inbox.test_views import read

pytestmark = pytest.mark.django_db


def threads(sandbox, texts: list[str]) -> list[Conversation]:  # type: ignore[no-untyped-def]
    for n, text in enumerate(texts):
        visitor(sandbox, text, who=f"person{n}")
    read(sandbox)
    return list(Conversation.objects.order_by("pk"))


def test_round_robin_takes_turns_among_those_on_duty_who_may_answer(people, workspace, sandbox):
    second_author = User.objects.create_user("bea", email="bea@example.org")
    Membership.objects.create(user=second_author, workspace=workspace, role=Role.AUTHOR)
    for user in (people[Role.AUTHOR], second_author, people[Role.VIEWER]):
        assignment.set_on_duty(workspace, user, True)  # the viewer may not answer
    assignment.set_on_duty(workspace, people[Role.ADMIN], False)  # away
    conversations = threads(sandbox, ["one?", "two?", "three?", "four?"])
    given = assignment.assign_round_robin(conversations, actor=people[Role.ADMIN])
    order = [given[c.pk] for c in conversations]
    authors = {people[Role.AUTHOR].pk, second_author.pk}
    assert set(order) == authors and order[0] != order[1] and order[:2] == order[2:]
    assert Conversation.objects.filter(state="assigned").count() == 4
    entries = AuditEntry.objects.filter(action="inbox.conversation_changed")
    assert entries.count() == 4 and all(e.payload["how"] == "round_robin" for e in entries)


def test_round_robin_with_nobody_on_duty_says_so(people, workspace, sandbox):
    (conversation,) = threads(sandbox, ["hello?"])
    client = signed_in(people[Role.AUTHOR])
    url = f"/w/{workspace.slug}/inbox/{conversation.pk}/round-robin/"
    page = client.post(url, follow=True).content.decode()
    assert "Nobody who may answer is on duty." in page
    client.post(f"/w/{workspace.slug}/inbox/duty/", {"on_duty": "1"})
    assert Duty.objects.get(user=people[Role.AUTHOR]).on_duty
    client.post(url)
    conversation.refresh_from_db()
    assert conversation.assignee == people[Role.AUTHOR]


def test_a_note_stays_inside_and_is_never_sent(people, workspace, sandbox):
    (conversation,) = threads(sandbox, ["When is the lab open?"])
    client = signed_in(people[Role.AUTHOR])
    client.post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/notes/",
        {"text": "Called the lab: open until 18:00"},
    )
    assert Note.objects.get().text == "Called the lab: open until 18:00"
    assert not SandboxComment.objects.filter(from_us=True).exists()  # nothing on the network
    assert not conversation.replies.exists()
    page = client.get(f"/w/{workspace.slug}/inbox/{conversation.pk}/").content.decode()
    assert "Called the lab" in page
    entry = AuditEntry.objects.get(action="inbox.note_added")
    assert "lab" not in str(entry.payload)
    viewer = signed_in(people[Role.VIEWER])
    response = viewer.post(
        f"/w/{workspace.slug}/inbox/{conversation.pk}/notes/", {"text": "from a viewer"}
    )
    assert response.status_code == 403 and Note.objects.count() == 1


def test_bulk_done_asks_first_then_audits_each(people, workspace, sandbox):
    conversations = threads(sandbox, ["a?", "b?", "c?"])
    client = signed_in(people[Role.AUTHOR])
    ids = [str(c.pk) for c in conversations[:2]]
    url = f"/w/{workspace.slug}/inbox/bulk/"
    page = client.post(url, {"action": "done", "ids": ids}).content.decode()
    assert "Conversations to mark done: 2." in page
    assert Conversation.objects.filter(state="done").count() == 0  # nothing yet
    client.post(url, {"action": "done", "ids": ids, "confirm": "yes"})
    assert set(Conversation.objects.filter(state="done").values_list("pk", flat=True)) == {
        c.pk for c in conversations[:2]
    }
    assert AuditEntry.objects.filter(action="inbox.conversation_changed").count() == 2


def test_bulk_assign_refuses_a_stranger_and_other_workspaces(
    people, workspace, other_workspace, sandbox
):
    conversations = threads(sandbox, ["a?"])
    stranger = User.objects.create_user("zed", email="zed@example.org")
    client = signed_in(people[Role.AUTHOR])
    url = f"/w/{workspace.slug}/inbox/bulk/"
    ids = [str(conversations[0].pk)]
    data = {"action": "assign", "ids": ids, "assignee": str(stranger.pk), "confirm": "yes"}
    page = client.post(url, data, follow=True).content.decode()
    assert "Choose a member of this workspace" in page
    data["assignee"] = str(people[Role.ADMIN].pk)
    client.post(url, data)
    assert Conversation.objects.get().assignee == people[Role.ADMIN]
    assert signed_in(people[Role.VIEWER]).post(url, data).status_code == 403


def test_saved_views_belong_to_their_member(people, workspace, sandbox):
    client = signed_in(people[Role.AUTHOR])
    client.post(
        f"/w/{workspace.slug}/inbox/views/",
        {"name": "Arabic complaints", "language": "ar", "category": "complaint", "x": "y"},
    )
    view = SavedView.objects.get()
    assert view.user == people[Role.AUTHOR]
    assert view.filters == {"language": "ar", "category": "complaint"}
    assert "Arabic complaints" in client.get(f"/w/{workspace.slug}/inbox/").content.decode()
    other = signed_in(people[Role.ADMIN]).get(f"/w/{workspace.slug}/inbox/").content.decode()
    assert "Arabic complaints" not in other


def test_a_saved_reply_is_filled_and_checked_when_inserted(people, workspace, sandbox):
    visitor(sandbox, "What are your visiting hours?", who="layla", language="en")
    read(sandbox)
    conversation = Conversation.objects.get()
    good = SavedReply.objects.create(
        workspace=workspace,
        title="Visiting hours",
        category=conversation.category,
        language="en",
        text="Hello {name}, visiting hours are 10:00 to 20:00 every day.",
    )
    bad = SavedReply.objects.create(
        workspace=workspace,
        title="Careless",
        category=conversation.category,
        language="en",
        text="Hello {name}, your father is a patient on ward 3; visiting is 10:00 to 20:00.",
    )
    client = signed_in(people[Role.AUTHOR])
    base = f"/w/{workspace.slug}/inbox/{conversation.pk}/"
    page = client.get(base).content.decode()
    assert f'data-saved-reply="{good.pk}"' in page and f'data-saved-reply="{bad.pk}"' in page
    page = client.get(f"{base}?saved={good.pk}").content.decode()
    assert "Hello Layla, visiting hours" in page
    assert "The Trust Gate blocks this reply." not in page
    page = client.get(f"{base}?saved={bad.pk}").content.decode()
    assert "The Trust Gate blocks this reply." in page


def test_saved_replies_are_kept_per_workspace_in_three_languages(people, workspace):
    client = signed_in(people[Role.AUTHOR])
    url = f"/w/{workspace.slug}/inbox/saved-replies/"
    for language, text in (
        ("en", "Thank you, {name}!"),
        ("ar", "شكرًا لك يا {name}!"),
        ("fa", "سپاس از شما {name}!"),
    ):
        response = client.post(
            url,
            {
                "title": f"Thanks {language}",
                "category": "praise",
                "language": language,
                "text": text,
            },
        )
        assert response.status_code == 302
    assert sorted(SavedReply.objects.values_list("language", flat=True)) == ["ar", "en", "fa"]
    response = client.post(url, {"title": "x", "category": "nope", "language": "en", "text": "t"})
    assert response.status_code == 400 and SavedReply.objects.count() == 3
    assert signed_in(people[Role.VIEWER]).post(url, {"title": "v"}).status_code == 403


def test_the_queue_documents_its_keyboard_shortcuts(people, workspace, sandbox):
    threads(sandbox, ["a?"])
    page = signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/inbox/").content.decode()
    assert 'id="inbox-shortcuts"' in page and "<kbd>j</kbd>" in page and "<kbd>d</kbd>" in page
    assert "inbox_keys.js" in page and 'aria-keyshortcuts="o"' in page
    assert 'form="bulk-form"' in page
