"""Revocation: one transaction, takedowns for published posts only, officers told, audited."""

from __future__ import annotations

import pytest
from django.test import Client

from nabz.audit import verify
from nabz.audit.models import AuditEntry
from nabz.consent.models import Consent, TakedownRequest, TakedownStatus
from nabz.consent.services import AlreadyRevoked, finish_takedown, revoke
from nabz.content.models import Notification, State
from nabz.workspaces.models import Membership, User
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.factories import make_consent, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(workspace, people):  # type: ignore[no-untyped-def]
    author = people[Role.AUTHOR]
    posts = {state: make_post(workspace, author, state=state) for state in State.values}
    second_published = make_post(workspace, author, state=State.PUBLISHED, title="Second story")
    unrelated = make_post(workspace, author, state=State.PUBLISHED, title="Unrelated")
    consent = make_consent(workspace, posts=[*posts.values(), second_published])
    return consent, posts, second_published, unrelated


def test_revocation_takes_down_only_published_posts(linked, people):  # type: ignore[no-untyped-def]
    consent, posts, second, unrelated = linked
    result = revoke(consent, by=people[Role.COMPLIANCE_OFFICER], reason="Withdrawn by letter.")
    taken = {t.post_id for t in TakedownRequest.objects.filter(consent=consent)}
    assert taken == {posts[State.PUBLISHED].pk, second.pk}
    assert {t.post_id for t in result.takedowns} == taken
    assert unrelated.pk not in taken
    assert all(t.status == TakedownStatus.PENDING for t in result.takedowns)
    consent.refresh_from_db()
    assert consent.is_revoked and consent.revoked_by == people[Role.COMPLIANCE_OFFICER]
    assert consent.revocation_reason == "Withdrawn by letter."


def test_revocation_notifies_every_compliance_officer_in_their_language(  # type: ignore[no-untyped-def]
    linked, workspace, people
):
    consent, *_rest = linked
    second_officer = User.objects.create_user("fatemeh", password="x" * 12, language="fa")
    Membership.objects.create(
        user=second_officer, workspace=workspace, role=Role.COMPLIANCE_OFFICER
    )
    revoke(consent, by=people[Role.ADMIN], reason="Withdrawn.")
    notes = Notification.objects.filter(workspace=workspace)
    assert {n.user for n in notes} == {people[Role.COMPLIANCE_OFFICER], second_officer}
    english = notes.get(user=people[Role.COMPLIANCE_OFFICER])
    assert "Patient story 2026-07" in english.message and "2 published posts" in english.message
    assert english.url == f"/w/{workspace.slug}/consent/{consent.pk}/"


def test_revocation_is_audited_in_the_same_chain(linked, people, workspace):  # type: ignore[no-untyped-def]
    consent, *_rest = linked
    result = revoke(consent, by=people[Role.COMPLIANCE_OFFICER], reason="Withdrawn by phone.")
    entry = AuditEntry.objects.get(action="consent.revoked")
    assert entry.object_type == "consent.consent" and entry.object_id == str(consent.pk)
    assert entry.actor == people[Role.COMPLIANCE_OFFICER] and entry.workspace == workspace
    assert sorted(entry.payload["takedown_requests"]) == sorted(t.pk for t in result.takedowns)
    assert entry.payload["notified"] == 1
    assert "Withdrawn" not in str(entry.payload)  # the reason stays out of the log
    assert verify().ok


def test_revocation_needs_a_reason_and_happens_once(linked, people):  # type: ignore[no-untyped-def]
    consent, *_rest = linked
    with pytest.raises(ValueError):
        revoke(consent, by=people[Role.ADMIN], reason="   ")
    assert not Consent.objects.get(pk=consent.pk).is_revoked
    revoke(consent, by=people[Role.ADMIN], reason="Withdrawn.")
    with pytest.raises(AlreadyRevoked):
        revoke(consent, by=people[Role.ADMIN], reason="Again.")
    assert TakedownRequest.objects.filter(consent=consent).count() == 2
    assert AuditEntry.objects.filter(action="consent.revoked").count() == 1


def test_a_failure_rolls_everything_back(linked, people, monkeypatch):  # type: ignore[no-untyped-def]
    consent, *_rest = linked
    from nabz.consent import services

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "record", broken)
    with pytest.raises(RuntimeError):
        revoke(consent, by=people[Role.ADMIN], reason="Withdrawn.")
    assert not Consent.objects.get(pk=consent.pk).is_revoked
    assert not TakedownRequest.objects.exists() and not Notification.objects.exists()


def test_revoke_page_requires_a_written_reason(linked, people, workspace):  # type: ignore[no-untyped-def]
    consent, *_rest = linked
    client = signed_in(people[Role.COMPLIANCE_OFFICER])
    url = f"/w/{workspace.slug}/consent/{consent.pk}/revoke/"
    page = client.get(url)
    assert page.status_code == 200
    assert "2 published posts get a takedown request" in page.content.decode()
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Write the reason for the revocation" in empty.content.decode()
    assert not Consent.objects.get(pk=consent.pk).is_revoked
    done = client.post(url, {"reason": "The patient withdrew consent by letter."})
    assert done.status_code == 302 and done.url == f"/w/{workspace.slug}/consent/{consent.pk}/"
    detail = client.get(done.url).content.decode()
    assert "Takedown requests created: 2" in detail
    assert "The patient withdrew consent by letter." in detail
    assert "consent.revoked" in detail  # the history
    again = client.post(url, {"reason": "Twice"})
    assert again.status_code == 302
    assert AuditEntry.objects.filter(action="consent.revoked").count() == 1


def test_revoked_consents_cannot_be_edited(linked, people, workspace):  # type: ignore[no-untyped-def]
    consent, *_rest = linked
    revoke(consent, by=people[Role.ADMIN], reason="Withdrawn.")
    client = signed_in(people[Role.ADMIN])
    response = client.post(
        f"/w/{workspace.slug}/consent/{consent.pk}/edit/", {"subject": "Changed"}, follow=True
    )
    assert "A revoked consent cannot be changed." in response.content.decode()
    assert Consent.objects.get(pk=consent.pk).subject == "Patient story 2026-07"


def test_takedowns_are_listed_until_the_worker_finishes_them(linked, people, workspace):  # type: ignore[no-untyped-def]
    consent, posts, second, _unrelated = linked
    result = revoke(consent, by=people[Role.ADMIN], reason="Withdrawn.")
    client: Client = signed_in(people[Role.AUTHOR])
    page = client.get(f"/w/{workspace.slug}/consent/takedowns/").content.decode()
    assert posts[State.PUBLISHED].title in page and "Second story" in page
    first = next(t for t in result.takedowns if t.post_id == second.pk)
    finish_takedown(first, status=TakedownStatus.DONE, note="Deleted on Instagram and Facebook")
    pending = client.get(f"/w/{workspace.slug}/consent/takedowns/?status=pending").content.decode()
    assert "Second story" not in pending and posts[State.PUBLISHED].title in pending
    done = client.get(f"/w/{workspace.slug}/consent/takedowns/?status=done").content.decode()
    assert "Deleted on Instagram and Facebook" in done
    entry = AuditEntry.objects.get(action="consent.takedown_done")
    assert entry.actor_label == "system:publisher" and entry.payload["post"] == second.pk
    with pytest.raises(ValueError):
        finish_takedown(first, status="pending")
