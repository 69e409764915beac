"""The reports page, its CSV downloads, a post's figures over time, and the monthly PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.analytics import report
from nabz.analytics.figures import Formatter, Table, network_label, not_available
from nabz.analytics.models import MetricPoint, ReportRun, ReportSchedule
from nabz.core.input_guard import key_or_none
from nabz.publishing.connectors import NETWORKS, reading
from nabz.workspaces.access import workspace_view
from nabz.workspaces.choices import Pillar
from nabz.workspaces.roles import Action, can


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _context(request: HttpRequest) -> tuple[report.Filters, dict[str, str], list[report.Group]]:
    filters, errors = report.parse_filters(request.GET, timezone.localdate())
    groups = report.sections_for(request.workspace, filters, _language())  # type: ignore[attr-defined]
    return filters, errors, groups


@workspace_view(Action.VIEW_WORKSPACE)
def reports(request: HttpRequest) -> HttpResponse:
    filters, errors, groups = _context(request)
    workspace = request.workspace  # type: ignore[attr-defined]
    query = request.GET.urlencode()
    schedule = ReportSchedule.objects.filter(workspace=workspace).first()
    return render(
        request,
        "analytics/reports.html",
        {
            "filters": filters,
            "errors": errors,
            "groups": groups,
            "query": query,
            "networks": [(n, e.label) for n, e in NETWORKS.items()],
            "pillars": list(Pillar.choices),
            "languages": [("en", "English"), ("ar", "العربية"), ("fa", "فارسی")],
            "start_value": filters.start.isoformat(),
            "end_value": filters.end.isoformat(),
            "runs": ReportRun.objects.filter(workspace=workspace)
            .defer("pdf")
            .order_by("-created_at")[:12],
            "can_manage": can(request.role, Action.MANAGE_WORKSPACE),  # type: ignore[attr-defined]
            "schedule": schedule,
            "targets": report.weekly_targets(workspace),
            "members": workspace.memberships.select_related("user").order_by("user__username"),
            "recipients": set(schedule.recipients.values_list("pk", flat=True))
            if schedule
            else set(),
            "months": _recent_months(),
        },
        status=400 if errors else 200,
    )


def _recent_months(count: int = 12) -> list[dt.date]:
    first = timezone.localdate().replace(day=1)
    months = []
    for _i in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(first)
    return months


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return out.getvalue()


@workspace_view(Action.VIEW_WORKSPACE)
def reports_csv(request: HttpRequest, key: str) -> HttpResponse:
    filters, errors, groups = _context(request)
    if errors:
        return HttpResponseBadRequest(
            "\n".join(f"{k}: {v}" for k, v in errors.items()), content_type="text/plain"
        )
    table = report.find_table(groups, key)
    if table is None:
        raise Http404(key)
    response = HttpResponse(
        "\ufeff" + table_csv(table), content_type="text/csv; charset=utf-8"
    )  # the BOM lets spreadsheets read Arabic and Persian as UTF-8
    name = f"nabz-{key}-{filters.start.isoformat()}-{filters.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@workspace_view(Action.VIEW_WORKSPACE)
def post_figures(request: HttpRequest, pk: int) -> HttpResponse:
    from nabz.content.models import Post

    workspace = request.workspace  # type: ignore[attr-defined]
    post = get_object_or_404(Post, pk=pk, workspace=workspace)
    fmt = Formatter(_language())
    tables = post_tables(post, fmt)
    return render(request, "analytics/post_figures.html", {"post": post, "tables": tables})


def post_tables(post: object, fmt: Formatter) -> list[Table]:
    """The post's figures per network over time: one table (and line chart) per network."""
    labels = {
        "impressions": _("Impressions"),
        "reach": _("Reach"),
        "engagements": _("Engagements"),
        "likes": _("Likes"),
        "comments": _("Comments"),
        "shares": _("Shares and reposts"),
        "saves": _("Saves"),
        "clicks": _("Clicks"),
    }
    tz = timezone.get_current_timezone()
    points = (
        MetricPoint.objects.filter(publication__post=post)
        .order_by("network", "taken_at")
        .only("network", "taken_at", *labels)
    )
    per: dict[str, list[MetricPoint]] = {}
    for p in points:
        per.setdefault(p.network, []).append(p)
    tables = []
    for network, rows in per.items():
        shown = [m for m in labels if reading.available(network, m)]
        missing = [labels[m] for m in labels if m not in shown]
        table = Table(
            key=f"post-{network}",
            title=network_label(network),
            headers=[_("Read at"), *[labels[m] for m in shown]],
            note=(not_available(network) + ": " + ", ".join(missing) if missing else ""),
        )
        for p in rows:
            local = p.taken_at.astimezone(tz)
            table.rows.append(
                [
                    f"{fmt.date(local.date())} {fmt.int(local.hour)}:{local.minute:02d}",
                    *[fmt.int(getattr(p, m)) for m in shown],
                ]
            )
        table.chart = {
            "type": "line",
            "horizontal": False,
            "labels": [r[0] for r in table.rows],
            "datasets": [
                {"label": labels[m], "data": [getattr(p, m) for p in rows]}
                for m in shown
                if m in ("impressions", "engagements", "likes", "shares")
            ],
        }
        tables.append(table)
    return tables


