"""Turning a caller's payload into plain JSON that hashes the same after a round trip."""

from __future__ import annotations

import logging
import math
import re
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from nabz.audit.canonical import canonical_json

logger = logging.getLogger(__name__)

# Keys that name credentials. Matching is deliberately broad ("token_count" is
# dropped too): a missing harmless number costs less than a leaked secret.
SECRET_KEY = re.compile(
    r"passw(?:or)?d|passphrase|(?:^|[^a-z])pwd(?:$|[^a-z])|token|secret|api[_-]?key"
    r"|private[_-]?key|credential|authori[sz]ation|cookie|session[_-]?key",
    re.IGNORECASE,
)

# The log holds facts about actions, not content: a cap keeps message bodies out.
MAX_PAYLOAD_CHARS = 16_000


def clean_payload(payload: dict[str, Any] | None) -> dict[str, Any]:
    """A JSON-ready copy of ``payload`` without secret-looking keys.

    Dates, times, UUIDs and Decimals become strings (times in UTC); tuples become
    lists; integral floats become ints. Anything else that JSON cannot hold
    raises ``TypeError`` naming the key.
    """
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise TypeError(f"audit payload must be a dict, not {type(payload).__name__}")
    cleaned = _clean(payload, "payload")
    size = len(canonical_json(cleaned))
    if size > MAX_PAYLOAD_CHARS:
        raise ValueError(
            f"audit payload is {size} characters (limit {MAX_PAYLOAD_CHARS}); record ids "
            "and short facts, not content"
        )
    return cleaned


def _clean(value: Any, path: str) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(f"{path} contains a NUL character")
        return str(value)  # TextChoices and other str subclasses become plain strings
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{path} is {value}; JSON has no NaN or infinity")
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_clean(item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        cleaned: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path} has a key of type {type(key).__name__}; keys must be str")
            if SECRET_KEY.search(key):
                logger.warning("audit: dropped secret-looking payload key %s.%s", path, key)
                continue
            cleaned[key] = _clean(item, f"{path}.{key}")
        return cleaned
    raise TypeError(
        f"{path} is a {type(value).__module__}.{type(value).__qualname__}, which an audit "
        "payload cannot hold; pass str, int, float, bool, None, list, dict, date, datetime, "
        "UUID or Decimal (for a model object, pass obj= or its primary key)"
    )
