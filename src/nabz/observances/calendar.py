"""Occurrences of observances in Gregorian dates, and how each language shows them (B6).

The catalogue is read once; occurrences are computed per Gregorian year on first use and
kept, so a query over a year or two is a scan of a few hundred precomputed tuples.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nabz.core.calendars import ENGLISH_MONTHS, format_date
from nabz.observances.catalogue import GLOBAL, LANGUAGES, Observance, load_catalogue

PREFILL_TIME = dt.time(9, 0)
# Years computed as soon as the calendar is first used; others are computed on demand.
WARM_YEARS_BEFORE, WARM_YEARS_AFTER = 1, 3


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an observance: Gregorian start and end dates, both included."""

    observance: Observance
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        """A stable reference for URLs and forms: '<observance id>@<start date>'."""
        return f"{self.observance.id}@{self.start.isoformat()}"

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and self.end >= start


class _YearIndex:
    def __init__(self, catalogue: dict[str, Observance]) -> None:
        self.catalogue = catalogue
        self._years: dict[int, tuple[Occurrence, ...]] = {}
        self._lock = threading.Lock()

    def year(self, year: int) -> tuple[Occurrence, ...]:
        found = self._years.get(year)
        if found is None:
            found = self._compute(year)
            with self._lock:
                self._years[year] = found
        return found

    def _compute(self, year: int) -> tuple[Occurrence, ...]:
        found: list[Occurrence] = []
        for observance in self.catalogue.values():
            try:
                spans = observance.rule.spans(year)
            except (OverflowError, ValueError):  # beyond what the calendars can represent
                continue
            found.extend(Occurrence(observance, start, end) for start, end in spans)
        found.sort(key=lambda occurrence: (occurrence.start, occurrence.end, occurrence.key))
        return tuple(found)


@functools.cache
def _catalogue() -> dict[str, Observance]:
    return load_catalogue()


@functools.cache
def _index() -> _YearIndex:
    index = _YearIndex(_catalogue())
    this_year = dt.date.today().year
    for year in range(this_year - WARM_YEARS_BEFORE, this_year + WARM_YEARS_AFTER + 1):
        index.year(year)
    return index


def all_observances() -> list[Observance]:
    """Every observance, in the order of the data file."""
    return list(_catalogue().values())


def get(observance_id: str) -> Observance | None:
    return _catalogue().get(observance_id)


def _wanted_regions(regions: Iterable[str]) -> frozenset[str]:
    if isinstance(regions, str):
        raise TypeError("regions must be a set of region codes, not a single string")
    return frozenset(region if region == GLOBAL else region.upper() for region in regions)


def occurrences(
    start: dt.date,
    end: dt.date,
    *,
    regions: set[str] | frozenset[str] | None = None,
    include_global: bool = True,
) -> list[Occurrence]:
    """Occurrences that overlap start..end (both included), ordered by start date.

    regions: None for every observance; otherwise the workspace's regions (ISO codes such as
    {"IR"} or {"SA", "AE"}), which keeps observances of those regions plus the global ones
    (unless include_global is False).
    """
    if isinstance(start, dt.datetime) or isinstance(end, dt.datetime):
        raise TypeError("occurrences() takes dates, not datetimes")
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    wanted = None if regions is None else _wanted_regions(regions)
    index = _index()
    found = []
    # Every rule's span is shorter than a year, so an occurrence that overlaps the range
    # starts no earlier than the year before the range starts.
    for year in range(max(start.year - 1, dt.MINYEAR), end.year + 1):
        for occurrence in index.year(year):
            if occurrence.start > end:
                break
            if occurrence.end < start:
                continue
            observance_regions = occurrence.observance.regions
            if wanted is not None and not (
                observance_regions & wanted or (include_global and GLOBAL in observance_regions)
            ):
                continue
            found.append(occurrence)
    return found


