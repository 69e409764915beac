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
from nabz.core.input_guard import key_or_none
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


def _chosen(request: HttpRequest, post: Post):  # type: ignore[no-untyped-def]
    """The post's publications, or the one the form names (``publication``)."""
    pubs = post.publications.all()
    chosen = request.POST.get("publication", "")
    if chosen:
        key = key_or_none(chosen)
        pubs = pubs.filter(pk=key) if key is not None else pubs.none()
    return pubs


@workspace_view(Action.SCHEDULE_POST)
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try failed publications again (after reconnecting an account, say), and send the ones
    held back for want of an account to the accounts connected since."""
    ws = request.workspace  # type: ignore[attr-defined]
    post = get_object_or_404(Post, pk=pk, workspace=ws)
    now = timezone.now()
    with transaction.atomic():
        pubs = _chosen(request, post)
        count = (
            pubs.filter(state=P.FAILED)
            .exclude(account=None)
            .update(
                state=P.QUEUED,
                attempts=0,
                next_attempt_at=now,
                error_permanent=False,
                enqueued_at=None,
            )
        )
        accounts: dict[str, list[Account]] = {}
        for account in Account.objects.filter(workspace=ws, status=Account.Status.ACTIVE):
            accounts.setdefault(account.network, []).append(account)
        still_held = []
        for held in pubs.filter(state=P.HELD):
            targets = accounts.get(held.network, [])
            if not targets:
                still_held.append(held.get_network_display())
                continue
            first, *others = targets
            held.account, held.state, held.next_attempt_at = first, P.QUEUED, now
            held.last_error, held.attempts, held.enqueued_at = "", 0, None
            held.save()
            for account in others:
                Publication.objects.create(
                    post=post,
                    variant=held.variant,
                    network=held.network,
                    account=account,
                    text=held.text,
                    next_attempt_at=now,
                )
            count += 1 + len(others)
        if count and post.state == State.FAILED:
            post.state = State.SCHEDULED
            post.save(update_fields=["state", "updated_at"])
        record(
            "post.publishing_retried",
            actor=request.user,
            workspace=ws,
            obj=post,
            payload={"publications": count, "still_held": len(still_held)},
        )
    if count:
        messages.success(request, _("Trying again."))
    if still_held:
        messages.error(
            request,
            _("Still no connected account for %(networks)s: connect one first.")
            % {"networks": ", ".join(str(n) for n in still_held)},
        )
    return redirect("post_detail", ws=ws.slug, pk=post.pk)


@workspace_view(Action.SCHEDULE_POST)
@require_POST
def drop_network(request: HttpRequest, pk: int) -> HttpResponse:
    """Give up on a network a post failed on or was held back from; the rest stands."""
    ws = request.workspace  # type: ignore[attr-defined]
    post = get_object_or_404(Post, pk=pk, workspace=ws)
    with transaction.atomic():
        dropped = list(_chosen(request, post).filter(state__in=[P.FAILED, P.HELD]))
        for pub in dropped:
            Publication.objects.filter(pk=pub.pk).update(state=P.DROPPED)
            record(
                "publication.dropped",
                actor=request.user,
                workspace=ws,
                obj=post,
                payload={"network": pub.network, "was": pub.state},
            )
        if dropped:
            worker.settle(post)
    if dropped:
        messages.success(
            request,
            _("Dropped %(networks)s from this post.")
            % {"networks": ", ".join(str(p.get_network_display()) for p in dropped)},
        )
    else:
        messages.error(request, _("Nothing failed or waits on that network."))
    return redirect("post_detail", ws=ws.slug, pk=post.pk)
