"""Occurrence dates from every kind of rule, checked against the calendar libraries."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from hijridate import Gregorian, Hijri

from nabz.observances import all_observances, get, next_occurrence, occurrences
from nabz.observances.rules import RuleError, parse_rule

D = dt.date


def only(observance_id: str, year: int) -> tuple[dt.date, dt.date]:
    found = [
        occurrence
        for occurrence in occurrences(D(year, 1, 1), D(year, 12, 31))
        if occurrence.observance.id == observance_id and occurrence.start.year == year
    ]
    assert len(found) == 1, found
    return found[0].start, found[0].end


def gregorian(day: object) -> dt.date:
    return D(day.year, day.month, day.day)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("year", "expected"), [(2025, D(2025, 3, 13)), (2026, D(2026, 3, 12)), (2027, D(2027, 3, 11))]
)
def test_world_kidney_day_is_the_second_thursday_of_march(year: int, expected: dt.date) -> None:
    assert only("world-kidney-day", year) == (expected, expected)


def test_ramadan_1447_per_umm_al_qura() -> None:
    start, end = only("ramadan-health", 2026)
    assert start in (D(2026, 2, 18), D(2026, 2, 19))
    assert end in (D(2026, 3, 19), D(2026, 3, 20))
    first = Hijri(1447, 9, 1)
    assert start == gregorian(first.to_gregorian())
    assert (end - start).days + 1 == first.month_length()


def test_hajj_season_is_the_first_thirteen_days_of_dhu_al_hijjah() -> None:
    start, end = only("hajj-health", 2026)
    assert start == gregorian(Hijri(1447, 12, 1).to_gregorian())
    assert end == gregorian(Hijri(1447, 12, 13).to_gregorian())
    assert (end - start).days == 12


def test_nowruz_1405_is_21_march_2026() -> None:
    expected = jdatetime.date(1405, 1, 1).togregorian()
    assert expected == D(2026, 3, 21)
    assert only("nowruz", 2026) == (expected, expected)


def test_iranian_days_follow_the_jalali_calendar() -> None:
    physicians = jdatetime.date(1405, 6, 1).togregorian()
    pharmacists = jdatetime.date(1405, 6, 5).togregorian()
    assert only("iran-physicians-day", 2026) == (physicians, physicians)
    assert only("iran-pharmacists-day", 2026) == (pharmacists, pharmacists)


def test_breast_cancer_awareness_month_is_all_of_october() -> None:
    assert only("breast-cancer-awareness-month", 2026) == (D(2026, 10, 1), D(2026, 10, 31))


def test_a_fixed_week() -> None:
    assert only("world-immunization-week", 2026) == (D(2026, 4, 24), D(2026, 4, 30))
    assert only("world-amr-awareness-week", 2026) == (D(2026, 11, 18), D(2026, 11, 24))


@pytest.mark.parametrize(("year", "day"), [(2026, 28), (2027, 28), (2028, 29)])
def test_rare_disease_day_is_the_last_day_of_february(year: int, day: int) -> None:
    assert only("rare-disease-day", year) == (D(year, 2, day), D(year, 2, day))


@pytest.mark.parametrize(
    ("observance_id", "expected"),
    [
        ("world-asthma-day", D(2026, 5, 5)),  # first Tuesday of May
        ("world-sight-day", D(2026, 10, 8)),  # second Thursday of October
        ("world-first-aid-day", D(2026, 9, 12)),  # second Saturday of September
        ("world-copd-day", D(2026, 11, 18)),  # third Wednesday of November
        ("international-epilepsy-day", D(2026, 2, 9)),  # second Monday of February
        ("world-day-of-remembrance-for-road-traffic-victims", D(2026, 11, 15)),
    ],
)
def test_nth_weekday_rules(observance_id: str, expected: dt.date) -> None:
    assert only(observance_id, 2026) == (expected, expected)


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        ("last Sunday of January", 2026, (D(2026, 1, 25), D(2026, 1, 25))),
        ("last Friday of February", 2026, (D(2026, 2, 27), D(2026, 2, 27))),
        ("fourth Thursday of November", 2026, (D(2026, 11, 26), D(2026, 11, 26))),
        ("first Monday of June", 2026, (D(2026, 6, 1), D(2026, 6, 1))),
        ("12-25..01-05", 2026, (D(2026, 12, 25), D(2027, 1, 5))),
        ("ALL OF  february", 2028, (D(2028, 2, 1), D(2028, 2, 29))),
        ("jalali: 01-01..01-13", 2026, (D(2026, 3, 21), D(2026, 4, 2))),
    ],
)
def test_rule_phrases(rule: str, year: int, expected: tuple[dt.date, dt.date]) -> None:
    assert parse_rule(rule).spans(year) == [expected]


def test_a_hijri_span_can_run_into_the_next_hijri_year() -> None:
    spans = parse_rule("hijri: 12-25..01-05").spans(2026)
    assert spans == [
        (
            gregorian(Hijri(1447, 12, 25).to_gregorian()),
            gregorian(Hijri(1448, 1, 5).to_gregorian()),
        )
    ]


def test_a_gregorian_year_can_hold_two_ramadans() -> None:
    ramadans = [
        occurrence
        for occurrence in occurrences(D(2030, 1, 1), D(2030, 12, 31))
        if occurrence.observance.id == "ramadan-health"
    ]
    assert [occurrence.start for occurrence in ramadans] == [
        gregorian(Hijri(1451, 9, 1).to_gregorian()),
        gregorian(Hijri(1452, 9, 1).to_gregorian()),
    ]


@pytest.mark.parametrize("year", range(2024, 2041))
def test_lunar_and_solar_hijri_occurrences_match_the_libraries(year: int) -> None:
    for occurrence in occurrences(D(year, 1, 1), D(year, 12, 31)):
        if occurrence.start.year != year:
            continue
        observance = occurrence.observance
        if observance.rule.calendar == "hijri":
            start = Gregorian.fromdate(occurrence.start).to_hijri()
            end = Gregorian.fromdate(occurrence.end).to_hijri()
            if observance.id == "ramadan-health":
                assert (start.month, start.day) == (9, 1)
                assert (end.month, end.day) == (9, start.month_length())
            elif observance.id == "hajj-health":
                assert (start.month, start.day, end.month, end.day) == (12, 1, 12, 13)
            elif observance.id == "iran-nurses-day":
                assert (start.month, start.day) == (5, 5)
        elif observance.rule.calendar == "jalali":
            start = jdatetime.date.fromgregorian(date=occurrence.start)
            expected = {"nowruz": (1, 1), "iran-physicians-day": (6, 1)}
            expected["iran-pharmacists-day"] = (6, 5)
            assert (start.month, start.day) == expected[observance.id]


@pytest.mark.parametrize("year", range(2025, 2031))
def test_every_observance_happens_every_year_with_a_length_that_fits_its_kind(year: int) -> None:
    seen = {}
    for occurrence in occurrences(D(year, 1, 1), D(year, 12, 31)):
        if occurrence.start.year == year:
            seen.setdefault(occurrence.observance.id, occurrence)
    assert set(seen) == {observance.id for observance in all_observances()}
    for occurrence in seen.values():
        kind, days = occurrence.observance.kind, occurrence.days
        assert {"day": days == 1, "week": days == 7, "month": 28 <= days <= 31}.get(
            kind, 2 <= days <= 31
        ), (occurrence.key, days)


def test_hijri_dates_outside_the_umm_al_qura_tables_give_no_occurrence() -> None:
    ids = {occurrence.observance.id for occurrence in occurrences(D(2100, 1, 1), D(2100, 12, 31))}
    assert "ramadan-health" not in ids
    assert {"nowruz", "world-health-day"} <= ids


def test_the_edges_of_the_gregorian_calendar_do_not_crash() -> None:
    assert occurrences(D(1, 1, 1), D(1, 12, 31))
    assert occurrences(D(9999, 1, 1), D(9999, 12, 31))


def test_next_occurrence() -> None:
    assert next_occurrence("world-health-day", D(2026, 4, 8)).start == D(2027, 4, 7)
    assert next_occurrence(get("world-health-day"), D(2026, 4, 7)).start == D(2026, 4, 7)
    # A season already under way is still the next one.
    assert next_occurrence("ramadan-health", D(2026, 3, 1)).start == D(2026, 2, 18)


def test_rule_errors_are_value_errors() -> None:
    with pytest.raises(RuleError, match="not an English weekday"):
        parse_rule("second Thursdy of March")
    assert issubclass(RuleError, ValueError)
