"""The background worker: tasks run, the heartbeat is written."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nabz.core.models import WorkerHeartbeat
from nabz.core.tasks import ping


@pytest.mark.django_db(transaction=True)
def test_worker_runs_due_tasks_and_beats():
    result = ping.enqueue("hello")
    call_command("nabz_worker", "--batch")
    result.refresh()
    assert result.status.name == "SUCCESSFUL"
    assert result.return_value == "pong: hello"
    assert WorkerHeartbeat.objects.exists()
