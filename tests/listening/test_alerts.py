"""Alerts on synthetic series: a spike is found, a steady rise is not an alert storm; a
myth appearing and rising; the organisation mentioned in an emergency; in the app, by
email, and the one-click myth-busting draft through the normal workflow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from nabz.content.models import Notification, Post
from nabz.listening import alerts, runs
from nabz.listening.models import Alert, ListeningQuery, Volume
from nabz.workspaces.roles import Role
from tests.listening.conftest import make_query, says

pytestmark = pytest.mark.django_db


def test_spike_is_found_against_the_same_hour_of_past_days():
    assert alerts.spike(60, [10, 12, 9, 11, 10, 13, 8]) is not None
    assert alerts.spike(15, [10, 12, 9, 11, 10, 13, 8]) is None
    assert alerts.spike(3, [0] * 7) is None  # a handful of posts on a quiet query
    assert alerts.spike(12, [0] * 7, "medium") is not None
    assert alerts.spike(12, [0] * 7, "low") is None  # less sensitive
    assert alerts.spike(6, [1] * 7, "high") is not None


def _series(query: ListeningQuery, start: dt.datetime, counts: list[int]) -> None:
    Volume.objects.bulk_create(
        [
            Volume(query=query, hour=start + dt.timedelta(hours=i), count=c)
            for i, c in enumerate(counts)
        ]
    )


def _walk(query: ListeningQuery, start: dt.datetime, hours: int) -> int:
    """Look for alerts at every hour of a series, as the worker would; how many fired."""
    for i in range(hours):
        alerts.look(query, start + dt.timedelta(hours=i, minutes=59))
    return Alert.objects.filter(query=query, kind=Alert.Kind.SPIKE).count()


def test_a_spike_in_a_daily_pattern_raises_one_alert(workspace):
    query = make_query(workspace, "corona", cooldown_minutes=180)
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    daily = [2, 1, 1, 1, 2, 4, 8, 12, 15, 14, 12, 11, 12, 13, 12, 10, 9, 10, 12, 11, 8, 6, 4, 3]
    counts = daily * 14
    spike_at = 13 * 24 + 15
    for h in range(spike_at, spike_at + 3):
        counts[h] = 120  # a rumour breaks out for three hours
    _series(query, start, counts)
    assert _walk(query, start + dt.timedelta(days=7), 7 * 24) == 1
    hit = Alert.objects.get(query=query)
    assert hit.created_at.hour == 15 and hit.details["count"] == 120


def test_a_steady_rise_is_not_an_alert_storm(workspace):
    query = make_query(workspace, "corona", cooldown_minutes=60)
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    # Interest grows 4% a day, every hour, for three weeks.
    counts = [round(20 * 1.04 ** (h / 24)) for h in range(21 * 24)]
    _series(query, start, counts)
    assert _walk(query, start + dt.timedelta(days=7), 14 * 24) == 0


def test_cool_down_keeps_a_long_spike_to_one_alert(workspace):
    query = make_query(workspace, "corona", cooldown_minutes=6 * 60)
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    counts = [5] * (8 * 24) + [200] * 5
    _series(query, start, counts)
    assert _walk(query, start + dt.timedelta(days=8), 5) == 1


def test_spikes_of_many_queries_are_read_at_once(workspace, django_assert_max_num_queries):
    now = timezone.now()
    queries = [make_query(workspace, f"q{i}") for i in range(30)]
    current, _past = alerts.hours(now)
    for q in queries[:3]:
        Volume.objects.create(query=q, hour=current, count=500)
    with django_assert_max_num_queries(1):
        found = alerts.spikes(queries, now)
    assert set(found) == {q.pk for q in queries[:3]}


def test_a_myth_appearing_then_rising_alerts_in_the_app_and_by_email(workspace, sandbox, people):
    query = make_query(workspace, "لقاح OR اللقاحات", networks=["sandbox"], cooldown_minutes=5)
    says("اللقاحات تسبب التوحد، انشروا", who="samir", language="ar")
    now = timezone.now()
    runs.run_query(query.pk, now=now)
    alert = Alert.objects.get(query=query, kind=Alert.Kind.MYTH)
    assert alert.myth_id == "ar-vaccines-autism" and alert.results.count() == 1
    assert "who.int" in alert.details["source"] and alert.details["fact"]
    assert Notification.objects.filter(url__contains=f"/alerts/{alert.pk}/").count() == 5
    assert len(mail.outbox) == 1 and len(mail.outbox[0].to) == 5
    # Still one result an hour later: no second alert; four more: it is rising.
    later = now + dt.timedelta(minutes=10)
    ListeningQuery.objects.filter(pk=query.pk).update(next_run_at=later)
    runs.run_query(query.pk, now=later)
    assert Alert.objects.filter(kind=Alert.Kind.MYTH).count() == 1
    for who in ("a", "b", "c", "d"):
        says("اللقاح يسبب التوحد عند الأطفال", who=who, language="ar")
    latest = later + dt.timedelta(minutes=10)
    ListeningQuery.objects.filter(pk=query.pk).update(next_run_at=latest)
    runs.run_query(query.pk, now=latest)
    rising = Alert.objects.filter(kind=Alert.Kind.MYTH).first()
    assert rising is not None and rising.details["rising"] and rising.details["count"] == 5


def test_the_organisation_mentioned_in_an_emergency_alerts(workspace, sandbox):
    brand = make_query(workspace, "@sunrise_hospital", networks=["sandbox"], is_brand=True)
    topic = make_query(workspace, "@sunrise_hospital", networks=["sandbox"])
    says("@sunrise_hospital my father has chest pain and cannot breathe, help", who="omid")
    now = timezone.now()
    runs.run_query(brand.pk, now=now)
    runs.run_query(topic.pk, now=now)
    kinds = set(Alert.objects.filter(query=brand).values_list("kind", flat=True))
    assert {"emergency", "health"} <= kinds
    assert not Alert.objects.filter(query=topic, kind__in=["emergency", "health"]).exists()


def test_one_click_drafts_a_myth_busting_post(workspace, sandbox, client_for):
    query = make_query(workspace, "لقاح OR اللقاحات", networks=["sandbox"])
    says("اللقاحات تسبب التوحد", who="samir", language="ar")
    runs.run_query(query.pk)
    alert = Alert.objects.get(kind=Alert.Kind.MYTH)
    url = f"/w/{workspace.slug}/listening/alerts/{alert.pk}/draft/"
    assert client_for(Role.VIEWER).post(url).status_code == 403
    response = client_for(Role.AUTHOR).post(url)
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/posts/{post.pk}/edit/")
    assert post.state == "draft" and post.language == "ar"
    assert alert.details["fact"] in post.text and alert.details["source"] in post.text
    assert post.trust_score is not None  # checked by the Trust Gate like any post
    again = client_for(Role.AUTHOR).post(url)  # the same draft, not a second one
    assert again["Location"] == response["Location"] and Post.objects.count() == 1
    page = client_for(Role.VIEWER).get(f"/w/{workspace.slug}/listening/alerts/{alert.pk}/")
    assert page.status_code == 200 and "samir" in page.content.decode()
