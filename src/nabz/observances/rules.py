"""Date rules of observances, written as short English phrases in the data file.

Grammar (case and extra spaces do not matter):

    04-07                         a fixed Gregorian day (month-day)
    04-24..04-30                  a fixed Gregorian span, both ends included
    second Thursday of March      nth weekday of a month: first, second, third, fourth or last
    last day of February          the last day of a Gregorian month
    all of October                a whole Gregorian month
    hijri: 05-05                  a day of the Umm al-Qura Hijri calendar (hijridate)
    hijri: 12-01..12-13           a Hijri span
    hijri: all of month 9         a whole Hijri month (29 or 30 days; 9 is Ramadan)
    jalali: 01-01                 a day of the Jalali (Persian) calendar (jdatetime)
    jalali: 01-01..01-13          a Jalali span

Every rule answers `spans(year)`: the (start, end) Gregorian dates, end included, of the
occurrences that *start* in that Gregorian year. Hijri dates outside the range hijridate
covers (1343–1500 AH, about 1924–2077) give no occurrence rather than an error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar, Protocol

import jdatetime
from hijridate import Hijri

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}

Span = tuple[dt.date, dt.date]


class RuleError(ValueError):
    """A date rule that cannot be understood or can never happen every year."""


class DateRule(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def calendar(self) -> str:
        """'gregorian', 'hijri' or 'jalali'."""

    def spans(self, year: int) -> list[Span]: ...

    @property
    def single_day(self) -> bool: ...

    @property
    def whole_month(self) -> bool: ...


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int  # 0 stands for "the last day of the month" (Hijri months only)


def _check_day(month_day: MonthDay, longest: tuple[int, ...], every_year: tuple[int, ...]) -> None:
    """Reject days that do not exist (Gregorian 04-31) or not every year (Gregorian 02-29)."""
    if not 1 <= month_day.month <= 12:
        raise RuleError(f"month {month_day.month} does not exist")
    if month_day.day == 0:
        return
    if not 1 <= month_day.day <= longest[month_day.month - 1]:
        raise RuleError(f"day {month_day.month:02d}-{month_day.day:02d} does not exist")
    if month_day.day > every_year[month_day.month - 1]:
        raise RuleError(f"day {month_day.month:02d}-{month_day.day:02d} does not happen every year")


GREGORIAN_LONGEST = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
GREGORIAN_EVERY_YEAR = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
JALALI_LONGEST = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30)
JALALI_EVERY_YEAR = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)
HIJRI_LONGEST = (30,) * 12
HIJRI_EVERY_YEAR = (29,) * 12  # Umm al-Qura months have 29 or 30 days, varying by year


@dataclass(frozen=True)
class GregorianSpan:
    """A fixed Gregorian day, or a fixed span of days that may run into the next year."""

    text: str
    start: MonthDay
    end: MonthDay
    calendar: ClassVar[str] = "gregorian"

    def __post_init__(self) -> None:
        for month_day in (self.start, self.end):
            if month_day.day == 0:
                raise RuleError("'end' is only for Hijri months")
            _check_day(month_day, GREGORIAN_LONGEST, GREGORIAN_EVERY_YEAR)

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    @property
    def whole_month(self) -> bool:
        return False

    def spans(self, year: int) -> list[Span]:
        start = dt.date(year, self.start.month, self.start.day)
        end = dt.date(year, self.end.month, self.end.day)
        if end < start:
            end = end.replace(year=year + 1)
        return [(start, end)]


@dataclass(frozen=True)
class NthWeekday:
    """The first/second/third/fourth/last given weekday of a Gregorian month."""

    text: str
    nth: int  # 1..4, or -1 for the last
    weekday: int  # Monday is 0
    month: int
    calendar: ClassVar[str] = "gregorian"
    single_day: ClassVar[bool] = True
    whole_month: ClassVar[bool] = False

    def spans(self, year: int) -> list[Span]:
        if self.nth > 0:
            first = dt.date(year, self.month, 1)
            offset = (self.weekday - first.weekday()) % 7
            day = first + dt.timedelta(days=offset + 7 * (self.nth - 1))
        else:
            last = dt.date(year, self.month, calendar.monthrange(year, self.month)[1])
            day = last - dt.timedelta(days=(last.weekday() - self.weekday) % 7)
        return [(day, day)]


@dataclass(frozen=True)
class LastDayOfMonth:
    text: str
    month: int
    calendar: ClassVar[str] = "gregorian"
    single_day: ClassVar[bool] = True
    whole_month: ClassVar[bool] = False

    def spans(self, year: int) -> list[Span]:
        day = dt.date(year, self.month, calendar.monthrange(year, self.month)[1])
        return [(day, day)]


@dataclass(frozen=True)
class GregorianMonth:
    text: str
    month: int
    calendar: ClassVar[str] = "gregorian"
    single_day: ClassVar[bool] = False
    whole_month: ClassVar[bool] = True

    def spans(self, year: int) -> list[Span]:
        last = calendar.monthrange(year, self.month)[1]
        return [(dt.date(year, self.month, 1), dt.date(year, self.month, last))]


def _hijri_to_gregorian(year: int, month_day: MonthDay) -> dt.date:
    if month_day.day == 0:  # last day of the month
        first = Hijri(year, month_day.month, 1)
        day = first.month_length()
    else:
        day = month_day.day
    day_in_gregorian = Hijri(year, month_day.month, day).to_gregorian()
    return dt.date(day_in_gregorian.year, day_in_gregorian.month, day_in_gregorian.day)


@dataclass(frozen=True)
class HijriSpan:
    """A day, span or whole month of the Umm al-Qura Hijri calendar (hijridate)."""

    text: str
    start: MonthDay
    end: MonthDay
    calendar: ClassVar[str] = "hijri"

    def __post_init__(self) -> None:
        if self.start.day == 0:
            raise RuleError("a Hijri span cannot start on 'end'")
        for month_day in (self.start, self.end):
            _check_day(month_day, HIJRI_LONGEST, HIJRI_EVERY_YEAR)

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    @property
    def whole_month(self) -> bool:
        return self.start.month == self.end.month and self.start.day == 1 and self.end.day == 0

    def spans(self, year: int) -> list[Span]:
        found = []
        for hijri_year in _hijri_years_touching(year):
            try:
                start = _hijri_to_gregorian(hijri_year, self.start)
                end_year = hijri_year + (1 if _before(self.end, self.start) else 0)
                end = _hijri_to_gregorian(end_year, self.end)
            except (OverflowError, ValueError):
                continue  # outside the Umm al-Qura tables
            if start.year == year:
                found.append((start, end))
        return found


def _before(a: MonthDay, b: MonthDay) -> bool:
    """Does month-day a come before b within a year (0 = end of month sorts last)?"""
    return (a.month, a.day or 99) < (b.month, b.day or 99)


def _hijri_years_touching(year: int) -> range:
    # A Hijri year is about 354 days, so a Gregorian year meets two or three of them.
    estimate = round((year - 622) * 33 / 32)
    return range(estimate - 2, estimate + 2)


@dataclass(frozen=True)
class JalaliSpan:
    """A day or span of the Jalali (Solar Hijri) calendar (jdatetime)."""

    text: str
    start: MonthDay
    end: MonthDay
    calendar: ClassVar[str] = "jalali"
    whole_month: ClassVar[bool] = False

    def __post_init__(self) -> None:
        for month_day in (self.start, self.end):
            if month_day.day == 0:
                raise RuleError("'end' is only for Hijri months")
            _check_day(month_day, JALALI_LONGEST, JALALI_EVERY_YEAR)

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    def spans(self, year: int) -> list[Span]:
        found = []
        for jalali_year in (year - 622, year - 621):
            start = _jalali_to_gregorian(jalali_year, self.start)
            end_year = jalali_year + (1 if _before(self.end, self.start) else 0)
            end = _jalali_to_gregorian(end_year, self.end)
            if start.year == year:
                found.append((start, end))
        return found


def _jalali_to_gregorian(year: int, month_day: MonthDay) -> dt.date:
    day: dt.date = jdatetime.date(year, month_day.month, month_day.day).togregorian()
    return day


_MONTH_DAY = r"(\d{2})-(\d{2}|end)"
_SPAN = re.compile(rf"^{_MONTH_DAY}(?:\s*\.\.\s*{_MONTH_DAY})?$")
_NTH = re.compile(r"^(first|second|third|fourth|last) ([a-z]+) of ([a-z]+)$")
_LAST_DAY = re.compile(r"^last day of ([a-z]+)$")
_ALL_OF = re.compile(r"^all of ([a-z]+)$")
_HIJRI_MONTH = re.compile(r"^all of month (\d{1,2})$")


def _month_day(month: str, day: str) -> MonthDay:
    return MonthDay(int(month), 0 if day == "end" else int(day))


def _month(name: str) -> int:
    if name not in MONTHS:
        raise RuleError(f"'{name}' is not an English month name")
    return MONTHS[name]


def _span(body: str) -> tuple[MonthDay, MonthDay] | None:
    match = _SPAN.match(body)
    if not match:
        return None
    start = _month_day(match[1], match[2])
    end = _month_day(match[3], match[4]) if match[3] else start
    return start, end


def parse_rule(text: str) -> DateRule:
    """Turn a rule phrase from the data file into a rule object, or raise RuleError."""
    if not isinstance(text, str) or not text.strip():
        raise RuleError("the date rule is empty")
    normal = " ".join(text.lower().split())
    calendar_name, _, body = normal.partition(":")
    if not body:
        calendar_name, body = "gregorian", normal
    body = body.strip()

    if calendar_name == "hijri":
        month = _HIJRI_MONTH.match(body)
        if month:
            return HijriSpan(text, MonthDay(int(month[1]), 1), MonthDay(int(month[1]), 0))
        span = _span(body)
        if span:
            return HijriSpan(text, *span)
    elif calendar_name == "jalali":
        span = _span(body)
        if span:
            return JalaliSpan(text, *span)
    elif calendar_name == "gregorian":
        span = _span(body)
        if span:
            return GregorianSpan(text, *span)
        last = _LAST_DAY.match(body)
        if last:
            return LastDayOfMonth(text, _month(last[1]))
        nth = _NTH.match(body)
        if nth:
            if nth[2] not in WEEKDAYS:
                raise RuleError(f"'{nth[2]}' is not an English weekday name")
            return NthWeekday(text, ORDINALS[nth[1]], WEEKDAYS[nth[2]], _month(nth[3]))
        whole = _ALL_OF.match(body)
        if whole:
            return GregorianMonth(text, _month(whole[1]))
    else:
        raise RuleError(f"unknown calendar '{calendar_name}' (use hijri: or jalali:)")
    raise RuleError(
        "not understood; write e.g. '04-07', '04-24..04-30', 'second Thursday of March', "
        "'last day of February', 'all of October', 'hijri: all of month 9', "
        "'hijri: 12-01..12-13' or 'jalali: 01-01'"
    )
