"""Run the background task worker: a dispatcher, a heartbeat and N task processes."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from nabz.shell.runner import beat, start_dispatcher, start_heartbeat


def _die_with_parent() -> None:
    """In a child process: get SIGTERM when the worker that started it dies (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Command(BaseCommand):
    help = "Run the task worker (database backend by default, RQ when configured)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Run the tasks that are due, then exit."
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="Task processes to run (default NABZ_WORKER_PROCESSES). Publishing mostly "
            "waits for the networks, so several processes on one core help.",
        )
        parser.add_argument("--no-dispatcher", action="store_true", help=argparse_hidden())

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        name = f"{socket.gethostname()}-worker"
        if options["batch"]:  # one round in this thread: due posts, then the queued tasks
            from nabz.analytics.reader import dispatch as read_metrics
            from nabz.inbox.polling import dispatch as read_inboxes
            from nabz.publishing.worker import dispatch

            beat(name)
            dispatch()
            read_inboxes()
            read_metrics()
            self._run_tasks(batch=True)
            return
        children: list[subprocess.Popen[bytes]] = []
        if not options["no_dispatcher"]:
            start_dispatcher(settings.NABZ_DISPATCH_SECONDS, stop)
            start_heartbeat(name, settings.NABZ_WORKER_HEARTBEAT_SECONDS, stop)
            processes = options["processes"] or settings.NABZ_WORKER_PROCESSES
            command = [sys.executable, "-m", "nabz.cli", "worker", "--no-dispatcher"]
            children = [
                subprocess.Popen(command, env=os.environ.copy(), preexec_fn=_die_with_parent)
                for _ in range(max(0, processes - 1))
            ]
        try:
            self._run_tasks(batch=False)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            for child in children:
                child.terminate()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()

    def _run_tasks(self, *, batch: bool) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_rq"):
            self._run_rq(batch=batch)
        else:
            call_command("db_worker", *(["--batch"] if batch else []))

    def _run_rq(self, *, batch: bool) -> None:
        """RQ's worker quits when Redis goes away (a restart, a fail-over). This one waits
        for Redis to answer again and starts another: the process stays up, and the jobs
        Redis kept (append-only file) or the dispatcher hands over again are run."""
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        queues = settings.TASKS["default"]["QUEUES"]
        delay = 0.5
        while True:
            try:
                call_command("rqworker", *queues, job_class="django_tasks_rq.Job", burst=batch)
                return
            except SystemExit as exc:  # django-rq's rqworker exits 1 on a lost connection
                if batch or exc.code != 1 or _redis_answers():
                    raise
            except (RedisConnectionError, RedisTimeoutError):
                if batch:
                    raise
            print(f"nabz worker: Redis is unreachable; trying again in {delay:.1f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
            time.sleep(delay)
            delay = min(delay * 2, 30.0)
            if _redis_answers():
                delay = 0.5


def _redis_answers() -> bool:
    import django_rq
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    try:
        return bool(django_rq.get_connection(settings.TASKS["default"]["QUEUES"][0]).ping())
    except (RedisConnectionError, RedisTimeoutError):
        return False


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS
