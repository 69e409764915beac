"""The reports page: filters, tables with their charts, CSV equal to the table, roles."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from nabz.analytics.reader import target_of
from nabz.analytics.rollups import Observation, record
from nabz.publishing.models import Account
from nabz.workspaces.roles import Role
from tests.analytics.conftest import published
from tests.conftest import signed_in


class Tables(HTMLParser):
    """Every ``table[data-table]`` on a page: key → rows of cell texts (headings first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.charts: list[dict[str, object]] = []
        self.key = ""
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("data-table"):
            self.key = str(a["data-table"])
            self.tables[self.key] = []
        elif tag == "canvas" and a.get("data-chart"):
            self.charts.append(json.loads(str(a["data-chart"])))
        elif self.key and tag == "tr":
            self.tables[self.key].append([])
        elif self.key and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.key = ""
        elif self.key and tag in ("td", "th") and self.cell is not None:
            self.tables[self.key][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables_of(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


@pytest.fixture
def figures(workspace, people):  # type: ignore[no-untyped-def]
    """Two networks' readings over two days: X (impressions) and Mastodon (none)."""
    x = Account.objects.create(workspace=workspace, network="x", name="X")
    masto = Account.objects.create(workspace=workspace, network="mastodon", name="Masto")
    now = timezone.now()
    a = published(
        x, people, text="Vaccines save lives", pillar="education", when=now - dt.timedelta(days=2)
    )
    b = published(
        masto,
        people,
        text="Meet our nurses",
        pillar="staff_spotlight",
        language="fa",
        when=now - dt.timedelta(days=2),
    )
    for pub, values in (
        (
            a,
            [
                {
                    "impressions": 1000,
                    "likes": 30,
                    "comments": 5,
                    "shares": 4,
                    "saves": 1,
                    "engagements": 40,
                }
            ],
        ),
        (b, [{"likes": 12, "comments": 2, "shares": 3, "engagements": 17}]),
    ):
        record([Observation(target_of(pub), values[0], {}, now - dt.timedelta(days=1))])
    record(
        [
            Observation(
                target_of(a),
                {
                    "impressions": 1600,
                    "likes": 50,
                    "comments": 8,
                    "shares": 6,
                    "saves": 2,
                    "engagements": 66,
                },
                {},
                now,
            )
        ]
    )
    return a, b


def test_the_page_shows_each_network_with_not_available_never_zero(
    workspace, people, figures
) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.VIEWER])
    response = client.get(f"/w/{workspace.slug}/reports/")
    assert response.status_code == 200
    page = tables_of(response.content.decode())
    networks = page.tables["networks"]
    header, *rows = networks
    assert header[0] == "Network" and header[-1] == "Engagement rate"
    by_name = {r[0]: r for r in rows}
    assert by_name["X"][1] == "1,600"  # impressions: the latest total
    assert by_name["X"][-1] == "4.1%"  # 66 / 1600
    assert by_name["Mastodon"][1] == "not available from Mastodon"
    assert by_name["Mastodon"][-1] == "not available from Mastodon"
    assert "0" not in by_name["Mastodon"][1:2]
    assert "engagements ÷ impressions × 100" in response.content.decode()
    top = page.tables["top"]
    assert [r[0] for r in top[1:]] == ["Vaccines save lives", "Meet our nurses"]
    assert len(page.charts) == len([t for t in page.tables.values() if len(t) > 1])


@pytest.mark.parametrize(
    "key",
    ["networks", "pillars", "top", "bottom", "weekdays", "hours", "cadence", "mix", "consent"],
)
def test_the_csv_is_exactly_the_table(workspace, people, figures, key) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    query = "network=x&network=mastodon"
    shown = tables_of(client.get(f"/w/{workspace.slug}/reports/?{query}").content.decode())
    response = client.get(f"/w/{workspace.slug}/reports/csv/{key}.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    if key in shown.tables:
        assert rows == shown.tables[key]
    else:  # an empty table: the CSV still has its headings and no rows
        assert len(rows) == 1


def test_filters_narrow_the_figures_and_persian_shows_persian_digits(
    workspace, people, figures
) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.VIEWER])
    page = tables_of(client.get(f"/w/{workspace.slug}/reports/?network=mastodon").content.decode())
    assert [r[0] for r in page.tables["networks"][1:]] == ["Mastodon"]
    page = tables_of(client.get(f"/w/{workspace.slug}/reports/?language=fa").content.decode())
    assert [r[0] for r in page.tables["networks"][1:]] == ["Mastodon"]
    client.post("/account/language/", {"language": "fa"})
    fa = client.get(f"/w/{workspace.slug}/reports/?network=x", HTTP_ACCEPT_LANGUAGE="fa")
    rows = tables_of(fa.content.decode()).tables["networks"]
    assert "۱٬۶۰۰" in rows[1]


def test_bad_filters_are_named_with_the_reason_never_a_500(workspace, people) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.VIEWER])
    response = client.get(f"/w/{workspace.slug}/reports/?start=2026-13-40&network=myspace")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Not a date" in text and "Unknown value: myspace" in text
    csv_response = client.get(
        f"/w/{workspace.slug}/reports/csv/networks.csv?end=2026-01-01&start=2026-02-01"
    )
    assert csv_response.status_code == 400
    assert b"end:" in csv_response.content
    assert client.get(f"/w/{workspace.slug}/reports/csv/nothing.csv").status_code == 404


def test_the_post_section_shows_each_networks_figures_over_time(workspace, people, figures) -> None:  # type: ignore[no-untyped-def]
    a, _b = figures
    client = signed_in(people[Role.VIEWER])
    response = client.get(f"/w/{workspace.slug}/reports/posts/{a.post_id}/")
    assert response.status_code == 200
    table = tables_of(response.content.decode()).tables["post-x"]
    assert len(table) == 3  # headings and two readings
    assert table[0][1] == "Impressions" and [r[1] for r in table[1:]] == ["1,000", "1,600"]
    assert "not available from X: Reach, Clicks" in response.content.decode()


def test_only_admins_change_report_settings_and_bad_values_are_refused(workspace, people) -> None:  # type: ignore[no-untyped-def]
    url = f"/w/{workspace.slug}/reports/settings/"
    assert signed_in(people[Role.AUTHOR]).post(url, {"target_x": "3"}).status_code == 403
    admin = signed_in(people[Role.ADMIN])
    assert admin.post(url, {"target_x": "lots"}).status_code == 400
    assert (
        admin.post(url, {"target_x": "3", "recipient": str(people[Role.VIEWER].pk)}).status_code
        == 302
    )
    from nabz.analytics.models import ReportSchedule

    schedule = ReportSchedule.objects.get(workspace=workspace)
    assert schedule.weekly_targets == {"x": 3}
    assert list(schedule.recipients.all()) == [people[Role.VIEWER]]


def test_the_send_day_is_saved_and_a_day_outside_1_to_28_is_refused(workspace, people) -> None:  # type: ignore[no-untyped-def]
    from nabz.analytics.models import ReportSchedule

    url = f"/w/{workspace.slug}/reports/settings/"
    admin = signed_in(people[Role.ADMIN])
    for bad in ("0", "29", "fifth", "²", "9" * 30):
        response = admin.post(url, {"send_day": bad})
        assert response.status_code == 400
        assert response.content.decode().startswith("send_day:")
    assert admin.post(url, {"send_day": "5"}).status_code == 302
    assert ReportSchedule.objects.get(workspace=workspace).send_day == 5
    assert (
        'name="send_day" value="5"' in admin.get(f"/w/{workspace.slug}/reports/").content.decode()
    )
