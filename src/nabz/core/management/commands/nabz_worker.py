"""Run the background task worker with a heartbeat that /healthz reports."""

from __future__ import annotations

import socket
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from nabz.core.runner import beat, start_dispatcher, start_heartbeat


class Command(BaseCommand):
    help = "Run the task worker (database backend by default, RQ when configured)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Run the tasks that are due, then exit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        name = f"{socket.gethostname()}-worker"
        if options["batch"]:  # one round in this thread: due posts, then the queued tasks
            from nabz.publishing.worker import dispatch

            beat(name)
            dispatch()
        else:
            start_dispatcher(settings.NABZ_DISPATCH_SECONDS, stop)
            start_heartbeat(name, settings.NABZ_WORKER_HEARTBEAT_SECONDS, stop)
        backend = settings.TASKS["default"]["BACKEND"]
        try:
            if backend.startswith("django_tasks_rq"):
                call_command(
                    "rqworker",
                    *settings.TASKS["default"]["QUEUES"],
                    job_class="django_tasks_rq.Job",
                    burst=options["batch"],
                )
            else:
                call_command("db_worker", *(["--batch"] if options["batch"] else []))
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
