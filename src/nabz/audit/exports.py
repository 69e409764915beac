"""Filtering and exporting audit entries for the audit log page.

Exports stream (generators of text) so a view can hand them to a
``StreamingHttpResponse`` without loading the log into memory. JSON Lines is
the faithful export: each line is an entry's hashed fields plus its hash, and
:func:`nabz.audit.chain.verify_export` checks it. CSV is for
spreadsheets; text cells that a spreadsheet would run as a formula get a
leading apostrophe.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from nabz.audit.canonical import canonical_json, format_time
from nabz.audit.models import AuditEntry

CSV_COLUMNS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_label",
    "workspace_id",
    "workspace_label",
    "action",
    "object_type",
    "object_id",
    "payload",
    "prev_hash",
    "hash",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHUNK = 1000


def iter_jsonl(qs: QuerySet[AuditEntry]) -> Iterator[str]:
    """One line per entry, in chain order: its hashed fields and its hash."""
    for entry in _in_chain_order(qs):
        yield canonical_json({**entry.canonical(), "hash": entry.hash}) + "\n"


def iter_csv(qs: QuerySet[AuditEntry]) -> Iterator[str]:
    """A header row, then one row per entry in chain order (see CSV_COLUMNS)."""
    buffer = _Echo()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield writer.writerow(CSV_COLUMNS)
    for entry in _in_chain_order(qs):
        data = entry.canonical()
        row = {
            **data,
            "created_at": format_time(entry.created_at),
            "actor_id": data["actor_id"] or "",
            "workspace_id": data["workspace_id"] or "",
            "payload": json.dumps(data["payload"], sort_keys=True, ensure_ascii=False),
            "hash": entry.hash,
        }
        yield writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])


def _in_chain_order(qs: QuerySet[AuditEntry]) -> Iterator[AuditEntry]:
    return qs.order_by("sequence").iterator(chunk_size=_CHUNK)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv."""

    def write(self, value: str) -> str:
        return value
