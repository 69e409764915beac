"""Calendar grids in the user's calendar: Gregorian months, or Jalali months for Persian.

The grid is pure date arithmetic; the view fills it with posts (one query) and
observances.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import jdatetime

from nabz.core.calendars import ARABIC_GREGORIAN_MONTHS, ENGLISH_MONTHS, JALALI_MONTHS, hijri

# First day of the week: Saturday for Persian and Arabic, Monday otherwise.
WEEK_START = {"fa": 5, "ar": 5}


@dataclass
class Day:
    date: dt.date
    in_month: bool
    label: int  # the day number in the calendar shown
    hijri_label: int | None = None
    posts: list[object] = field(default_factory=list)
    more: int = 0  # posts beyond what a cell shows (see the list view)
    observances: list[object] = field(default_factory=list)


@dataclass
class Period:
    start: dt.date  # first day shown (inclusive)
    end: dt.date  # last day shown (inclusive)
    title: str
    previous: dt.date
    next: dt.date
    weeks: list[list[Day]]


def week_start(language: str) -> int:
    return WEEK_START.get(language, 0)


def _grid(first: dt.date, last: dt.date, language: str, label) -> list[list[Day]]:  # type: ignore[no-untyped-def]
    start = first - dt.timedelta(days=(first.weekday() - week_start(language)) % 7)
    days = []
    current = start
    while current <= last or len(days) % 7:
        h = hijri(current) if language == "ar" else None
        days.append(Day(current, first <= current <= last, label(current), h[2] if h else None))
        current += dt.timedelta(days=1)
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def month(anchor: dt.date, language: str) -> Period:
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=anchor)
        first = jdatetime.date(j.year, j.month, 1).togregorian()
        nxt = jdatetime.date(j.year + (j.month == 12), j.month % 12 + 1, 1).togregorian()
        prev_j = jdatetime.date(j.year - (j.month == 1), (j.month - 2) % 12 + 1, 1)
        title = f"{JALALI_MONTHS[j.month - 1]} {j.year}"
        return Period(
            first,
            nxt - dt.timedelta(days=1),
            title,
            prev_j.togregorian(),
            nxt,
            _grid(
                first,
                nxt - dt.timedelta(days=1),
                language,
                lambda d: jdatetime.date.fromgregorian(date=d).day,
            ),
        )
    first = anchor.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    prev = (first - dt.timedelta(days=1)).replace(day=1)
    names = ARABIC_GREGORIAN_MONTHS if language == "ar" else ENGLISH_MONTHS
    title = f"{names[first.month - 1]} {first.year}"
    return Period(
        first,
        nxt - dt.timedelta(days=1),
        title,
        prev,
        nxt,
        _grid(first, nxt - dt.timedelta(days=1), language, lambda d: d.day),
    )


def week(anchor: dt.date, language: str) -> Period:
    start = anchor - dt.timedelta(days=(anchor.weekday() - week_start(language)) % 7)
    end = start + dt.timedelta(days=6)
    if language == "fa":

        def label(d: dt.date) -> int:
            return jdatetime.date.fromgregorian(date=d).day
    else:

        def label(d: dt.date) -> int:
            return d.day

    weeks = _grid(start, end, language, label)
    return Period(start, end, "", start - dt.timedelta(days=7), start + dt.timedelta(days=7), weeks)


def place(
    period: Period,
    posts: Iterable[object],
    local_date,
    per_day: int | None = None,  # type: ignore[no-untyped-def]
) -> None:
    """Put posts in their day's cell; beyond ``per_day`` a cell only counts them."""
    by_day: dict[dt.date, list[object]] = defaultdict(list)
    for post in posts:
        by_day[local_date(post)].append(post)
    for row in period.weeks:
        for day in row:
            found = by_day.get(day.date, [])
            day.posts = found if per_day is None else found[:per_day]
            day.more = len(found) - len(day.posts)


@dataclass
class MixRow:
    pillar: str
    label: str
    count: int
    share: float  # 0-100
    target: float | None  # 0-100


def content_mix(
    posts: list[object], pillar_labels: dict[str, str], target: dict[str, float]
) -> list[MixRow]:
    counts = Counter(p.pillar for p in posts)
    total = sum(counts.values())
    rows = []
    for pillar, label in pillar_labels.items():
        count = counts.get(pillar, 0)
        raw_target = target.get(pillar)
        rows.append(
            MixRow(
                pillar,
                label,
                count,
                100 * count / total if total else 0.0,
                float(raw_target) if raw_target is not None else None,
            )
        )
    return rows


def cadence_gaps(  # type: ignore[no-untyped-def]
    period: Period,
    posts: list[object],
    networks_by_post: dict[int, list[str]],
    networks: list[str],
    local_date,
    today: dt.date,
) -> dict[str, list[dt.date]]:
    """Days from today on in the period with nothing planned on each target network."""
    covered: dict[str, set[dt.date]] = defaultdict(set)
    for post in posts:
        for network in networks_by_post.get(post.pk, ()):  # type: ignore[attr-defined]
            covered[network].add(local_date(post))
    first = max(period.start, today)
    days = [first + dt.timedelta(days=i) for i in range((period.end - first).days + 1)]
    return {n: [d for d in days if d not in covered[n]] for n in networks}
