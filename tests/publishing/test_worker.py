"""The publishing worker with the Sandbox network: once, on time, held when it must be."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from nabz.audit.models import AuditEntry
from nabz.content.models import Post, State
from nabz.publishing import worker
from nabz.publishing.models import Publication, SandboxPost

P = Publication.State
# The batch worker closes its database connections when it is done, as a worker
# process should: these tests run outside a wrapping transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def _run_all() -> None:
    """What the worker process does: dispatch, run the queued tasks, dispatch again."""
    call_command("nabz_worker", "--batch")
    call_command("nabz_worker", "--batch")


def test_due_post_is_published_once(due_post, sandbox):  # type: ignore[no-untyped-def]
    _run_all()
    due_post.refresh_from_db()
    assert due_post.state == State.PUBLISHED
    assert SandboxPost.objects.count() == 1
    item = SandboxPost.objects.get()
    assert item.text == "Our flu clinic opens on Monday at 9."
    pub = Publication.objects.get()
    assert pub.state == P.SENT and pub.remote_id == str(item.pk) and pub.attempts == 1
    _run_all()  # nothing more happens
    assert SandboxPost.objects.count() == 1
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"post.publishing_started", "publication.sent", "post.published"} <= actions


def _reapprove(post: Post) -> None:
    """The test changed the post behind the workflow's back: approvals vouch for it again."""
    post.approvals.update(fingerprint=Post.objects.get(pk=post.pk).fingerprint())


def test_a_network_without_an_account_is_held_back_not_failed(due_post, sandbox):  # type: ignore[no-untyped-def]
    due_post.variants.create(network="x")
    _reapprove(due_post)
    _run_all()
    due_post.refresh_from_db()
    assert due_post.state == State.PUBLISHED  # the Sandbox got it; nothing failed
    held = Publication.objects.get(network="x")
    assert held.state == P.HELD and "No connected X account" in held.last_error
    assert held.attempts == 0  # nothing was tried
    assert Publication.objects.get(network="sandbox").state == P.SENT
    assert not AuditEntry.objects.filter(action__in=["post.failed", "publication.failed"]).exists()
    held_back = AuditEntry.objects.get(action="post.networks_held_back")
    assert held_back.payload["networks"] == ["x"]


def test_a_post_no_network_can_take_goes_back_to_approved(due_post):  # type: ignore[no-untyped-def]
    from nabz.content.models import Notification

    _run_all()  # no account at all: the Sandbox variant is held back
    due_post.refresh_from_db()
    assert due_post.state == State.APPROVED  # not "failed", not "scheduled"
    assert not Publication.objects.exists()  # so it can be scheduled again once connected
    assert AuditEntry.objects.filter(action="post.not_published").exists()
    assert Notification.objects.filter(
        user=due_post.author, message__contains="none of its networks has a connected account"
    ).exists()


def test_changed_after_approval_is_held_and_sent_back(due_post, sandbox):  # type: ignore[no-untyped-def]
    Post.objects.filter(pk=due_post.pk).update(
        text="Call our patient Mrs. Parvin Karimi on +98 912 345 6789."
    )
    _run_all()
    due_post.refresh_from_db()
    assert due_post.state == State.IN_REVIEW
    assert not SandboxPost.objects.exists()
    assert AuditEntry.objects.filter(action="post.held_before_publishing").exists()


def test_crisis_pause_holds_all_but_crisis_updates(due_post, sandbox, workspace, people):  # type: ignore[no-untyped-def]
    workspace.crisis_paused_at = timezone.now()
    workspace.save()
    crisis = Post.objects.create(
        workspace=workspace,
        author=due_post.author,
        title="Update",
        pillar="crisis_update",
        text="Our emergency department is open.",
        state=State.SCHEDULED,
        scheduled_at=timezone.now() - dt.timedelta(seconds=1),
    )
    crisis.variants.create(network="sandbox")
    from nabz.content.models import Approval

    Approval.objects.create(
        post=crisis,
        kind="clinical",
        reviewer=people["clinical_reviewer"],
        fingerprint=crisis.fingerprint(),
    )
    _run_all()
    due_post.refresh_from_db()
    crisis.refresh_from_db()
    assert due_post.state == State.SCHEDULED and not due_post.publications.exists()
    assert crisis.state == State.PUBLISHED
    assert list(SandboxPost.objects.values_list("text", flat=True)) == [
        "Our emergency department is open."
    ]


