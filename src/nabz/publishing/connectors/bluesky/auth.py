"""Connecting a Bluesky account: handle + app password → a session.

``login(handle, app_password)`` calls ``com.atproto.server.createSession``
(``identifier`` = the handle, ``password`` = an app password) and returns
``Credentials``: the access JWT, the refresh JWT, the DID as ``account_id``, the
handle, and the account's own PDS (from the DID document) as ``api_base``. The app
password itself is not kept: the refresh JWT renews the session
(``BlueskyConnector.refresh``); when that ends, the user connects again.

Only app passwords (``xxxx-xxxx-xxxx-xxxx``, made in Settings → Privacy and
security → App passwords) are accepted: the account password would give Nabz far
more than posting, and is refused before anything is sent.
"""

from __future__ import annotations

import re

import httpx

from nabz.publishing.connectors.base import Credentials, PublishError
from nabz.publishing.connectors.bluesky.connector import BlueskyConnector, session_credentials

APP_PASSWORD = re.compile(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}")
_HANDLE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}"
    r"[a-z0-9])?"
)


def normalize_handle(handle: str) -> str:
    """``@Alice.bsky.social`` → ``alice.bsky.social``; a bare name gets ``.bsky.social``."""
    value = handle.strip().lstrip("@").lower()
    if value and "." not in value and "@" not in value:
        value = f"{value}.bsky.social"
    if not _HANDLE.fullmatch(value) and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise PublishError(
            "bluesky: not a handle",
            permanent=True,
            reason="Type the account's handle, e.g. sunrisehospital.bsky.social.",
        )
    return value


def login(
    handle: str,
    app_password: str,
    *,
    api_base: str | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """Start a session with a handle (or the account's email) and an app password."""
    identifier = normalize_handle(handle)
    password = app_password.strip()
    if not APP_PASSWORD.fullmatch(password):
        raise PublishError(
            "bluesky: not an app password",
            permanent=True,
            reason="Use an app password (Bluesky: Settings → Privacy and security → App "
            "passwords), not the account's own password.",
        )
    connector = BlueskyConnector(Credentials(api_base=api_base or ""), client=client)
    body = connector.request(
        "POST",
        "/xrpc/com.atproto.server.createSession",
        json={"identifier": identifier, "password": password},
    ).json()
    return session_credentials(body, api_base=connector.api_base)
