"""The reports page in a real browser, in Persian: the filters (with the Jalali picker),
a chart drawn by Chart.js right to left beside its table, and the CSV link that follows
the filters. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from nabz.analytics.reader import target_of
from nabz.analytics.rollups import Observation, record
from nabz.content.models import Post, State, Variant
from nabz.publishing.models import Account, Publication
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.e2e.conftest import screenshot, wait_until


@pytest.mark.django_db(transaction=True)
def test_filters_a_chart_and_its_table_in_persian(page, live_server) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace.objects.create(name="بیمارستان طلوع", slug="tolu", timezone="Asia/Tehran")
    viewer = User.objects.create_user("sara", password="a long browser passphrase 2")
    Membership.objects.create(user=viewer, workspace=ws, role=Role.VIEWER)
    now = timezone.now()
    for network, impressions, likes in (("x", 3000, 90), ("mastodon", None, 40)):
        account = Account.objects.create(workspace=ws, network=network, name=network)
        post = Post.objects.create(
            workspace=ws,
            author=viewer,
            title=f"واکسن آنفولانزا {network}",
            language="fa",
            pillar="education",
            state=State.PUBLISHED,
        )
        variant = Variant.objects.create(post=post, network=network)
        pub = Publication.objects.create(
            post=post,
            variant=variant,
            network=network,
            account=account,
            text="x",
            state=Publication.State.SENT,
            remote_id="1",
            published_at=now - dt.timedelta(days=3),
        )
        values = {"likes": likes, "comments": 5, "shares": 7, "engagements": likes + 12}
        if impressions:
            values["impressions"] = impressions
        record([Observation(target_of(pub), values, {}, now - dt.timedelta(days=1))])
    client = signed_in(viewer)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "fa", "url": live_server.url},
        ]
    )
    page.goto("/w/tolu/reports/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    # The period uses the Jalali picker: Persian month names and digits.
    picker = page.locator('.date-picker[data-picker-for="id_start"]')
    assert picker.is_visible()
    assert "۱۴۰۵" in picker.inner_text()
    wait_until(page, "window.Chart && Object.keys(window.Chart.instances).length > 0")
    table = page.locator('table[data-table="networks"]')
    assert "۳٬۰۰۰" in table.inner_text()
    assert "از Mastodon در دسترس نیست" in table.inner_text()
    # The chart beside it is drawn right to left.
    rtl = page.evaluate(
        "Object.values(window.Chart.instances).some(c => c.options.scales.x.reverse === true)"
    )
    assert rtl
    screenshot(page, "30-reports-fa")
    # Filter to X only: the table and the CSV link follow.
    page.locator('input[name="network"][value="mastodon"]').check()
    page.locator('.report-filters button[type="submit"]').click()
    page.wait_for_url("**network=mastodon**")
    rows = page.locator('table[data-table="networks"] tbody tr')
    assert rows.count() == 1 and "Mastodon" in rows.first.inner_text()
    href = page.locator("#table-networks a[download]").get_attribute("href") or ""
    assert "network=mastodon" in href
    screenshot(page, "31-reports-fa-filtered")
