"""One-click actions of a conversation: ask a praising person for consent, and move a
conversation to private. Both send through the same checked, idempotent replies as the
composer, and each writes one audit entry.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.audit import record
from nabz.inbox import phrases, replies
from nabz.inbox.models import Category, Conversation, Message, Reply
from nabz.publishing.connectors.inbox import available
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, can


def _item(request: HttpRequest, pk: int) -> Conversation:
    return get_object_or_404(
        Conversation.objects.select_related("account", "contact", "workspace"),
        pk=pk,
        workspace=request.workspace,  # type: ignore[attr-defined]
    )


def _last_incoming(item: Conversation) -> Message | None:
    return item.messages.filter(from_us=False).order_by("-sent_at", "-pk").first()


def _send(item: Conversation, message: Message, user: Any, text: str, visibility: str) -> str:
    queued = replies.queue(item, message, user, text, visibility)
    return replies.send_one(queued.pk)


def _back(item: Conversation) -> HttpResponse:
    return redirect("inbox_conversation", ws=item.workspace.slug, pk=item.pk)


@require_POST
@workspace_view(Action.REPLY_INBOX)
def ask_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Thank the person and ask to share their words; then the consent registration,
    pre-filled, for those who may register consents."""
    item = _item(request, pk)
    message = _last_incoming(item)
    if Category.PRAISE not in (item.categories or []) or message is None:
        return HttpResponse(_("Only praise can start a consent request."), status=400)
    language = message.language or item.language or "en"
    if item.consent_requested_at is None:
        private = available(item.network, "reply_private")
        visibility = Reply.Visibility.PRIVATE if private else Reply.Visibility.PUBLIC
        try:
            state = _send(
                item, message, request.user, phrases.text("ask_consent", language), visibility
            )
        except replies.ReplyRefused as exc:
            flash.error(request, str(exc))
            return _back(item)
        with transaction.atomic():
            Conversation.objects.filter(pk=item.pk).update(consent_requested_at=timezone.now())
            record(
                "inbox.consent_requested",
                actor=request.user,
                workspace=item.workspace,
                obj=item,
                payload={"visibility": visibility, "reply_state": state, "language": language},
            )
        flash.success(request, _("We asked for consent to share these words."))
    role = request.role  # type: ignore[attr-defined]
    if not can(role, Action.MANAGE_CONSENT):
        flash.info(request, _("Once the form is signed, a compliance officer registers it."))
        return _back(item)
    query = urlencode(
        {
            "networks": item.network,
            "content_kinds": "quote",
            "language": language,
            "subject": _("Praise from the inbox %(date)s")
            % {"date": timezone.localdate().isoformat()},
        }
    )
    return redirect(reverse("consent_create", kwargs={"ws": item.workspace.slug}) + "?" + query)


@require_POST
@workspace_view(Action.REPLY_INBOX)
def move_private(request: HttpRequest, pk: int) -> HttpResponse:
    """A safe public line in the person's language, a private message where the network
    allows one, and (when asked and allowed) the comment hidden."""
    item = _item(request, pk)
    message = _last_incoming(item)
    if message is None:
        return HttpResponse(_("Nothing to answer."), status=400)
    language = message.language or item.language or "en"
    private = available(item.network, "reply_private")
    done: dict[str, str] = {}
    try:
        if available(item.network, "reply_public") and message.kind != "dm":
            key = "move_public" if private else "move_public_ask"
            done["public"] = _send(
                item, message, request.user, phrases.text(key, language), Reply.Visibility.PUBLIC
            )
        if private:
            done["private"] = _send(
                item,
                message,
                request.user,
                phrases.text("move_private", language),
                Reply.Visibility.PRIVATE,
            )
    except replies.ReplyRefused as exc:
        flash.error(request, str(exc))
        return _back(item)
    role = request.role  # type: ignore[attr-defined]
    wants_hide = request.POST.get("hide") == "1" and message.kind != "dm"
    if wants_hide and can(role, Action.HIDE_MESSAGE) and available(item.network, "hide"):
        try:
            replies.set_hidden(message, request.user, True)
            done["hidden"] = "yes"
        except replies.ReplyRefused as exc:
            flash.error(request, str(exc))
    with transaction.atomic():
        if item.state != Conversation.State.DONE:
            Conversation.objects.filter(pk=item.pk).update(state=Conversation.State.WAITING)
        record(
            "inbox.moved_to_private",
            actor=request.user,
            workspace=item.workspace,
            obj=item,
            payload={"language": language, **done},
        )
    flash.success(request, _("The conversation moved to private."))
    return _back(item)
