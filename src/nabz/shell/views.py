"""The shell's pages: home, dashboard, the sections later capabilities fill, health."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from nabz.core.models import WorkerHeartbeat
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Open the last workspace used, else the first one, else explain what to do."""
    memberships = request.user.memberships.select_related("workspace")
    last = request.session.get("last_workspace")
    chosen = memberships.filter(workspace__slug=last).first() or memberships.first()
    if chosen is None:
        return render(request, "shell/no_workspace.html")
    return redirect("dashboard", ws=chosen.workspace.slug)


@workspace_view(Action.VIEW_WORKSPACE)
def dashboard(request: HttpRequest) -> HttpResponse:
    """What is scheduled, what waits for review, expiring consents, recent findings."""
    from nabz.audit.models import AuditEntry
    from nabz.consent.services import expiring_consents
    from nabz.content.models import Pillar, Post, State

    ws = request.workspace  # type: ignore[attr-defined]
    posts = Post.objects.filter(workspace=ws)
    now = timezone.now()
    scheduled = posts.filter(state=State.SCHEDULED)
    held = scheduled.none()
    if ws.crisis_paused_at:  # the pause holds all but crisis updates: they are not "scheduled"
        held = scheduled.exclude(pillar=Pillar.CRISIS_UPDATE)
        scheduled = scheduled.filter(pillar=Pillar.CRISIS_UPDATE)
    upcoming = scheduled.filter(scheduled_at__gte=now).order_by("scheduled_at")[:5]
    recent = list(
        AuditEntry.objects.filter(workspace=ws).select_related("actor").order_by("-sequence")[:8]
    )
    from django.utils import translation

    from nabz.audit.sentences import describe

    for entry, said in describe(recent, (translation.get_language() or "en")[:2]):
        entry.sentence_html = said  # type: ignore[attr-defined]
    return render(
        request,
        "shell/dashboard.html",
        {
            "member_count": ws.memberships.count(),
            "today": timezone.localdate(),
            "scheduled_count": scheduled.count(),
            "held_count": held.count(),
            "held": held.order_by("scheduled_at")[:5],
            "upcoming": upcoming,
            "review_count": posts.filter(state=State.IN_REVIEW).count(),
            "expiring": list(expiring_consents(ws, days=30)[:5]),
            "flagged": posts.filter(blocking_count__gt=0)
            .exclude(state__in=[State.ARCHIVED, State.PUBLISHED])
            .order_by("-checked_at")[:5],
            "recent_activity": recent,
        },
    )


# Sections still to come (each a placeholder page); Reports moved to nabz.analytics.
SECTIONS: dict[str, tuple[str, str]] = {}


def section(key: str):  # type: ignore[no-untyped-def]
    title, purpose = SECTIONS[key]

    @workspace_view(Action.VIEW_WORKSPACE)
    def view(request: HttpRequest) -> HttpResponse:
        return render(
            request, "shell/section.html", {"section": key, "title": title, "purpose": purpose}
        )

    view.__name__ = f"{key}_section"
    return view


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database reachable, and when the worker last checked in."""
    status: dict[str, object] = {"status": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as exc:
        status.update(status="error", database=f"error: {exc.__class__.__name__}")
        return JsonResponse(status, status=503)
    beat = WorkerHeartbeat.objects.order_by("-seen_at").first()
    stale_after = timedelta(seconds=3 * settings.NABZ_WORKER_HEARTBEAT_SECONDS)
    if beat is None:
        status["worker"] = {"status": "never seen"}
    else:
        age = (timezone.now() - beat.seen_at).total_seconds()
        status["worker"] = {
            "status": "ok" if age <= stale_after.total_seconds() else "stale",
            "last_seen": beat.seen_at.isoformat(),
            "age_seconds": round(age, 1),
        }
    return JsonResponse(status)
