"""Storing what a connector read: once, threaded, triaged, with the cursor in the same
transaction.

``store(account, messages, cursor=...)`` runs in one transaction: every message is
matched by its network id (unique per account), so reading it again — a retried poll,
a webhook and a poll of the same comment — updates it instead of adding a second one;
an edit replaces the text (and is triaged again); a deletion is marked, never dropped.
The read cursor moves in that same transaction, so a poll that fails half way stores
nothing and moves nothing: the next poll reads the same page again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from nabz.inbox.models import Contact, Conversation, Message, MessageKind, ReadCursor
from nabz.inbox.sla import Targets
from nabz.inbox.triage import Triage, triage
from nabz.publishing.connectors.base import IncomingMessage
from nabz.publishing.models import Account


@dataclass
class StoreReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    emergencies: int = 0


def store(
    account: Account,
    messages: Iterable[IncomingMessage],
    *,
    cursor: ReadCursor | None = None,
    next_cursor: str | None = None,
    now: dt.datetime | None = None,
) -> StoreReport:
    """Store ``messages`` of ``account``; move ``cursor`` to ``next_cursor`` with them.

    A page costs a fixed handful of queries (messages and contacts looked up at once,
    new conversations and messages inserted in bulk), plus one per edit or deletion.
    """
    now = now or timezone.now()
    incoming = _last_of_each(messages)
    report = StoreReport()
    emergency_number = _emergency_number(account)
    targets = Targets.for_workspace(account.workspace)
    with transaction.atomic():
        ids = [m.id for m in incoming]
        parent_ids = [m.parent_id for m in incoming if m.parent_id]
        known = {
            m.remote_id: m
            for m in Message.objects.filter(account=account, remote_id__in=ids + parent_ids)
        }
        # One locked instance per conversation: two messages of one thread in the same
        # page (an edit and a reply) update the same object, and a concurrent store of
        # the same thread (a webhook and a poll) waits for this one instead of
        # overwriting its triage with an older copy.
        locked = _lock_conversations({m.conversation_id for m in known.values()})
        for known_message in known.values():
            known_message.conversation = locked[known_message.conversation_id]
        contacts = _contacts(account, incoming)
        touched: dict[int, Conversation] = {}
        fresh: list[tuple[IncomingMessage, Triage]] = []
        for item in incoming:
            existing = known.get(item.id)
            if existing is None:
                fresh.append((item, _triage(item, emergency_number)))
                continue
            outcome = _update(existing, item, emergency_number, targets, now)
            if outcome == "unchanged":
                report.unchanged += 1
                continue
            report.deleted += outcome == "deleted"
            report.updated += outcome == "updated"
            touched[existing.conversation_id] = existing.conversation
        if fresh:
            _create(account, fresh, known, contacts, touched, locked, targets, now, report)
        if touched:
            Conversation.objects.bulk_update(list(touched.values()), CONVERSATION_FIELDS)
        if cursor is not None and next_cursor is not None:
            ReadCursor.objects.filter(pk=cursor.pk).update(
                cursor=next_cursor[:500], last_polled_at=now
            )
            cursor.cursor = next_cursor[:500]
    return report


CONVERSATION_FIELDS = [
    "category",
    "categories",
    "priority",
    "emergency",
    "last_message_at",
    "first_response_due",
    "resolution_due",
    "state",
    "resolved_at",
]


def _lock_conversations(pks: Iterable[int]) -> dict[int, Conversation]:
    wanted = list(pks)
    if not wanted:
        return {}
    locking = Conversation.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    return {c.pk: c for c in locking}  # in pk order, so two stores never deadlock


def _last_of_each(messages: Iterable[IncomingMessage]) -> list[IncomingMessage]:
    """One entry per network id, in first-seen order, with its latest text (an edit)."""
    latest: dict[str, IncomingMessage] = {}
    for item in messages:
        latest[item.id] = item if item.id not in latest else _merge(latest[item.id], item)
    return list(latest.values())


def _merge(first: IncomingMessage, later: IncomingMessage) -> IncomingMessage:
    from dataclasses import replace

    return replace(later, created_at=first.created_at, deleted=first.deleted or later.deleted)


def _triage(item: IncomingMessage, emergency_number: str) -> Triage:
    return triage(
        item.text, kind=item.kind, language=item.language, emergency_number=emergency_number
    )


def _create(
    account: Account,
    fresh: list[tuple[IncomingMessage, Triage]],
    known: dict[str, Message],
    contacts: dict[str, Contact],
    touched: dict[int, Conversation],
    locked: dict[int, Conversation],
    targets: Targets,
    now: dt.datetime,
    report: StoreReport,
) -> None:
    # 1. The thread of each new message: the network's own, its parent's, or its own id.
    batch_ids = {item.id for item, _ in fresh}
    thread_of: dict[str, str] = {}
    keys: dict[str, tuple[IncomingMessage, Triage]] = {}
    for item, result in fresh:
        parent = known.get(item.parent_id) if item.parent_id else None
        if item.thread_id:
            key = item.thread_id
        elif parent is not None:
            key = f"#{parent.conversation_id}"  # an existing conversation, by its pk
        elif item.parent_id in batch_ids and item.parent_id in thread_of:
            key = thread_of[item.parent_id]
        else:
            key = item.id
        thread_of[item.id] = key
        if not key.startswith("#"):
            keys.setdefault(key[:300], (item, result))
    # 2. Conversations: those that exist, and the new ones in one insert.
    conversations = {
        c.thread_key: locked.setdefault(c.pk, c)
        for c in Conversation.objects.select_for_update().filter(
            account=account, thread_key__in=list(keys)
        )
    }
    missing: dict[str, Conversation] = {}
    for key, (item, result) in keys.items():
        if key in conversations:
            continue
        first_due, resolution_due = targets.due(result.priority, now)
        missing[key] = conversations[key] = Conversation(
            workspace_id=account.workspace_id,
            account=account,
            network=account.network,
            thread_key=key,
            kind=_kind(item.kind),
            contact=contacts.get(item.author.id),
            language=result.language,
            priority=result.priority,
            last_message_at=item.created_at,
            first_response_due=first_due,
            resolution_due=resolution_due,
        )
    if any(key.startswith("#") for key in thread_of.values()):
        for message in known.values():
            conversations[f"#{message.conversation_id}"] = message.conversation
    # Triage reaches each conversation before it is written: new ones go in one insert
    # as they are, only those that existed before are updated afterwards.
    for item, result in fresh:
        conversation = conversations[thread_of[item.id][:300]]
        _absorb(conversation, result, item.created_at, targets, now)
        report.created += 1
        report.emergencies += result.emergency
        if conversation.pk is not None:
            touched[conversation.pk] = conversation
    if missing:
        Conversation.objects.bulk_create(list(missing.values()))
    # 3. Messages in one insert; parents within the same page are linked just after.
    rows = [
        Message(
            account=account,
            conversation=conversations[thread_of[item.id][:300]],
            remote_id=item.id,
            author=contacts.get(item.author.id),
            kind=_kind(item.kind),
            parent=known.get(item.parent_id) if item.parent_id else None,
            parent_remote_id=item.parent_id,
            text=item.text,
            language=result.language,
            url=item.url[:500],
            sent_at=item.created_at,
            edited_at=item.edited_at,
            deleted_on_network=item.deleted,
            deleted_seen_at=now if item.deleted else None,
            triage=result.as_json(),
            network_data=dict(item.extra),
        )
        for item, result in fresh
    ]
    created = Message.objects.bulk_create(rows)
    by_id = {m.remote_id: m for m in created}
    linked = []
    for message in created:
        parent = by_id.get(message.parent_remote_id)
        if message.parent_id is None and parent is not None and parent.pk is not None:
            message.parent = parent
            linked.append(message)
    if linked:
        Message.objects.bulk_update(linked, ["parent"])
    known.update(by_id)


def _kind(kind: str) -> str:
    return kind if kind in MessageKind.values else MessageKind.MENTION


def mark_gone(account: Account, remote_ids: Iterable[str], now: dt.datetime | None = None) -> int:
    """The network no longer shows these messages: mark them deleted (keep them)."""
    return Message.objects.filter(
        account=account, remote_id__in=list(remote_ids), deleted_on_network=False
    ).update(deleted_on_network=True, deleted_seen_at=now or timezone.now())


def _emergency_number(account: Account) -> str:
    stored = getattr(account.workspace, "trust_settings", None) or {}
    return str(stored.get("emergency_number") or "") if isinstance(stored, dict) else ""


def _contacts(account: Account, incoming: list[IncomingMessage]) -> dict[str, Contact]:
    wanted = {m.author.id: m.author for m in incoming if m.author.id}
    found = {
        c.remote_id: c
        for c in Contact.objects.filter(
            workspace_id=account.workspace_id, network=account.network, remote_id__in=wanted
        )
    }
    new = []
    for remote_id, author in wanted.items():
        contact = found.get(remote_id)
        if contact is None:
            new.append(
                Contact(
                    workspace_id=account.workspace_id,
                    network=account.network,
                    remote_id=remote_id,
                    handle=author.handle[:200],
                    display_name=author.display_name[:200],
                )
            )
        elif (author.handle and contact.handle != author.handle) or (
            author.display_name and contact.display_name != author.display_name
        ):
            contact.handle = author.handle[:200] or contact.handle
            contact.display_name = author.display_name[:200] or contact.display_name
            contact.save(update_fields=["handle", "display_name"])
    for contact in Contact.objects.bulk_create(new):
        found[contact.remote_id] = contact
    return found


def _absorb(
    conversation: Conversation,
    result: Triage,
    at: dt.datetime,
    targets: Targets,
    now: dt.datetime,
) -> None:
    """The conversation takes the most urgent triage of its messages; new words reopen it."""
    categories = list(conversation.categories or [])
    for category in result.categories:
        if category not in categories:
            categories.append(category)
    conversation.categories = categories
    if result.priority < conversation.priority or conversation.category == "other":
        conversation.category = result.category
    if result.priority < conversation.priority:
        first_due, resolution_due = targets.due(result.priority, now)
        if conversation.first_response_at is None:
            conversation.first_response_due = min(
                conversation.first_response_due or first_due, first_due
            )
        conversation.resolution_due = min(
            conversation.resolution_due or resolution_due, resolution_due
        )
        conversation.priority = result.priority
    conversation.emergency = conversation.emergency or result.emergency
    if result.emergency and conversation.category != "emergency":
        conversation.category = "emergency"
    if at > conversation.last_message_at:
        conversation.last_message_at = at
    if conversation.state == Conversation.State.DONE:
        conversation.state = Conversation.State.NEW  # they wrote again
        conversation.resolved_at = None


def _update(
    message: Message,
    item: IncomingMessage,
    emergency_number: str,
    targets: Targets,
    now: dt.datetime,
) -> str:
    if item.deleted and not message.deleted_on_network:
        message.deleted_on_network = True
        message.deleted_seen_at = now
        message.save(update_fields=["deleted_on_network", "deleted_seen_at"])
        return "deleted"
    if item.text == message.text or item.deleted:
        return "unchanged"
    result = triage(
        item.text, kind=item.kind, language=item.language, emergency_number=emergency_number
    )
    message.text = item.text
    message.edited_at = item.edited_at or now
    message.triage = result.as_json()
    message.save(update_fields=["text", "edited_at", "triage"])
    _absorb(message.conversation, result, message.conversation.last_message_at, targets, now)
    return "updated"
