"""Folding readings into the time series, the latest values and the daily rollups.

A network's counts are totals since the post went out. A reading adds to the day it was
taken (in the workspace's timezone) what changed since the publication's previous
reading: so the rollups of all days add up to each post's latest totals, a day's row says
what that day brought, and a report reads a few hundred rollup rows instead of a million
points. ``record`` takes a batch (the reader sends one publication's reading, the bench
thousands) and writes points, latest values and rollups in one transaction.

A number the network does not give stays NULL everywhere (shown as "not available from
<network>"); a number it gave once and not this time leaves the totals as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction

from nabz.analytics.models import METRIC_FIELDS, DailyRollup, LatestMetrics, MetricPoint


@dataclass(frozen=True, slots=True)
class Target:
    """A publication with what the rollups group it by."""

    publication_id: int
    account_id: int
    workspace_id: int
    post_id: int
    network: str
    pillar: str
    language: str
    published_at: dt.datetime | None
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class Observation:
    target: Target
    values: Mapping[str, int | None]
    raw: Mapping[str, object]
    taken_at: dt.datetime


def _day(when: dt.datetime, zone: str) -> dt.date:
    try:
        return when.astimezone(ZoneInfo(zone)).date()
    except (KeyError, ValueError):
        return when.astimezone(dt.UTC).date()


def delta(previous: int | None, current: int | None) -> int | None:
    """What a reading adds: None when it says nothing new about the number."""
    if current is None:
        return None
    return current if previous is None else current - previous


def record(observations: Iterable[Observation]) -> int:
    """Store a batch of readings (oldest first within a publication); returns how many."""
    batch = list(observations)
    if not batch:
        return 0
    with transaction.atomic():
        ids = {o.target.publication_id for o in batch}
        rows = LatestMetrics.objects.filter(publication_id__in=ids)
        latest = {row.publication_id: row for row in rows}
        new_latest: dict[int, LatestMetrics] = {}
        points: list[MetricPoint] = []
        sums: dict[tuple[dt.date, int, str, str], dict[str, int | None]] = {}
        slices: dict[tuple[dt.date, int, str, str], Target] = {}
        counts: dict[tuple[dt.date, int, str, str], int] = {}
        for obs in batch:
            t = obs.target
            values = {k: obs.values.get(k) for k in METRIC_FIELDS}
            points.append(
                MetricPoint(
                    publication_id=t.publication_id,
                    account_id=t.account_id,
                    network=t.network,
                    taken_at=obs.taken_at,
                    raw=dict(obs.raw),
                    **values,
                )
            )
            row = latest.get(t.publication_id)
            if row is None:
                row = LatestMetrics(
                    publication_id=t.publication_id,
                    workspace_id=t.workspace_id,
                    account_id=t.account_id,
                    post_id=t.post_id,
                    network=t.network,
                    pillar=t.pillar,
                    language=t.language,
                    published_at=t.published_at,
                    taken_at=obs.taken_at,
                )
                latest[t.publication_id] = row
                new_latest[t.publication_id] = row
            key = (_day(obs.taken_at, t.timezone), t.account_id, t.pillar, t.language)
            slices[key] = t
            counts[key] = counts.get(key, 0) + 1
            acc = sums.setdefault(key, dict.fromkeys(METRIC_FIELDS))
            for name in METRIC_FIELDS:
                change = delta(getattr(row, name), values[name])
                if change is not None:
                    acc[name] = (acc[name] or 0) + change
                    setattr(row, name, values[name])
            row.taken_at = obs.taken_at
            row.failures, row.last_error = 0, ""
        MetricPoint.objects.bulk_create(points, batch_size=500)
        # The changed rows are written back as one DELETE and one multi-row INSERT (same
        # primary keys, every column from the row read above): Django's bulk_update
        # writes one CASE per column and row, several times slower at a few thousand rows.
        changed = [r for pid, r in latest.items() if pid not in new_latest and pid in ids]
        LatestMetrics.objects.filter(pk__in=[r.pk for r in changed]).delete()
        LatestMetrics.objects.bulk_create([*changed, *new_latest.values()], batch_size=500)
        _fold(sums, slices, counts)
    return len(batch)


def _fold(
    sums: Mapping[tuple[dt.date, int, str, str], Mapping[str, int | None]],
    slices: Mapping[tuple[dt.date, int, str, str], Target],
    counts: Mapping[tuple[dt.date, int, str, str], int],
) -> None:
    days = {k[0] for k in sums}
    accounts = {k[1] for k in sums}
    existing = {
        (r.day, r.account_id, r.pillar, r.language): r
        for r in DailyRollup.objects.select_for_update().filter(
            day__in=days, account_id__in=accounts
        )
    }
    create: list[DailyRollup] = []
    update: list[DailyRollup] = []
    for key, add in sums.items():
        row = existing.get(key)
        if row is None:
            t = slices[key]
            row = DailyRollup(
                workspace_id=t.workspace_id,
                day=key[0],
                account_id=key[1],
                network=t.network,
                pillar=key[2],
                language=key[3],
            )
            create.append(row)
        else:
            update.append(row)
        row.readings += counts[key]
        for name, value in add.items():
            if value is not None:
                setattr(row, name, (getattr(row, name) or 0) + value)
    DailyRollup.objects.bulk_create(create, batch_size=500)
    DailyRollup.objects.bulk_update(update, ["readings", *METRIC_FIELDS], batch_size=500)
