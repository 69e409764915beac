"""The OAuth 2.0 token calls LinkedIn and X share: one code exchange, one refresh.

Both networks answer the token endpoint in RFC 6749's shape (``access_token``,
``expires_in``, ``refresh_token``, ``scope``; errors as ``error`` and
``error_description``). What differs is passed in: the network's name for messages,
and whether the app authenticates with HTTP Basic (X) or in the form (LinkedIn).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import httpx

from nabz.publishing.connectors.base import (
    DEFAULT_TIMEOUT,
    AppCredentials,
    Credentials,
    PublishError,
    app_client,
    connection_lost,
)


def send(
    client: httpx.Client | None, method: str, url: str, *, network: str, label: str, **kwargs: Any
) -> httpx.Response:
    """One HTTP call; transport failures become transient PublishErrors."""
    own = client is None
    http = client or httpx.Client(timeout=DEFAULT_TIMEOUT)
    try:
        return http.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise PublishError(f"{network}: no answer in time") from exc
    except httpx.TransportError as exc:
        raise PublishError(f"{network}: could not reach {label}") from exc
    finally:
        if own:
            http.close()


def json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def token_call(
    client: httpx.Client | None,
    url: str,
    data: dict[str, str],
    *,
    network: str,
    label: str,
    basic: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """POST a grant to the token endpoint: its JSON body, or a PublishError (permanent for
    a refused grant, transient for 429 and 5xx)."""
    auth = httpx.BasicAuth(*basic) if basic and basic[1] else None
    response = send(client, "POST", url, network=network, label=label, data=data, auth=auth)
    body = json_body(response)
    if response.status_code >= 500 or response.status_code == 429:
        raise PublishError(
            f"{network}: token endpoint answered {response.status_code}",
            status=response.status_code,
        )
    if response.status_code >= 400:
        reason = str(body.get("error_description") or body.get("error") or "refused")
        raise PublishError(
            f"{network}: {response.status_code} {reason}",
            permanent=True,
            status=response.status_code,
            reason=reason,
        )
    return body


def credentials_from(body: dict[str, Any], previous: Credentials, *, network: str) -> Credentials:
    """``previous`` with the tokens of a token answer (a refresh token kept if none came)."""
    access = body.get("access_token")
    if not isinstance(access, str) or not access:
        raise PublishError(f"{network}: the token answer had no access token", permanent=True)
    now = dt.datetime.now(dt.UTC)
    expires_in = body.get("expires_in")
    extra = dict(previous.extra)
    refresh_expires = body.get("refresh_token_expires_in")
    if isinstance(refresh_expires, int | float):
        extra["refresh_expires_at"] = (now + dt.timedelta(seconds=refresh_expires)).isoformat()
    if body.get("scope"):
        extra["scope"] = str(body["scope"])
    return replace(
        previous,
        access_token=access,
        refresh_token=str(body.get("refresh_token") or previous.refresh_token),
        expires_at=now + dt.timedelta(seconds=expires_in)
        if isinstance(expires_in, int | float)
        else None,
        extra=extra,
    )


def refresh(
    credentials: Credentials,
    url: str,
    *,
    app: AppCredentials | None,
    client: httpx.Client | None,
    network: str,
    label: str,
    basic_auth: bool,
    no_refresh: PublishError,
) -> Credentials:
    """The ``refresh_token`` grant. ``no_refresh`` is raised when there is no refresh token;
    a refused grant means the account must be connected again (``connection_lost``)."""
    if not credentials.refresh_token:
        raise no_refresh
    client_id, secret = app_client(app, credentials)
    data = {
        "grant_type": "refresh_token",
        "refresh_token": credentials.refresh_token,
        "client_id": client_id,
    }
    if not basic_auth:
        data["client_secret"] = secret
    try:
        body = token_call(
            client,
            url,
            data,
            network=network,
            label=label,
            basic=(client_id, secret) if basic_auth else None,
        )
    except PublishError as exc:
        if not exc.permanent:
            raise
        raise connection_lost(exc, label) from exc
    return credentials_from(body, credentials, network=network)
