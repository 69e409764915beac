"""Writers racing each other never fork the chain (threads on real transactions)."""

from __future__ import annotations

import contextlib
import random
import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from nabz.audit import record, verify
from nabz.audit.models import AuditEntry
from nabz.workspaces.models import Workspace

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4
ENTRIES_EACH = 15


def _with_retries(write) -> None:  # type: ignore[no-untyped-def]
    # SQLite's shared in-memory test database answers a busy writer with "table
    # is locked" at once instead of waiting as a file database does; retrying the
    # whole transaction, as an application would, keeps the race going.
    # PostgreSQL waits on the chain head's row lock and never gets here.
    for _attempt in range(2000):
        try:
            write()
            return
        except OperationalError as error:
            if "locked" not in str(error) or connection.vendor != "sqlite":
                raise
            time.sleep(random.uniform(0.0005, 0.003))
    raise AssertionError("the database stayed locked")


def _race(work) -> list[BaseException]:  # type: ignore[no-untyped-def]
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_concurrent_writers_produce_one_valid_chain():
    def work(index: int) -> None:
        for number in range(ENTRIES_EACH):
            payload = {"writer": index, "n": number}
            _with_retries(lambda payload=payload: record("post.approved", payload=payload))

    assert _race(work) == []
    total = THREADS * ENTRIES_EACH
    sequences = list(AuditEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, total + 1))
    result = verify()
    assert result.ok and result.checked == total
    written = set(AuditEntry.objects.values_list("payload__writer", "payload__n"))
    assert written == {(i, n) for i in range(THREADS) for n in range(ENTRIES_EACH)}


def test_concurrent_transactions_with_state_changes_stay_in_step():
    workspace = Workspace.objects.create(name="Counter 0", slug="counter")

    def work(index: int) -> None:
        def rename() -> None:
            with transaction.atomic():
                current = Workspace.objects.select_for_update().get(pk=workspace.pk)
                count = int(current.name.split()[-1]) + 1
                current.name = f"Counter {count}"
                current.save(update_fields=["name"])
                record("workspace.renamed", workspace=current, payload={"count": count})
                if index == 0 and count % 2:
                    raise _Abandon  # some transactions fail after writing their entry

        for _number in range(ENTRIES_EACH):
            with contextlib.suppress(_Abandon):
                _with_retries(rename)

    assert _race(work) == []
    workspace.refresh_from_db()
    counts = list(AuditEntry.objects.values_list("payload__count", flat=True))
    # Exactly the committed renames are logged, in the order they happened.
    assert counts == list(range(1, int(workspace.name.split()[-1]) + 1))
    assert verify().ok


class _Abandon(Exception):
    pass


def test_a_second_writer_waits_for_the_first_to_commit():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers on the whole database, not on the head row")
    record("auth.login")  # the chain head row exists, as it does outside tests
    first_written, release = threading.Event(), threading.Event()
    entries: dict[str, AuditEntry] = {}

    def first(_index: int) -> None:
        with transaction.atomic():
            entries["first"] = record("post.approved", payload={"writer": "first"})
            first_written.set()
            release.wait(timeout=30)

    def second() -> None:
        first_written.wait(timeout=30)
        entries["second"] = record("post.approved", payload={"writer": "second"})
        connection.close()

    holder = threading.Thread(target=lambda: (first(0), connection.close()))
    waiter = threading.Thread(target=second)
    holder.start()
    waiter.start()
    first_written.wait(timeout=30)
    waiter.join(timeout=0.5)
    assert waiter.is_alive(), "the second writer did not wait for the chain head"
    release.set()
    holder.join(timeout=30)
    waiter.join(timeout=30)
    assert entries["second"].sequence == entries["first"].sequence + 1
    assert entries["second"].prev_hash == entries["first"].hash
    assert verify().ok
