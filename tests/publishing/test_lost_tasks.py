"""A task the queue lost, or that ended without running its attempt, is handed over again.

Before, such a publication waited out ``requeue_after()`` (ten minutes): the chaos run
(``bench/publish_load.py --chaos``) ended with posts still waiting after Redis restarted
under their tasks. These tests use the database queue, which keeps its results.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from nabz.publishing import worker
from nabz.publishing.models import Publication, SandboxPost

P = Publication.State
pytestmark = pytest.mark.django_db(transaction=True)


def _handed_over() -> Publication:
    enqueued, _recovered = worker.enqueue_due(timezone.now())
    assert enqueued == 1
    pub = Publication.objects.get()
    assert pub.enqueued_at is not None and pub.task_id
    assert DBTaskResult.objects.filter(id=pub.task_id).exists()
    return pub


def _later() -> dt.datetime:
    return timezone.now() + worker.HANDOVER_CHECK + dt.timedelta(seconds=1)


@pytest.fixture
def pub(due_post, sandbox):  # type: ignore[no-untyped-def]
    worker.prepare_due_posts(timezone.now())
    return _handed_over()


def test_a_task_that_failed_before_its_attempt_is_handed_over_again(pub):  # type: ignore[no-untyped-def]
    DBTaskResult.objects.filter(id=pub.task_id).update(status=TaskResultStatus.FAILED)
    enqueued, _ = worker.enqueue_due(_later())
    assert enqueued == 1
    again = Publication.objects.get()
    assert again.task_id and again.task_id != pub.task_id
    assert again.state == P.QUEUED and again.attempts == 0


def test_a_task_the_queue_lost_is_handed_over_again(pub):  # type: ignore[no-untyped-def]
    DBTaskResult.objects.filter(id=pub.task_id).delete()
    enqueued, _ = worker.enqueue_due(_later())
    assert enqueued == 1
    assert Publication.objects.get().task_id != pub.task_id


def test_a_task_still_waiting_in_the_queue_is_not_doubled(pub):  # type: ignore[no-untyped-def]
    enqueued, _ = worker.enqueue_due(_later())
    assert enqueued == 0
    assert Publication.objects.get().task_id == pub.task_id
    assert DBTaskResult.objects.count() == 1


def test_a_young_hand_over_is_not_asked_about(pub):  # type: ignore[no-untyped-def]
    DBTaskResult.objects.filter(id=pub.task_id).update(status=TaskResultStatus.FAILED)
    enqueued, _ = worker.enqueue_due(timezone.now())  # within HANDOVER_CHECK
    assert enqueued == 0
    assert Publication.objects.get().task_id == pub.task_id


def test_the_attempt_clears_the_task_and_a_finished_task_is_left_alone(pub):  # type: ignore[no-untyped-def]
    assert worker.publish_one(pub.pk) == P.SENT
    done = Publication.objects.get()
    assert done.enqueued_at is None and done.task_id == ""
    DBTaskResult.objects.filter(id=pub.task_id).update(status=TaskResultStatus.SUCCESSFUL)
    assert worker.enqueue_due(_later()) == (0, 0)
    assert SandboxPost.objects.count() == 1
