"""Publishing, once, on time (C2), with takedown (C4) and the crisis pause (C3).

The dispatcher (``dispatch``) runs every few seconds in every worker process:

1. due scheduled posts pass the Trust Gate once more and get one Publication per
   variant and account — or go back to review if anything changed or blocks;
2. publications that are due (or whose worker died mid-call) are handed to the
   task queue (``run_publication``);
3. consent revocations' takedown requests become deletions;
4. posts whose publications are all done are marked published or failed.

Never twice: a Publication's idempotency key is fixed when it is created, and an
attempt is committed (state ``sending``, a lease, attempts + 1) before the network
is called. If the outcome cannot be seen (timeout, dropped connection, a worker
killed mid-call) the publication becomes ``unknown`` and the next attempt first
asks the network for a post with that key (``Connector.find``) before sending.
Claims are conditional updates, so two workers never run the same attempt.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nabz.audit import record
from nabz.content import gate, workflow
from nabz.content.models import Notification, Pillar, Post, State
from nabz.content.workflow import post_url
from nabz.media.delivery import signed_url
from nabz.publishing.connectors import NETWORKS, connector_for
from nabz.publishing.connectors.base import (
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    TokenExpired,
)
from nabz.publishing.models import Account, Publication
from nabz.workspaces.roles import Role

log = logging.getLogger("nabz.publishing")
P = Publication.State

MAX_ATTEMPTS = 8
BACKOFF_BASE = 2.0  # seconds; doubles each attempt, with full jitter
BACKOFF_CAP = 15 * 60.0
PAUSE_RECHECK = dt.timedelta(seconds=60)
# Spacing per network: at most LIMIT posts per WINDOW seconds per account, below the
# networks' own limits so we rarely meet a 429 (they still get honoured when we do).
# Declared in each network's network.toml ([rate]); an unknown network has none.
ACCOUNT_LIMITS = {
    name: (entry.spec.rate_posts, entry.spec.rate_window_seconds)
    for name, entry in NETWORKS.items()
}


_CLIENTS: dict[float, httpx.Client] = {}
_CLIENTS_LOCK = threading.Lock()


def http_client() -> httpx.Client:
    """The HTTP client connectors use, shared by every attempt in this process.

    One client keeps one TLS context and its connection pool (building them costs
    ~15 ms per attempt); its timeout stays well inside the attempt's lease.
    """
    seconds = float(getattr(settings, "NABZ_PUBLISH_TIMEOUT_SECONDS", 20))
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(seconds)
        if client is None:
            client = httpx.Client(
                timeout=httpx.Timeout(seconds, connect=min(5.0, seconds)), follow_redirects=False
            )
            _CLIENTS[seconds] = client
        return client


def requeue_after() -> dt.timedelta:
    """A task handed to the queue this long ago and not run is taken as lost.

    Longer than the lease: a busy queue holds tasks a while, and a second task for the
    same publication only finds it claimed (the crash case is the lease's job).
    """
    return max(lease() * 5, dt.timedelta(minutes=10))


# A hand-over this old whose attempt has not started is looked up in the queue.
HANDOVER_CHECK = dt.timedelta(seconds=30)
HANDOVER_CHECKS_PER_ROUND = 200


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "NABZ_PUBLISH_LEASE_SECONDS", 120))


def backoff(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform in [base, base * 2^(attempts-1)]."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return (rng or random).uniform(BACKOFF_BASE, max(BACKOFF_BASE, ceiling))


@dataclass
class DispatchReport:
    prepared: int = 0
    held: int = 0
    enqueued: int = 0
    recovered: int = 0
    takedowns: int = 0
    finished: int = 0
    errors: list[str] = field(default_factory=list)


def paused(workspace: object, post: Post) -> bool:
    """Crisis pause holds everything but crisis updates."""
    return (
        bool(getattr(workspace, "crisis_paused_at", None)) and post.pillar != Pillar.CRISIS_UPDATE
    )


# --- 1. due posts ----------------------------------------------------------------------
def prepare_due_posts(now: dt.datetime) -> tuple[int, int]:
    prepared = held = 0
    due = (
        Post.objects.filter(state=State.SCHEDULED, scheduled_at__lte=now, publications__isnull=True)
        .select_related("workspace")
        .order_by("scheduled_at")
    )
    for post in due:
        if paused(post.workspace, post):
            continue
        outcome = _prepare(post.pk, now)
        prepared += outcome == "prepared"
        held += outcome == "held"
    return prepared, held


@transaction.atomic
def _prepare(post_id: int, now: dt.datetime) -> str:
    post = Post.objects.select_for_update().select_related("workspace").get(pk=post_id)
    if post.state != State.SCHEDULED or post.publications.exists():
        return "skipped"
    result = gate.run(post)
    reasons = [f"{f.code} {f.text[:40]}" for _key, f in result.unresolved]
    missing = workflow.missing_reviews(post, result)
    if reasons or missing:
        post.state = State.IN_REVIEW
        post.save(update_fields=["state", "updated_at"])
        post.approvals.filter(active=True).update(active=False)
        record(
            "post.held_before_publishing",
            workspace=post.workspace,
            obj=post,
            payload={
                "blocking": [r.split(" ")[0] for r in reasons],
                "missing_reviews": sorted(missing),
            },
        )
        _notify(
            post,
            {Role.AUTHOR, Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER},
            _(
                "“%(title)s” was held before publishing: it changed or a consent no longer "
                "covers it. It is back in review."
            )
            % {"title": post.title},
        )
        return "held"
    accounts: dict[str, list[Account]] = {}
    for account in Account.objects.filter(workspace=post.workspace, status=Account.Status.ACTIVE):
        accounts.setdefault(account.network, []).append(account)
    held_back = []
    for variant in post.variants.all():
        targets = accounts.get(variant.network, [])
        if not targets:
            # Not a failure: nothing was tried. Held back with the reason, for a retry once
            # an account is connected, or for the network to be dropped.
            Publication.objects.create(
                post=post,
                variant=variant,
                network=variant.network,
                account=None,
                text=variant.effective_text,
                state=P.HELD,
                last_error=_("No connected %(network)s account in this workspace.")
                % {"network": variant.get_network_display()},
            )
            held_back.append(variant.network)
            continue
        for account in targets:
            Publication.objects.create(
                post=post,
                variant=variant,
                network=variant.network,
                account=account,
                text=variant.effective_text,
                next_attempt_at=now,
            )
    if held_back:
        record(
            "post.networks_held_back",
            workspace=post.workspace,
            obj=post,
            payload={"networks": held_back, "reason": "no connected account"},
        )
    record(
        "post.publishing_started",
        workspace=post.workspace,
        obj=post,
        payload={"publications": post.publications.count()},
    )
    return "prepared"


# --- 2. due publications -------------------------------------------------------------------
def enqueue_due(now: dt.datetime) -> tuple[int, int]:
    from nabz.publishing.tasks import run_publication, run_takedown

    # A worker that died mid-call leaves "sending"/"deleting" with an expired lease.
    recovered = Publication.objects.filter(state=P.SENDING, lease_until__lt=now).update(
        state=P.UNKNOWN, lease_until=None, enqueued_at=None
    )
    _hand_back_lost_tasks(now)
    stale = now - requeue_after()
    due = (
        Publication.objects.filter(
            state__in=[P.QUEUED, P.UNKNOWN, P.DELETING], next_attempt_at__lte=now
        )
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale))
        .values_list("pk", "state")
    )
    enqueued = 0
    for pk, state in list(due):
        claimed = (
            Publication.objects.filter(pk=pk)
            .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale))
            .update(enqueued_at=now)
        )
        if not claimed:
            continue
        try:
            result = (run_takedown if state == P.DELETING else run_publication).enqueue(pk)
        except Exception:
            # The queue is down (Redis restarting): give the claim back, so the next
            # round hands it over again instead of waiting out requeue_after().
            Publication.objects.filter(pk=pk, enqueued_at=now).update(enqueued_at=None)
            raise
        Publication.objects.filter(pk=pk, enqueued_at=now).update(task_id=result.id[:64])
        enqueued += 1
    return enqueued, recovered


def _hand_back_lost_tasks(now: dt.datetime) -> int:
    """Hand over again the publications whose task ended without running the attempt.

    A task that starts the attempt clears ``enqueued_at`` in its claim. So a task the
    queue reports finished, failed or unknown while ``enqueued_at`` is still set never
    claimed: its worker lost the queue (Redis restarted under it), or the database stayed
    away longer than the task waits. Waiting out ``requeue_after()`` would hold such a
    post for ten minutes; asking the queue hands it over in the next round. Tasks the
    queue still holds (ready or running) are left alone. A queue that cannot say
    (``supports_get_result`` false) leaves the publication to ``requeue_after()``.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from nabz.publishing.tasks import run_publication, run_takedown

    if not run_publication.get_backend().supports_get_result:
        return 0
    waiting = (
        Publication.objects.filter(
            state__in=[P.QUEUED, P.UNKNOWN, P.DELETING], enqueued_at__lt=now - HANDOVER_CHECK
        )
        .exclude(task_id="")
        .values_list("pk", "state", "task_id", "enqueued_at")
        .order_by("enqueued_at")[:HANDOVER_CHECKS_PER_ROUND]
    )
    handed_back = 0
    for pk, state, task_id, enqueued_at in list(waiting):
        task = run_takedown if state == P.DELETING else run_publication
        try:
            status = task.get_result(task_id).status
        except TaskResultDoesNotExist:
            status = None  # the queue lost it
        except Exception as exc:  # the queue is away: ask again next round
            log.warning("the task queue cannot be asked about tasks: %s", exc.__class__.__name__)
            break
        if status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
            continue
        handed_back += Publication.objects.filter(
            pk=pk, task_id=task_id, enqueued_at=enqueued_at
        ).update(enqueued_at=None, task_id="")
    if handed_back:
        log.info("%d publication(s) whose task ended unrun are handed over again", handed_back)
    return handed_back


# --- the attempt ---------------------------------------------------------------------------
def publish_one(pk: int, *, now: dt.datetime | None = None) -> str:
    """Run one attempt for a publication; returns its state afterwards."""
    now = now or timezone.now()
    row = Publication.objects.filter(pk=pk).values("state").first()
    if row is None or row["state"] not in (P.QUEUED, P.UNKNOWN):
        return row["state"] if row else "missing"
    reconcile = row["state"] == P.UNKNOWN
    claimed = (
        Publication.objects.filter(pk=pk, state=row["state"], next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(
            state=P.SENDING,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
            enqueued_at=None,
            task_id="",
        )
    )
    if not claimed:  # not due yet, or another worker holds it: leave it as it is
        return str(Publication.objects.filter(pk=pk).values_list("state", flat=True).first())
    pub = Publication.objects.select_related("post__workspace", "account").get(pk=pk)
    post, account = pub.post, pub.account
    previous = P.UNKNOWN if reconcile else P.QUEUED

    def release(until: dt.datetime) -> str:
        """Give the attempt back without counting it (pause, rate limit, quota)."""
        Publication.objects.filter(pk=pk).update(
            state=previous, lease_until=None, attempts=F("attempts") - 1, next_attempt_at=until
        )
        return previous

    if paused(post.workspace, post):
        return release(now + PAUSE_RECHECK)
    if account is None or account.status != Account.Status.ACTIVE:
        # Nothing was tried, so nothing failed: held back until an account is connected
        # (Retry on the post's page) or the network is dropped.
        Publication.objects.filter(pk=pk).update(
            state=P.HELD,
            lease_until=None,
            attempts=F("attempts") - 1,
            last_error=_(
                "The %(network)s account is not connected any more; reconnect it, then retry."
            )
            % {"network": pub.get_network_display()},
        )
        record(
            "post.networks_held_back",
            workspace=post.workspace,
            obj=post,
            payload={"networks": [pub.network], "reason": "account not connected"},
        )
        return P.HELD
    if account.next_allowed_at and account.next_allowed_at > now:
        return release(account.next_allowed_at)
    if account.network not in ACCOUNT_LIMITS:  # no folder declares it: never guess a limit
        return _fail(pub, _("Nabz has no connector for %(n)s.") % {"n": account.network})
    wait = _window_wait(account, now)
    if wait:
        return release(now + wait)
    try:
        connector = connector_for(account.network, account.credentials(), client=http_client())
    except Exception as exc:
        return _fail(
            pub, _("Cannot use the account's credentials: %(e)s") % {"e": type(exc).__name__}
        )
    first, *replies = gate.variant_parts(pub.network, pub.text)  # a thread: several parts
    outgoing = OutgoingPost(
        text=first,
        idempotency_key=pub.idempotency_key,
        language=post.language,
        media=_media(post),
        replies=tuple(replies),
    )
    try:
        quota = connector.quota()
        if quota is not None and quota.used >= quota.total:
            return release(now + dt.timedelta(seconds=min(quota.window_seconds, 3600)))
        remote = connector.find(outgoing) if reconcile else None
        if remote is None:
            remote = _refreshing(connector, account, lambda: connector.publish(outgoing))
    except PublishError as exc:
        return _failed_attempt(pub, account, exc, now)
    slow_down = remote.extra.get("rate_limit_retry_after")
    if slow_down:  # the network says its limit is nearly used up: wait before the next one
        Account.objects.filter(pk=account.pk).update(
            next_allowed_at=now + dt.timedelta(seconds=float(slow_down))
        )
    with transaction.atomic():
        Publication.objects.filter(pk=pk).update(
            state=P.SENT,
            remote_id=remote.id,
            remote_url=remote.url[:500],
            lease_until=None,
            published_at=timezone.now(),
            last_error="",
            error_permanent=False,
        )
        record(
            "publication.sent",
            workspace=post.workspace,
            obj=post,
            payload={
                "network": pub.network,
                "account": account.pk,
                "remote_id": remote.id,
                "attempts": pub.attempts,
                "reconciled": reconcile,
            },
        )
    return P.SENT


def _refreshing(connector, account: Account, call):  # type: ignore[no-untyped-def]
    """Run ``call()``; on an expired token, refresh once, store it sealed, and try again."""
    try:
        return call()
    except TokenExpired:
        fresh = connector.refresh()
        if fresh is None:
            raise
        account.store_credentials(fresh)
        account.save(update_fields=["sealed_secrets", "token_expires_at", "remote_id", "handle"])
        connector.credentials = fresh
        return call()


def _failed_attempt(pub: Publication, account: Account, exc: PublishError, now: dt.datetime) -> str:
    reason = (exc.reason or str(exc))[:500]
    if isinstance(exc, TokenExpired) or (exc.status == 401 and exc.permanent):
        Account.objects.filter(pk=account.pk).update(
            status=Account.Status.NEEDS_RECONNECT, status_reason=reason[:500]
        )
        return _fail(
            pub,
            _("%(network)s refused the account's access: reconnect it, then retry. (%(reason)s)")
            % {"network": pub.get_network_display(), "reason": reason},
        )
    if exc.permanent:
        return _fail(pub, reason)
    if exc.retry_after:
        Account.objects.filter(pk=account.pk).update(
            next_allowed_at=now + dt.timedelta(seconds=exc.retry_after)
        )
    attempts = pub.attempts
    if attempts >= MAX_ATTEMPTS:
        return _fail(
            pub, _("Gave up after %(n)d attempts: %(reason)s") % {"n": attempts, "reason": reason}
        )
    delay = max(exc.retry_after or 0.0, backoff(attempts))
    state = P.UNKNOWN if exc.ambiguous else P.QUEUED
    Publication.objects.filter(pk=pub.pk).update(
        state=state,
        lease_until=None,
        last_error=reason,
        next_attempt_at=now + dt.timedelta(seconds=delay),
    )
    log.info(
        "publication %s: attempt %s failed (%s), next in %.0fs",
        pub.pk,
        attempts,
        "ambiguous" if exc.ambiguous else "transient",
        delay,
    )
    return state


def _fail(pub: Publication, reason: str) -> str:
    with transaction.atomic():
        Publication.objects.filter(pk=pub.pk).update(
            state=P.FAILED, lease_until=None, last_error=reason[:500], error_permanent=True
        )
        record(
            "publication.failed",
            workspace=pub.post.workspace,
            obj=pub.post,
            payload={"network": pub.network, "reason": reason[:300]},
        )
        Notification.saying(
            gettext_noop("“%(title)s” could not be published on %(network)s: %(reason)s"),
            {"title": pub.post.title, "network": pub.network, "reason": reason[:200]},
            user_id=pub.post.author_id,
            workspace_id=pub.post.workspace_id,
            url=post_url(pub.post),
        ).save()
    return P.FAILED


def _window_wait(account: Account, now: dt.datetime) -> dt.timedelta | None:
    limit, window = ACCOUNT_LIMITS[account.network]  # run_publication checked it is known
    since = now - dt.timedelta(seconds=window)
    sent = Publication.objects.filter(account=account, published_at__gte=since).count()
    if sent < limit:
        return None
    oldest = (
        Publication.objects.filter(account=account, published_at__gte=since)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return (oldest + dt.timedelta(seconds=window) - now) if oldest else dt.timedelta(seconds=60)


def _media(post: Post) -> tuple[OutgoingMedia, ...]:
    items = []
    base = settings.NABZ_BASE_URL.rstrip("/")
    for item in post.media.all():
        try:
            with item.file.open("rb") as handle:
                content = handle.read()
        except (OSError, ValueError):
            continue
        items.append(
            OutgoingMedia(
                filename=item.file.name.rsplit("/", 1)[-1],
                content=content,
                mime_type=f"image/{(getattr(item, 'format', '') or 'jpeg').lower()}",
                alt_text=item.alt_for(post.language),
                # A network that fetches the image itself gets a link that expires in minutes.
                public_url=signed_url(item, "file", base),
            )
        )
    return tuple(items)


# --- takedown ----------------------------------------------------------------------------------
def request_takedown(post: Post, user: object | None, reason: str) -> int:
    """Delete a post's published copies from their networks (done by the worker)."""
    with transaction.atomic():
        count = post.publications.filter(state=P.SENT).update(
            state=P.DELETING,
            attempts=0,
            next_attempt_at=timezone.now(),
            enqueued_at=None,
            lease_until=None,
            last_error="",
        )
        record(
            "post.takedown_requested",
            actor=user,
            workspace=post.workspace,
            obj=post,
            payload={"publications": count, "reason": reason[:300]},
        )
    return count


def takedown_one(pk: int, *, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    claimed = (
        Publication.objects.filter(pk=pk, state=P.DELETING, next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + lease(), attempts=F("attempts") + 1, enqueued_at=None, task_id="")
    )
    if not claimed:
        return str(Publication.objects.filter(pk=pk).values_list("state", flat=True).first())
    pub = Publication.objects.select_related("post__workspace", "account").get(pk=pk)
    try:
        if pub.account is None:
            raise PublishError("no account", permanent=True)
        connector = connector_for(
            pub.account.network, pub.account.credentials(), client=http_client()
        )
        _refreshing(connector, pub.account, lambda: connector.delete(pub.remote_id))
    except PublishError as exc:
        if exc.permanent or pub.attempts >= MAX_ATTEMPTS:
            with transaction.atomic():
                Publication.objects.filter(pk=pk).update(
                    state=P.DELETE_FAILED,
                    lease_until=None,
                    last_error=(exc.reason or str(exc))[:500],
                )
                record(
                    "publication.takedown_failed",
                    workspace=pub.post.workspace,
                    obj=pub.post,
                    payload={"network": pub.network, "reason": (exc.reason or str(exc))[:300]},
                )
            return P.DELETE_FAILED
        delay = max(exc.retry_after or 0.0, backoff(pub.attempts))
        Publication.objects.filter(pk=pk).update(
            lease_until=None,
            last_error=(exc.reason or str(exc))[:500],
            next_attempt_at=now + dt.timedelta(seconds=delay),
        )
        return P.DELETING
    with transaction.atomic():
        Publication.objects.filter(pk=pk).update(
            state=P.DELETED, deleted_at=timezone.now(), lease_until=None, last_error=""
        )
        record(
            "publication.deleted",
            workspace=pub.post.workspace,
            obj=pub.post,
            payload={"network": pub.network, "remote_id": pub.remote_id},
        )
    return P.DELETED


def start_consent_takedowns() -> int:
    """Turn consent revocations' takedown requests into deletions."""
    from nabz.consent.models import TakedownRequest
    from nabz.consent.services import finish_takedown

    started = 0
    for request in TakedownRequest.objects.filter(status="pending").select_related("post"):
        post = request.post
        sent = post.publications.filter(state=P.SENT).exists()
        if sent:
            request_takedown(post, None, reason="consent revoked")
            started += 1
            continue
        open_ = post.publications.filter(state=P.DELETING).exists()
        if open_:
            continue
        failed = post.publications.filter(state=P.DELETE_FAILED).exists()
        finish_takedown(
            request,
            status="failed" if failed else "done",
            note="" if not failed else "a network refused the deletion",
        )
    return started


# --- 4. finishing posts ---------------------------------------------------------------------------
def finish_posts() -> int:
    """Posts whose publications are all done become published, or failed if any failed."""
    open_states = [P.QUEUED, P.SENDING, P.UNKNOWN]
    candidates = (
        Post.objects.filter(state=State.SCHEDULED, publications__isnull=False)
        .annotate(
            open=Count("publications", filter=Q(publications__state__in=open_states)),
            sent=Count("publications", filter=Q(publications__state=P.SENT)),
            failed=Count("publications", filter=Q(publications__state=P.FAILED)),
        )
        .filter(open=0)
        .select_related("workspace")
    )
    finished = 0
    for post in candidates:
        finished += settle(post)
    return finished


def settle(post: Post) -> int:
    """Give a post whose publications are all done the state that is true of it.

    Published when something went out and nothing failed; failed when any failed; when
    nothing went out because no network had an account, back to approved (its held rows
    removed, the audit log keeps why) so it can be scheduled again once one is connected.
    Returns 1 when the post's state changed.
    """
    pubs = list(Publication.objects.filter(post=post).values_list("state", flat=True))
    if not pubs or any(s in (P.QUEUED, P.SENDING, P.UNKNOWN) for s in pubs):
        return 0
    sent, failed = pubs.count(P.SENT), pubs.count(P.FAILED)
    if failed:
        target = State.FAILED
    elif sent:
        target = State.PUBLISHED
    else:
        target = State.APPROVED
    with transaction.atomic():
        changed = (
            Post.objects.filter(pk=post.pk, state__in=[State.SCHEDULED, State.FAILED])
            .exclude(state=target)
            .update(state=target)
        )
        if not changed:
            return 0
        post.state = target
        held = pubs.count(P.HELD)
        if target == State.APPROVED:
            Publication.objects.filter(post=post, state__in=[P.HELD, P.DROPPED]).delete()
            record(
                "post.not_published",
                workspace=post.workspace,
                obj=post,
                payload={"held": held, "dropped": pubs.count(P.DROPPED)},
            )
            if held:
                Notification.objects.create(
                    user_id=post.author_id,
                    workspace_id=post.workspace_id,
                    message=(
                        _(
                            "“%(title)s” did not go out: none of its networks has a connected "
                            "account. Connect one, then schedule it again."
                        )
                        % {"title": post.title}
                    )[:300],
                    url=post_url(post),
                )
        else:
            record(
                "post.failed" if failed else "post.published",
                workspace=post.workspace,
                obj=post,
                payload={"sent": sent, "failed": failed, "held": held},
            )
    return 1


def dispatch(now: dt.datetime | None = None) -> DispatchReport:
    now = now or timezone.now()
    report = DispatchReport()
    report.prepared, report.held = prepare_due_posts(now)
    report.takedowns = start_consent_takedowns()
    report.enqueued, report.recovered = enqueue_due(now)
    report.finished = finish_posts()
    return report


def _notify(post: Post, roles: set[str], message: str) -> None:
    from nabz.workspaces.models import Membership

    members = Membership.objects.filter(workspace_id=post.workspace_id, role__in=roles)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=m.user_id,
                workspace_id=post.workspace_id,
                message=message[:300],
                url=post_url(post),
            )
            for m in members
        ]
    )
