"""The hash chain's canonical form. Pure Python: no Django, no database.

Every entry's ``hash`` is SHA-256 over the UTF-8 bytes of a canonical JSON
object (sorted keys, no whitespace, ``ensure_ascii=False``) holding exactly the
fields in :data:`HASHED_FIELDS`. Times are ISO 8601 in UTC with microseconds
(``2026-11-24T01:01:00.123456+00:00``); ids are strings or ``null``. The first
entry's ``prev_hash`` is :data:`GENESIS_HASH`. Anyone holding a JSON Lines
export can recompute every hash with nothing but this description.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

HASHED_FIELDS = (
    "sequence",
    "created_at",
    "actor_label",
    "actor_id",
    "workspace_id",
    "workspace_label",
    "action",
    "object_type",
    "object_id",
    "payload",
    "prev_hash",
)


def format_time(value: datetime) -> str:
    """ISO 8601 in UTC, always with microseconds, so equal instants hash equally."""
    if value.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def normalise_json(value: Any) -> Any:
    """Integral floats become ints: PostgreSQL's jsonb hands ``1e16`` back as an int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: normalise_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise_json(item) for item in value]
    return value


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(
        normalise_json(data),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def compute_hash(fields: dict[str, Any]) -> str:
    """SHA-256 hex digest of the canonical form of ``fields`` (see HASHED_FIELDS)."""
    missing = set(HASHED_FIELDS) - fields.keys()
    extra = fields.keys() - set(HASHED_FIELDS)
    if missing or extra:
        raise ValueError(f"hashed fields must be exactly {HASHED_FIELDS}")
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()
