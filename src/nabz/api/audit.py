"""The workspace's audit log through the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from nabz.api.base import ERRORS, workspace_for
from nabz.api.schemas import AuditEntryOut
from nabz.api.validation import MAX_ID
from nabz.workspaces.roles import Action

router = Router(tags=["audit"])


@router.get("/workspaces/{slug}/audit", response={200: list[AuditEntryOut], **ERRORS})
def audit_entries(
    request: HttpRequest,
    slug: str,
    action: str | None = None,  # type: ignore[no-untyped-def]
    limit: int = Query(100, ge=1, le=1000),
    before: int | None = Query(None, ge=1, le=MAX_ID),
):
    from nabz.audit.models import AuditEntry

    ws, _role = workspace_for(request, slug, Action.VIEW_AUDIT)
    entries = AuditEntry.objects.filter(workspace=ws)
    if action:
        entries = entries.filter(action__startswith=action)
    if before:
        entries = entries.filter(sequence__lt=before)
    return [
        AuditEntryOut(
            sequence=e.sequence,
            created_at=e.created_at,
            actor=e.actor_label or "",
            action=e.action,
            object_type=e.object_type or "",
            object_id=str(e.object_id or ""),
            payload=e.payload or {},
            hash=e.hash,
        )
        for e in entries.order_by("-sequence")[:limit]
    ]