def test_an_unknown_outcome_is_reconciled_not_resent(due_post, sandbox):  # type: ignore[no-untyped-def]
    worker.dispatch()
    pub = Publication.objects.get()
    assert worker.publish_one(pub.pk) == P.SENT
    # Pretend the answer was lost: the attempt's outcome is unknown.
    Publication.objects.filter(pk=pub.pk).update(state=P.UNKNOWN, remote_id="")
    assert worker.publish_one(pub.pk) == P.SENT
    assert SandboxPost.objects.count() == 1
    assert Publication.objects.get().remote_id == str(SandboxPost.objects.get().pk)


def test_a_worker_that_died_mid_call_is_recovered(due_post, sandbox):  # type: ignore[no-untyped-def]
    worker.dispatch()
    pub = Publication.objects.get()
    past = timezone.now() - dt.timedelta(minutes=10)
    Publication.objects.filter(pk=pub.pk).update(state=P.SENDING, lease_until=past, attempts=1)
    report = worker.dispatch()
    assert report.recovered == 1
    assert Publication.objects.get().state == P.UNKNOWN
    _run_all()
    assert Publication.objects.get().state == P.SENT and SandboxPost.objects.count() == 1


def test_two_workers_never_run_the_same_attempt(due_post, sandbox):  # type: ignore[no-untyped-def]
    worker.dispatch()
    pub = Publication.objects.get()
    Publication.objects.filter(pk=pub.pk).update(
        state=P.SENDING, lease_until=timezone.now() + dt.timedelta(minutes=2)
    )
    assert worker.publish_one(pub.pk) == P.SENDING  # held by the other worker: untouched
    assert not SandboxPost.objects.exists()


def test_takedown_deletes_from_the_network(due_post, sandbox, people):  # type: ignore[no-untyped-def]
    _run_all()
    assert worker.request_takedown(due_post, people["compliance_officer"], "asked to") == 1
    _run_all()
    assert Publication.objects.get().state == P.DELETED
    assert SandboxPost.objects.get().deleted_at is not None
    assert AuditEntry.objects.filter(action="publication.deleted").exists()


def test_consent_revocation_takes_published_posts_down(due_post, sandbox, people, workspace):  # type: ignore[no-untyped-def]
    from nabz.consent.models import Consent, TakedownRequest
    from nabz.consent.services import revoke

    consent = Consent.objects.create(
        workspace=workspace,
        subject="Story 1",
        networks=["sandbox"],
        content_kinds=["story"],
        signed_on=timezone.localdate() - dt.timedelta(days=5),
    )
    consent.posts.add(due_post)
    _reapprove(due_post)
    _run_all()
    due_post.refresh_from_db()
    revoke(consent, by=people["compliance_officer"], reason="The patient withdrew consent.")
    _run_all()
    _run_all()
    assert SandboxPost.objects.get().deleted_at is not None
    assert TakedownRequest.objects.get().status == "done"


def test_backoff_grows_and_is_jittered():
    import random

    rng = random.Random(1)
    first = [worker.backoff(1, rng) for _ in range(50)]
    sixth = [worker.backoff(6, rng) for _ in range(50)]
    assert max(first) <= worker.BACKOFF_BASE + 1e-9
    assert max(sixth) > 10 and min(sixth) >= worker.BACKOFF_BASE
    assert len(set(round(x, 3) for x in sixth)) > 40


def test_an_account_disconnected_before_sending_holds_the_network_back(due_post, sandbox):  # type: ignore[no-untyped-def]
    from nabz.publishing.models import Account

    worker.dispatch()  # the publication is created for the connected Sandbox
    sandbox.status = Account.Status.DISABLED
    sandbox.save()
    pub = Publication.objects.get()
    assert worker.publish_one(pub.pk) == P.HELD
    pub.refresh_from_db()
    assert pub.state == P.HELD and "not connected any more" in pub.last_error
    assert pub.attempts == 0
    worker.finish_posts()
    due_post.refresh_from_db()
    assert due_post.state == State.APPROVED  # nothing went out, and nothing failed
    assert not AuditEntry.objects.filter(action="publication.failed").exists()
