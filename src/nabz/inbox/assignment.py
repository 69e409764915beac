"""Who takes a conversation: a chosen member, or the next one on duty (round-robin).

Round-robin gives each conversation to the member on duty, with a role that may answer,
who has waited longest since their last one; members off duty (away, off shift) are
skipped. The duty rows are locked while choosing, so two assignments at once never
pick the same person out of turn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nabz.audit import record
from nabz.inbox.models import Conversation, Duty
from nabz.workspaces.models import Membership
from nabz.workspaces.roles import Action, can


class NobodyOnDuty(Exception):
    """No member who may answer is on duty."""


def answering_members(workspace: Any) -> list[int]:
    """Ids of the members whose role may answer in the inbox."""
    return [
        m.user_id
        for m in Membership.objects.filter(workspace=workspace)
        if can(m.role, Action.REPLY_INBOX)
    ]


def next_on_duty(workspace: Any, now: dt.datetime | None = None) -> int:
    """The user id round-robin picks now; their turn is taken (call inside the
    transaction that assigns)."""
    eligible = answering_members(workspace)
    duty = (
        Duty.objects.select_for_update()
        .filter(workspace=workspace, on_duty=True, user_id__in=eligible)
        .order_by(F("last_assigned_at").asc(nulls_first=True), "pk")
        .first()
    )
    if duty is None:
        raise NobodyOnDuty
    duty.last_assigned_at = now or timezone.now()
    duty.save(update_fields=["last_assigned_at"])
    return duty.user_id


def assign(
    conversation: Conversation,
    user_id: int,
    *,
    actor: Any,
    how: str = "manual",
) -> None:
    """Give ``conversation`` to ``user_id`` (a member), with one audit entry."""
    before = {"state": conversation.state, "assignee": conversation.assignee_id}
    conversation.assignee_id = user_id
    if conversation.state == Conversation.State.NEW:
        conversation.state = Conversation.State.ASSIGNED
    conversation.save(update_fields=["assignee", "state"])
    record(
        "inbox.conversation_changed",
        actor=actor,
        workspace=conversation.workspace,
        obj=conversation,
        payload={
            "from": before,
            "to": {"state": conversation.state, "assignee": user_id},
            "how": how,
        },
    )


def assign_round_robin(conversations: list[Conversation], *, actor: Any) -> dict[int, int]:
    """Each conversation to the next member on duty; conversation pk → user id."""
    given: dict[int, int] = {}
    with transaction.atomic():
        for conversation in conversations:
            user_id = next_on_duty(conversation.workspace)
            assign(conversation, user_id, actor=actor, how="round_robin")
            given[conversation.pk] = user_id
    return given


def set_on_duty(workspace: Any, user: Any, on_duty: bool) -> Duty:
    duty, _ = Duty.objects.get_or_create(workspace=workspace, user=user)
    if duty.on_duty != on_duty:
        duty.on_duty = on_duty
        duty.save(update_fields=["on_duty"])
    return duty
