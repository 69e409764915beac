"""Running queries through each network's search: cursors, deduplication, the Trust Gate's
marks, and the faults (5xx, 429 with Retry-After, a malformed page, a revoked token)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.listening import runs
from nabz.listening.models import Result, SearchCursor, Volume
from nabz.publishing.models import Account
from tests.listening.conftest import make_query, says
from tests.publishing.fakes.server import Fault

pytestmark = pytest.mark.django_db


def run(query, now=None):  # type: ignore[no-untyped-def]
    now = now or timezone.now()
    query.refresh_from_db()
    type(query).objects.filter(pk=query.pk).update(next_run_at=now, lease_until=None)
    SearchCursor.objects.filter(query=query).update(next_run_at=now)
    return runs.run_query(query.pk, now=now)


# --- the Sandbox ----------------------------------------------------------------------------
def test_sandbox_results_are_matched_checked_and_stored_once(workspace, sandbox):
    query = make_query(workspace, "کرونا OR كورونا OR corona", networks=["sandbox"])
    says("اللقاحات تسبب التوحد، والكورونا مؤامرة", who="samir", language="ar")
    says("nothing to see here")
    says("Corona: I have chest pain and cannot breathe", who="jo")
    report = run(query)
    assert report.stored == 2 and report.errors == []
    rows = {r.author_handle: r for r in Result.objects.filter(query=query)}
    assert set(rows) == {"samir", "jo"}
    assert rows["jo"].emergency and not rows["jo"].myth
    assert rows["samir"].myth and rows["samir"].myth_id == "ar-vaccines-autism"
    assert rows["samir"].language == "ar"
    assert run(query).stored == 0  # the cursor moved on: nothing twice
    says("corona again", who="mina")
    assert run(query).stored == 1
    assert sum(Volume.objects.filter(query=query).values_list("count", flat=True)) == 3


def test_excluded_authors_and_languages_are_left_out(workspace, sandbox):
    query = make_query(
        workspace, "corona", networks=["sandbox"], languages=["en"], excluded_authors="@spam_bot\n"
    )
    says("corona corona buy now", who="spam_bot")
    says("corona in tehran", who="reza")
    says("کرونا corona و", who="neda", language="fa")
    run(query)
    assert list(Result.objects.values_list("author_handle", flat=True)) == ["reza"]


def test_a_network_without_an_account_says_so(workspace):
    query = make_query(workspace, "corona", networks=["sandbox", "facebook"])
    run(query)
    states = dict(SearchCursor.objects.filter(query=query).values_list("network", "state"))
    assert states == {"sandbox": "no_account", "facebook": "unsupported"}


# --- Mastodon -------------------------------------------------------------------------------
def test_mastodon_reads_search_and_hashtags_from_the_cursor(workspace, mastodon, fake_mastodon):
    query = make_query(workspace, "#covid19 OR vaccine", networks=["mastodon"])
    fake_mastodon.public_says("Get your #covid19 booster", tags=("covid19",), username="ali")
    fake_mastodon.public_says("vaccine day at the clinic", username="sara")
    fake_mastodon.public_says("vaccine hidden from search", username="nob", indexable=False)
    assert run(query).stored == 2
    assert run(query).stored == 0
    assert fake_mastodon.calls("search")[-1].query["min_id"]
    fake_mastodon.public_says("vaccines cause autism, share!", username="troll")
    fake_mastodon.public_says("the vaccine works", username="troll2")
    assert run(query).stored == 1  # "vaccines" is not the word "vaccine"
    handles = set(Result.objects.values_list("author_handle", flat=True))
    assert handles == {"ali", "sara", "troll2"}


@pytest.mark.parametrize("status", [500, 502, 503])
def test_mastodon_server_errors_back_off_and_lose_nothing(
    workspace, mastodon, fake_mastodon, status
):
    query = make_query(workspace, "vaccine", networks=["mastodon"])
    fake_mastodon.public_says("vaccine clinic open")
    fake_mastodon.inject("search", Fault.status_code(status))
    now = timezone.now()
    report = run(query, now)
    assert report.stored == 0 and report.errors
    cursor = SearchCursor.objects.get(query=query, network="mastodon")
    assert cursor.state == "failed" and cursor.failures == 1 and cursor.next_run_at > now
    assert run(query).stored == 1


def test_mastodon_rate_limit_waits_what_the_server_says(workspace, mastodon, fake_mastodon):
    query = make_query(workspace, "#flu", networks=["mastodon"])
    fake_mastodon.inject("tag_timeline", Fault.rate_limited(retry_after=600))
    now = timezone.now()
    run(query, now)
    cursor = SearchCursor.objects.get(query=query, network="mastodon")
    assert cursor.next_run_at >= now + dt.timedelta(seconds=590)


def test_mastodon_malformed_page_is_a_failure_not_a_crash(workspace, mastodon, fake_mastodon):
    query = make_query(workspace, "vaccine", networks=["mastodon"])
    fake_mastodon.inject("search", Fault.status_code(200, body={"unexpected": True}))
    report = run(query)
    assert report.errors and "not a list" in report.errors[0]
    assert SearchCursor.objects.get(query=query).state == "failed"


def test_mastodon_revoked_token_asks_for_reconnecting(workspace, mastodon, fake_mastodon):
    query = make_query(workspace, "vaccine", networks=["mastodon"])
    fake_mastodon.revoke(mastodon.credentials().access_token)
    run(query)
    mastodon.refresh_from_db()
    assert mastodon.status == Account.Status.NEEDS_RECONNECT


# --- Bluesky --------------------------------------------------------------------------------
def test_bluesky_sweeps_pages_down_to_since(workspace, bluesky, fake_bluesky, monkeypatch):
    from nabz.publishing.connectors.bluesky import search

    monkeypatch.setattr(search, "PAGE", 2)
    query = make_query(workspace, "flu", networks=["bluesky"])
    fake_bluesky.public_posts("flu shot today")
    assert run(query).stored == 1
    for i in range(5):
        fake_bluesky.public_posts(f"flu season note {i}", handle=f"p{i}.bsky.social")
    report = run(query)
    assert report.stored == 5 and report.pages >= 3
    assert Result.objects.filter(query=query).count() == 6
    assert run(query).stored == 0
    calls = fake_bluesky.calls("search")
    assert calls[-1].query["since"] and calls[-1].query["sort"] == ["latest"]


def test_bluesky_faults(workspace, bluesky, fake_bluesky):
    query = make_query(workspace, "flu", networks=["bluesky"])
    fake_bluesky.public_posts("flu shot today")
    fake_bluesky.inject("search", Fault.status_code(503))
    assert run(query).errors
    fake_bluesky.inject("search", Fault.rate_limited(retry_after=300))
    now = timezone.now()
    run(query, now)
    cursor = SearchCursor.objects.get(query=query, network="bluesky")
    assert cursor.next_run_at >= now + dt.timedelta(seconds=290)
    fake_bluesky.inject("search", Fault.status_code(200, body={"feed": []}))
    assert "no list of posts" in run(query).errors[0]
    assert run(query).stored == 1  # nothing lost on the way


# --- X ------------------------------------------------------------------------------------
@pytest.fixture
def fake_x():  # type: ignore[no-untyped-def]
    from tests.listening.fakes import FakeXSearch

    with FakeXSearch() as server:
        yield server


@pytest.fixture
def x_account(workspace, fake_x):  # type: ignore[no-untyped-def]
    from nabz.publishing.connectors.base import Credentials
    from tests.publishing.fakes.x import USER_ID, USERNAME

    access, refresh = fake_x.issue_token()
    account = Account(workspace=workspace, network="x", name="Sunrise on X", api_base=fake_x.url)
    account.store_credentials(
        Credentials(access_token=access, refresh_token=refresh, account_id=USER_ID, handle=USERNAME)
    )
    account.save()
    return account


def test_x_recent_search_pages_with_since_id(workspace, x_account, fake_x, monkeypatch):
    from nabz.publishing.connectors.x import search

    query = make_query(workspace, "measles", networks=["x"])
    fake_x.public_tweet("measles outbreak #health", username="amal")
    assert run(query).stored == 1
    monkeypatch.setattr(search, "PAGE", 10)
    for i in range(25):
        fake_x.public_tweet(f"measles note {i}", username=f"u{i}")
    report = run(query)
    assert report.stored == 25 and report.pages >= 3
    assert run(query).stored == 0
    assert fake_x.calls("search")[-1].query["since_id"]
    first = Result.objects.get(query=query, author_handle="amal")
    assert first.hashtags == ["health"] and first.url.endswith(first.remote_id)


def test_x_tier_without_search_is_said_on_the_page(workspace, x_account, fake_x):
    fake_x.search_tier = False
    query = make_query(workspace, "measles", networks=["x"])
    run(query)
    cursor = SearchCursor.objects.get(query=query, network="x")
    assert cursor.state == "unsupported" and "tier" in cursor.last_error


def test_x_rate_limit_and_malformed_page(workspace, x_account, fake_x):
    query = make_query(workspace, "measles", networks=["x"])
    fake_x.inject("search", Fault.rate_limited(retry_after=120))
    now = timezone.now()
    run(query, now)
    assert SearchCursor.objects.get(query=query).next_run_at >= now + dt.timedelta(seconds=100)
    fake_x.inject("search", Fault.status_code(200, body=["not", "an", "object"]))
    assert "no meta" in run(query).errors[0]
