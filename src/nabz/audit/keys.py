"""The audit keys: secrets outside the database that sign the chain and its checkpoints.

``NABZ_AUDIT_KEYS`` (or ``NABZ_AUDIT_KEYS_FILE``) holds one or more keys separated
by commas or new lines, newest first. The newest signs new entries; the others
only verify the entries they signed, so a rotated-out key stays in the list as
long as the log is kept. Each entry records the id of its key (the first 12 hex
digits of a SHA-256 of the key, which reveals nothing of it). In demo mode a key
is generated in the data directory, like the demo secret key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

MIN_KEY_CHARS = 32


@dataclass(frozen=True)
class AuditKey:
    id: str
    secret: bytes

    def __repr__(self) -> str:  # never print the secret
        return f"AuditKey(id={self.id!r})"


def key_id(secret: str) -> str:
    return hashlib.sha256(b"nabz.audit.key-id:" + secret.encode("utf-8")).hexdigest()[:12]


def parse_keys(raw: str) -> list[str]:
    """Split a key list on commas and new lines; refuse keys too short to be secret."""
    keys = [item.strip() for item in raw.replace("\n", ",").split(",") if item.strip()]
    for position, key in enumerate(keys, start=1):
        if len(key) < MIN_KEY_CHARS:
            raise ValueError(
                f"NABZ_AUDIT_KEYS: key {position} has {len(key)} characters; audit keys need "
                f"at least {MIN_KEY_CHARS} (make one with `nabz manage generate_audit_key`)"
            )
    return keys


@lru_cache(maxsize=8)
def _keys(secrets: tuple[str, ...]) -> tuple[AuditKey, ...]:
    return tuple(AuditKey(id=key_id(secret), secret=secret.encode("utf-8")) for secret in secrets)


def audit_keys() -> tuple[AuditKey, ...]:
    keys = _keys(tuple(settings.NABZ_AUDIT_KEYS))
    if not keys:
        raise RuntimeError("NABZ_AUDIT_KEYS is empty; the settings should have refused that")
    return keys


def signing_key() -> AuditKey:
    """The newest key: the one that signs new entries and checkpoints."""
    return audit_keys()[0]


def find_key(wanted: str) -> AuditKey | None:
    return next((key for key in audit_keys() if key.id == wanted), None)
