"""Reading our published posts' and accounts' figures on a schedule (the worker).

``dispatch()`` runs with the publishing dispatcher: each published publication is read
when its next reading is due — hourly in its first two days (when the numbers move),
every six hours to day 30, daily to day 90, then no more — and each active account's
follower count once every six hours. A reading is one ``MetricPoint`` and is folded into
the rollups at once (``rollups.record``). A failure waits and tries again with backoff (a
429 waits what the network asked); a post gone from the network is no longer read.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from nabz.analytics.models import AccountPoint, AccountSchedule, LatestMetrics
from nabz.analytics.rollups import Observation, Target, record
from nabz.publishing.connectors import connector_for, reading
from nabz.publishing.connectors.base import Connector, PublishError, TokenExpired
from nabz.publishing.models import Account, Publication

log = logging.getLogger("nabz.analytics")

READ_FOR_DAYS = 90
ACCOUNT_EVERY = dt.timedelta(hours=6)
PER_ROUND = 200  # publications handed to the queue per dispatcher round


def next_reading(published_at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    age = now - (published_at or now)
    if age < dt.timedelta(days=2):
        return now + dt.timedelta(hours=1)
    if age < dt.timedelta(days=30):
        return now + dt.timedelta(hours=6)
    if age < dt.timedelta(days=READ_FOR_DAYS):
        return now + dt.timedelta(days=1)
    return now + dt.timedelta(days=3650)  # old enough: its numbers no longer move


def due_publications(now: dt.datetime, limit: int = PER_ROUND) -> list[int]:
    return list(
        Publication.objects.filter(
            state=Publication.State.SENT,
            published_at__gte=now - dt.timedelta(days=READ_FOR_DAYS),
            account__status=Account.Status.ACTIVE,
        )
        .exclude(remote_id="")
        .filter(Q(latest_metrics__isnull=True) | Q(latest_metrics__next_read_at__lte=now))
        .order_by("published_at")
        .values_list("pk", flat=True)[:limit]
    )


def due_accounts(now: dt.datetime) -> list[int]:
    active = Account.objects.filter(status=Account.Status.ACTIVE)
    return list(
        active.filter(
            Q(metrics_schedule__isnull=True) | Q(metrics_schedule__next_read_at__lte=now)
        ).values_list("pk", flat=True)
    )


def dispatch(now: dt.datetime | None = None, *, inline: bool = False) -> int:
    """Read (``inline``) or hand to the queue every publication and account that is due."""
    now = now or timezone.now()
    _monthly_reports(now, inline=inline)
    publications = due_publications(now)
    accounts = due_accounts(now)
    if inline:
        for pk in publications:
            read_publication(pk, now=now)
        for pk in accounts:
            read_account(pk, now=now)
    else:
        from nabz.analytics.tasks import read_account_task, read_publication_task

        # Mark them as handed over, so the next round does not queue them again.
        later = now + dt.timedelta(minutes=10)
        LatestMetrics.objects.filter(publication_id__in=publications).update(next_read_at=later)
        for pk in publications:
            read_publication_task.enqueue(pk)
        for pk in accounts:
            AccountSchedule.objects.update_or_create(
                account_id=pk, defaults={"next_read_at": later}
            )
            read_account_task.enqueue(pk)
    return len(publications) + len(accounts)


def target_of(pub: Publication) -> Target:
    post = pub.post
    return Target(
        publication_id=pub.pk,
        account_id=pub.account_id or 0,
        workspace_id=post.workspace_id,
        post_id=post.pk,
        network=pub.network,
        pillar=post.pillar,
        language=post.language,
        published_at=pub.published_at,
        timezone=post.workspace.timezone or "UTC",
    )


def _connector(account: Account, connector: Connector | None) -> Connector:
    if connector is not None:
        return connector
    from nabz.publishing.worker import http_client

    return connector_for(account.network, account.credentials(), client=http_client())


def _refreshing(connector: Connector, account: Account, call):  # type: ignore[no-untyped-def]
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


def backoff(failures: int, exc: PublishError) -> dt.timedelta:
    if exc.retry_after:
        return dt.timedelta(seconds=max(exc.retry_after, 30.0))
    return dt.timedelta(seconds=min(6 * 3600, 60 * 2 ** min(failures, 8)))


def read_publication(
    pk: int, *, now: dt.datetime | None = None, connector: Connector | None = None
) -> str:
    now = now or timezone.now()
    pub = (
        Publication.objects.select_related("post__workspace", "account")
        .filter(pk=pk, state=Publication.State.SENT)
        .first()
    )
    if pub is None or pub.account is None or not pub.remote_id:
        return "skipped"
    account = pub.account
    conn = _connector(account, connector)
    try:
        result = _refreshing(
            conn, account, lambda: reading.read_post(pub.network, conn, pub.remote_id)
        )
    except PublishError as exc:
        return _failed(pub, exc, now)
    record([Observation(target_of(pub), result.values, result.raw, now)])
    LatestMetrics.objects.filter(publication_id=pk).update(
        next_read_at=next_reading(pub.published_at, now)
    )
    return "read"


def _failed(pub: Publication, exc: PublishError, now: dt.datetime) -> str:
    row = LatestMetrics.objects.filter(publication_id=pub.pk).first()
    if row is None:  # never read yet: keep the schedule on an empty row
        t = target_of(pub)
        row = LatestMetrics.objects.create(
            publication_id=pub.pk,
            workspace_id=t.workspace_id,
            account_id=t.account_id,
            post_id=t.post_id,
            network=t.network,
            pillar=t.pillar,
            language=t.language,
            published_at=t.published_at,
            taken_at=now,
        )
    gone = exc.permanent and exc.status == 404
    failures = row.failures + 1
    wait = dt.timedelta(days=3650) if gone else backoff(failures, exc)
    LatestMetrics.objects.filter(pk=row.pk).update(
        failures=failures, last_error=(exc.reason or str(exc))[:300], next_read_at=now + wait
    )
    log.info("metrics of publication %s: %s", pub.pk, exc.__class__.__name__)
    return "gone" if gone else "failed"


def read_account(
    pk: int, *, now: dt.datetime | None = None, connector: Connector | None = None
) -> str:
    now = now or timezone.now()
    account = Account.objects.filter(pk=pk, status=Account.Status.ACTIVE).first()
    if account is None:
        return "skipped"
    schedule, _ = AccountSchedule.objects.get_or_create(account=account)
    conn = _connector(account, connector)
    try:
        result = _refreshing(conn, account, lambda: reading.read_account(account.network, conn))
    except PublishError as exc:
        schedule.failures += 1
        schedule.last_error = (exc.reason or str(exc))[:300]
        schedule.next_read_at = now + backoff(schedule.failures, exc)
        schedule.save()
        return "failed"
    AccountPoint.objects.create(
        account=account, taken_at=now, followers=result.values.get("followers"), raw=result.raw
    )
    schedule.failures, schedule.last_error = 0, ""
    schedule.next_read_at = now + ACCOUNT_EVERY
    schedule.save()
    return "read"


def _monthly_reports(now: dt.datetime, *, inline: bool) -> None:
    """In the first days of a month, the last month's PDFs are made and mailed (once per
    workspace and month: ``pdf.send_due_reports`` remembers the month it sent)."""
    from nabz.analytics.models import ReportSchedule

    month = (now.date().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    waiting = (
        ReportSchedule.objects.filter(recipients__isnull=False, send_day__lte=now.day + 1)
        .filter(Q(last_sent_month__isnull=True) | Q(last_sent_month__lt=month))
        .exists()
    )
    if not waiting:
        return
    if inline:
        from nabz.analytics.pdf import send_due_reports

        send_due_reports(now)
    else:
        from nabz.analytics.tasks import monthly_reports_task

        monthly_reports_task.enqueue()
