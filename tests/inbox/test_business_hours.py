"""Response targets counted in the workspace's business hours: opening hours per weekday,
holidays, its time zone (DST included)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nabz.inbox.business_hours import BusinessCalendar, CalendarError

UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")
TEHRAN = ZoneInfo("Asia/Tehran")

# Monday to Friday 09:00-17:00 with lunch closed 12:00-13:00.
OFFICE = {
    "mon": [["09:00", "12:00"], ["13:00", "17:00"]],
    "tue": [["09:00", "12:00"], ["13:00", "17:00"]],
    "wed": [["09:00", "12:00"], ["13:00", "17:00"]],
    "thu": [["09:00", "12:00"], ["13:00", "17:00"]],
    "fri": [["09:00", "12:00"], ["13:00", "17:00"]],
}


def london(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


def test_a_friday_afternoon_message_is_due_on_monday_morning():
    calendar = BusinessCalendar("Europe/London", OFFICE)
    friday = london(2026, 12, 4, 16, 30)  # Friday
    due = calendar.add(friday, dt.timedelta(hours=2))
    # 30 minutes on Friday, then 09:00-10:30 on Monday.
    assert due == london(2026, 12, 7, 10, 30)
    assert calendar.between(friday, due) == dt.timedelta(hours=2)


def test_saturday_counts_nothing_and_lunch_is_skipped():
    calendar = BusinessCalendar("Europe/London", OFFICE)
    saturday = london(2026, 12, 5, 10, 0)
    assert calendar.add(saturday, dt.timedelta(hours=4)) == london(2026, 12, 7, 14, 0)
    assert calendar.between(saturday, london(2026, 12, 6, 23, 0)) == dt.timedelta(0)


def test_an_iranian_weekend_and_a_holiday_from_the_observances():
    # Saturday to Wednesday open, Thursday half a day, Friday closed; Nowruz closed.
    week = {day: [["08:00", "16:00"]] for day in ("sat", "sun", "mon", "tue", "wed")}
    week["thu"] = [["08:00", "12:00"]]
    calendar = BusinessCalendar("Asia/Tehran", week, holidays=["nowruz"])
    thursday = dt.datetime(2027, 3, 18, 11, 0, tzinfo=TEHRAN)
    # 1 h left on Thursday 18 March; Friday closed; Saturday open all day.
    assert calendar.add(thursday, dt.timedelta(hours=3)) == dt.datetime(
        2027, 3, 20, 10, 0, tzinfo=TEHRAN
    )
    # 1 h left on Saturday; Sunday 21 March 2027 is 1 Farvardin (Nowruz), closed.
    saturday = dt.datetime(2027, 3, 20, 15, 0, tzinfo=TEHRAN)
    due = calendar.add(saturday, dt.timedelta(hours=3))
    assert due == dt.datetime(2027, 3, 22, 10, 0, tzinfo=TEHRAN)
    assert calendar.is_holiday(dt.date(2027, 3, 21))
    assert not calendar.is_holiday(dt.date(2027, 3, 22))


def test_a_dated_holiday_is_closed():
    calendar = BusinessCalendar("Europe/London", OFFICE, holidays=["2026-12-25"])
    christmas_eve = london(2026, 12, 24, 16, 0)
    assert calendar.add(christmas_eve, dt.timedelta(hours=2)) == london(2026, 12, 28, 10, 0)


def test_the_clocks_going_forward_shorten_no_business_hour():
    # Opening hours 00:00-04:00 each day across the night the UK's clocks go forward
    # (29 March 2026, 01:00 GMT -> 02:00 BST): that Sunday has only 3 real hours open.
    night = {day: [["00:00", "04:00"]] for day in ("sat", "sun", "mon")}
    calendar = BusinessCalendar("Europe/London", night)
    start = london(2026, 3, 29, 0, 0)
    assert calendar.between(start, london(2026, 3, 29, 4, 0)) == dt.timedelta(hours=3)
    due = calendar.add(start, dt.timedelta(hours=3, minutes=30))
    assert due == london(2026, 3, 30, 0, 30)
    assert due.astimezone(UTC) == dt.datetime(2026, 3, 29, 23, 30, tzinfo=UTC)


def test_the_clocks_going_back_give_an_extra_hour():
    night = {day: [["00:00", "04:00"]] for day in ("sat", "sun", "mon")}
    calendar = BusinessCalendar("Europe/London", night)
    start = london(2026, 10, 25, 0, 0)  # 02:00 BST -> 01:00 GMT
    assert calendar.between(start, london(2026, 10, 25, 4, 0)) == dt.timedelta(hours=5)


def test_open_around_the_clock_is_plain_time():
    calendar = BusinessCalendar.always("Asia/Riyadh")
    start = dt.datetime(2026, 12, 4, 23, 50, tzinfo=UTC)
    assert calendar.add(start, dt.timedelta(minutes=15)) == start + dt.timedelta(minutes=15)


@pytest.mark.parametrize(
    "hours, holidays, problem",
    [
        ({"mon": [["17:00", "09:00"]]}, [], "mon"),
        ({"mon": [["9am", "17:00"]]}, [], "9am"),
        ({"funday": [["09:00", "17:00"]]}, [], "funday"),
        ({"mon": [["09:00", "13:00"], ["12:00", "17:00"]]}, [], "overlap"),
        (OFFICE, ["no-such-day"], "no-such-day"),
        ({}, [], "open"),
    ],
)
def test_bad_calendars_say_what_is_wrong(hours, holidays, problem):
    with pytest.raises(CalendarError, match=problem):
        BusinessCalendar("Europe/London", hours, holidays=holidays)


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(CalendarError, match="Mars/Olympus"):
        BusinessCalendar("Mars/Olympus", OFFICE)