def next_occurrence(observance: Observance | str, on_or_after: dt.date) -> Occurrence | None:
    """The first occurrence of an observance that has not ended by on_or_after."""
    target = _observance(observance)
    for year in range(max(on_or_after.year - 1, dt.MINYEAR), min(on_or_after.year + 3, 9999)):
        for occurrence in _index().year(year):
            if occurrence.observance == target and occurrence.end >= on_or_after:
                return occurrence
    return None


def find(key: str) -> Occurrence | None:
    """The occurrence a key from Occurrence.key names, or None."""
    observance_id, _, start_text = key.partition("@")
    observance = get(observance_id)
    try:
        start = dt.date.fromisoformat(start_text)
    except ValueError:
        return None
    if observance is None:
        return None
    for occurrence in _index().year(start.year):
        if occurrence.observance == observance and occurrence.start == start:
            return occurrence
    return None


def _observance(value: Observance | Occurrence | str) -> Observance:
    if isinstance(value, Occurrence):
        return value.observance
    if isinstance(value, Observance):
        return value
    found = get(value)
    if found is None:
        raise KeyError(f"no observance with id {value!r}")
    return found


def _language(language: str | None) -> str:
    """'fa-IR' -> 'fa'; languages other than en, ar and fa fall back to English."""
    code = (language or "en").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else "en"


def name(observance: Observance | Occurrence | str, language: str) -> str:
    return _observance(observance).names[_language(language)]


def hashtags(observance: Observance | Occurrence | str, language: str) -> list[str]:
    return list(_observance(observance).hashtags[_language(language)])


def format_span(occurrence: Occurrence, language: str) -> str:
    """The dates of an occurrence as the language writes them.

    en: Gregorian ("12 Mar 2026", "24–30 Apr 2026"); fa: Jalali with Persian month names and
    digits; ar: Gregorian with the Umm al-Qura Hijri date, in Arabic-Indic digits.
    """
    language = _language(language)
    start, end = occurrence.start, occurrence.end
    if start == end:
        return format_date(start, language)
    if language == "fa":
        return f"از {format_date(start, 'fa')} تا {format_date(end, 'fa')}"
    if language == "ar":
        return f"من {format_date(start, 'ar')} إلى {format_date(end, 'ar')}"
    if start.year != end.year:
        return f"{format_date(start, 'en')} – {format_date(end, 'en')}"
    if start.month != end.month:
        return f"{start.day} {ENGLISH_MONTHS[start.month - 1]} – {format_date(end, 'en')}"
    return f"{start.day}–{format_date(end, 'en')}"


def _zone(tz: dt.tzinfo | str | None) -> dt.tzinfo:
    if isinstance(tz, str):
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {tz!r}") from None
    if tz is not None:
        return tz
    try:  # inside Nabz: the workspace time zone that workspace_view activated
        from django.conf import settings

        if settings.configured:
            from django.utils import timezone

            current: dt.tzinfo = timezone.get_current_timezone()
            return current
    except ImportError:
        pass
    return dt.UTC


def prefill(
    occurrence: Occurrence, language: str, *, tz: dt.tzinfo | str | None = None
) -> dict[str, Any]:
    """Initial values for a post made from an observance.

    Keys title, text, language, pillar, scheduled_at and tags match fields of
    nabz.content.models.Post; hashtags and observance are given for the form as well.
    scheduled_at is 09:00 on the first day, in tz (default: the active Django time zone,
    which is the workspace's inside workspace views; UTC outside Django).
    """
    language = _language(language)
    observance = occurrence.observance
    tags = hashtags(observance, language)
    return {
        "title": name(observance, language),
        "text": " ".join(tags),
        "language": language,
        "pillar": observance.pillar,
        "scheduled_at": dt.datetime.combine(occurrence.start, PREFILL_TIME, tzinfo=_zone(tz)),
        "tags": [f"observance:{observance.id}"],
        "hashtags": tags,
        "observance": observance.id,
    }
