"""The monthly PDF per workspace: in its language, with charts, a plain-language summary
and the month's trust highlights; made by the worker (or on request), kept, mailed to the
chosen members, and each generation written to the audit log.

WeasyPrint turns our own HTML into the PDF; it runs no JavaScript, so the charts are SVG
drawn here (``svg``). The text is set in Vazirmatn (SIL Open Font License, from npm,
copied to the static vendor folder by ``make``), which has Latin, Arabic and Persian
glyphs; without it WeasyPrint falls back to the system's fonts.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nabz.analytics import figures, report, sections, svg
from nabz.analytics.figures import Filters, Formatter
from nabz.analytics.models import DailyRollup, ReportRun, ReportSchedule
from nabz.audit.recording import record as audit

log = logging.getLogger("nabz.analytics")

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "vazirmatn"


def month_filters(month: dt.date) -> Filters:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return Filters(start=first, end=following - dt.timedelta(days=1))


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


@dataclass
class MonthFigures:
    published: int
    networks: int
    impressions: int | None
    rated_engagements: int | None
    emergencies: int
    emergencies_quick: int
    trust_score: float | None
    overrides: int

    @property
    def rate(self) -> float | None:
        return figures.rate(self.rated_engagements, self.impressions)

    @property
    def emergency_share(self) -> float | None:
        return 100.0 * self.emergencies_quick / self.emergencies if self.emergencies else None


def month_figures(workspace: object, month: dt.date) -> MonthFigures:
    from django.db.models import Avg, Q, Sum

    from nabz.content.models import Override, Post

    filters = month_filters(month)
    zone = getattr(workspace, "timezone", "UTC")
    start, end = filters.window(zone)
    pk = workspace.pk  # type: ignore[attr-defined]
    sent = sections._sent(pk, filters, zone)
    sums = DailyRollup.objects.filter(
        workspace_id=pk, day__gte=filters.start, day__lte=filters.end
    ).aggregate(
        total_impressions=Sum("impressions"),
        rated=Sum("engagements", filter=Q(impressions__isnull=False)),
    )
    emergencies, quick = sections.emergency_share(workspace, filters)
    score = Post.objects.filter(
        workspace_id=pk, created_at__gte=start, created_at__lt=end, trust_score__isnull=False
    ).aggregate(avg=Avg("trust_score"))["avg"]
    return MonthFigures(
        published=sent.values("post_id").distinct().count(),
        networks=sent.values("network").distinct().count(),
        impressions=sums["total_impressions"],
        rated_engagements=sums["rated"],
        emergencies=emergencies,
        emergencies_quick=quick,
        trust_score=float(score) if score is not None else None,
        overrides=Override.objects.filter(
            post__workspace_id=pk, created_at__gte=start, created_at__lt=end
        ).count(),
    )


def _trend(now: float | None, before: float | None, fmt: Formatter, unit: str = "") -> str:
    if now is None or before is None:
        return ""
    if abs(now - before) < 0.05:
        return _(", the same as the month before")
    word = _(", up from %(before)s") if now > before else _(", down from %(before)s")
    shown = fmt.pct(before) if unit else fmt.int(before)
    return word % {"before": shown}


def summary(workspace: object, month: dt.date, fmt: Formatter) -> list[str]:
    """The plain-language summary: a few sentences written from the month's figures."""
    now = month_figures(workspace, month)
    before = month_figures(workspace, previous_month(month))
    pct = "٪" if fmt.language in ("fa", "ar") else "%"
    lines = [
        _("This month you published %(posts)s posts on %(networks)s networks.")
        % {"posts": fmt.int(now.published), "networks": fmt.int(now.networks)}
    ]
    if now.emergencies:
        lines.append(
            _(
                "You answered %(share)s of emergencies within 15 minutes (%(quick)s of "
                "%(all)s)%(trend)s."
            )
            % {
                "share": fmt.pct(now.emergency_share),
                "quick": fmt.int(now.emergencies_quick),
                "all": fmt.int(now.emergencies),
                "trend": _trend(now.emergency_share, before.emergency_share, fmt, pct),
            }
        )
    else:
        lines.append(_("No message was marked as an emergency this month."))
    if now.trust_score is not None:
        lines.append(
            _("The average trust score of the posts written this month was %(score)s%(trend)s.")
            % {
                "score": fmt.int(now.trust_score),
                "trend": _trend(now.trust_score, before.trust_score, fmt),
            }
        )
    if now.overrides:
        lines.append(
            _("Compliance officers overrode %(n)s blocking findings, each with a written reason.")
            % {"n": fmt.int(now.overrides)}
        )
    if now.impressions:
        lines.append(
            _(
                "On the networks that count views, posts were seen %(impressions)s times, with "
                "an engagement rate of %(rate)s%(trend)s."
            )
            % {
                "impressions": fmt.int(now.impressions),
                "rate": fmt.pct(now.rate),
                "trend": _trend(now.rate, before.rate, fmt, pct),
            }
        )
    return lines


