"""Business hours: how much of a response target has run, on the workspace's calendar.

A ``BusinessCalendar`` is a time zone, opening hours per weekday (several intervals a day,
e.g. closed for lunch) and holidays. A holiday is an ISO date (``"2026-12-25"``) or the id
of an observance of the observances app (``"nowruz"``), closed on each of its occurrences.

Opening hours are wall-clock times in the workspace's zone; what is counted is real
elapsed time inside them, so the night the clocks go forward has an hour less open and
the night they go back an hour more.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nabz.observances import calendar as observances

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAY = (dt.time(0, 0), None)  # None: until midnight
MAX_DAYS = 3 * 366  # a target never runs this long; a calendar that is never open stops


class CalendarError(ValueError):
    """A calendar that cannot be counted on; the message names the bad part."""


Interval = tuple[dt.time, dt.time | None]


def _time(text: object, day: str) -> dt.time | None:
    if text == "24:00":
        return None
    try:
        hour, minute = str(text).split(":")
        if len(hour) != 2 or len(minute) != 2:
            raise ValueError
        return dt.time(int(hour), int(minute))
    except ValueError:
        raise CalendarError(f"{day}: {text!s} is not a time like 09:00") from None


def _intervals(day: str, raw: object) -> tuple[Interval, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise CalendarError(f"{day}: give a list of [opens, closes] pairs")
    found: list[Interval] = []
    for pair in raw:
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise CalendarError(f"{day}: give a list of [opens, closes] pairs")
        opens = _time(pair[0], day) or dt.time(0, 0)
        closes = _time(pair[1], day)
        if closes is not None and closes <= opens:
            raise CalendarError(f"{day}: {pair[1]} closes before {pair[0]} opens")
        found.append((opens, closes))
    found.sort()
    for (_, closes), (opens, _) in itertools.pairwise(found):
        if closes is None or closes > opens:
            raise CalendarError(f"{day}: opening hours overlap")
    return tuple(found)


@dataclass(frozen=True)
class BusinessCalendar:
    timezone: str
    hours: Mapping[str, object]
    holidays: Iterable[str] = ()
    _week: tuple[tuple[Interval, ...], ...] = field(init=False, repr=False)
    _dates: frozenset[dt.date] = field(init=False, repr=False)
    _observances: tuple[str, ...] = field(init=False, repr=False)
    _zone: dt.tzinfo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            zone = zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CalendarError(f"unknown time zone {self.timezone}") from None
        unknown = set(self.hours) - set(WEEKDAYS)
        if unknown:
            raise CalendarError(f"unknown weekday {sorted(unknown)[0]} (use {', '.join(WEEKDAYS)})")
        week = tuple(_intervals(day, self.hours.get(day, [])) for day in WEEKDAYS)
        if not any(week):
            raise CalendarError("the calendar is never open: give opening hours for a weekday")
        dates, named = set(), []
        for holiday in self.holidays:
            try:
                dates.add(dt.date.fromisoformat(str(holiday)))
                continue
            except ValueError:
                pass
            if observances.get(str(holiday)) is None:
                raise CalendarError(f"holiday {holiday}: neither a date nor an observance id")
            named.append(str(holiday))
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(self, "_week", week)
        object.__setattr__(self, "_dates", frozenset(dates))
        object.__setattr__(self, "_observances", tuple(sorted(named)))

    @classmethod
    def always(cls, timezone: str = "UTC") -> BusinessCalendar:
        """Open around the clock: business time is plain time."""
        return cls(timezone, {day: [["00:00", "24:00"]] for day in WEEKDAYS})

    def is_holiday(self, day: dt.date) -> bool:
        return day in self._dates or day in _observance_days(self._observances, day.year)

    def _open_spans(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The day's open intervals as aware instants (wall times in the zone)."""
        if self.is_holiday(day):
            return []
        spans = []
        for opens, closes in self._week[day.weekday()]:
            start = dt.datetime.combine(day, opens, tzinfo=self._zone)
            end = (
                dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=self._zone)
                if closes is None
                else dt.datetime.combine(day, closes, tzinfo=self._zone)
            )
            # Compare real instants: a wall time skipped by DST maps forward.
            start_utc, end_utc = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
            if end_utc > start_utc:
                spans.append((start_utc, end_utc))
        return spans

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The instant when ``duration`` of business time has passed since ``start``."""
        left = duration
        moment = start.astimezone(dt.UTC)
        day = moment.astimezone(self._zone).date() - dt.timedelta(days=1)
        for _ in range(MAX_DAYS):
            for opens, closes in self._open_spans(day):
                if closes <= moment:
                    continue
                begin = max(opens, moment)
                if begin + left <= closes:
                    return (begin + left).astimezone(start.tzinfo)
                left -= closes - begin
            day += dt.timedelta(days=1)
        raise CalendarError("the calendar is not open within three years")

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Business time from ``start`` to ``end`` (zero if ``end`` comes first)."""
        begin, finish = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        total = dt.timedelta(0)
        day = begin.astimezone(self._zone).date() - dt.timedelta(days=1)
        last = finish.astimezone(self._zone).date()
        while day <= last and begin < finish:
            for opens, closes in self._open_spans(day):
                lo, hi = max(opens, begin), min(closes, finish)
                if hi > lo:
                    total += hi - lo
            day += dt.timedelta(days=1)
        return total


@functools.lru_cache(maxsize=256)
def _observance_days(ids: tuple[str, ...], year: int) -> frozenset[dt.date]:
    if not ids:
        return frozenset()
    days: set[dt.date] = set()
    for occurrence in observances.occurrences(dt.date(year, 1, 1), dt.date(year, 12, 31)):
        if occurrence.observance.id in ids:
            for offset in range(occurrence.days):
                days.add(occurrence.start + dt.timedelta(days=offset))
    return frozenset(days)
