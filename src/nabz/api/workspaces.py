"""The caller, their workspaces, members and invitations through the API."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Status
from ninja.errors import HttpError

from nabz.api.base import ERRORS, workspace_for
from nabz.api.schemas import (
    InvitationIn,
    InvitationOut,
    MemberOut,
    RoleIn,
    UserOut,
    WorkspaceOut,
)
from nabz.api.validation import CONFLICT, PathId
from nabz.audit import record
from nabz.workspaces.models import Invitation, Membership
from nabz.workspaces.roles import Action, Role

router = Router(tags=["workspaces"])


@router.get("/me", response=UserOut)
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    return request.auth  # type: ignore[attr-defined]


@router.get("/workspaces", response=list[WorkspaceOut])
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


@router.get("/workspaces/{slug}/members", response={200: list[MemberOut], **ERRORS})
def list_members(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    return [
        MemberOut(id=m.pk, username=m.user.username, email=m.user.email, role=m.role)
        for m in ws.memberships.select_related("user")
    ]


@router.patch(
    "/workspaces/{slug}/members/{member_id}",
    response={200: MemberOut, **CONFLICT},
)
def change_member_role(request: HttpRequest, slug: str, member_id: PathId, body: RoleIn):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.MANAGE_MEMBERS)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=member_id, workspace=ws
    )
    if (
        membership.role == Role.ADMIN
        and body.role != Role.ADMIN
        and not ws.memberships.filter(role=Role.ADMIN).exclude(pk=membership.pk).exists()
    ):
        raise HttpError(409, "A workspace needs at least one admin.")
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


@router.post("/workspaces/{slug}/invitations", response={201: InvitationOut, **ERRORS})
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
