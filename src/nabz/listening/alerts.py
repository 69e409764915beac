"""Alerts: a volume spike, a myth appearing or rising, our organisation mentioned with
health details or in an emergency. Each alert keeps the results that caused it and is
shown in the app (a notification to every member who may see listening) and by email.

The spike test (:func:`spike`) compares the query's count in the current hour with the
same hour of the past ``BASELINE_DAYS`` days: it fires when the count is above the
baseline's mean by ``z`` standard deviations (the sensitivity setting), at least
``ratio`` times the mean and at least ``floor`` results. A quiet time after each alert
(the query's cool-down) keeps a long rise from sending one alert an hour.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as _noop

from nabz.listening.models import Alert, ListeningQuery, Result, Volume

BASELINE_DAYS = 7
# sensitivity -> (z, ratio, floor)
THRESHOLDS = {"low": (4.0, 3.0, 20), "medium": (3.0, 2.0, 10), "high": (2.0, 1.5, 5)}
MYTH_RISE = 2.0  # a myth alerted before alerts again when its hourly count doubles...
MYTH_RISE_FLOOR = 3  # ...and is at least this
SAMPLE = 20  # results kept with an alert

TEXTS = {
    Alert.Kind.SPIKE: _noop(
        "Listening: “%(query)s” has %(count)s results this hour (usually %(baseline)s)."
    ),
    Alert.Kind.MYTH: _noop("Listening: a health myth is spreading in “%(query)s”: %(myth)s"),
    Alert.Kind.HEALTH: _noop(
        "Listening: our organisation was mentioned with health details (“%(query)s”)."
    ),
    Alert.Kind.EMERGENCY: _noop(
        "Listening: our organisation was mentioned in an emergency (“%(query)s”)."
    ),
}


@dataclass(frozen=True, slots=True)
class Spike:
    count: int
    mean: float
    std: float
    threshold: float


def spike(current: int, history: Sequence[int], sensitivity: str = "medium") -> Spike | None:
    """The spike in ``current`` against ``history`` (the same hour of past days), or None."""
    z, ratio, floor = THRESHOLDS.get(sensitivity, THRESHOLDS["medium"])
    days = list(history) or [0]
    mean = sum(days) / len(days)
    std = math.sqrt(sum((d - mean) ** 2 for d in days) / len(days))
    # A flat history has no spread: count one result of noise, like a Poisson count's √mean.
    spread = max(std, math.sqrt(mean), 1.0)
    threshold = max(float(floor), mean + z * spread, mean * ratio)
    if current >= threshold:
        return Spike(current, mean, std, threshold)
    return None


def hours(now: dt.datetime) -> tuple[dt.datetime, list[dt.datetime]]:
    current = now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return current, [current - dt.timedelta(days=d) for d in range(1, BASELINE_DAYS + 1)]


def spikes(queries: Iterable[ListeningQuery], now: dt.datetime) -> dict[int, Spike]:
    """Spikes of many queries at once: one read of the hourly counts for all of them."""
    chosen = {q.pk: q for q in queries}
    current, past = hours(now)
    counts: dict[tuple[int, dt.datetime], int] = {}
    rows = Volume.objects.filter(query_id__in=list(chosen), hour__in=[current, *past])
    for query_id, hour, count in rows.values_list("query_id", "hour", "count"):
        counts[(query_id, hour.astimezone(dt.UTC))] = count
    found: dict[int, Spike] = {}
    for pk, query in chosen.items():
        history = [counts.get((pk, h), 0) for h in past]
        hit = spike(counts.get((pk, current), 0), history, query.sensitivity)
        if hit is not None:
            found[pk] = hit
    return found


def _cooling(query: ListeningQuery, kind: str, now: dt.datetime, myth_id: str = "") -> bool:
    since = now - dt.timedelta(minutes=query.cooldown_minutes)
    recent = Alert.objects.filter(query=query, kind=kind, created_at__gt=since)
    if myth_id:
        recent = recent.filter(myth_id=myth_id)
    return recent.exists()


def look(query: ListeningQuery, now: dt.datetime | None = None) -> list[Alert]:
    """Every alert the query's results call for now (after a run)."""
    now = now or timezone.now()
    raised: list[Alert] = []
    current, _past = hours(now)
    hit = spikes([query], now).get(query.pk)
    if hit is not None and not _cooling(query, Alert.Kind.SPIKE, now):
        results = Result.objects.filter(query=query, posted_at__gte=current).order_by("-posted_at")
        raised.append(
            _raise(
                query,
                Alert.Kind.SPIKE,
                now,
                {"count": hit.count, "baseline": round(hit.mean, 1), "threshold": hit.threshold},
                results[:SAMPLE],
            )
        )
    raised += _myths(query, now)
    if query.is_brand:
        fresh = Result.objects.filter(query=query, found_at__gte=now)
        for kind, flag in ((Alert.Kind.EMERGENCY, "emergency"), (Alert.Kind.HEALTH, "health")):
            rows = list(fresh.filter(**{flag: True}).order_by("-posted_at")[:SAMPLE])
            if rows:
                raised.append(_raise(query, kind, now, {"count": len(rows)}, rows))
    return raised


