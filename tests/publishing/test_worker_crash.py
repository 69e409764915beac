"""Kill the worker (SIGKILL) while it waits for the network, start another: the post is
published exactly once and nothing is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.publishing.fakes.meta import FakeMeta
from tests.publishing.fakes.server import Fault

TEXT = "Our vaccination clinic is open late on Thursday."

SETUP = """
import datetime as dt, django
django.setup()
from django.core.management import call_command
from django.utils import timezone
call_command("migrate", verbosity=0)
from nabz.content.models import Approval, Post, State
from nabz.publishing.connectors.base import Credentials
from nabz.publishing.models import Account
from nabz.workspaces.models import User, Workspace
ws = Workspace.objects.create(name="W", slug="w")
author = User.objects.create_user("author")
account = Account(workspace=ws, network="facebook", name="Page", api_base={api_base!r})
account.store_credentials(Credentials(access_token={token!r}, account_id={page_id!r}))
account.save()
post = Post.objects.create(workspace=ws, author=author, title="T", text={text!r},
                           pillar="behind_the_scenes", state=State.SCHEDULED,
                           scheduled_at=timezone.now() - dt.timedelta(seconds=1))
post.variants.create(network="facebook")
Approval.objects.create(post=post, kind="clinical", reviewer=author,
                        fingerprint=post.fingerprint())
"""


def _state(db: Path) -> str | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT state FROM publishing_publication").fetchone()
    return row[0] if row else None


def _post_state(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("SELECT state FROM content_post").fetchone()[0])


def _wait(predicate, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def test_sigkill_mid_publish_then_restart(tmp_path: Path) -> None:
    with FakeMeta() as meta:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            NABZ_DEMO="1",
            NABZ_DATA_DIR=str(tmp_path),
            DJANGO_SETTINGS_MODULE="nabz.settings",
            NABZ_DISPATCH_SECONDS="1",
            NABZ_PUBLISH_LEASE_SECONDS="3",
            NABZ_PUBLISH_TIMEOUT_SECONDS="60",
            LOG_LEVEL="WARNING",
        )
        script = SETUP.format(
            api_base=meta.url, token=meta.page_token(), page_id=FakeMeta.PAGE_ID, text=TEXT
        )
        subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)
        db = tmp_path / "nabz.sqlite3"
        # The network accepts the post, then takes 30 s to answer: the worker is killed
        # while it waits, with the attempt recorded and the post live on the network.
        meta.inject("page_feed", Fault.slow_after_commit(seconds=30))
        worker_cmd = [sys.executable, "-m", "nabz.cli", "worker"]
        first = subprocess.Popen(
            worker_cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait(lambda: len(meta.posts_of(FakeMeta.PAGE_ID)) == 1, 60, "the post to arrive")
            assert _state(db) == "sending"
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        second = subprocess.Popen(
            worker_cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait(lambda: _state(db) == "sent", 60, "the restarted worker to reconcile")
            _wait(lambda: _post_state(db) == "published", 30, "the post to be marked published")
        finally:
            second.terminate()
            second.wait(timeout=20)
        assert [p.message for p in meta.posts_of(FakeMeta.PAGE_ID)] == [TEXT], "duplicate"
        with sqlite3.connect(db) as conn:
            remote_id, attempts = conn.execute(
                "SELECT remote_id, attempts FROM publishing_publication"
            ).fetchone()
        assert remote_id == meta.posts_of(FakeMeta.PAGE_ID)[0].id
        assert attempts == 2
