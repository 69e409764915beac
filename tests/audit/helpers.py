"""Raw-SQL tampering, the way someone with database access would do it."""

from __future__ import annotations

from typing import Any

from django.db import connection

from nabz.audit.models import AuditEntry

TABLE = connection.ops.quote_name(AuditEntry._meta.db_table)


def prep(field_name: str, value: Any) -> Any:
    return AuditEntry._meta.get_field(field_name).get_db_prep_save(value, connection)


def execute(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", TABLE), params)


def set_payload(sequence: int, payload: dict[str, Any]) -> None:
    execute(
        "UPDATE {table} SET payload = %s WHERE sequence = %s", [prep("payload", payload), sequence]
    )


def delete(sequence: int) -> None:
    execute("DELETE FROM {table} WHERE sequence = %s", [sequence])


def set_sequence(old: int, new: int) -> None:
    execute("UPDATE {table} SET sequence = %s WHERE sequence = %s", [new, old])


def swap(a: int, b: int) -> None:
    parked = 10**12
    set_sequence(a, parked)
    set_sequence(b, a)
    set_sequence(parked, b)


def shift_from(sequence: int) -> None:
    """Make room at ``sequence`` by renumbering it and every later entry up by one."""
    execute("UPDATE {table} SET sequence = sequence + 1000000 WHERE sequence >= %s", [sequence])
    execute("UPDATE {table} SET sequence = sequence - 999999 WHERE sequence >= 1000000")


def insert(**values: Any) -> None:
    names = list(values)
    columns = ", ".join(
        connection.ops.quote_name(AuditEntry._meta.get_field(name).column) for name in names
    )
    placeholders = ", ".join(["%s"] * len(names))
    params = [prep(name, values[name]) for name in names]
    execute(f"INSERT INTO {{table}} ({columns}) VALUES ({placeholders})", params)


def renumber_after_delete(sequence: int) -> None:
    """Close the gap a deleted entry left, the way a careful forger would."""
    execute("UPDATE {table} SET sequence = sequence + 1000000 WHERE sequence > %s", [sequence])
    execute("UPDATE {table} SET sequence = sequence - 1000001 WHERE sequence > 1000000")


def set_time(sequence: int, value: Any) -> None:
    execute(
        "UPDATE {table} SET created_at = %s WHERE sequence = %s",
        [prep("created_at", value), sequence],
    )


def rechain(hasher: Any, start: int = 1) -> None:
    """Recompute every link and hash from ``start`` on with ``hasher``, then move the head.

    This is what someone with write access to the database does after changing an
    entry so that the plain SHA-256 chain holds again.
    """
    from nabz.audit.canonical import GENESIS_HASH

    rows = list(AuditEntry.objects.order_by("sequence"))
    prev = rows[start - 2].hash if start > 1 else GENESIS_HASH
    for row in rows[start - 1 :]:
        row.prev_hash = prev
        new_hash = hasher(row.canonical())
        execute(
            "UPDATE {table} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, new_hash, row.pk]
        )
        prev = new_hash
    set_head(rows[-1].sequence, prev)


def set_head(sequence: int, last_hash: str) -> None:
    execute("UPDATE audit_audithead SET last_sequence = %s, last_hash = %s", [sequence, last_hash])
