"""The JSON API (F5): the same role table as the UI, on every endpoint."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Query, Status
from ninja.errors import HttpError

from nabz.api import validation
from nabz.api.auth import SessionAuth, TokenAuth
from nabz.api.schemas import (
    AuditEntryOut,
    CheckIn,
    CheckOut,
    InvitationIn,
    InvitationOut,
    MemberOut,
    RoleIn,
    UserOut,
    WorkspaceOut,
)
from nabz.audit import record
from nabz.workspaces.models import Invitation, Membership, Workspace
from nabz.workspaces.roles import Action, Role, can

api = NinjaAPI(
    title="Nabz API",
    version="1.0.0",
    description="Plan, check and publish healthcare social media. Authenticate with "
    "`Authorization: Bearer <token>` (create tokens under Account).",
    auth=[TokenAuth(), SessionAuth()],
    parser=validation.JsonObjectParser(),
    urls_namespace="api",
)

ERRORS = validation.ERRORS


def workspace_for(request: HttpRequest, slug: str, action: str) -> tuple[Workspace, str]:
    """The workspace if the caller is a member allowed to do ``action``; else 404/403."""
    membership = (
        Membership.objects.select_related("workspace")
        .filter(user=request.auth, workspace__slug=slug)  # type: ignore[attr-defined]
        .first()
    )
    if membership is None:
        raise Http404("No such workspace")
    if not can(membership.role, action):
        raise HttpError(403, f"Your role ({membership.role}) may not do this ({action}).")
    return membership.workspace, membership.role


@api.get("/me", response=UserOut, tags=["account"])
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    return request.auth  # type: ignore[attr-defined]


@api.get("/workspaces", response=list[WorkspaceOut], tags=["workspaces"])
def list_workspaces(request: HttpRequest):  # type: ignore[no-untyped-def]
    memberships = Membership.objects.filter(user=request.auth).select_related("workspace")  # type: ignore[attr-defined]
    return [
        WorkspaceOut(
            slug=m.workspace.slug,
            name=m.workspace.name,
            timezone=m.workspace.timezone,
            default_language=m.workspace.default_language,
            role=m.role,
        )
        for m in memberships
    ]


@api.get(
    "/workspaces/{slug}/members", response={200: list[MemberOut], **ERRORS}, tags=["workspaces"]
)
def list_members(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    return [
        MemberOut(id=m.pk, username=m.user.username, email=m.user.email, role=m.role)
        for m in ws.memberships.select_related("user")
    ]


@api.patch(
    "/workspaces/{slug}/members/{member_id}",
    response={200: MemberOut, **ERRORS},
    tags=["workspaces"],
)
def change_member_role(request: HttpRequest, slug: str, member_id: validation.PathId, body: RoleIn):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.MANAGE_MEMBERS)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=member_id, workspace=ws
    )
    if (
        membership.role == Role.ADMIN
        and body.role != Role.ADMIN
        and not ws.memberships.filter(role=Role.ADMIN).exclude(pk=membership.pk).exists()
    ):
        raise validation.invalid({"role": "A workspace needs at least one admin."})
    if body.role != membership.role:
        with transaction.atomic():
            old = membership.role
            membership.role = body.role
            membership.save(update_fields=["role"])
            record(
                "member.role_changed",
                actor=request.auth,
                workspace=ws,
                obj=membership,  # type: ignore[attr-defined]
                payload={
                    "user": membership.user.username,
                    "from": old,
                    "to": body.role,
                    "via": "api",
                },
            )
    return MemberOut(
        id=membership.pk,
        username=membership.user.username,
        email=membership.user.email,
        role=membership.role,
    )


@api.post(
    "/workspaces/{slug}/invitations", response={201: InvitationOut, **ERRORS}, tags=["workspaces"]
)
def invite(request: HttpRequest, slug: str, body: InvitationIn):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.MANAGE_MEMBERS)
    with transaction.atomic():
        invitation, token = Invitation.issue(
            workspace=ws, email=body.email, role=body.role, invited_by=request.auth
        )  # type: ignore[attr-defined]
        record(
            "member.invited",
            actor=request.auth,
            workspace=ws,
            obj=invitation,  # type: ignore[attr-defined]
            payload={"email": invitation.email, "role": invitation.role, "via": "api"},
        )
    link = settings.NABZ_BASE_URL.rstrip("/") + reverse("accept_invitation", args=[token])
    return Status(
        201,
        InvitationOut(
            id=invitation.pk,
            email=invitation.email,
            role=invitation.role,
            expires_at=invitation.expires_at,
            link=link,
        ),
    )


@api.get("/workspaces/{slug}/audit", response={200: list[AuditEntryOut], **ERRORS}, tags=["audit"])
def audit_entries(
    request: HttpRequest,
    slug: str,
    action: str | None = None,  # type: ignore[no-untyped-def]
    limit: int = Query(100, ge=1, le=1000),
    before: int | None = Query(None, ge=1, le=validation.MAX_ID),
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


@api.post("/workspaces/{slug}/check", response={200: CheckOut, **ERRORS}, tags=["trust"])
def check_text(request: HttpRequest, slug: str, body: CheckIn):  # type: ignore[no-untyped-def]
    """Run the Trust Gate on a text, as the editor does."""
    from nabz.trust import InputError, check

    workspace_for(request, slug, Action.CHECK_TEXT)
    try:
        report = check(
            body.text,
            language=body.language,
            network=body.network,
            kind=body.kind,
            context=body.engine_context(),
        )
    except InputError as exc:
        raise validation.invalid({"context": str(exc)}) from exc
    return report.to_dict()


from nabz.api import consent as _consent_api  # noqa: E402, F401  (registers /consents routes)
from nabz.api.posts import api_router as _posts_router  # noqa: E402

api.add_router("/workspaces/{slug}/posts", _posts_router)
from nabz.api import media as _media_api  # noqa: E402, F401  (registers /media routes)