def _myths(query: ListeningQuery, now: dt.datetime) -> list[Alert]:
    hour_ago = now - dt.timedelta(hours=1)
    counts = (
        Result.objects.filter(query=query, myth=True, posted_at__gte=hour_ago)
        .exclude(myth_id="")
        .values("myth_id")
        .annotate(n=Count("pk"))
    )
    raised = []
    for row in counts:
        myth_id, count = row["myth_id"], row["n"]
        if _cooling(query, Alert.Kind.MYTH, now, myth_id):
            continue
        last = Alert.objects.filter(query=query, kind=Alert.Kind.MYTH, myth_id=myth_id).first()
        if last is not None:
            before = int(last.details.get("count") or 0)
            if count < max(MYTH_RISE_FLOOR, before * MYTH_RISE):
                continue
        results = list(
            Result.objects.filter(query=query, myth_id=myth_id, posted_at__gte=hour_ago).order_by(
                "-posted_at"
            )[:SAMPLE]
        )
        facts = next((f for r in results for f in r.findings if f.get("myth_id") == myth_id), {})
        details = {
            "count": count,
            "rising": last is not None,
            "myth": facts.get("myth", ""),
            "fact": facts.get("fact", ""),
            "source": facts.get("source", ""),
            "language": results[0].language if results else "",
        }
        raised.append(_raise(query, Alert.Kind.MYTH, now, details, results, myth_id))
    return raised


def _raise(
    query: ListeningQuery,
    kind: str,
    now: dt.datetime,
    details: dict[str, object],
    results: Iterable[Result],
    myth_id: str = "",
) -> Alert:
    alert = Alert.objects.create(
        workspace_id=query.workspace_id,
        query=query,
        kind=kind,
        created_at=now,
        details=details,
        myth_id=myth_id,
    )
    alert.results.set(list(results))
    tell(alert)
    return alert


def tell(alert: Alert) -> None:
    """An in-app notice to every member who may see listening, and an email to them."""
    from nabz.content.models import Notification
    from nabz.workspaces.models import Membership
    from nabz.workspaces.roles import Action, can

    query = alert.query
    params = {
        "query": query.name,
        "count": alert.details.get("count", ""),
        "baseline": alert.details.get("baseline", ""),
        "myth": alert.details.get("myth", ""),
    }
    text_id = TEXTS[alert.kind]
    url = reverse("listening_alert", kwargs={"ws": query.workspace.slug, "pk": alert.pk})
    members = [
        m
        for m in Membership.objects.filter(workspace_id=alert.workspace_id).select_related("user")
        if can(m.role, Action.VIEW_LISTENING)
    ]
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=m.user_id,
                workspace_id=alert.workspace_id,
                message=(text_id % params)[:300],
                text_id=text_id,
                params=params,
                url=url,
            )
            for m in members
        ]
    )
    emails = [m.user.email for m in members if m.user.email]
    if emails:
        base = getattr(settings, "NABZ_BASE_URL", "").rstrip("/")
        send_mail(
            subject=(text_id % params)[:150],
            message=f"{text_id % params}\n\n{base}{url}\n",
            from_email=None,
            recipient_list=emails,
            fail_silently=True,
        )
