"""The inbox's team tools: internal notes, duty and round-robin, bulk actions, saved
views (per member) and saved replies (per workspace).

Every change to a conversation writes one audit entry per conversation, in the same
transaction; a bulk action first shows what it will do and acts only once confirmed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.audit import record
from nabz.core.input_guard import key_or_none
from nabz.inbox import assignment
from nabz.inbox.models import Category, Conversation, Note, SavedReply, SavedView
from nabz.workspaces.access import workspace_view
from nabz.workspaces.models import Membership
from nabz.workspaces.roles import Action, can

FILTER_KEYS = ("network", "category", "state", "language", "assignee")
BULK_ACTIONS = ("assign", "round_robin", "done")
MAX_BULK = 200


def _ws(request: HttpRequest) -> Any:
    return request.workspace  # type: ignore[attr-defined]


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("inbox_conversation", ws=_ws(request).slug, pk=pk)


@require_POST
@workspace_view(Action.TRIAGE_INBOX)
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Conversation, pk=pk, workspace=_ws(request))
    text = request.POST.get("text", "").strip()
    if not text or len(text) > 4000:
        flash.error(request, _("A note needs between 1 and 4,000 characters."))
        return _back(request, pk)
    with transaction.atomic():
        note = Note.objects.create(conversation=item, author=request.user, text=text)
        record(
            "inbox.note_added",
            actor=request.user,
            workspace=item.workspace,
            obj=item,
            payload={"note": note.pk},  # never the note's text: it may hold health details
        )
    return _back(request, pk)


@require_POST
@workspace_view(Action.REPLY_INBOX)
def set_duty(request: HttpRequest) -> HttpResponse:
    on_duty = request.POST.get("on_duty") == "1"
    assignment.set_on_duty(_ws(request), request.user, on_duty)
    flash.success(request, _("You are on duty.") if on_duty else _("You are off duty."))
    return redirect("inbox", ws=_ws(request).slug)


@require_POST
@workspace_view(Action.TRIAGE_INBOX)
def round_robin(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Conversation.objects.select_related("workspace"), pk=pk, workspace=_ws(request)
    )
    try:
        assignment.assign_round_robin([item], actor=request.user)
    except assignment.NobodyOnDuty:
        flash.error(request, _("Nobody who may answer is on duty."))
    return _back(request, pk)


def _chosen(request: HttpRequest) -> list[Conversation]:
    keys = (key_or_none(v) for v in request.POST.getlist("ids"))
    ids = [k for k in keys if k is not None][:MAX_BULK]
    return list(
        Conversation.objects.filter(workspace=_ws(request), pk__in=ids)
        .select_related("workspace")
        .order_by("pk")
    )


@require_POST
@workspace_view(Action.TRIAGE_INBOX)
def bulk(request: HttpRequest) -> HttpResponse:
    """Assign or mark done many conversations: a confirmation first, then one audit
    entry for each conversation changed."""
    ws = _ws(request)
    action = request.POST.get("action", "")
    chosen = _chosen(request)
    if action not in BULK_ACTIONS or not chosen:
        flash.error(request, _("Choose conversations and an action."))
        return redirect("inbox", ws=ws.slug)
    assignee = None
    if action == "assign":
        user_id = key_or_none(request.POST.get("assignee", ""))
        member = (
            Membership.objects.filter(workspace=ws, user_id=user_id).select_related("user").first()
            if user_id is not None
            else None
        )
        if member is None:
            flash.error(request, _("Choose a member of this workspace to assign to."))
            return redirect("inbox", ws=ws.slug)
        assignee = member.user
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "inbox/bulk_confirm.html",
            {"action": action, "chosen": chosen, "assignee": assignee},
        )
    try:
        with transaction.atomic():
            if action == "round_robin":
                assignment.assign_round_robin(chosen, actor=request.user)
            for item in chosen:
                if action == "assign" and assignee is not None:
                    assignment.assign(item, assignee.pk, actor=request.user, how="bulk")
                elif action == "done":
                    _mark_done(item, request.user)
    except assignment.NobodyOnDuty:
        flash.error(request, _("Nobody who may answer is on duty."))
        return redirect("inbox", ws=ws.slug)
    flash.success(request, _("Conversations changed: %(n)d.") % {"n": len(chosen)})
    return redirect("inbox", ws=ws.slug)


def _mark_done(item: Conversation, user: Any) -> None:
    before = {"state": item.state, "assignee": item.assignee_id}
    item.state = Conversation.State.DONE
    item.resolved_at = timezone.now()
    item.save(update_fields=["state", "resolved_at"])
    record(
        "inbox.conversation_changed",
        actor=user,
        workspace=item.workspace,
        obj=item,
        payload={"from": before, "to": {"state": item.state, "assignee": item.assignee_id}},
    )


@require_POST
@workspace_view(Action.VIEW_INBOX)
def save_view(request: HttpRequest) -> HttpResponse:
    ws = _ws(request)
    name = request.POST.get("name", "").strip()[:80]
    filters = {k: request.POST.get(k, "") for k in FILTER_KEYS if request.POST.get(k)}
    if not name:
        flash.error(request, _("Give the view a name."))
        return redirect(reverse("inbox", kwargs={"ws": ws.slug}) + "?" + urlencode(filters))
    SavedView.objects.update_or_create(
        workspace=ws, user=request.user, name=name, defaults={"filters": filters}
    )
    flash.success(request, _("View saved."))
    return redirect(reverse("inbox", kwargs={"ws": ws.slug}) + "?" + urlencode(filters))


@require_POST
@workspace_view(Action.VIEW_INBOX)
def delete_view(request: HttpRequest, view: int) -> HttpResponse:
    SavedView.objects.filter(pk=view, workspace=_ws(request), user=request.user).delete()
    return redirect("inbox", ws=_ws(request).slug)


@workspace_view(Action.VIEW_INBOX)
def saved_replies(request: HttpRequest) -> HttpResponse:
    """The workspace's saved replies; members who answer may add and remove them."""
    ws = _ws(request)
    error = ""
    if request.method == "POST":
        if not can(request.role, Action.REPLY_INBOX):  # type: ignore[attr-defined]
            return HttpResponse(_("Your role may not change saved replies."), status=403)
        if (doomed := key_or_none(request.POST.get("delete", ""))) is not None:
            SavedReply.objects.filter(workspace=ws, pk=doomed).delete()
            return redirect("inbox_saved_replies", ws=ws.slug)
        title = request.POST.get("title", "").strip()
        text = request.POST.get("text", "").strip()
        category = request.POST.get("category", "")
        language = request.POST.get("language", "")
        if not title or not text:
            error = _("A saved reply needs a title and a text.")
        elif category not in Category.values or language not in ("en", "ar", "fa"):
            error = _("Choose a category and a language.")
        else:
            SavedReply.objects.create(
                workspace=ws,
                title=title[:120],
                text=text[:4000],
                category=category,
                language=language,
            )
            return redirect("inbox_saved_replies", ws=ws.slug)
    return render(
        request,
        "inbox/saved_replies.html",
        {
            "saved": SavedReply.objects.filter(workspace=ws),
            "categories": Category.choices,
            "error": error,
            "form": request.POST if error else {},
        },
        status=400 if error else 200,
    )


def fill_placeholders(text: str, conversation: Conversation, emergency_number: str) -> str:
    """``{name}`` and ``{emergency_number}`` filled; any other brace is left as written."""
    name = str(conversation.contact.display_name or "") if conversation.contact else ""
    return text.replace("{name}", name).replace("{emergency_number}", emergency_number)
