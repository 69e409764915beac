"""Background tasks of the publishing worker (django-tasks: database queue or RQ)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections, connections
from django_tasks import task

from nabz.publishing import worker

log = logging.getLogger("nabz.publishing")

# How long a task waits for the database to come back (a restart, a fail-over) before it
# gives up and leaves the publication to the dispatcher's requeue.
DATABASE_WAIT_SECONDS = 120.0


def _through_outages(run: Callable[[int], str], publication_id: int) -> str:
    """Run one attempt; when the database is away, wait for it and run the attempt again.

    Safe to repeat: an attempt is claimed and committed before any network call, so a
    repeat finds it claimed (and the lease, then ``find``, settle it) or starts it once.
    """
    delay, waited = 0.5, 0.0
    while True:
        try:
            return run(publication_id)
        except DatabaseError as exc:
            if waited >= DATABASE_WAIT_SECONDS or _database_answers():
                raise
            log.warning(
                "publication %s: the database is unreachable (%s); trying again in %.1f s",
                publication_id,
                exc.__class__.__name__,
                delay,
            )
        connections.close_all()
        time.sleep(delay)
        waited += delay
        delay = min(delay * 2, 10.0)


def _database_answers() -> bool:
    """True when a fresh connection works: the error was the query's, not an outage."""
    connections.close_all()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False
    finally:
        close_old_connections()


@task()
def run_publication(publication_id: int) -> str:
    return _through_outages(worker.publish_one, publication_id)


@task()
def run_takedown(publication_id: int) -> str:
    return _through_outages(worker.takedown_one, publication_id)


@task()
def dispatch() -> dict[str, int]:
    report = worker.dispatch()
    return {k: v for k, v in vars(report).items() if isinstance(v, int)}
