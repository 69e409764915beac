"""The reports page's content: filters read from a request, and every section's tables.

``parse_filters`` refuses what it cannot read with the field and the reason (the page
shows them; the CSV answers 400), and keeps the rest. ``sections`` builds the tables in
the order the page shows them — trust and response first (what the source articles
measure success by), then reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from nabz.analytics import figures, sections
from nabz.analytics.figures import Filters, Formatter, Table
from nabz.analytics.models import ReportSchedule
from nabz.publishing.connectors import NETWORKS
from nabz.workspaces.choices import Pillar

LANGUAGES = ("en", "ar", "fa")
MAX_DAYS = 400


class FilterError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _date(raw: str) -> dt.date:
    # The calendar pickers send "YYYY-MM-DDTHH:MM" (their Gregorian date); a plain date
    # input sends "YYYY-MM-DD".
    return dt.date.fromisoformat(raw.strip()[:10])


def parse_filters(query: Mapping[str, object], today: dt.date) -> tuple[Filters, dict[str, str]]:
    """The filters in ``query`` (a QueryDict), and the errors found: field → reason."""
    errors: dict[str, str] = {}
    getlist = getattr(query, "getlist", lambda k: [query.get(k)] if query.get(k) else [])
    end, start = today, today - dt.timedelta(days=29)
    for name in ("start", "end"):
        raw = str(query.get(name) or "").strip()
        if not raw:
            continue
        try:
            value = _date(raw)
        except ValueError:
            errors[name] = _("Not a date (use the calendar, or YYYY-MM-DD).")
            continue
        if not 1900 <= value.year <= 2199:
            errors[name] = _("Dates must lie between 1900 and 2199.")
            continue
        if name == "start":
            start = value
        else:
            end = value
    if start > end:
        errors["end"] = _("The end date comes before the start date.")
        start, end = end - dt.timedelta(days=29), end
    if (end - start).days > MAX_DAYS:
        errors["start"] = _("A report covers at most %(n)s days.") % {"n": MAX_DAYS}
        start = end - dt.timedelta(days=MAX_DAYS)
    picked: dict[str, tuple[str, ...]] = {}
    for name, allowed in (
        ("network", set(NETWORKS)),
        ("pillar", {str(p) for p in Pillar.values}),
        ("language", set(LANGUAGES)),
    ):
        values = [str(v) for v in getlist(name) if v]
        unknown = [v for v in values if v not in allowed]
        if unknown:
            errors[name] = _("Unknown value: %(value)s") % {"value": ", ".join(unknown)[:80]}
        picked[name] = tuple(sorted({v for v in values if v in allowed}))
    return (
        Filters(
            start=start,
            end=end,
            networks=picked["network"],
            pillars=picked["pillar"],
            languages=picked["language"],
        ),
        errors,
    )


@dataclass
class Group:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)


def weekly_targets(workspace: object) -> dict[str, int]:
    schedule = ReportSchedule.objects.filter(workspace=workspace).first()
    raw = (schedule.weekly_targets if schedule else {}) or {}
    return {str(k): int(v) for k, v in raw.items() if str(k) in NETWORKS and int(v) > 0}


def sections_for(workspace: object, filters: Filters, language: str) -> list[Group]:
    fmt = Formatter(language)
    zone = getattr(workspace, "timezone", "UTC") or "UTC"
    pk: int = workspace.pk  # type: ignore[attr-defined]
    today = timezone.localdate()
    return [
        Group("trust", _("Trust"), sections.trust(workspace, filters, fmt)),
        Group("response", _("Response"), sections.response(workspace, filters, fmt)),
        Group(
            "performance",
            _("Performance"),
            [
                figures.performance_by_network(pk, filters, fmt),
                figures.performance_by_pillar(pk, filters, fmt),
                figures.ranked_posts(pk, filters, fmt, zone, top=True),
                figures.ranked_posts(pk, filters, fmt, zone, top=False),
                *figures.best_times(pk, filters, fmt, zone),
            ],
        ),
        Group(
            "cadence",
            _("Cadence and content mix"),
            sections.cadence(workspace, filters, fmt, weekly_targets(workspace)),
        ),
        Group("consent", _("Consent"), sections.consent(workspace, filters, fmt, today)),
    ]


def find_table(groups: list[Group], key: str) -> Table | None:
    for group in groups:
        for table in group.tables:
            if table.key == key:
                return table
    return None
