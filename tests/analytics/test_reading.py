"""Reading metrics: each network's names, the reader against a fake network, faults."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.analytics import reader
from nabz.analytics.models import AccountPoint, DailyRollup, LatestMetrics, MetricPoint
from nabz.publishing.connectors import NETWORKS, connector_for, reading
from nabz.publishing.connectors.base import Metrics
from tests.analytics.conftest import publish_on, published
from tests.publishing.fakes.server import Fault


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_every_network_names_its_numbers_in_the_common_vocabulary(network: str) -> None:
    names = reading.names(network)
    assert names, network
    assert set(names) <= set(reading.COMMON)
    assert all(isinstance(v, str) and v for v in names.values())
    assert "followers" in names  # every network says how many follow the account


def test_what_a_network_does_not_give_is_left_out_not_zero() -> None:
    assert not reading.available("mastodon", "impressions")
    assert not reading.available("bluesky", "clicks")
    assert reading.available("x", "impressions")
    assert reading.available("instagram", "saves")
    assert not reading.available("facebook", "saves")


def test_mapping_keeps_the_networks_words_and_sums_engagements() -> None:
    from nabz.publishing.connectors.bluesky.metrics import NAMES as BSKY
    from nabz.publishing.connectors.x.metrics import NAMES as X

    got = reading.from_metrics(
        Metrics(likes=4, comments=2, shares=3, raw={"repostCount": 1, "quoteCount": 2}),
        BSKY,
        lambda m: {"shares": 3},
    )
    assert got.values == {"likes": 4, "comments": 2, "shares": 3, "engagements": 9}
    assert "impressions" not in got.values
    x = reading.from_metrics(
        Metrics(impressions=900, likes=10, comments=1, shares=2, raw={"bookmark_count": 5}),
        X,
        lambda m: {"saves": int(m.raw["bookmark_count"])},
    )
    assert x.values["engagements"] == 18 and x.values["impressions"] == 900
    assert x.raw == {"bookmark_count": 5}


def test_reader_reads_a_mastodon_post_twice_as_its_figures_change(
    mastodon_account, fake_mastodon, people, http
) -> None:  # type: ignore[no-untyped-def]
    remote = publish_on(mastodon_account, http, "Flu jabs are free this week at our clinic.")
    pub = published(mastodon_account, people, text="Flu jabs", remote_id=remote)
    fake_mastodon.statuses[remote].favourites_count = 7
    connector = connector_for("mastodon", mastodon_account.credentials(), client=http)
    now = timezone.now()
    assert reader.read_publication(pub.pk, now=now, connector=connector) == "read"
    fake_mastodon.time_passes(hours=3)
    later = now + dt.timedelta(hours=3)
    assert reader.read_publication(pub.pk, now=later, connector=connector) == "read"

    points = list(MetricPoint.objects.filter(publication=pub).order_by("taken_at"))
    assert len(points) == 2
    assert points[0].likes == 7 and points[0].raw["favourites_count"] == 7
    assert points[1].likes >= 7 and points[1].impressions is None  # Mastodon has none
    status = fake_mastodon.statuses[remote]
    latest = LatestMetrics.objects.get(publication=pub)
    assert (latest.likes, latest.shares, latest.comments) == (
        status.favourites_count,
        status.reblogs_count,
        status.replies_count,
    )
    assert latest.engagements == latest.likes + latest.shares + latest.comments
    rollup_likes = sum(r.likes or 0 for r in DailyRollup.objects.filter(account=mastodon_account))
    assert rollup_likes == latest.likes
    assert all(r.impressions is None for r in DailyRollup.objects.all())
    assert latest.next_read_at == later + dt.timedelta(hours=1)  # young: hourly


def test_a_rate_limit_waits_what_the_network_asks_and_a_gone_post_is_no_longer_read(
    mastodon_account, fake_mastodon, people, http
) -> None:  # type: ignore[no-untyped-def]
    remote = publish_on(mastodon_account, http, "Blood donors wanted on Saturday.")
    pub = published(mastodon_account, people, text="Donors", remote_id=remote)
    connector = connector_for("mastodon", mastodon_account.credentials(), client=http)
    now = timezone.now()
    fake_mastodon.inject("get_status", Fault.rate_limited(retry_after=120))
    assert reader.read_publication(pub.pk, now=now, connector=connector) == "failed"
    row = LatestMetrics.objects.get(publication=pub)
    assert row.failures == 1 and row.likes is None
    assert row.next_read_at >= now + dt.timedelta(seconds=120)
    assert not MetricPoint.objects.filter(publication=pub).exists()
    assert pub.pk not in reader.due_publications(now)

    fake_mastodon.delete_by_author(remote)
    later = now + dt.timedelta(hours=1)
    assert reader.read_publication(pub.pk, now=later, connector=connector) == "gone"
    assert pub.pk not in reader.due_publications(later + dt.timedelta(days=60))


def test_account_followers_are_read_and_change(mastodon_account, fake_mastodon, http) -> None:  # type: ignore[no-untyped-def]
    connector = connector_for("mastodon", mastodon_account.credentials(), client=http)
    now = timezone.now()
    assert reader.read_account(mastodon_account.pk, now=now, connector=connector) == "read"
    fake_mastodon.followers[fake_mastodon.account.id] += 25
    assert (
        reader.read_account(
            mastodon_account.pk, now=now + dt.timedelta(hours=6), connector=connector
        )
        == "read"
    )
    counts = list(
        AccountPoint.objects.filter(account=mastodon_account)
        .order_by("taken_at")
        .values_list("followers", flat=True)
    )
    assert counts == [1200, 1225]


def test_the_dispatcher_reads_what_is_due_inline(sandbox, people) -> None:  # type: ignore[no-untyped-def]
    from nabz.publishing.models import SandboxPost

    box = SandboxPost.objects.create(account=sandbox, idempotency_key="s1", text="Hello")
    SandboxPost.objects.filter(pk=box.pk).update(created_at=timezone.now() - dt.timedelta(hours=30))
    pub = published(sandbox, people, text="Hello", remote_id=str(box.pk))
    assert reader.dispatch(inline=True) >= 2  # the publication and the account
    latest = LatestMetrics.objects.get(publication=pub)
    assert latest.impressions and latest.impressions > 0
    assert latest.engagements == sum(
        getattr(latest, k) for k in ("likes", "comments", "shares", "saves")
    )
    assert AccountPoint.objects.filter(account=sandbox).count() == 1
    assert reader.dispatch(inline=True) == 0  # nothing due again so soon
