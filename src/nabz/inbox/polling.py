"""Reading every connected account on its network's schedule (D1).

``dispatch()`` runs with the publishing dispatcher in every worker: each active account
whose network can be read gets a :class:`ReadCursor`; those due are handed to the task
queue (``poll``). ``poll_account`` claims the cursor with a lease (two workers never read
the same account at once), reads page after page and stores each page together with the
cursor that follows it (``ingest.store``: one transaction), so a failure half way keeps
the pages before it and re-reads the rest next time — nothing lost, nothing twice.
Errors follow publishing's rules: 429 waits what the network asks, 5xx and dropped
connections back off, a refused token marks the account for reconnecting.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from nabz.inbox.ingest import mark_gone, store
from nabz.inbox.models import Message, ReadCursor
from nabz.publishing.connectors import connector_for
from nabz.publishing.connectors.base import (
    Connector,
    IncomingMessage,
    PublishError,
    TokenExpired,
)
from nabz.publishing.connectors.inbox import available, support
from nabz.publishing.models import Account

log = logging.getLogger("nabz.inbox")

MAX_PAGES = 10  # pages per poll; the rest waits for the next one
LEASE = dt.timedelta(minutes=2)
BACKOFF_CAP = 30 * 60.0
FOLLOW_DELETIONS = 50  # how many recent messages each poll checks are still there
FOLLOW_DAYS = 7


@dataclass
class PollReport:
    state: str = "done"  # done, busy, failed, skipped
    pages: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    error: str = ""
    errors: list[str] = field(default_factory=list)


def readable(account: Account) -> bool:
    return account.status == Account.Status.ACTIVE and available(account.network, "read")


def ensure_cursors(now: dt.datetime) -> int:
    """A cursor for every active, readable account that has none yet."""
    missing = Account.objects.filter(status=Account.Status.ACTIVE, read_cursor__isnull=True)
    made = 0
    for account in missing:
        if readable(account):
            ReadCursor.objects.get_or_create(account=account, defaults={"next_poll_at": now})
            made += 1
    return made


def due(now: dt.datetime) -> list[int]:
    return list(
        ReadCursor.objects.filter(next_poll_at__lte=now, account__status=Account.Status.ACTIVE)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("account_id", flat=True)
    )


def dispatch(now: dt.datetime | None = None, *, inline: bool = False) -> int:
    """Hand every account that is due to the queue (or poll it here, ``inline``)."""
    from nabz.inbox import replies

    now = now or timezone.now()
    ensure_cursors(now)
    accounts = due(now)
    replies.recover(now)
    waiting = replies.due(now)
    if inline:
        for account_id in accounts:
            poll_account(account_id, now=now)
        for reply_id in waiting:
            replies.send_one(reply_id, now=now)
        return len(accounts)
    from nabz.inbox.tasks import poll, send_reply

    for account_id in accounts:
        poll.enqueue(account_id)
    for reply_id in waiting:
        send_reply.enqueue(reply_id)
    return len(accounts)


def poll_account(
    account_id: int, *, now: dt.datetime | None = None, connector: Connector | None = None
) -> PollReport:
    """Read one account's new messages, page by page; see the module docstring."""
    now = now or timezone.now()
    report = PollReport()
    claimed = (
        ReadCursor.objects.filter(account_id=account_id, next_poll_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )
    if not claimed:
        report.state = "busy"
        return report
    cursor = ReadCursor.objects.select_related("account__workspace").get(account_id=account_id)
    account = cursor.account
    if not readable(account):
        ReadCursor.objects.filter(pk=cursor.pk).update(lease_until=None)
        report.state = "skipped"
        return report
    try:
        if connector is None:
            from nabz.publishing.worker import http_client

            connector = connector_for(account.network, account.credentials(), client=http_client())
        for _page in range(MAX_PAGES):
            before = cursor.cursor
            messages, following = _refreshing(connector, account, before)
            stored = store(account, messages, cursor=cursor, next_cursor=following, now=now)
            report.pages += 1
            report.created += stored.created
            report.updated += stored.updated
            report.deleted += stored.deleted
            if not messages or following == before:
                break
        report.deleted += _follow_deletions(connector, account, now)
    except PublishError as exc:
        return _failed(cursor, account, exc, now, report)
    except Exception as exc:  # a fault while storing: that page's transaction rolled back
        log.exception("inbox: storing messages of account %s failed", account.pk)
        failure = PublishError(f"storing failed: {type(exc).__name__}", retry_after=30.0)
        return _failed(cursor, account, failure, now, report)
    ReadCursor.objects.filter(pk=cursor.pk).update(
        lease_until=None,
        failures=0,
        last_error="",
        last_polled_at=now,
        next_poll_at=now + dt.timedelta(seconds=support(account.network).poll_seconds),
    )
    return report


def _follow_deletions(connector: Connector, account: Account, now: dt.datetime) -> int:
    recent = list(
        Message.objects.filter(
            account=account,
            from_us=False,
            deleted_on_network=False,
            sent_at__gte=now - dt.timedelta(days=FOLLOW_DAYS),
        )
        .order_by("-sent_at")
        .values_list("remote_id", flat=True)[:FOLLOW_DELETIONS]
    )
    if not recent:
        return 0
    try:
        missing = connector.gone(recent)
    except PublishError as exc:
        if exc.permanent and exc.status != 401:  # the network cannot say: keep them as they are
            return 0
        raise
    return mark_gone(account, missing, now) if missing else 0


def _refreshing(
    connector: Connector, account: Account, cursor: str
) -> tuple[list[IncomingMessage], str]:
    """Read a page; on an expired token refresh once, store it sealed, and read again."""
    try:
        return connector.fetch_incoming(cursor)
    except TokenExpired:
        fresh = connector.refresh()
        if fresh is None:
            raise
        account.store_credentials(fresh)
        account.save(update_fields=["sealed_secrets", "token_expires_at", "remote_id", "handle"])
        connector.credentials = fresh
        return connector.fetch_incoming(cursor)


def backoff(failures: int) -> float:
    ceiling = min(BACKOFF_CAP, 5.0 * 2 ** max(0, failures - 1))
    return random.uniform(5.0, max(5.0, ceiling))


def _failed(
    cursor: ReadCursor, account: Account, exc: PublishError, now: dt.datetime, report: PollReport
) -> PollReport:
    reason = (exc.reason or str(exc))[:500]
    report.state = "failed"
    report.error = reason
    failures = cursor.failures + 1
    if isinstance(exc, TokenExpired) or (exc.status == 401 and exc.permanent):
        Account.objects.filter(pk=account.pk).update(
            status=Account.Status.NEEDS_RECONNECT, status_reason=reason
        )
    wait = max(exc.retry_after or 0.0, backoff(failures))
    ReadCursor.objects.filter(pk=cursor.pk).update(
        lease_until=None,
        failures=min(failures, 1000),
        last_error=reason,
        next_poll_at=now + dt.timedelta(seconds=wait),
    )
    log.info("inbox: reading account %s failed (%s), next in %.0fs", account.pk, reason, wait)
    return report
