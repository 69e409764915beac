"""The publish-time picker's months, fetched as the reader pages through them."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from nabz.content.templatetags.picker import month_context
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action


def _day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return None


@workspace_view(Action.VIEW_WORKSPACE)
def date_picker(request: HttpRequest) -> HttpResponse:
    anchor = _day(request.GET.get("month")) or timezone.localdate()
    if not dt.date(1900, 1, 1) <= anchor <= dt.date(2199, 12, 31):
        anchor = timezone.localdate()  # outside the calendars' range: back to today
    language = (translation.get_language() or "en")[:2]
    context = month_context(anchor, _day(request.GET.get("selected")), language)
    return render(request, "content/partials/date_picker_month.html", context)
