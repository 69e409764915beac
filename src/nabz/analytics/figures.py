"""What the reports show, computed from rollups and small tables — never from raw points.

Every section is a :class:`Table`: its column headings, its rows exactly as the page shows
them (the reader's digits, "not available from <network>" where a network does not give a
number), and a chart made from the same numbers. The page draws the chart beside the
table; the CSV download writes the same headings and cells; the PDF draws the chart as SVG.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext as _

from nabz.analytics.models import METRIC_FIELDS, DailyRollup, LatestMetrics
from nabz.core.calendars import format_date, local_digits
from nabz.publishing.connectors import NETWORKS, reading
from nabz.workspaces.choices import Pillar

EMERGENCY_MINUTES = 15


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date  # inclusive
    networks: tuple[str, ...] = ()  # empty: all
    pillars: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def window(self, zone: str) -> tuple[dt.datetime, dt.datetime]:
        tz = _zone(zone)
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""  # how a figure is computed (the engagement rate's formula...)
    chart: dict[str, object] | None = None
    empty: str = ""


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


class Formatter:
    def __init__(self, language: str) -> None:
        self.language = language

    def int(self, value: int | float | None) -> str:
        if value is None:
            return "—"
        text = f"{round(value):,}"
        if self.language in ("fa", "ar"):
            text = text.replace(",", "٬")  # the Arabic thousands separator
        return local_digits(text, self.language)

    def pct(self, value: float | None) -> str:
        if value is None:
            return "—"
        if self.language in ("fa", "ar"):  # the Arabic decimal separator and percent sign
            return local_digits(f"{value:.1f}".replace(".", "٫"), self.language) + "٪"
        return f"{value:.1f}%"

    def minutes(self, value: float | None) -> str:
        if value is None:
            return "—"
        if value < 120:
            return _("%(n)s min") % {"n": self.int(value)}
        hours = f"{value / 60:.1f}"
        if self.language in ("fa", "ar"):
            hours = hours.replace(".", "٫")
        return _("%(n)s h") % {"n": local_digits(hours, self.language)}

    def date(self, day: dt.date) -> str:
        return format_date(day, self.language)


def network_label(network: str) -> str:
    entry = NETWORKS.get(network)
    return entry.label if entry else network


def not_available(network: str) -> str:
    return _("not available from %(network)s") % {"network": network_label(network)}


def metric_labels() -> dict[str, str]:
    return {
        "impressions": _("Impressions"),
        "reach": _("Reach"),
        "engagements": _("Engagements"),
        "likes": _("Likes"),
        "comments": _("Comments"),
        "shares": _("Shares and reposts"),
        "saves": _("Saves"),
        "clicks": _("Clicks"),
        "followers": _("Followers"),
    }


def pillar_labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in Pillar.choices}


def rate(engagements: int | None, impressions: int | None) -> float | None:
    if engagements is None or not impressions:
        return None
    return 100.0 * engagements / impressions


RATE_FORMULA = (
    "Engagement rate = engagements ÷ impressions × 100, where engagements = likes + comments "
    "+ shares + saves (those the network gives). Networks that count no impressions "
    "(Mastodon, Bluesky, Pixelfed) have no rate and are left out of the totals' rates."
)


def rollups(workspace_id: int, filters: Filters):  # type: ignore[no-untyped-def]
    rows = DailyRollup.objects.filter(
        workspace_id=workspace_id, day__gte=filters.start, day__lte=filters.end
    )
    if filters.networks:
        rows = rows.filter(network__in=filters.networks)
    if filters.pillars:
        rows = rows.filter(pillar__in=filters.pillars)
    if filters.languages:
        rows = rows.filter(language__in=filters.languages)
    return rows


def _sums(rows, by: str) -> dict[str, dict[str, int | None]]:  # type: ignore[no-untyped-def]
    aggregates = {f"sum_{name}": Sum(name) for name in METRIC_FIELDS}
    aggregates["sum_rated_engagements"] = Sum("engagements", filter=Q(impressions__isnull=False))
    out: dict[str, dict[str, int | None]] = {}
    for r in rows.values(by).annotate(**aggregates).order_by(by):
        out[r[by]] = {k.removeprefix("sum_"): v for k, v in r.items() if k.startswith("sum_")}
    return out


def performance_by_network(workspace_id: int, filters: Filters, fmt: Formatter) -> Table:
    labels = metric_labels()
    shown = (
        "impressions",
        "reach",
        "engagements",
        "likes",
        "comments",
        "shares",
        "saves",
        "clicks",
    )
    table = Table(
        key="networks",
        title=_("Performance per network"),
        headers=[_("Network"), *[labels[m] for m in shown], _("Engagement rate")],
        note=_(RATE_FORMULA),
        empty=_("No figures read yet for these filters."),
    )
    sums = _sums(rollups(workspace_id, filters), "network")
    chart_labels: list[str] = []
    chart_values: list[float | None] = []
    for network, row in sums.items():
        cells = [network_label(network)]
        for metric in shown:
            if not reading.available(network, metric):
                cells.append(not_available(network))
            else:
                cells.append(fmt.int(row[metric]))
        value = rate(row["engagements"], row["impressions"])
        cells.append(
            fmt.pct(value) if reading.available(network, "impressions") else not_available(network)
        )
        table.rows.append(cells)
        chart_labels.append(network_label(network))
        chart_values.append(row["engagements"] or 0)
    table.chart = _bar(chart_labels, [(labels["engagements"], chart_values)])
    return table


def performance_by_pillar(workspace_id: int, filters: Filters, fmt: Formatter) -> Table:
    labels = metric_labels()
    names = pillar_labels()
    table = Table(
        key="pillars",
        title=_("Performance per pillar"),
        headers=[
            _("Pillar"),
            _("Posts read"),
            labels["impressions"],
            labels["engagements"],
            _("Engagement rate"),
        ],
        note=_(RATE_FORMULA),
        empty=_("No figures read yet for these filters."),
    )
    posts = dict(
        _latest(workspace_id, filters)
        .values("pillar")
        .annotate(n=Count("post_id", distinct=True))
        .values_list("pillar", "n")
    )
    sums = _sums(rollups(workspace_id, filters), "pillar")
    chart_values: list[float | None] = []
    for pillar, row in sums.items():
        value = rate(row["rated_engagements"], row["impressions"])
        table.rows.append(
            [
                names.get(pillar, pillar),
                fmt.int(posts.get(pillar, 0)),
                fmt.int(row["impressions"]),
                fmt.int(row["engagements"]),
                fmt.pct(value),
            ]
        )
        chart_values.append(round(value, 2) if value is not None else None)
    table.chart = _bar([names.get(p, p) for p in sums], [(_("Engagement rate (%)"), chart_values)])
    return table


def _latest(workspace_id: int, filters: Filters, zone: str = "UTC"):  # type: ignore[no-untyped-def]
    start, end = filters.window(zone)
    rows = LatestMetrics.objects.filter(
        workspace_id=workspace_id, published_at__gte=start, published_at__lt=end
    )
    if filters.networks:
        rows = rows.filter(network__in=filters.networks)
    if filters.pillars:
        rows = rows.filter(pillar__in=filters.pillars)
    if filters.languages:
        rows = rows.filter(language__in=filters.languages)
    return rows


def ranked_posts(
    workspace_id: int, filters: Filters, fmt: Formatter, zone: str, *, top: bool, limit: int = 5
) -> Table:
    labels = metric_labels()
    table = Table(
        key="top" if top else "bottom",
        title=_("Top posts") if top else _("Bottom posts"),
        headers=[
            _("Post"),
            _("Network"),
            _("Published"),
            labels["engagements"],
            labels["impressions"],
        ],
        note=_("Ranked by engagements on each network, from the latest reading."),
        empty=_("No published posts with figures in this period."),
    )
    order = ("-engagements", "-pk") if top else ("engagements", "pk")
    rows = (
        _latest(workspace_id, filters, zone)
        .filter(engagements__isnull=False)
        .select_related("post")
        .order_by(*order)[:limit]
    )
    tz = _zone(zone)
    labels_: list[str] = []
    values: list[float | None] = []
    for row in rows:
        title = row.post.title
        table.rows.append(
            [
                title,
                network_label(row.network),
                fmt.date(row.published_at.astimezone(tz).date()) if row.published_at else "—",
                fmt.int(row.engagements),
                fmt.int(row.impressions)
                if reading.available(row.network, "impressions")
                else not_available(row.network),
            ]
        )
        labels_.append(f"{title[:30]} ({network_label(row.network)})")
        values.append(row.engagements)
    table.chart = _bar(labels_, [(labels["engagements"], values)], horizontal=True)
    return table


def weekday_names() -> list[str]:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]


def best_times(workspace_id: int, filters: Filters, fmt: Formatter, zone: str) -> list[Table]:
    tz = _zone(zone)
    base = _latest(workspace_id, filters, zone).filter(engagements__isnull=False)
    by_day = (
        base.annotate(d=ExtractIsoWeekDay("published_at", tzinfo=tz))
        .values("d")
        .annotate(n=Count("pk"), e=Sum("engagements"))
        .order_by("d")
    )
    names = weekday_names()
    days = Table(
        key="weekdays",
        title=_("Best days to post"),
        headers=[_("Day"), _("Posts"), _("Average engagements per post")],
        note=_("Days and hours in the workspace's timezone, by when each post went out."),
        empty=_("No published posts with figures in this period."),
    )
    values: list[float | None] = []
    for row in by_day:
        avg = row["e"] / row["n"] if row["n"] else None
        days.rows.append([names[row["d"] - 1], fmt.int(row["n"]), fmt.int(avg)])
        values.append(round(avg, 1) if avg is not None else None)
    days.chart = _bar([names[r["d"] - 1] for r in by_day], [(days.headers[2], values)])
    by_hour = (
        base.annotate(h=ExtractHour("published_at", tzinfo=tz))
        .values("h")
        .annotate(n=Count("pk"), e=Sum("engagements"))
        .order_by("h")
    )
    hours = Table(
        key="hours",
        title=_("Best hours to post"),
        headers=[_("Hour"), _("Posts"), _("Average engagements per post")],
        note=days.note,
        empty=days.empty,
    )
    hvalues: list[float | None] = []
    for row in by_hour:
        avg = row["e"] / row["n"] if row["n"] else None
        hours.rows.append(
            [local_digits(f"{row['h']:02d}:00", fmt.language), fmt.int(row["n"]), fmt.int(avg)]
        )
        hvalues.append(round(avg, 1) if avg is not None else None)
    hours.chart = _bar(
        [local_digits(f"{r['h']:02d}:00", fmt.language) for r in by_hour],
        [(hours.headers[2], hvalues)],
    )
    return [days, hours]


def _bar(
    labels: Sequence[str],
    series: Iterable[tuple[str, Sequence[float | int | None]]],
    *,
    horizontal: bool = False,
    kind: str = "bar",
) -> dict[str, object]:
    return {
        "type": kind,
        "horizontal": horizontal,
        "labels": list(labels),
        "datasets": [{"label": name, "data": list(data)} for name, data in series],
    }


def line(
    labels: Sequence[str], series: Iterable[tuple[str, Sequence[float | int | None]]]
) -> dict[str, object]:
    return _bar(labels, series, kind="line")


def median(values: Iterable[float]) -> float | None:
    found = list(values)
    return statistics.median(found) if found else None


def minutes_between(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 60)


def group(rows: Iterable[object], key: Callable[[object], object]) -> dict[object, list[object]]:
    out: dict[object, list[object]] = defaultdict(list)
    for row in rows:
        out[key(row)].append(row)
    return out


def today() -> dt.date:
    return timezone.localdate()
