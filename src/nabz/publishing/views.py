"""Connected accounts, the Sandbox feed, crisis pause, takedown and retries."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.audit import record
from nabz.content.models import Network, Post, State
from nabz.publishing import worker
from nabz.publishing.connectors import NETWORKS
from nabz.publishing.models import Account, Publication, SandboxPost
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action

P = Publication.State


@workspace_view(Action.MANAGE_ACCOUNTS)
def accounts(request: HttpRequest) -> HttpResponse:
    from nabz.publishing import connect

    ws = request.workspace  # type: ignore[attr-defined]
    return render(
        request,
        "publishing/accounts.html",
        {
            "accounts": Account.objects.filter(workspace=ws),
            "networks": [
                (name, entry.label, connect.configured(name), entry.spec.connect == connect.BUILTIN)
                for name, entry in NETWORKS.items()
            ],
        },
    )


@workspace_view(Action.MANAGE_ACCOUNTS)
@require_POST
def add_sandbox(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    with transaction.atomic():
        account = Account.objects.create(
            workspace=ws,
            network=Network.SANDBOX,
            name=_("%(ws)s sandbox") % {"ws": ws.name},
            handle="sandbox",
            connected_by=request.user,
        )
        account.remote_id = str(account.pk)
        account.save(update_fields=["remote_id"])
        record(
            "account.connected",
            actor=request.user,
            workspace=ws,
            obj=account,
            payload={"network": "sandbox"},
        )
    messages.success(request, _("Sandbox account added."))
    return redirect("accounts", ws=ws.slug)


@workspace_view(Action.MANAGE_ACCOUNTS)
@require_POST
def disconnect(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    account = get_object_or_404(Account, pk=pk, workspace=ws)
    with transaction.atomic():
        account.status = Account.Status.DISABLED
        account.sealed_secrets = ""
        account.save(update_fields=["status", "sealed_secrets"])
        record(
            "account.disconnected",
            actor=request.user,
            workspace=ws,
            obj=account,
            payload={"network": account.network},
        )
    messages.success(request, _("Account disconnected; its tokens were deleted."))
    return redirect("accounts", ws=ws.slug)


@workspace_view(Action.VIEW_WORKSPACE)
def sandbox_feed(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    items = (
        SandboxPost.objects.filter(account__workspace=ws)
        .select_related("account")
        .order_by("-created_at")[:100]
    )
    return render(request, "publishing/sandbox_feed.html", {"items": items})


@workspace_view(Action.CRISIS_PAUSE)
def crisis(request: HttpRequest) -> HttpResponse:
    """Pause (or resume) everything scheduled in the workspace."""
    ws = request.workspace  # type: ignore[attr-defined]
    held = (
        Post.objects.filter(workspace=ws, state=State.SCHEDULED)
        .exclude(pillar="crisis_update")
        .order_by("scheduled_at")
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "pause" and not ws.crisis_paused_at:
            reason = request.POST.get("reason", "").strip()
            if not reason:
                messages.error(request, _("Say why publishing is paused."))
                return render(request, "publishing/crisis.html", {"held": held}, status=400)
            with transaction.atomic():
                ws.crisis_paused_at = timezone.now()
                ws.save(update_fields=["crisis_paused_at"])
                record(
                    "workspace.crisis_paused",
                    actor=request.user,
                    workspace=ws,
                    obj=ws,
                    payload={"reason": reason[:300], "held": held.count()},
                )
            messages.warning(request, _("Publishing is paused. Only crisis updates go out."))
        elif action == "resume" and ws.crisis_paused_at:
            decisions = {
                int(pk): request.POST.get(f"post-{pk}", "keep")
                for pk in held.values_list("pk", flat=True)
            }
            with transaction.atomic():
                unscheduled = 0
                for post in held:
                    if decisions.get(post.pk) == "review":
                        post.state = State.IN_REVIEW
                        post.save(update_fields=["state", "updated_at"])
                        post.approvals.filter(active=True).update(active=False)
                        unscheduled += 1
                ws.crisis_paused_at = None
                ws.save(update_fields=["crisis_paused_at"])
                record(
                    "workspace.crisis_resumed",
                    actor=request.user,
                    workspace=ws,
                    obj=ws,
                    payload={
                        "sent_back_to_review": unscheduled,
                        "kept": len(decisions) - unscheduled,
                    },
                )
            messages.success(request, _("Publishing resumed."))
        return redirect("crisis", ws=ws.slug)
    return render(request, "publishing/crisis.html", {"held": held, "now": timezone.now()})


@workspace_view(Action.TAKEDOWN_POST)
@require_POST
def takedown(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    post = get_object_or_404(Post, pk=pk, workspace=ws)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Say why the post is taken down."))
    elif not worker.request_takedown(post, request.user, reason):
        messages.error(request, _("Nothing of this post is published."))
    else:
        messages.success(request, _("The post is being deleted from its networks."))
    return redirect("post_detail", ws=ws.slug, pk=post.pk)


@workspace_view(Action.SCHEDULE_POST)
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try failed publications again (after reconnecting an account, say)."""
    ws = request.workspace  # type: ignore[attr-defined]
    post = get_object_or_404(Post, pk=pk, workspace=ws)
    with transaction.atomic():
        count = (
            post.publications.filter(state=P.FAILED)
            .exclude(account=None)
            .update(
                state=P.QUEUED,
                attempts=0,
                next_attempt_at=timezone.now(),
                error_permanent=False,
                enqueued_at=None,
            )
        )
        if count and post.state == State.FAILED:
            post.state = State.SCHEDULED
            post.save(update_fields=["state", "updated_at"])
        record(
            "post.publishing_retried",
            actor=request.user,
            workspace=ws,
            obj=post,
            payload={"publications": count},
        )
    messages.success(request, _("Trying again."))
    return redirect("post_detail", ws=ws.slug, pk=post.pk)
