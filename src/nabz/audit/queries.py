"""Narrowing the audit log for the audit page and its exports."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from nabz.audit.models import AuditEntry


def filter_entries(
    qs: QuerySet[AuditEntry],
    *,
    actor: Any = None,
    action: str | None = None,
    workspace: Any = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    object_type: str | None = None,
) -> QuerySet[AuditEntry]:
    """Narrow ``qs``; every filter left as None (or "") is not applied.

    ``actor``: a user, a user id, or a username (matches entries kept after the
    user was deleted). ``action``: exact, or every action under a prefix given
    as ``"post."`` or ``"post.*"``.
    ``workspace``: a Workspace or its id. ``since`` is inclusive and ``until``
    exclusive; a date means its whole day in the current time zone (so
    ``until=date`` includes that day) and naive datetimes are read in it too.
    """
    if actor not in (None, ""):
        if isinstance(actor, Model):
            qs = qs.filter(actor_ref=str(actor.pk))
        elif isinstance(actor, int):
            qs = qs.filter(actor_ref=str(actor))
        else:
            qs = qs.filter(actor_label=str(actor))
    if action:
        if action.endswith((".", ".*")):
            qs = qs.filter(action__startswith=action.rstrip("*"))
        else:
            qs = qs.filter(action=action)
    if workspace not in (None, ""):
        pk = workspace.pk if isinstance(workspace, Model) else workspace
        qs = qs.filter(workspace_ref=str(pk))
    if since is not None:
        qs = qs.filter(created_at__gte=_moment(since, end_of_day=False))
    if until is not None:
        qs = qs.filter(created_at__lt=_moment(until, end_of_day=True))
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs


def _moment(value: date | datetime, *, end_of_day: bool) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.combine(value + timedelta(days=1) if end_of_day else value, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment
