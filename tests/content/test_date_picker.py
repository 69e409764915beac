"""The publish-time picker in the reader's calendar: Jalali for Persian, Hijri beside the
Gregorian date for Arabic, local digits; the form still sends a Gregorian ISO time."""

from __future__ import annotations

import datetime as dt

import pytest

from nabz.content import date_picker
from nabz.workspaces.roles import Role
from tests.conftest import signed_in


def test_a_jalali_month_starts_on_its_first_day_in_a_saturday_week() -> None:
    month = date_picker.month(
        dt.date(2026, 12, 7), "fa", selected=dt.date(2026, 12, 10), today=dt.date(2026, 12, 7)
    )
    assert month.caption == "آذر ۱۴۰۵"
    days = [d for week in month.weeks for d in week if d]
    assert days[0].date == dt.date(2026, 11, 22) and days[0].number == "۱"  # 1 Azar 1405
    assert month.weeks[0][1] is days[0]  # a Sunday: the second column after Saturday
    assert len(days) == 30 and days[-1].date == dt.date(2026, 12, 21)
    assert [d.date for d in days if d.selected] == [dt.date(2026, 12, 10)]
    assert all(d.past == (d.date < dt.date(2026, 12, 7)) for d in days)
    assert month.previous == dt.date(2026, 11, 21) and month.following == dt.date(2026, 12, 22)


def test_an_arabic_month_shows_the_hijri_day_beside_each_gregorian_one() -> None:
    month = date_picker.month(dt.date(2026, 12, 7), "ar", selected=None, today=dt.date(2026, 12, 1))
    assert month.caption == "ديسمبر ٢٠٢٦ (جمادى الآخرة – رجب ١٤٤٨ هـ)"
    days = {d.date: d for week in month.weeks for d in week if d}
    seventh = days[dt.date(2026, 12, 7)]
    assert (seventh.number, seventh.beside) == ("٧", "٢٧")
    assert seventh.label == "٧ ديسمبر ٢٠٢٦ (٢٧ جمادى الآخرة ١٤٤٨ هـ)"


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_the_editor_offers_the_picker_in_persian_and_arabic(people, workspace, language):  # type: ignore[no-untyped-def]
    author = people[Role.AUTHOR]
    author.language = language
    author.save()
    page = signed_in(author).get(f"/w/{workspace.slug}/posts/new/").content.decode()
    assert 'class="date-picker" data-picker-for="id_scheduled_at"' in page
    assert 'type="datetime-local"' in page  # the browser's input stays for a page without JS
    assert "(Asia/Tehran)" in page


def test_english_keeps_the_browsers_input(people, workspace):  # type: ignore[no-untyped-def]
    page = signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/posts/new/").content.decode()
    assert "date-picker" not in page


def test_the_picker_pages_through_months_and_takes_bad_input_calmly(people, workspace):  # type: ignore[no-untyped-def]
    author = people[Role.AUTHOR]
    author.language = "fa"
    author.save()
    client = signed_in(author)
    url = f"/w/{workspace.slug}/posts/date-picker/"
    page = client.get(url, {"month": "2027-03-21", "selected": "2027-03-25"}).content.decode()
    assert "فروردین ۱۴۰۶" in page and 'data-date="2027-03-25" aria-label' in page
    assert 'aria-pressed="true"' in page
    for bad in ("", "yesterday", "9999-99-99", "0001-01-01"):
        assert client.get(url, {"month": bad, "selected": bad}).status_code == 200
