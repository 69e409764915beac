"""An approval covers everything that goes out: alt text, media flags, title, tags.

The holes these guard: an author un-flagging "identifiable person" on a submitted
post's image to drop the compliance review, and an alt text that names a patient
and gives a phone number going out on an approved post without a new review.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.content import gate, workflow
from nabz.content.models import Network, ReviewKind, State
from nabz.media import services
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.media.helpers import make_item, make_post

pytestmark = pytest.mark.django_db

LEAKY_ALT = "Our patient John Smith, call him on 617-555-0142, resting after surgery."


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def _approved(workspace, people, item, **fields):  # type: ignore[no-untyped-def]
    post = make_post(workspace, people[Role.AUTHOR], item)
    for name, value in fields.items():
        setattr(post, name, value)
    post.text = "Our new MRI suite opens on Monday for appointments."
    post.pillar = "behind_the_scenes"
    post.save()
    post.variants.create(network=Network.SANDBOX, text="")
    workflow.submit(post, people[Role.AUTHOR])
    while missing := sorted(workflow.missing_reviews(post)):
        workflow.approve(post, people[workflow.REVIEW_ROLE[missing[0]]], missing[0])
        post.refresh_from_db()
    assert post.state == State.APPROVED, workflow.missing_reviews(post)
    return post


def test_an_author_cannot_clear_the_person_flag_through_the_api(workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, identifiable_person=True, alt_text={"en": "A nurse."})
    post = make_post(workspace, people[Role.AUTHOR], item)
    post.text = "Meet our night-shift team."
    post.save()
    workflow.submit(post, people[Role.AUTHOR])
    assert ReviewKind.COMPLIANCE in workflow.missing_reviews(post)
    url = f"/api/workspaces/{workspace.slug}/media/{item.pk}"
    author = signed_in(people[Role.AUTHOR])
    refused = author.patch(url, {"identifiable_person": False}, content_type="application/json")
    assert refused.status_code == 403
    assert "compliance officer" in refused.json()["detail"]
    item.refresh_from_db()
    assert item.identifiable_person is True
    assert ReviewKind.COMPLIANCE in workflow.missing_reviews(post)
    # Setting the flag stays open to authors: it only ever adds a review.
    again = author.patch(url, {"identifiable_person": True}, content_type="application/json")
    assert again.status_code == 200
    officer = signed_in(people[Role.COMPLIANCE_OFFICER])
    done = officer.patch(url, {"identifiable_person": False}, content_type="application/json")
    assert done.status_code == 200 and done.json()["identifiable_person"] is False


def test_an_author_cannot_clear_the_person_flag_in_the_library(workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, identifiable_person=True, title="Ward", alt_text={"en": "A ward."})
    author = signed_in(people[Role.AUTHOR])
    response = author.post(
        f"/w/{workspace.slug}/media/{item.pk}/edit/",
        {"title": "Ward", "alt_en": "A ward.", "identifiable_person": ""},
    )
    assert response.status_code == 403
    assert "compliance officer" in response.content.decode()
    item.refresh_from_db()
    assert item.identifiable_person is True


def test_alt_text_is_checked_by_the_whole_gate(workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Recovery", alt_text={"en": LEAKY_ALT})
    post = make_post(workspace, people[Role.AUTHOR], item)
    post.text = "A quiet morning on the ward."
    post.save()
    result = gate.run(post)
    alt = result.reports[gate.alt_key(item)]
    kinds = {f.code for f in alt.blocking}
    assert any(code.startswith("PHI") for code in kinds), alt.findings
    assert "617-555-0142" in {f.text for f in alt.findings}
    assert (gate.alt_key(item), next(iter(alt.blocking))) in result.unresolved
    assert gate.part_label(gate.alt_key(item), [item]) == "Alt text of “Recovery”"
    with pytest.raises(workflow.WorkflowError):
        workflow.submit(post, people[Role.AUTHOR])
        for kind in sorted(workflow.missing_reviews(post)):
            workflow.approve(post, people[workflow.REVIEW_ROLE[kind]], kind)


def test_editing_alt_text_after_approval_sends_the_post_back(workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, alt_text={"en": "The new MRI scanner."})
    post = _approved(workspace, people, item)
    services.update(
        item, {"alt_text": {"en": LEAKY_ALT}}, actor=people[Role.AUTHOR], role=Role.AUTHOR
    )
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW
    assert not post.approvals.filter(active=True).exists()
    with pytest.raises(workflow.WorkflowError):
        workflow.schedule(post, people[Role.AUTHOR], timezone.now() + dt.timedelta(days=1))


def test_a_changed_image_holds_a_scheduled_post_at_publishing_time(workspace, people):  # type: ignore[no-untyped-def]
    """Even a change that skipped the library's services is caught before it goes out."""
    from nabz.media.models import MediaItem
    from nabz.publishing import worker
    from nabz.publishing.models import Account

    Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    item = make_item(workspace, alt_text={"en": "The new MRI scanner."})
    post = _approved(workspace, people, item)
    when = timezone.now() + dt.timedelta(minutes=5)
    workflow.schedule(post, people[Role.AUTHOR], when)
    MediaItem.objects.filter(pk=item.pk).update(alt_text={"en": LEAKY_ALT})
    assert worker._prepare(post.pk, when + dt.timedelta(minutes=1)) == "held"
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW and not post.publications.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Flu clinic, new title"},
        {"tags": ["#FluShot"]},
    ],
)
def test_the_fingerprint_covers_title_and_tags(workspace, people, change):  # type: ignore[no-untyped-def]
    post = make_post(workspace, people[Role.AUTHOR])
    before = post.fingerprint()
    for name, value in change.items():
        setattr(post, name, value)
    assert post.fingerprint() != before


@pytest.mark.parametrize(
    "change",
    [
        {"alt_text": {"en": "Another picture."}},
        {"identifiable_person": True},
        {"description": "Shows Mr. Smith's bed."},
    ],
)
def test_the_fingerprint_covers_each_image(workspace, people, change):  # type: ignore[no-untyped-def]
    from nabz.media.models import MediaItem

    item = make_item(workspace, alt_text={"en": "A picture."})
    post = make_post(workspace, people[Role.AUTHOR], item)
    before = post.fingerprint()
    MediaItem.objects.filter(pk=item.pk).update(**change)
    assert post.fingerprint() != before


def test_a_name_in_the_working_title_is_found(workspace, people):  # type: ignore[no-untyped-def]
    post = make_post(workspace, people[Role.AUTHOR])
    post.title = "Story of Mrs. Jane Roe, call 617-555-0142"
    post.text = "A quiet morning on the ward."
    post.save()
    title = gate.run(post).reports[gate.TITLE]
    assert any(f.code.startswith("PHI") for f in title.findings)
    assert all(f.code.startswith("PHI") for f in title.findings)


def test_the_api_names_each_part_of_the_report(workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, alt_text={"en": LEAKY_ALT})
    post = make_post(workspace, people[Role.AUTHOR], item)
    post.variants.create(network=Network.SANDBOX, text="Short.")
    client = signed_in(people[Role.AUTHOR])
    body = client.get(f"/api/workspaces/{workspace.slug}/posts/{post.pk}").json()
    parts = {(r["part"], r["network"], r["media"]) for r in body["reports"]}
    assert parts == {
        ("text", None, None),
        ("variant", "sandbox", None),
        ("alt_text", None, item.pk),
        ("title", None, None),
    }
