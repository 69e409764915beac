"""The calendar (B3, B6): month, week and list views, drag-and-drop moves, mix and gaps."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.content import calendar, workflow
from nabz.content.models import Network, Pillar, Post, State, Variant
from nabz.content.status import shown_state
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, can

VIEWS = ("month", "week", "list")
PER_DAY = {"month": 4, "week": 12}  # a busier day links to its list


def _anchor(raw: str | None, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else today
    except ValueError:
        return today


def _observances(start: dt.date, end: dt.date, language: str) -> list[dict[str, object]]:
    from nabz import observances

    found = []
    for occurrence in observances.occurrences(start, end):
        found.append(
            {
                "id": occurrence.observance.id,
                "key": occurrence.key,
                "name": observances.name(occurrence.observance, language),
                "start": occurrence.start,
                "end": occurrence.end,
                "hashtags": observances.hashtags(occurrence.observance, language),
            }
        )
    return found


@workspace_view(Action.VIEW_WORKSPACE)
def calendar_view(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    zone = zoneinfo.ZoneInfo(ws.timezone)
    language = (translation.get_language() or "en")[:2]
    today = timezone.localdate(timezone=zone)
    mode = request.GET.get("view", "month")
    mode = mode if mode in VIEWS else "month"
    anchor = _anchor(request.GET.get("date"), today)
    period = calendar.week(anchor, language) if mode == "week" else calendar.month(anchor, language)
    grid_start, grid_end = period.weeks[0][0].date, period.weeks[-1][-1].date
    start = dt.datetime.combine(grid_start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(grid_end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    posts = (
        Post.objects.filter(workspace=ws, scheduled_at__gte=start, scheduled_at__lt=end)
        .exclude(state=State.ARCHIVED)
        .only("pk", "title", "state", "pillar", "scheduled_at", "workspace_id")
        .prefetch_related("publications")
        .order_by("scheduled_at")
    )
    filters = {k: request.GET.get(k, "") for k in ("network", "pillar", "state")}
    if filters["network"] in Network.values:
        posts = posts.filter(variants__network=filters["network"]).distinct()
    if filters["pillar"] in Pillar.values:
        posts = posts.filter(pillar=filters["pillar"])
    if filters["state"] in State.values:
        posts = posts.filter(state=filters["state"])
    posts = list(posts)
    for post in posts:  # each chip says what is true: held by the pause, taken down...
        post.workspace = ws
        post.shown = shown_state(post)  # type: ignore[attr-defined]

    def local_date(post: Post) -> dt.date:
        return post.scheduled_at.astimezone(zone).date()  # type: ignore[union-attr]

    calendar.place(period, posts, local_date, per_day=None if mode == "list" else PER_DAY[mode])
    observed = _observances(grid_start, grid_end, language)
    # Months and seasons are listed once above the grid, when they overlap the period
    # itself (a December grid that opens on 30 November does not make Movember part of
    # December); days and weeks sit in the cell of their first visible day.
    long_ones = [
        o
        for o in observed
        if (o["end"] - o["start"]).days >= 7
        and o["start"] <= period.end
        and o["end"] >= period.start
    ]
    long_ids = {id(o) for o in observed if (o["end"] - o["start"]).days >= 7}
    for row in period.weeks:
        for day in row:
            day.observances = [
                o
                for o in observed
                if id(o) not in long_ids and max(o["start"], grid_start) == day.date
            ]
    in_range = [p for p in posts if period.start <= local_date(p) <= period.end]
    mix = calendar.content_mix(in_range, dict(Pillar.choices), ws.target_mix or {})
    networks_by_post: dict[int, list[str]] = {}
    if ws.target_networks:
        pairs = Variant.objects.filter(post__in=[p.pk for p in in_range]).values_list(
            "post_id", "network"
        )
        for post_id, network in pairs:
            networks_by_post.setdefault(post_id, []).append(network)
    gaps = calendar.cadence_gaps(
        period, in_range, networks_by_post, list(ws.target_networks or []), local_date, today
    )
    return render(
        request,
        "content/calendar.html",
        {
            "period": period,
            "mode": mode,
            "today": today,
            "anchor": anchor,
            "posts": in_range,
            "observances": observed,
            "long_observances": long_ones,
            "mix": mix,
            "gaps": {dict(Network.choices).get(n, n): days for n, days in gaps.items() if days},
            "filters": filters,
            "networks": Network.choices,
            "pillars": Pillar.choices,
            "states": State.choices,
            "can_move": can(request.role, Action.SCHEDULE_POST),  # type: ignore[attr-defined]
            "weekdays": _weekday_names(language),
        },
    )


def _weekday_names(language: str) -> list[str]:
    names = {
        "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
        "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    }[language if language in ("ar", "fa") else "en"]
    first = calendar.week_start(language)
    return names[first:] + names[:first]


@workspace_view(Action.SCHEDULE_POST)
@require_POST
def move_post(request: HttpRequest) -> HttpResponse:
    """Move a post to another day, keeping its time of day (drag and drop or the form)."""
    ws = request.workspace  # type: ignore[attr-defined]
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    post = get_object_or_404(Post, workspace=ws, pk=request.POST.get("post") or 0)
    try:
        day = dt.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        return _move_error(request, wants_json, _("Choose a valid date."), ws.slug)
    zone = zoneinfo.ZoneInfo(ws.timezone)
    old = post.scheduled_at.astimezone(zone) if post.scheduled_at else None
    at = old.timetz().replace(tzinfo=None) if old else dt.time(9, 0)
    when = dt.datetime.combine(day, at, tzinfo=zone)
    try:
        workflow.reschedule(post, request.user, when)
    except workflow.WorkflowError as exc:
        return _move_error(request, wants_json, str(exc), ws.slug)
    if wants_json:
        return JsonResponse({"ok": True, "post": post.pk, "date": day.isoformat()})
    messages.success(request, _("Moved."))
    return redirect(reverse("calendar", kwargs={"ws": ws.slug}) + f"?date={day.isoformat()}")


def _move_error(request: HttpRequest, wants_json: bool, message: str, slug: str) -> HttpResponse:
    if wants_json:
        return JsonResponse({"ok": False, "error": message}, status=400)
    messages.error(request, message)
    return redirect("calendar", ws=slug)
