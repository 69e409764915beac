"""The daily rollups, kept up to date reading by reading, equal a direct computation from
the raw points, however the readings are batched (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabz.analytics.models import METRIC_FIELDS, DailyRollup, LatestMetrics, MetricPoint
from nabz.analytics.rollups import Observation, Target, record
from nabz.content.models import Post
from nabz.publishing.models import Account
from tests.analytics.conftest import published

START = dt.datetime(2026, 11, 1, 6, 0, tzinfo=dt.UTC)

readings = st.lists(
    st.tuples(
        st.integers(0, 3),  # which publication
        st.integers(0, 5 * 24 * 60),  # minutes after START
        st.dictionaries(
            st.sampled_from(METRIC_FIELDS),
            st.one_of(st.none(), st.integers(0, 5000)),
            max_size=len(METRIC_FIELDS),
        ),
    ),
    min_size=1,
    max_size=40,
)


def direct(zone: str) -> dict[tuple[dt.date, int, str, str], dict[str, int | None]]:
    """From the points alone: per publication, each reading adds its change from the last
    value seen before it, to the day it was taken."""
    from zoneinfo import ZoneInfo

    out: dict[tuple[dt.date, int, str, str], dict[str, int | None]] = defaultdict(
        lambda: dict.fromkeys(METRIC_FIELDS)
    )
    points = MetricPoint.objects.select_related("publication__post").order_by("taken_at", "pk")
    seen: dict[tuple[int, str], int] = {}
    for p in points:
        post = p.publication.post
        key = (
            p.taken_at.astimezone(ZoneInfo(zone)).date(),
            p.account_id,
            post.pillar,
            post.language,
        )
        row = out[key]
        for name in METRIC_FIELDS:
            value = getattr(p, name)
            if value is None:
                continue
            before = seen.get((p.publication_id, name))
            row[name] = (row[name] or 0) + value - (before or 0)
            seen[(p.publication_id, name)] = value
    return dict(out)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=readings, cuts=st.lists(st.integers(1, 6), min_size=1, max_size=10))
def test_rollups_equal_a_direct_computation(workspace, people, data, cuts) -> None:  # type: ignore[no-untyped-def]
    # One database for every example: start each from nothing.
    DailyRollup.objects.all().delete()
    Post.objects.all().delete()  # with publications, points and latest values
    Account.objects.all().delete()
    workspace.timezone = "Asia/Tehran"
    workspace.save()
    accounts = [
        Account.objects.create(workspace=workspace, network=n, name=n) for n in ("x", "mastodon")
    ]
    pubs = [
        published(accounts[i % 2], people, text=f"post {i}", pillar=pillar, language=lang)
        for i, (pillar, lang) in enumerate(
            [("education", "en"), ("education", "fa"), ("prevention", "fa"), ("education", "en")]
        )
    ]
    targets = [
        Target(
            publication_id=p.pk,
            account_id=p.account_id,
            workspace_id=workspace.pk,
            post_id=p.post_id,
            network=p.network,
            pillar=p.post.pillar,
            language=p.post.language,
            published_at=p.published_at,
            timezone="Asia/Tehran",
        )
        for p in pubs
    ]
    observations = [
        Observation(targets[i], values, {"n": minutes}, START + dt.timedelta(minutes=minutes))
        for i, minutes, values in sorted(data, key=lambda r: r[1])
    ]
    at = 0
    for size in cuts * 10:  # batches of varying sizes, in time order
        if at >= len(observations):
            break
        record(observations[at : at + size])
        at += size
    record(observations[at:])

    expected = direct("Asia/Tehran")
    got = {
        (r.day, r.account_id, r.pillar, r.language): {n: getattr(r, n) for n in METRIC_FIELDS}
        for r in DailyRollup.objects.all()
    }
    assert got == expected
    assert sum(r.readings for r in DailyRollup.objects.all()) == len(observations)
    # The sum over days is each slice's latest totals.
    for name in METRIC_FIELDS:
        total = sum(getattr(r, name) or 0 for r in DailyRollup.objects.all())
        assert total == sum(getattr(r, name) or 0 for r in LatestMetrics.objects.all())
