"""The shell: navigation, languages and direction, local dates and digits, health."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from nabz.core.calendars import format_date
from nabz.core.models import WorkerHeartbeat
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

NAV = {
    "en": ["Dashboard", "Calendar", "Posts", "Inbox", "Consent", "Reports", "Settings"],
    "ar": [
        "لوحة المتابعة",
        "التقويم",
        "المنشورات",
        "صندوق الوارد",
        "الموافقات",
        "التقارير",
        "الإعدادات",
    ],
    "fa": ["پیشخوان", "تقویم", "پست‌ها", "صندوق پیام", "رضایت‌نامه‌ها", "گزارش‌ها", "تنظیمات"],
}


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_language_switch_sets_direction_and_translates_navigation(language, people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post(
        "/account/language/", {"language": language, "next": f"/w/{workspace.slug}/"}
    )
    assert response.status_code == 302
    page = client.get(f"/w/{workspace.slug}/").content.decode()
    expected_dir = "ltr" if language == "en" else "rtl"
    assert f'lang="{language}" dir="{expected_dir}"' in page
    for label in NAV[language]:
        assert label in page, label
    people[Role.AUTHOR].refresh_from_db()
    assert people[Role.AUTHOR].language == language


def test_unknown_language_changes_nothing(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post(
        "/account/language/", {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == "/"
    people[Role.AUTHOR].refresh_from_db()
    assert people[Role.AUTHOR].language == "en"


def test_persian_dates_are_jalali_with_persian_digits():
    assert format_date(dt.date(2026, 3, 21), "fa") == "۱ فروردین ۱۴۰۵"
    assert format_date(dt.date(2025, 3, 20), "fa") == "۳۰ اسفند ۱۴۰۳"  # 1403 is a leap year


def test_arabic_dates_show_hijri_with_arabic_indic_digits():
    text = format_date(dt.date(2026, 2, 18), "ar")
    assert text.startswith("١٨ فبراير ٢٠٢٦")
    assert "رمضان" in text and "١٤٤٧" in text


def test_dashboard_in_persian_shows_a_jalali_date(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.VIEWER])
    client.post("/account/language/", {"language": "fa"})
    page = client.get(f"/w/{workspace.slug}/").content.decode()
    assert "۱۴۰" in page  # a Jalali year in Persian digits


def test_healthz_reports_database_and_worker(db):  # type: ignore[no-untyped-def]
    client = Client()
    body = client.get("/healthz").json()
    assert body["database"] == "ok" and body["worker"]["status"] == "never seen"
    WorkerHeartbeat.objects.create(name="w1", seen_at=timezone.now(), pid=1)
    assert client.get("/healthz").json()["worker"]["status"] == "ok"
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(hours=1))
    assert client.get("/healthz").json()["worker"]["status"] == "stale"


def test_reports_is_no_longer_a_placeholder(people, workspace):  # type: ignore[no-untyped-def]
    page = signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/reports/").content.decode()
    assert "arrives in a coming release" not in page
    assert 'data-table="networks"' in page or "No figures read yet" in page


def test_pages_are_accessible_landmarks(people, workspace):  # type: ignore[no-untyped-def]
    page = signed_in(people[Role.ADMIN]).get(f"/w/{workspace.slug}/").content.decode()
    assert 'href="#main"' in page and 'id="main"' in page
    assert 'aria-current="page"' in page
    assert '<label for="language-select"' in page
