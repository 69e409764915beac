"""Range queries: overlap, order, year boundaries, regions and speed."""

from __future__ import annotations

import datetime as dt
import statistics
import time

import pytest

from nabz.observances import occurrences
from nabz.observances.calendar import _YearIndex
from nabz.observances.catalogue import load_catalogue

D = dt.date


def ids(found: list) -> list[str]:  # type: ignore[type-arg]
    return [occurrence.observance.id for occurrence in found]


def test_a_range_across_the_new_year() -> None:
    found = occurrences(D(2026, 11, 25), D(2027, 2, 10))
    keys = [occurrence.key for occurrence in found]
    assert "movember@2026-11-01" in keys  # started before the range, still running
    assert "world-aids-day@2026-12-01" in keys
    assert "universal-health-coverage-day@2026-12-12" in keys
    assert "world-ntd-day@2027-01-30" in keys
    assert "world-cancer-day@2027-02-04" in keys
    assert "american-heart-month@2027-02-01" in keys
    assert "ramadan-health@2027-02-08" in keys  # Ramadan 1448


def test_occurrences_that_ended_before_the_range_are_left_out() -> None:
    keys = [occurrence.key for occurrence in occurrences(D(2026, 11, 25), D(2027, 2, 10))]
    assert "world-amr-awareness-week@2026-11-18" not in keys
    assert "world-diabetes-day@2026-11-14" not in keys
    assert "world-cancer-day@2027-02-04" in keys
    assert "world-kidney-day@2027-03-11" not in keys


def test_a_season_that_runs_across_the_new_year_is_found_from_either_side() -> None:
    december = [o.key for o in occurrences(D(2032, 12, 20), D(2032, 12, 31))]
    january = [o.key for o in occurrences(D(2033, 1, 1), D(2033, 1, 1))]
    ramadan = next(key for key in december if key.startswith("ramadan-health@"))
    assert ramadan in january


def test_results_are_ordered_by_start_date_without_duplicates() -> None:
    found = occurrences(D(2025, 6, 1), D(2027, 6, 30))
    assert [o.start for o in found] == sorted(o.start for o in found)
    assert len({o.key for o in found}) == len(found)


def test_a_single_day_query_includes_what_runs_through_it() -> None:
    found = ids(occurrences(D(2026, 10, 10), D(2026, 10, 10)))
    assert set(found) == {
        "breast-cancer-awareness-month",
        "world-mental-health-day",
        "world-hospice-and-palliative-care-day",
    }


def test_the_range_bounds_are_included() -> None:
    assert ids(occurrences(D(2026, 4, 7), D(2026, 4, 7))) == ["world-health-day"]
    assert "world-immunization-week" in ids(occurrences(D(2026, 4, 30), D(2026, 4, 30)))
    assert "world-immunization-week" not in ids(occurrences(D(2026, 5, 1), D(2026, 5, 1)))


def test_a_backwards_range_is_an_error() -> None:
    with pytest.raises(ValueError, match="ends"):
        occurrences(D(2026, 2, 1), D(2026, 1, 1))


def test_datetimes_are_refused() -> None:
    with pytest.raises(TypeError):
        occurrences(dt.datetime(2026, 1, 1), D(2026, 2, 1))  # type: ignore[arg-type]


YEAR = (D(2026, 1, 1), D(2026, 12, 31))


def test_iran_sees_its_own_days_and_the_global_ones() -> None:
    found = set(ids(occurrences(*YEAR, regions={"IR"})))
    assert {"nowruz", "iran-physicians-day", "iran-nurses-day", "ramadan-health"} <= found
    assert {"world-health-day", "world-kidney-day"} <= found
    assert "egyptian-doctors-day" not in found
    assert "american-heart-month" not in found


def test_egypt_sees_egyptian_days_but_not_iranian_ones() -> None:
    found = set(ids(occurrences(*YEAR, regions={"EG"})))
    assert {"egyptian-doctors-day", "zero-tolerance-fgm-day", "ramadan-health"} <= found
    assert not {"nowruz", "iran-physicians-day"} & found


def test_several_regions_are_combined() -> None:
    found = set(ids(occurrences(*YEAR, regions={"EG", "US"})))
    assert {"egyptian-doctors-day", "american-heart-month"} <= found
    assert "nowruz" not in found


def test_only_regional_days_when_global_ones_are_left_out() -> None:
    found = set(ids(occurrences(*YEAR, regions={"IR"}, include_global=False)))
    assert found == {
        "nowruz",
        "iran-physicians-day",
        "iran-pharmacists-day",
        "iran-nurses-day",
        "ramadan-health",
        "hajj-health",
    }


def test_region_codes_are_not_case_sensitive_and_none_means_all() -> None:
    assert ids(occurrences(*YEAR, regions={"ir"})) == ids(occurrences(*YEAR, regions={"IR"}))
    assert len(occurrences(*YEAR)) > len(occurrences(*YEAR, regions={"IR"}))
    only_global = occurrences(*YEAR, regions=set())
    assert only_global and all(o.observance.is_global for o in only_global)


def test_a_single_string_for_regions_is_refused() -> None:
    with pytest.raises(TypeError, match="set of region codes"):
        occurrences(*YEAR, regions="IR")  # type: ignore[arg-type]


def _median_ms(call, runs: int = 30) -> float:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def test_a_year_lookup_takes_well_under_five_milliseconds() -> None:
    occurrences(*YEAR)  # first use loads the data file
    assert _median_ms(lambda: occurrences(*YEAR)) < 1.0
    assert _median_ms(lambda: occurrences(*YEAR, regions={"IR", "SA"})) < 1.0
    assert _median_ms(lambda: occurrences(D(2026, 12, 1), D(2027, 1, 31))) < 1.0


def test_computing_a_year_for_the_first_time_is_cheap_too() -> None:
    catalogue = load_catalogue()
    years = iter(range(2040, 2070))
    index = _YearIndex(catalogue)
    assert _median_ms(lambda: index.year(next(years)), runs=30) < 5.0
