"""The hash chain's canonical form. Pure Python: no Django, no database.

Every entry's ``hash`` is HMAC-SHA256, keyed with the audit key named by the
entry's ``key_id`` (see :mod:`nabz.audit.keys`; the keys live outside the
database), over the UTF-8 bytes of a canonical JSON object (sorted keys, no
whitespace, ``ensure_ascii=False``) holding exactly the fields in
:data:`HASHED_FIELDS`. Times are ISO 8601 in UTC with microseconds
(``2026-11-24T01:01:00.123456+00:00``); ids are strings or ``null``. The first
entry's ``prev_hash`` is :data:`GENESIS_HASH`. Anyone holding a JSON Lines
export and the audit key can recompute every hash with nothing but this
description; without the key nobody can, so whoever can write the database
cannot re-hash an edited chain.

Before the chain was keyed (migration ``audit.0003``) the hash was a plain
SHA-256 over the same object without ``key_id``; :func:`legacy_hash` computes
it, for that migration and for old exports.
"""

from __future__ import annotations

import hashlib
import hmac
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
    "key_id",
)
LEGACY_HASHED_FIELDS = tuple(name for name in HASHED_FIELDS if name != "key_id")


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


def entry_fields(entry: Any) -> dict[str, Any]:
    """The hashed fields of an entry (a model instance, also a migration's historical one)."""
    return {
        "sequence": entry.sequence,
        "created_at": format_time(entry.created_at),
        "actor_label": entry.actor_label,
        "actor_id": entry.actor_ref or None,
        "workspace_id": entry.workspace_ref or None,
        "workspace_label": entry.workspace_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
        "key_id": entry.key_id,
    }


def compute_hash(fields: dict[str, Any], key: bytes) -> str:
    """HMAC-SHA256 hex digest, under ``key``, of the canonical form of ``fields``."""
    _require_exactly(fields, HASHED_FIELDS)
    return hmac.new(key, canonical_json(fields).encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_hash(fields: dict[str, Any]) -> str:
    """The unkeyed SHA-256 of an entry written before the chain was keyed."""
    _require_exactly(fields, LEGACY_HASHED_FIELDS)
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def _require_exactly(fields: dict[str, Any], names: tuple[str, ...]) -> None:
    if fields.keys() != set(names):
        raise ValueError(f"hashed fields must be exactly {names}")
