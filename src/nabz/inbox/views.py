"""The inbox's pages: the queue, a conversation with its composer, and their actions.

The queue puts emergencies first, then by priority and the newest message; each row's
latest message comes from one subquery, so the page costs the same few queries for 5
conversations or 50 (``tests/inbox/test_views.py`` counts them).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.audit import record
from nabz.content.gate import trust_settings
from nabz.content.models import Network
from nabz.core.input_guard import key_or_none
from nabz.inbox import replies
from nabz.inbox.models import (
    Category,
    Conversation,
    Duty,
    Message,
    Reply,
    SavedReply,
    SavedView,
)
from nabz.inbox.sla import BREACHED, ON_TIME, Targets
from nabz.inbox.views_team import FILTER_KEYS, fill_placeholders
from nabz.publishing.connectors.inbox import available
from nabz.workspaces.access import workspace_view
from nabz.workspaces.models import Membership
from nabz.workspaces.roles import Action, can

PAGE_SIZE = 50
OPEN_STATES = (Conversation.State.NEW, Conversation.State.ASSIGNED, Conversation.State.WAITING)


def _conversations(request: HttpRequest):  # type: ignore[no-untyped-def]
    ws = request.workspace  # type: ignore[attr-defined]
    latest = Message.objects.filter(conversation=OuterRef("pk"), from_us=False).order_by(
        "-sent_at", "-pk"
    )
    rows = (
        Conversation.objects.filter(workspace=ws)
        .select_related("contact", "assignee")
        .annotate(
            latest_text=Subquery(latest.values("text")[:1]),
            latest_health=Subquery(latest.values("triage__health_details")[:1]),
        )
    )
    chosen = {key: request.GET.get(key, "") for key in FILTER_KEYS}
    if chosen["network"] in Network.values:
        rows = rows.filter(network=chosen["network"])
    if chosen["category"] in Category.values:
        rows = rows.filter(category=chosen["category"])
    if chosen["state"] in Conversation.State.values:
        rows = rows.filter(state=chosen["state"])
    elif chosen["state"] != "all":
        rows = rows.filter(state__in=OPEN_STATES)
    if chosen["language"] in ("en", "ar", "fa"):
        rows = rows.filter(language=chosen["language"])
    if chosen["assignee"] == "me":
        rows = rows.filter(assignee=request.user)
    elif chosen["assignee"] == "none":
        rows = rows.filter(assignee__isnull=True)
    elif (assignee_id := key_or_none(chosen["assignee"])) is not None:
        rows = rows.filter(assignee_id=assignee_id)
    return rows.order_by("-emergency", "priority", "-last_message_at", "-pk"), chosen


@workspace_view(Action.VIEW_INBOX)
def inbox(request: HttpRequest) -> HttpResponse:
    rows, chosen = _conversations(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    role = request.role  # type: ignore[attr-defined]
    may_read_health = can(role, Action.VIEW_HEALTH_MESSAGE)
    ws = request.workspace  # type: ignore[attr-defined]
    targets = Targets.for_workspace(ws)
    now = timezone.now()
    items = []
    for c in page.object_list:
        sla = _sla(targets, c, now)
        items.append(
            {
                "conversation": c,
                "preview": c.latest_text
                if (may_read_health or not (c.kind == "dm" and c.latest_health))
                else None,
                "sla": sla,
                "overdue": sla == BREACHED,
            }
        )
    emergencies = Conversation.objects.filter(
        workspace=ws, emergency=True, state__in=OPEN_STATES
    ).count()
    return render(
        request,
        "inbox/list.html",
        {
            "items": items,
            "page": page,
            "chosen": chosen,
            "emergencies": emergencies,
            "networks": Network.choices,
            "categories": Category.choices,
            "states": Conversation.State.choices,
            "languages": (("en", "English"), ("ar", "العربية"), ("fa", "فارسی")),
            "saved_views": SavedView.objects.filter(workspace=ws, user=request.user),
            "members": Membership.objects.filter(workspace=ws).select_related("user"),
            "may_triage": can(role, Action.TRIAGE_INBOX),
            "may_reply": can(role, Action.REPLY_INBOX),
            "on_duty": Duty.objects.filter(workspace=ws, user=request.user, on_duty=True).exists(),
        },
    )


def _sla(targets: Targets, c: Conversation, now: dt.datetime) -> str:
    """Where the next target of an open conversation stands: the first answer until it
    is given, then the resolution."""
    if c.state == Conversation.State.DONE:
        return ON_TIME
    due = c.first_response_due if c.first_response_at is None else c.resolution_due
    return targets.status(c.priority, due, now)


def _conversation(request: HttpRequest, pk: int) -> Conversation:
    ws = request.workspace  # type: ignore[attr-defined]
    return get_object_or_404(
        Conversation.objects.select_related("account", "contact", "assignee", "workspace"),
        pk=pk,
        workspace=ws,
    )


def _holds_health_details(thread: list[Message]) -> bool:
    return any((m.triage or {}).get("health_details") for m in thread if not m.from_us)


@workspace_view(Action.VIEW_INBOX)
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    item = _conversation(request, pk)
    thread = list(item.messages.select_related("author").order_by("sent_at", "pk"))
    role = request.role  # type: ignore[attr-defined]
    sensitive = _holds_health_details(thread)
    if sensitive and item.kind == "dm" and not can(role, Action.VIEW_HEALTH_MESSAGE):
        raise Http404("No such conversation")  # the role table keeps it from this role
    if sensitive:
        record(
            "inbox.health_message_opened",
            actor=request.user,
            workspace=item.workspace,
            obj=item,
            payload={"messages": len(thread), "kind": item.kind},
        )
    last_incoming = next((m for m in reversed(thread) if not m.from_us), None)
    extra = {}
    saved_id = key_or_none(request.GET.get("saved", ""))
    if saved_id is not None and last_incoming is not None:
        saved = SavedReply.objects.filter(workspace=item.workspace, pk=saved_id).first()
        if saved is not None:  # inserted, then checked like any reply
            text = fill_placeholders(
                saved.text, item, trust_settings(item.workspace).emergency_number
            )
            extra = {
                "text": text,
                "checked": replies.check_reply(text, last_incoming, item.workspace),
            }
    return render(
        request,
        "inbox/conversation.html",
        _conversation_context(request, item, thread, last_incoming, **extra),
    )


def _conversation_context(request, item, thread, answering, **extra):  # type: ignore[no-untyped-def]
    role = request.role  # type: ignore[attr-defined]
    suggestion = ""
    if answering is not None:
        suggestion = (answering.triage or {}).get("suggested_text", "")
    network = item.network
    return {
        "item": item,
        "thread": thread,
        "answering": answering,
        "suggestion": suggestion,
        "may_reply": can(role, Action.REPLY_INBOX),
        "may_triage": can(role, Action.TRIAGE_INBOX),
        "may_hide": can(role, Action.HIDE_MESSAGE) and available(network, "hide"),
        "can_public": available(network, "reply_public"),
        "can_private": available(network, "reply_private"),
        "members": Membership.objects.filter(workspace=item.workspace).select_related("user"),
        "replies": item.replies.select_related("author").order_by("-created_at")[:10],
        "notes": item.notes.select_related("author"),
        "saved_replies": SavedReply.objects.filter(
            workspace=item.workspace,
            category__in={item.category, *(item.categories or [])},
            language__in=[item.language] if item.language else ["en", "ar", "fa"],
        ),
        "states": Conversation.State.choices,
        **extra,
    }


@require_POST
@workspace_view(Action.REPLY_INBOX)
def live_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The composer's Trust Gate panel, re-rendered as the author types (htmx)."""
    item = _conversation(request, pk)
    answering = _answering(item, request.POST.get("message"))
    checked = replies.check_reply(request.POST.get("text", ""), answering, item.workspace)
    return render(request, "inbox/partials/reply_check.html", {"checked": checked})


