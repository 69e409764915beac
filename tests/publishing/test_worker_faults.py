"""The worker against a fake Facebook Graph API: retries, rate limits, reconciliation,
expired and revoked tokens, rejected content. Never a duplicate, never a lost post."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.content.models import Notification, Post
from nabz.publishing import worker
from nabz.publishing.connectors.base import Credentials
from nabz.publishing.models import Account, Publication
from tests.publishing.fakes.meta import FakeMeta
from tests.publishing.fakes.server import Fault

P = Publication.State
TEXT = "Our flu clinic opens on Monday at 9."


@pytest.fixture(scope="module")
def meta():  # type: ignore[no-untyped-def]
    with FakeMeta() as fake:
        fake.processing_reads = 0
        yield fake


@pytest.fixture
def facebook(meta, workspace, settings):  # type: ignore[no-untyped-def]
    meta.reset()
    meta.processing_reads = 0
    settings.NABZ_PUBLISH_TIMEOUT_SECONDS = 1
    account = Account(
        workspace=workspace, network="facebook", name="Sunrise Page", api_base=meta.url
    )
    account.store_credentials(
        Credentials(
            access_token=meta.page_token(),
            refresh_token=meta.user_token(),
            account_id=FakeMeta.PAGE_ID,
        )
    )
    account.save()
    return account


@pytest.fixture
def publication(due_post, facebook):  # type: ignore[no-untyped-def]
    variant = due_post.variants.create(network="facebook")
    return Publication.objects.create(
        post=due_post, variant=variant, network="facebook", account=facebook, text=TEXT
    )


def _posts(meta: FakeMeta) -> list[str]:
    return [p.message for p in meta.posts_of(FakeMeta.PAGE_ID)]


def _attempt(pub: Publication, *, after: float = 0) -> str:
    """One attempt, ``after`` seconds from now (past any backoff the last one set)."""
    return worker.publish_one(pub.pk, now=timezone.now() + dt.timedelta(seconds=after))


def test_published_once_with_its_remote_id(publication, meta):  # type: ignore[no-untyped-def]
    assert _attempt(publication) == P.SENT
    publication.refresh_from_db()
    assert _posts(meta) == [TEXT] and publication.remote_id
    assert publication.remote_url.startswith("https://")


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried_with_backoff(publication, meta, status):  # type: ignore[no-untyped-def]
    meta.inject("page_feed", Fault.status_code(status))
    before = timezone.now()
    assert _attempt(publication) == P.QUEUED
    publication.refresh_from_db()
    assert publication.next_attempt_at > before and publication.attempts == 1
    assert _attempt(publication) == P.QUEUED  # not due yet: nothing happens
    assert _attempt(publication, after=3600) == P.SENT
    assert _posts(meta) == [TEXT]


def test_rate_limits_hold_the_whole_account(publication, meta, facebook):  # type: ignore[no-untyped-def]
    meta.inject("page_feed", Fault.rate_limited(retry_after=120))
    assert _attempt(publication) == P.QUEUED
    facebook.refresh_from_db()
    assert facebook.next_allowed_at is not None
    wait = (facebook.next_allowed_at - timezone.now()).total_seconds()
    assert 60 < wait <= 121
    assert _attempt(publication, after=100) == P.QUEUED  # still held, attempt not counted
    publication.refresh_from_db()
    assert publication.attempts == 1
    assert _attempt(publication, after=3600) == P.SENT


@pytest.mark.parametrize(
    "fault",
    [Fault.slow_after_commit(seconds=2.5), Fault.drop_after_commit()],
    ids=["timeout-after-commit", "dropped-after-commit"],
)
def test_an_unseen_success_is_found_not_repeated(publication, meta, fault):  # type: ignore[no-untyped-def]
    meta.inject("page_feed", fault)
    assert _attempt(publication) == P.UNKNOWN
    assert _posts(meta) == [TEXT]  # the network did publish it
    assert _attempt(publication, after=3600) == P.SENT
    assert _posts(meta) == [TEXT], "published twice"
    publication.refresh_from_db()
    assert publication.remote_id == meta.posts_of(FakeMeta.PAGE_ID)[0].id


def test_a_drop_before_the_network_saw_it_is_sent_later(publication, meta):  # type: ignore[no-untyped-def]
    meta.inject("page_feed", Fault.drop_before())
    assert _attempt(publication) == P.UNKNOWN
    assert _posts(meta) == []
    assert _attempt(publication, after=3600) == P.SENT
    assert _posts(meta) == [TEXT]


def test_an_expired_token_is_refreshed(publication, meta, facebook):  # type: ignore[no-untyped-def]
    meta.expire(facebook.credentials().access_token)
    assert _attempt(publication) == P.SENT
    facebook.refresh_from_db()
    assert facebook.status == Account.Status.ACTIVE
    assert _posts(meta) == [TEXT]


def test_a_revoked_token_asks_for_reconnection(publication, meta, facebook, due_post):  # type: ignore[no-untyped-def]
    meta.revoke(facebook.credentials().access_token)
    assert _attempt(publication) == P.FAILED
    facebook.refresh_from_db()
    publication.refresh_from_db()
    assert facebook.status == Account.Status.NEEDS_RECONNECT
    assert "reconnect" in publication.last_error
    assert Notification.objects.filter(user=due_post.author, message__contains="Facebook").exists()


def test_rejected_content_fails_with_the_networks_reason(publication, meta):  # type: ignore[no-untyped-def]
    meta.inject("page_feed", Fault.rejected("This post goes against our Community Standards."))
    assert _attempt(publication) == P.FAILED
    publication.refresh_from_db()
    assert publication.error_permanent and "Community Standards" in publication.last_error
    assert _attempt(publication, after=3600) == P.FAILED
    assert _posts(meta) == []


def test_gives_up_after_the_last_attempt(publication, meta):  # type: ignore[no-untyped-def]
    meta.inject("page_feed", Fault.status_code(503), times=worker.MAX_ATTEMPTS)
    for i in range(worker.MAX_ATTEMPTS):
        state = _attempt(publication, after=10**5 * (i + 1))
    assert state == P.FAILED
    publication.refresh_from_db()
    assert f"after {worker.MAX_ATTEMPTS} attempts" in publication.last_error
    assert _posts(meta) == []


def test_takedown_deletes_on_the_network(publication, meta, due_post):  # type: ignore[no-untyped-def]
    assert _attempt(publication) == P.SENT
    Post.objects.filter(pk=due_post.pk).update(state="published")
    worker.request_takedown(due_post, None, "consent withdrawn")
    meta.inject("delete_node", Fault.status_code(503))
    assert worker.takedown_one(publication.pk) == P.DELETING
    assert (
        worker.takedown_one(publication.pk, now=timezone.now() + dt.timedelta(hours=1)) == P.DELETED
    )
    assert _posts(meta) == []
