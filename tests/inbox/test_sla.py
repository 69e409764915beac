"""Response targets per workspace: due times on its calendar, shown in the queue."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nabz.inbox import ingest
from nabz.inbox.models import Conversation, ResponseTargets
from nabz.publishing.connectors.base import IncomingAuthor, IncomingMessage
from nabz.publishing.models import Account
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TEHRAN = ZoneInfo("Asia/Tehran")  # the workspace fixture's zone
# Saturday to Wednesday 08:00-16:00, Thursday 08:00-12:00, Friday closed.
IRAN_WEEK = {day: [["08:00", "16:00"]] for day in ("sat", "sun", "mon", "tue", "wed")} | {
    "thu": [["08:00", "12:00"]]
}


def incoming(remote_id: str, text: str, at: dt.datetime) -> IncomingMessage:
    return IncomingMessage(
        id=remote_id,
        kind="comment",
        text=text,
        author=IncomingAuthor(id=f"u-{remote_id}", handle=remote_id),
        created_at=at,
        language="en",
    )


@pytest.fixture
def account(workspace) -> Account:  # type: ignore[no-untyped-def]
    ResponseTargets.objects.create(
        workspace=workspace,
        hours=IRAN_WEEK,
        holidays=["nowruz"],
        targets={"3": {"first_response": 120, "resolution": 480}},
    )
    return Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")


def test_a_thursday_noon_question_is_due_on_saturday(account):
    thursday = dt.datetime(2026, 12, 10, 11, 30, tzinfo=TEHRAN)
    ingest.store(account, [incoming("q1", "What are your visiting hours?", thursday)], now=thursday)
    conversation = Conversation.objects.get()
    assert conversation.priority == 3
    # 30 minutes on Thursday, Friday closed, 90 minutes on Saturday 12 December.
    assert conversation.first_response_due == dt.datetime(2026, 12, 12, 9, 30, tzinfo=TEHRAN)
    # 480 minutes: 30 on Thursday, 450 from Saturday 08:00 -> 15:30.
    assert conversation.resolution_due == dt.datetime(2026, 12, 12, 15, 30, tzinfo=TEHRAN)


def test_an_emergency_on_friday_night_counts_every_minute(account):
    friday = dt.datetime(2026, 12, 11, 23, 0, tzinfo=TEHRAN)
    text = "my dad has crushing chest pain right now what do we do"
    ingest.store(account, [incoming("e1", text, friday)], now=friday)
    conversation = Conversation.objects.get()
    assert conversation.emergency
    assert conversation.first_response_due == friday + dt.timedelta(minutes=15)


def test_a_workspace_without_targets_counts_around_the_clock(workspace):
    account = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    friday = dt.datetime(2026, 12, 11, 23, 0, tzinfo=TEHRAN)
    ingest.store(account, [incoming("q1", "Do you have parking?", friday)], now=friday)
    assert Conversation.objects.get().first_response_due == friday + dt.timedelta(hours=8)


def test_the_queue_shows_breached_and_close_to_breach(people, workspace, account):
    now = dt.datetime.now(dt.UTC)
    ResponseTargets.objects.filter(workspace=workspace).update(
        hours={day: [["00:00", "24:00"]] for day in WEEK}
    )
    ingest.store(account, [incoming("late", "Is there parking?", now)], now=now)
    ingest.store(account, [incoming("soon", "Where is ward 3?", now)], now=now)
    ingest.store(account, [incoming("fine", "Opening times of the lab?", now)], now=now)
    Conversation.objects.filter(thread_key="late").update(
        first_response_due=now - dt.timedelta(minutes=5)
    )
    Conversation.objects.filter(thread_key="soon").update(
        first_response_due=now + dt.timedelta(minutes=10)
    )
    page = signed_in(people[Role.VIEWER]).get(f"/w/{workspace.slug}/inbox/").content.decode()
    rows = {
        key: page[page.index(f'data-thread="{key}"') :].split("</li>")[0]
        for key in ("late", "soon", "fine")
    }
    assert 'data-sla="breached"' in rows["late"] and "first answer overdue" in rows["late"]
    assert 'data-sla="warning"' in rows["soon"] and "due soon" in rows["soon"]
    assert 'data-sla="on_time"' in rows["fine"]
