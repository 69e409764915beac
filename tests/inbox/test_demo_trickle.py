"""The demo's Sandbox gets a steady trickle of visitors in three languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.inbox import polling
from nabz.inbox.models import Conversation, ReadCursor
from nabz.publishing.models import SandboxComment
from nabz.shell.demo_inbox import INTERVAL, VISITORS, trickle

pytestmark = pytest.mark.django_db


def test_three_at_once_then_one_every_interval(sandbox):
    now = timezone.now()
    assert trickle(now) == 3
    assert trickle(now + dt.timedelta(seconds=5)) == 0
    assert trickle(now + INTERVAL) == 1
    assert SandboxComment.objects.count() == 4


def test_the_visitors_speak_three_languages_and_one_is_an_emergency(sandbox):
    now = timezone.now()
    for step in range(len(VISITORS)):
        trickle(now + INTERVAL * step * 2)
    polling.ensure_cursors(now)
    ReadCursor.objects.update(next_poll_at=now)
    polling.poll_account(sandbox.pk, now=now)
    conversations = Conversation.objects.all()
    assert {c.language for c in conversations} == {"en", "ar", "fa"}
    top = conversations.order_by("-emergency", "priority").first()
    assert top is not None and top.emergency
    categories = {c.category for c in conversations}
    assert {"praise", "complaint", "appointment", "spam", "misinformation"} <= categories