def _answering(item: Conversation, message_id: str | None) -> Message:
    found = None
    if (key := key_or_none(message_id)) is not None:
        found = item.messages.filter(pk=key, from_us=False).first()
    found = found or item.messages.filter(from_us=False).order_by("-sent_at", "-pk").first()
    if found is None:
        raise Http404("Nothing to answer")
    return found


@require_POST
@workspace_view(Action.REPLY_INBOX)
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    item = _conversation(request, pk)
    answering = _answering(item, request.POST.get("message"))
    visibility = request.POST.get("visibility", Reply.Visibility.PUBLIC)
    if visibility not in Reply.Visibility.values:
        visibility = Reply.Visibility.PUBLIC
    text = request.POST.get("text", "")
    try:
        queued = replies.queue(item, answering, request.user, text, visibility)
    except replies.ReplyRefused as exc:
        thread = list(item.messages.select_related("author").order_by("sent_at", "pk"))
        checked = replies.check_reply(text, answering, item.workspace) if exc.report else None
        context = _conversation_context(
            request, item, thread, answering, error=str(exc), text=text, checked=checked
        )
        return render(request, "inbox/conversation.html", context, status=400)
    state = replies.send_one(queued.pk)
    if state == Reply.State.SENT:
        flash.success(request, _("The reply was sent."))
    elif state == Reply.State.FAILED:
        flash.error(request, _("The network refused the reply."))
    else:
        flash.info(request, _("The reply is on its way; Nabz keeps trying."))
    return redirect("inbox_conversation", ws=item.workspace.slug, pk=item.pk)


@require_POST
@workspace_view(Action.TRIAGE_INBOX)
def change_state(request: HttpRequest, pk: int) -> HttpResponse:
    item = _conversation(request, pk)
    state = request.POST.get("state", "")
    assignee = request.POST.get("assignee", "")
    before = {"state": item.state, "assignee": item.assignee_id}
    if state in Conversation.State.values:
        item.state = state
        item.resolved_at = timezone.now() if state == Conversation.State.DONE else None
    if assignee:
        user_id = key_or_none(assignee)
        member = (
            Membership.objects.filter(workspace=item.workspace, user_id=user_id).first()
            if user_id is not None
            else None
        )
        if member is None:
            return HttpResponse(_("Not a member of this workspace."), status=400)
        item.assignee_id = member.user_id
        if item.state == Conversation.State.NEW:
            item.state = Conversation.State.ASSIGNED
    item.save(update_fields=["state", "resolved_at", "assignee"])
    record(
        "inbox.conversation_changed",
        actor=request.user,
        workspace=item.workspace,
        obj=item,
        payload={"from": before, "to": {"state": item.state, "assignee": item.assignee_id}},
    )
    return redirect("inbox_conversation", ws=item.workspace.slug, pk=item.pk)


@require_POST
@workspace_view(Action.HIDE_MESSAGE)
def hide(request: HttpRequest, pk: int, message: int) -> HttpResponse:
    item = _conversation(request, pk)
    target = get_object_or_404(Message, pk=message, conversation=item, from_us=False)
    hidden = request.POST.get("hidden", "1") != "0"
    try:
        replies.set_hidden(target, request.user, hidden)
    except replies.ReplyRefused as exc:
        flash.error(request, str(exc))
    return redirect("inbox_conversation", ws=item.workspace.slug, pk=item.pk)
