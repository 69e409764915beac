"""Members, roles and invitations of a workspace (F1)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.audit import record
from nabz.workspaces.access import workspace_view
from nabz.workspaces.forms import AcceptInvitationForm, InviteForm, RoleForm
from nabz.workspaces.models import Invitation, Membership, User
from nabz.workspaces.roles import Action, Role


def _members_page(
    request: HttpRequest, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    return render(
        request,
        "workspaces/members.html",
        {
            "memberships": ws.memberships.select_related("user"),
            "invitations": ws.invitations.filter(
                accepted_at__isnull=True, expires_at__gt=timezone.now()
            ),
            "invite_form": invite_form or InviteForm(),
            "roles": Role.choices,
        },
        status=status,
    )


@workspace_view(Action.MANAGE_MEMBERS)
def members(request: HttpRequest) -> HttpResponse:
    return _members_page(request)


def _admins_left(workspace, excluding: Membership) -> bool:  # type: ignore[no-untyped-def]
    return workspace.memberships.filter(role=Role.ADMIN).exclude(pk=excluding.pk).exists()


@workspace_view(Action.MANAGE_MEMBERS)
@require_POST
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    membership = get_object_or_404(Membership, pk=pk, workspace=ws)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
        return redirect("members", ws=ws.slug)
    new_role = form.cleaned_data["role"]
    if (
        membership.role == Role.ADMIN
        and new_role != Role.ADMIN
        and not _admins_left(ws, membership)
    ):
        messages.error(request, _("A workspace needs at least one admin."))
        return redirect("members", ws=ws.slug)
    if new_role != membership.role:
        with transaction.atomic():
            old = membership.role
            membership.role = new_role
            membership.save(update_fields=["role"])
            record(
                "member.role_changed",
                actor=request.user,
                workspace=ws,
                obj=membership,
                payload={"user": membership.user.username, "from": old, "to": new_role},
            )
        messages.success(request, _("Role changed."))
    return redirect("members", ws=ws.slug)


@workspace_view(Action.MANAGE_MEMBERS)
@require_POST
def remove_member(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    membership = get_object_or_404(Membership, pk=pk, workspace=ws)
    if membership.role == Role.ADMIN and not _admins_left(ws, membership):
        messages.error(request, _("A workspace needs at least one admin."))
        return redirect("members", ws=ws.slug)
    with transaction.atomic():
        record(
            "member.removed",
            actor=request.user,
            workspace=ws,
            obj=membership,
            payload={"user": membership.user.username, "role": membership.role},
        )
        membership.delete()
    messages.success(request, _("Member removed."))
    return redirect("members", ws=ws.slug)


@workspace_view(Action.MANAGE_MEMBERS)
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _members_page(request, form, status=400)
    with transaction.atomic():
        invitation, token = Invitation.issue(
            workspace=ws,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        record(
            "member.invited",
            actor=request.user,
            workspace=ws,
            obj=invitation,
            payload={"email": invitation.email, "role": invitation.role},
        )
    link = settings.NABZ_BASE_URL.rstrip("/") + reverse("accept_invitation", args=[token])
    send_mail(
        subject=_("You are invited to %(workspace)s on Nabz") % {"workspace": ws.name},
        message=_(
            "%(inviter)s invited you to join %(workspace)s as %(role)s.\n\n"
            "Open this link within 7 days to accept:\n%(link)s\n"
        )
        % {
            "inviter": request.user.get_username(),
            "workspace": ws.name,
            "role": invitation.get_role_display(),
            "link": link,
        },
        from_email=None,
        recipient_list=[invitation.email],
    )
    return render(
        request, "workspaces/invitation_sent.html", {"invitation": invitation, "link": link}
    )


@workspace_view(Action.MANAGE_MEMBERS)
@require_POST
def cancel_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    invitation = get_object_or_404(Invitation, pk=pk, workspace=ws, accepted_at__isnull=True)
    with transaction.atomic():
        record(
            "member.invitation_cancelled",
            actor=request.user,
            workspace=ws,
            obj=invitation,
            payload={"email": invitation.email},
        )
        invitation.delete()
    return redirect("members", ws=ws.slug)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Join a workspace from an invitation link: signed-in users join, others sign up."""
    invitation = Invitation.find(token)
    if invitation is None:
        return render(request, "workspaces/invitation_invalid.html", status=404)
    ws = invitation.workspace
    if request.user.is_authenticated:
        if request.method == "POST":
            with transaction.atomic():
                _join(invitation, request.user)
            return redirect("dashboard", ws=ws.slug)
        return render(request, "workspaces/accept_invitation.html", {"invitation": invitation})
    form = AcceptInvitationForm(User(email=invitation.email), request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            user.username = form.cleaned_data["username"]
            user.email = invitation.email
            user.save()
            _join(invitation, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("dashboard", ws=ws.slug)
    return render(
        request,
        "workspaces/accept_invitation.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )


def _join(invitation: Invitation, user: User) -> None:
    membership, created = Membership.objects.get_or_create(
        user=user, workspace=invitation.workspace, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        "member.joined",
        actor=user,
        workspace=invitation.workspace,
        obj=membership,
        payload={"role": membership.role, "via": "invitation", "new": created},
    )
