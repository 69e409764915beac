"""Sending a reply: checked by the Trust Gate, recorded before the network call, never twice.

``queue`` checks the text (``kind="reply"`` with the incoming message in context; a
blocking finding refuses it), then records a :class:`Reply` with its idempotency key and
an audit entry in one transaction. ``send_one`` claims it (``sending``, a lease,
attempts + 1: committed before the network is called), sends it, and on success stores
our reply as a message of the conversation, stamps the first response and audits it.
If the outcome was not seen (a timeout, a dropped connection, a worker killed mid-call)
the reply becomes ``unknown``; the next attempt first asks the network for a reply with
that key (``find_reply``) and sends only when there is none.

``hide`` / ``unhide`` act on the network first, then mark the message and audit it.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nabz import trust
from nabz.audit import record
from nabz.content.gate import trust_settings
from nabz.inbox.models import Conversation, Message, MessageKind, Reply
from nabz.publishing.connectors import connector_for
from nabz.publishing.connectors.base import (
    Connector,
    IncomingAuthor,
    OutgoingReply,
    PublishError,
    TokenExpired,
)
from nabz.publishing.connectors.inbox import available

log = logging.getLogger("nabz.inbox")
R = Reply.State
LEASE = dt.timedelta(minutes=2)
MAX_ATTEMPTS = 6


class ReplyRefused(Exception):
    """The reply cannot be queued: the Trust Gate blocks it, or the network cannot."""

    def __init__(self, message: str, report: trust.Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True, slots=True)
class Checked:
    report: trust.Report
    blocking: tuple[trust.Finding, ...]


def check_reply(text: str, message: Message, workspace: object) -> Checked:
    """The Trust Gate on a reply, with the message it answers in context."""
    language = message.language if message.language in ("en", "ar", "fa") else None
    report = trust.check(
        text,
        language=language,
        kind="reply",
        context=trust.Context(
            incoming=message.text,
            settings=trust_settings(workspace),
            message_language=language,
        ),
    )
    return Checked(report, tuple(report.blocking))


def queue(
    conversation: Conversation, message: Message, user: object, text: str, visibility: str
) -> Reply:
    """Check and record a reply; raises ReplyRefused when it may not go out."""
    action = "reply_private" if visibility == Reply.Visibility.PRIVATE else "reply_public"
    if not text.strip():
        raise ReplyRefused(_("The reply is empty."))
    if not available(conversation.network, action):
        raise ReplyRefused(_("This network does not let Nabz send this kind of reply."))
    checked = check_reply(text, message, conversation.workspace)
    if checked.blocking:
        raise ReplyRefused(_("The Trust Gate blocks this reply."), checked.report)
    with transaction.atomic():
        reply = Reply.objects.create(
            conversation=conversation,
            in_reply_to=message,
            author=user,
            visibility=visibility,
            text=text,
        )
        record(
            "inbox.reply_queued",
            actor=user,
            workspace=conversation.workspace,
            obj=conversation,
            payload={
                "reply": reply.pk,
                "visibility": visibility,
                "network": conversation.network,
                "score": checked.report.score,
            },
        )
    return reply


def outgoing(reply: Reply) -> OutgoingReply:
    message = reply.in_reply_to
    author = message.author
    return OutgoingReply(
        text=reply.text,
        idempotency_key=reply.idempotency_key,
        in_reply_to=message.remote_id,
        author=IncomingAuthor(
            id=author.remote_id, handle=author.handle, display_name=author.display_name
        )
        if author
        else None,
        thread_id=reply.conversation.thread_key,
        language=message.language or "en",
        extra=dict(message.network_data or {}),
    )


def send_one(pk: int, *, now: dt.datetime | None = None, connector: Connector | None = None) -> str:
    """One attempt for a queued (or unknown) reply; returns its state afterwards."""
    now = now or timezone.now()
    row = Reply.objects.filter(pk=pk).values("state").first()
    if row is None or row["state"] not in (R.QUEUED, R.UNKNOWN):
        return row["state"] if row else "missing"
    reconcile = row["state"] == R.UNKNOWN
    claimed = (
        Reply.objects.filter(pk=pk, state=row["state"], next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(state=R.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1)
    )
    if not claimed:
        return str(Reply.objects.filter(pk=pk).values_list("state", flat=True).first())
    reply = Reply.objects.select_related(
        "conversation__workspace", "conversation__account", "in_reply_to__author"
    ).get(pk=pk)
    account = reply.conversation.account
    try:
        if connector is None:
            from nabz.publishing.worker import http_client

            connector = connector_for(account.network, account.credentials(), client=http_client())
        out = outgoing(reply)
        remote = connector.find_reply(out) if reconcile else None
        if remote is None:
            send = (
                connector.reply_private
                if reply.visibility == Reply.Visibility.PRIVATE
                else connector.reply_public
            )
            try:
                remote = send(out)
            except TokenExpired:
                fresh = connector.refresh()
                if fresh is None:
                    raise
                account.store_credentials(fresh)
                account.save(update_fields=["sealed_secrets", "token_expires_at"])
                connector.credentials = fresh
                remote = send(out)
    except PublishError as exc:
        return _failed(reply, exc, now)
    _sent(reply, remote.id, remote.url, now, reconciled=reconcile)
    return R.SENT


def _sent(reply: Reply, remote_id: str, url: str, now: dt.datetime, *, reconciled: bool) -> None:
    conversation = reply.conversation
    with transaction.atomic():
        Reply.objects.filter(pk=reply.pk).update(
            state=R.SENT, remote_id=remote_id, lease_until=None, sent_at=now, last_error=""
        )
        private = reply.visibility == Reply.Visibility.PRIVATE
        Message.objects.get_or_create(
            account=conversation.account,
            remote_id=remote_id,
            defaults={
                "conversation": conversation,
                "from_us": True,
                "kind": MessageKind.DM if private else reply.in_reply_to.kind,
                "parent": reply.in_reply_to,
                "parent_remote_id": reply.in_reply_to.remote_id,
                "text": reply.text,
                "language": reply.in_reply_to.language,
                "url": url[:500],
                "sent_at": now,
            },
        )
        changes: dict[str, object] = {}
        if conversation.first_response_at is None:
            changes["first_response_at"] = now
        if conversation.state in (Conversation.State.NEW, Conversation.State.ASSIGNED):
            changes["state"] = Conversation.State.WAITING
        if changes:
            Conversation.objects.filter(pk=conversation.pk).update(**changes)
        record(
            "inbox.reply_sent",
            actor=reply.author,
            workspace=conversation.workspace,
            obj=conversation,
            payload={
                "reply": reply.pk,
                "network": conversation.network,
                "remote_id": remote_id,
                "attempts": reply.attempts + 1,
                "reconciled": reconciled,
            },
        )


def _failed(reply: Reply, exc: PublishError, now: dt.datetime) -> str:
    reason = (exc.reason or str(exc))[:500]
    attempts = Reply.objects.filter(pk=reply.pk).values_list("attempts", flat=True).first() or 0
    # An unseen outcome is never given up on: only a look-up can tell whether it landed.
    if exc.permanent or (attempts >= MAX_ATTEMPTS and not exc.ambiguous):
        with transaction.atomic():
            Reply.objects.filter(pk=reply.pk).update(
                state=R.FAILED, lease_until=None, last_error=reason
            )
            record(
                "inbox.reply_failed",
                actor=reply.author,
                workspace=reply.conversation.workspace,
                obj=reply.conversation,
                payload={"reply": reply.pk, "reason": reason[:300]},
            )
        return R.FAILED
    delay = max(exc.retry_after or 0.0, random.uniform(2.0, 2.0 * 2**attempts))
    state = R.UNKNOWN if exc.ambiguous else R.QUEUED
    Reply.objects.filter(pk=reply.pk).update(
        state=state,
        lease_until=None,
        last_error=reason,
        next_attempt_at=now + dt.timedelta(seconds=delay),
    )
    log.info("reply %s: attempt %s failed, next in %.0fs", reply.pk, attempts, delay)
    return state


def due(now: dt.datetime) -> list[int]:
    """Replies waiting for an attempt (queued, or unknown and to be reconciled)."""
    return list(
        Reply.objects.filter(state__in=[R.QUEUED, R.UNKNOWN], next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    )


def recover(now: dt.datetime | None = None) -> int:
    """Replies whose worker died mid-call: their outcome is unknown, reconcile them."""
    now = now or timezone.now()
    return Reply.objects.filter(state=R.SENDING, lease_until__lt=now).update(
        state=R.UNKNOWN, lease_until=None
    )


def set_hidden(message: Message, user: object, hidden: bool) -> None:
    """Hide (or show again) a comment on its network, then mark and audit it."""
    action = "hide" if hidden else "unhide"
    account = message.account
    if not available(account.network, action):
        raise ReplyRefused(_("This network does not let Nabz hide comments."))
    from nabz.publishing.worker import http_client

    connector = connector_for(account.network, account.credentials(), client=http_client())
    try:
        (connector.hide if hidden else connector.unhide)(message.remote_id)
    except PublishError as exc:
        raise ReplyRefused(exc.reason or str(exc)) from exc
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(hidden=hidden)
        record(
            f"inbox.message_{'hidden' if hidden else 'shown'}",
            actor=user,
            workspace=message.conversation.workspace,
            obj=message.conversation,
            payload={"message": message.pk, "network": account.network},
        )
