"""Names, hashtags, date spans in three calendars, and the prefill for a new post."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from nabz.content.models import Pillar, Post
from nabz.observances import (
    find,
    format_span,
    get,
    hashtags,
    name,
    next_occurrence,
    occurrences,
    prefill,
)

D = dt.date


def occurrence(observance_id: str, on_or_after: dt.date):  # type: ignore[no-untyped-def]
    found = next_occurrence(observance_id, on_or_after)
    assert found is not None
    return found


def test_names_in_each_language() -> None:
    health_day = get("world-health-day")
    assert name(health_day, "en") == "World Health Day"
    assert name(health_day, "ar") == "اليوم العالمي للصحة"
    assert name(health_day, "fa") == "روز جهانی بهداشت"


def test_language_codes_with_regions_and_unknown_languages() -> None:
    assert name("world-health-day", "fa-IR") == "روز جهانی بهداشت"
    assert name("world-health-day", "ar_SA") == "اليوم العالمي للصحة"
    assert name("world-health-day", "de") == "World Health Day"
    assert name("world-health-day", "") == "World Health Day"


def test_hashtags_per_language() -> None:
    health_day = get("world-health-day")
    assert hashtags(health_day, "en")[0] == "#WorldHealthDay"
    assert hashtags(health_day, "ar")[0] == "#اليوم_العالمي_للصحة"
    assert hashtags(health_day, "fa")[0] == "#روز_جهانی_بهداشت"
    hashtags(health_day, "en").append("#changed")  # a copy: the catalogue is unchanged
    assert "#changed" not in hashtags(health_day, "en")


def test_names_and_hashtags_accept_an_occurrence() -> None:
    nowruz = occurrence("nowruz", D(2026, 1, 1))
    assert name(nowruz, "fa") == "نوروز"
    assert "#نوروز" in hashtags(nowruz, "fa")


def test_unknown_observances() -> None:
    assert get("world-sleep-in-day") is None
    with pytest.raises(KeyError):
        name("world-sleep-in-day", "en")


# --- format_span ----------------------------------------------------------------------


def test_english_spans_are_gregorian() -> None:
    assert format_span(occurrence("world-kidney-day", D(2026, 1, 1)), "en") == "12 Mar 2026"
    week = occurrence("world-immunization-week", D(2026, 1, 1))
    assert format_span(week, "en") == "24–30 Apr 2026"
    ramadan = occurrence("ramadan-health", D(2026, 1, 1))
    assert format_span(ramadan, "en") == "18 Feb – 19 Mar 2026"
    across_years = occurrence("ramadan-health", D(2032, 11, 1))
    assert format_span(across_years, "en") == "4 Dec 2032 – 1 Jan 2033"


def test_persian_spans_are_jalali_with_persian_digits() -> None:
    nowruz = occurrence("nowruz", D(2026, 1, 1))
    assert format_span(nowruz, "fa") == "۱ فروردین ۱۴۰۵"
    ramadan = occurrence("ramadan-health", D(2026, 1, 1))
    assert format_span(ramadan, "fa") == "از ۲۹ بهمن ۱۴۰۴ تا ۲۸ اسفند ۱۴۰۴"
    october = occurrence("breast-cancer-awareness-month", D(2026, 1, 1))
    assert format_span(october, "fa") == "از ۹ مهر ۱۴۰۵ تا ۹ آبان ۱۴۰۵"
    for occurrence_ in occurrences(D(2026, 1, 1), D(2026, 12, 31)):
        assert not any(
            character.isascii() and character.isdigit()
            for character in format_span(occurrence_, "fa")
        )


def test_arabic_spans_are_gregorian_with_the_hijri_date() -> None:
    health_day = occurrence("world-health-day", D(2026, 1, 1))
    assert format_span(health_day, "ar") == "٧ أبريل ٢٠٢٦ (١٩ شوال ١٤٤٧ هـ)"
    ramadan = occurrence("ramadan-health", D(2026, 1, 1))
    assert format_span(ramadan, "ar") == (
        "من ١٨ فبراير ٢٠٢٦ (١ رمضان ١٤٤٧ هـ) إلى ١٩ مارس ٢٠٢٦ (٣٠ رمضان ١٤٤٧ هـ)"
    )


def test_other_languages_get_the_english_span() -> None:
    kidney = occurrence("world-kidney-day", D(2026, 1, 1))
    assert format_span(kidney, "fr") == format_span(kidney, "en")


# --- prefill ---------------------------------------------------------------------------


def test_prefill_schedules_the_first_day_at_nine_in_the_given_time_zone() -> None:
    health_day = occurrence("world-health-day", D(2026, 1, 1))
    values = prefill(health_day, "en", tz="Asia/Tehran")
    assert values["scheduled_at"] == dt.datetime(2026, 4, 7, 9, 0, tzinfo=ZoneInfo("Asia/Tehran"))
    assert values["pillar"] == "awareness_day"
    assert values["hashtags"] == ["#WorldHealthDay", "#HealthForAll"]
    assert values["title"] == "World Health Day"
    assert values["language"] == "en"
    assert values["observance"] == "world-health-day"
    assert values["tags"] == ["observance:world-health-day"]
    assert values["text"] == "#WorldHealthDay #HealthForAll"


def test_prefill_of_a_month_is_its_first_day() -> None:
    october = occurrence("breast-cancer-awareness-month", D(2026, 1, 1))
    values = prefill(october, "ar", tz=ZoneInfo("Asia/Riyadh"))
    assert values["scheduled_at"].date() == D(2026, 10, 1)
    assert values["scheduled_at"].hour == 9
    assert values["hashtags"][0] == "#أكتوبر_الوردي"
    assert values["pillar"] == "education"


def test_prefill_uses_the_active_workspace_time_zone_by_default() -> None:
    nowruz = occurrence("nowruz", D(2026, 1, 1))
    with timezone.override(ZoneInfo("Asia/Tehran")):
        values = prefill(nowruz, "fa")
    assert values["scheduled_at"].tzinfo == ZoneInfo("Asia/Tehran")
    assert values["scheduled_at"].astimezone(dt.UTC) == dt.datetime(
        2026, 3, 21, 5, 30, tzinfo=dt.UTC
    )
    assert values["hashtags"] == ["#نوروز", "#عید_نوروز"]
    assert values["title"] == "نوروز"


def test_prefill_refuses_an_unknown_time_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        prefill(occurrence("nowruz", D(2026, 1, 1)), "fa", tz="Mars/Olympus")


def test_prefill_fits_the_post_model() -> None:
    values = prefill(occurrence("world-hand-hygiene-day", D(2026, 1, 1)), "fa", tz="UTC")
    post_fields = {
        field: values[field]
        for field in ("title", "text", "language", "pillar", "scheduled_at", "tags")
    }
    post = Post(**post_fields)
    assert post.pillar in Pillar.values
    assert post.language in dict(settings.LANGUAGES)
    assert len(post.title) <= Post._meta.get_field("title").max_length


# --- keys ------------------------------------------------------------------------------


def test_an_occurrence_can_be_found_again_from_its_key() -> None:
    ramadan = occurrence("ramadan-health", D(2026, 1, 1))
    assert ramadan.key == "ramadan-health@2026-02-18"
    assert find(ramadan.key) == ramadan
    assert find("world-health-day@2026-04-08") is None
    assert find("world-sleep-in-day@2026-04-07") is None
    assert find("world-health-day@tomorrow") is None
    assert find("") is None
