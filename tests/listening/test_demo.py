"""The demo ships a running query per workspace, with results arriving on the Sandbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.listening import runs
from nabz.listening.models import Alert, ListeningQuery, Result
from nabz.shell import demo_listening
from nabz.shell.demo_listening import CHATTER, INTERVAL, chatter

pytestmark = pytest.mark.django_db


def test_demo_chatter_arrives_and_the_query_finds_myths(workspace, sandbox):
    query = demo_listening.load(workspace)
    now = timezone.now()
    assert chatter(now) == 3
    assert chatter(now + dt.timedelta(seconds=5)) == 0
    for step in range(1, len(CHATTER)):
        chatter(now + INTERVAL * step)
    ListeningQuery.objects.filter(pk=query.pk).update(next_run_at=now)
    runs.run_query(query.pk, now=now + INTERVAL * len(CHATTER))
    rows = Result.objects.filter(query=query)
    assert rows.count() >= 10
    assert {r.language for r in rows} == {"en", "ar", "fa"}
    assert rows.filter(myth=True).count() >= 4
    assert Alert.objects.filter(query=query, kind="myth").exists()


def test_the_demo_loads_one_query_per_workspace(db):
    import io

    from django.core.management import call_command

    call_command("load_demo", address="127.0.0.1:8000", stdout=io.StringIO())
    assert ListeningQuery.objects.count() == 2
    assert all(q.active and q.networks == ["sandbox"] for q in ListeningQuery.objects.all())
