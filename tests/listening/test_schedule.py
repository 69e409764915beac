"""The worker runs listening queries on their networks' schedule, one worker at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.listening import runs
from nabz.listening.models import ListeningQuery, Result
from tests.listening.conftest import make_query, says

pytestmark = pytest.mark.django_db


def test_dispatch_runs_due_queries_and_schedules_the_next_run(workspace, sandbox):
    query = make_query(workspace, "measles", networks=["sandbox"])
    paused = make_query(workspace, "measles", networks=["sandbox"], active=False)
    says("measles cases rising")
    now = timezone.now()
    assert runs.dispatch(now, inline=True) == 1
    query.refresh_from_db()
    assert query.last_run_at == now
    assert query.next_run_at == now + dt.timedelta(seconds=10)  # the Sandbox's poll_seconds
    assert Result.objects.filter(query=query).count() == 1
    assert not Result.objects.filter(query=paused).exists()
    assert runs.dispatch(now, inline=True) == 0  # not due again yet


def test_dispatch_enqueues_on_the_task_queue(workspace, sandbox):
    from django_tasks_db.models import DBTaskResult

    make_query(workspace, "measles", networks=["sandbox"])
    assert runs.dispatch(timezone.now()) == 1
    assert DBTaskResult.objects.filter(task_path="nabz.listening.tasks.run").count() == 1


def test_a_query_held_by_another_worker_is_not_run_twice(workspace, sandbox):
    query = make_query(workspace, "measles", networks=["sandbox"])
    now = timezone.now()
    ListeningQuery.objects.filter(pk=query.pk).update(lease_until=now + dt.timedelta(minutes=1))
    assert runs.run_query(query.pk, now=now).state == "busy"


def test_a_query_saved_before_a_rule_changed_waits_for_an_edit(workspace, sandbox):
    query = make_query(workspace, "(measles", networks=["sandbox"])
    assert runs.run_query(query.pk).state == "invalid"