@require_POST
@workspace_view(Action.MANAGE_WORKSPACE)
def generate_pdf(request: HttpRequest) -> HttpResponse:
    from nabz.analytics import pdf

    workspace = request.workspace  # type: ignore[attr-defined]
    raw = str(request.POST.get("month") or "")
    try:
        month = dt.date.fromisoformat(raw[:7] + "-01")
    except ValueError:
        return HttpResponseBadRequest(_("month: not a month (YYYY-MM)."), content_type="text/plain")
    if not 1900 <= month.year <= 2199:
        return HttpResponseBadRequest(_("month: outside 1900–2199."), content_type="text/plain")
    run = pdf.generate(workspace, month, requested_by=request.user)
    messages.success(request, _("The report for the month is ready."))
    return redirect(reverse("report_pdf", kwargs={"ws": workspace.slug, "pk": run.pk}))


@workspace_view(Action.VIEW_WORKSPACE)
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ReportRun, pk=pk, workspace=request.workspace)  # type: ignore[attr-defined]
    response = HttpResponse(bytes(run.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="nabz-report-{run.month:%Y-%m}-{run.language}.pdf"'
    )
    return response


@require_POST
@workspace_view(Action.MANAGE_WORKSPACE)
def report_settings(request: HttpRequest) -> HttpResponse:
    workspace = request.workspace  # type: ignore[attr-defined]
    schedule, _created = ReportSchedule.objects.get_or_create(workspace=workspace)
    targets: dict[str, int] = {}
    for network in NETWORKS:
        raw = str(request.POST.get(f"target_{network}") or "").strip()
        if not raw:
            continue
        if not (raw.isascii() and raw.isdigit()) or not 0 <= int(raw) <= 100:
            return HttpResponseBadRequest(
                f"target_{network}: " + _("a whole number of posts from 0 to 100."),
                content_type="text/plain",
            )
        if int(raw):
            targets[network] = int(raw)
    send_day = key_or_none(request.POST.get("send_day") or "1")
    if send_day is None or send_day > 28:
        return HttpResponseBadRequest(
            "send_day: " + _("a day of the month from 1 to 28."), content_type="text/plain"
        )
    members = set(workspace.memberships.values_list("user_id", flat=True))
    chosen = []
    for raw in request.POST.getlist("recipient"):
        if (member := key_or_none(raw)) not in members:
            return HttpResponseBadRequest(
                "recipient: " + _("not a member of this workspace."), content_type="text/plain"
            )
        chosen.append(member)
    schedule.weekly_targets = targets
    schedule.send_day = send_day
    schedule.save(update_fields=["weekly_targets", "send_day"])
    schedule.recipients.set(chosen)
    from nabz.audit.recording import record as audit

    audit(
        "reports.settings_changed",
        actor=request.user,
        workspace=workspace,
        obj=schedule,
        payload={
            "weekly_targets": targets,
            "recipients": len(chosen),
            "send_day": schedule.send_day,
        },
    )
    messages.success(request, _("Report settings saved."))
    return redirect(reverse("reports", kwargs={"ws": workspace.slug}))
