"""Secrets at rest: connected accounts' tokens, sealed with MultiFernet.

Keys come from NABZ_ENCRYPTION_KEYS (comma-separated, newest first). In demo mode
without keys, one key is derived from SECRET_KEY so the demo needs no set-up.
``rotate_encryption_keys`` re-seals everything with the newest key.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SecretUnreadable(Exception):
    """A sealed value none of the configured keys opens (a key was removed too early)."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        digest = hashlib.sha256(f"nabz-demo-encryption:{secret_key}".encode()).digest()
        keys = (base64.urlsafe_b64encode(digest).decode(),)
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "NABZ_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64 bytes each); "
            "make one with `nabz manage generate_encryption_key`"
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.NABZ_ENCRYPTION_KEYS), settings.SECRET_KEY)


def seal(data: dict[str, Any]) -> str:
    return fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def unseal(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        return json.loads(fernet().decrypt(token.encode()))  # type: ignore[no-any-return]
    except InvalidToken as exc:
        raise SecretUnreadable("none of NABZ_ENCRYPTION_KEYS opens this secret") from exc


def rotate(token: str) -> str:
    """The same secret sealed with the newest key."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("none of NABZ_ENCRYPTION_KEYS opens this secret") from exc
