"""The publish-time picker's month, in the reader's calendar (made on the server, offline).

Persian readers pick from a Jalali month; Arabic readers from a Gregorian month with each
day's Hijri (Umm al-Qura) date beside it; others from a Gregorian month. Digits are the
reader's. Every day carries its Gregorian ISO date, which is what the form sends, so the
conversion lives here once (nabz.core.calendars) and the page's script only copies it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jdatetime

from nabz.core.calendars import (
    ARABIC_GREGORIAN_MONTHS,
    ENGLISH_MONTHS,
    HIJRI_MONTHS,
    JALALI_MONTHS,
    format_date,
    hijri,
    local_digits,
)

WEEKDAYS = {  # the reader's week, from its first day
    "fa": ("ش", "ی", "د", "س", "چ", "پ", "ج"),
    "ar": ("سبت", "أحد", "اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
FIRST_WEEKDAY = {"fa": 5, "ar": 5, "en": 0}  # Python's weekday(): Saturday 5, Monday 0


@dataclass(frozen=True)
class Day:
    date: dt.date
    number: str  # the day of the month in the reader's calendar and digits
    beside: str  # Arabic: the Hijri day of the month
    label: str  # the whole date, for screen readers and the "chosen" line
    selected: bool
    today: bool
    past: bool


@dataclass(frozen=True)
class Month:
    caption: str
    weekdays: tuple[str, ...]
    weeks: tuple[tuple[Day | None, ...], ...]
    previous: dt.date  # a day in the month before, and after
    following: dt.date


def _language(language: str) -> str:
    return language if language in WEEKDAYS else "en"


def month_days(anchor: dt.date, language: str) -> list[dt.date]:
    """The Gregorian dates of the month holding ``anchor`` in the reader's calendar."""
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=anchor)
        day = jdatetime.date(j.year, j.month, 1).togregorian()
        days = []
        while jdatetime.date.fromgregorian(date=day).month == j.month:
            days.append(day)
            day += dt.timedelta(days=1)
        return days
    first = anchor.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return [first + dt.timedelta(days=i) for i in range((following - first).days)]


def _caption(days: list[dt.date], language: str) -> str:
    first, last = days[0], days[-1]
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=first)
        return local_digits(f"{JALALI_MONTHS[j.month - 1]} {j.year}", "fa")
    if language == "ar":
        text = f"{ARABIC_GREGORIAN_MONTHS[first.month - 1]} {first.year}"
        start, end = hijri(first), hijri(last)
        if start and end:
            months = HIJRI_MONTHS[start[1] - 1]
            if (start[0], start[1]) != (end[0], end[1]):
                months += f" – {HIJRI_MONTHS[end[1] - 1]}"
            text += f" ({months} {end[0]} هـ)"
        return local_digits(text, "ar")
    return f"{ENGLISH_MONTHS[first.month - 1]} {first.year}"


def _number(day: dt.date, language: str) -> str:
    if language == "fa":
        return local_digits(jdatetime.date.fromgregorian(date=day).day, "fa")
    return local_digits(day.day, language)


def month(anchor: dt.date, language: str, *, selected: dt.date | None, today: dt.date) -> Month:
    language = _language(language)
    days = month_days(anchor, language)
    lead = (days[0].weekday() - FIRST_WEEKDAY[language]) % 7
    cells: list[Day | None] = [None] * lead
    for day in days:
        h = hijri(day) if language == "ar" else None
        cells.append(
            Day(
                date=day,
                number=_number(day, language),
                beside=local_digits(h[2], "ar") if h else "",
                label=format_date(day, language),
                selected=day == selected,
                today=day == today,
                past=day < today,
            )
        )
    cells += [None] * (-len(cells) % 7)
    weeks = tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))
    return Month(
        caption=_caption(days, language),
        weekdays=WEEKDAYS[language],
        weeks=weeks,
        previous=days[0] - dt.timedelta(days=1),
        following=days[-1] + dt.timedelta(days=1),
    )