def render_html(workspace: object, month: dt.date, language: str) -> tuple[str, list[str]]:
    fmt = Formatter(language)
    filters = month_filters(month)
    groups = report.sections_for(workspace, filters, language)
    for group in groups:
        for table in group.tables:
            spec = table.chart or {}
            table.svg = svg.chart(spec, language)  # type: ignore[attr-defined]
            table.legend = list(  # type: ignore[attr-defined]
                zip(
                    [str(d.get("label") or "") for d in spec.get("datasets") or []],  # type: ignore[attr-defined]
                    svg.colours(len(spec.get("datasets") or [])),  # type: ignore[arg-type]
                    strict=True,
                )
            )
    lines = summary(workspace, month, fmt)
    trust = next(g for g in groups if g.key == "trust")
    findings = report.find_table(groups, "findings")
    highlights = [
        _("%(rule)s (%(family)s) was found on %(n)s posts.")
        % {"rule": row[1], "family": row[0], "n": row[2]}
        for row in sorted(findings.rows if findings else [], key=lambda r: r[2], reverse=True)[:3]
    ]
    html = render_to_string(
        "analytics/monthly.html",
        {
            "workspace": workspace,
            "month_label": fmt.date(filters.start) + " – " + fmt.date(filters.end),
            "summary": lines,
            "highlights": highlights,
            "groups": groups,
            "trust": trust,
            "language": language,
            "rtl": language in ("ar", "fa"),
            "font_regular": (FONT_DIR / "Vazirmatn-Regular.ttf").as_uri()
            if (FONT_DIR / "Vazirmatn-Regular.ttf").exists()
            else "",
            "font_bold": (FONT_DIR / "Vazirmatn-Bold.ttf").as_uri()
            if (FONT_DIR / "Vazirmatn-Bold.ttf").exists()
            else "",
            "generated": fmt.date(timezone.localdate()),
        },
    )
    return html, lines


def to_pdf(html: str) -> bytes:
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
    finally:
        # Importing WeasyPrint lets Pillow accept truncated images in the whole process;
        # uploads must keep refusing them (nabz.media checks every image it is given).
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated

    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()  # type: ignore[no-any-return]


def generate(
    workspace: object, month: dt.date, *, requested_by: object | None = None, language: str = ""
) -> ReportRun:
    language = language or getattr(workspace, "default_language", "en") or "en"
    with translation.override(language), timezone.override(getattr(workspace, "timezone", "UTC")):
        html, lines = render_html(workspace, month.replace(day=1), language)
        content = to_pdf(html)
    with transaction.atomic():
        run = ReportRun.objects.create(
            workspace=workspace,
            month=month.replace(day=1),
            language=language,
            requested_by=requested_by if getattr(requested_by, "pk", None) else None,
            pdf=content,
            summary="\n".join(lines),
        )
        audit(
            "reports.monthly_generated",
            actor=requested_by if getattr(requested_by, "pk", None) else "system:reports",
            workspace=workspace,
            obj=run,
            payload={"month": f"{run.month:%Y-%m}", "language": language, "bytes": len(content)},
        )
    return run


def send_due_reports(now: dt.datetime | None = None) -> int:
    """On each workspace's chosen day, make last month's report and mail it to its chosen
    members, once per workspace and month.

    The month is claimed first with one conditional UPDATE, so two workers (or a task
    queued twice, or a restart) cannot both send it; if sending fails the claim is given
    back and the next round tries again. A PDF already made for the month by an earlier,
    failed round is reused rather than made again.
    """
    now = now or timezone.now()
    sent = 0
    for schedule in ReportSchedule.objects.select_related("workspace"):
        workspace = schedule.workspace
        today = timezone.localtime(now, _zone(workspace)).date()
        if today.day < schedule.send_day:
            continue
        month = previous_month(today)
        if schedule.last_sent_month is not None and schedule.last_sent_month >= month:
            continue
        people = list(schedule.recipients.exclude(email=""))
        if not people:
            continue
        before = schedule.last_sent_month
        claimed = (
            ReportSchedule.objects.filter(pk=schedule.pk)
            .filter(Q(last_sent_month__isnull=True) | Q(last_sent_month__lt=month))
            .update(last_sent_month=month)
        )
        if not claimed:  # another worker has it
            continue
        try:
            run = (
                ReportRun.objects.filter(workspace=workspace, month=month, emailed_to=[])
                .order_by("-pk")
                .first()
            ) or generate(workspace, month)
            addresses = [p.email for p in people]
            with translation.override(run.language):
                message = EmailMessage(
                    subject=_("Nabz monthly report: %(name)s, %(month)s")
                    % {"name": workspace.name, "month": f"{month:%Y-%m}"},
                    body="\n\n".join(run.summary.splitlines()),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=addresses,
                )
            message.attach(f"nabz-report-{month:%Y-%m}.pdf", bytes(run.pdf), "application/pdf")
            message.send()
        except Exception:
            ReportSchedule.objects.filter(pk=schedule.pk, last_sent_month=month).update(
                last_sent_month=before
            )
            raise
        with transaction.atomic():
            run.emailed_to = addresses
            run.save(update_fields=["emailed_to"])
            audit(
                "reports.monthly_sent",
                actor="system:reports",
                workspace=workspace,
                obj=run,
                payload={"month": f"{month:%Y-%m}", "recipients": len(addresses)},
            )
        sent += 1
    return sent


def _zone(workspace: object):  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(getattr(workspace, "timezone", "UTC") or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")
