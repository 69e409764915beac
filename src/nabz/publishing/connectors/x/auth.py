"""Connecting an X account: OAuth 2.0 Authorization Code with PKCE, and token refresh.

1. :func:`authorization_url` sends the user to ``x.com/i/oauth2/authorize`` with an S256
   ``code_challenge`` (from ``pkce_pair()``) and the scopes ``tweet.read tweet.write
   users.read media.write offline.access`` (``offline.access`` gives a refresh token).
2. :func:`exchange_code` posts the code and the ``code_verifier`` to
   ``api.x.com/2/oauth2/token`` — a confidential client (one with a secret) authenticates with
   HTTP Basic, a public one sends its ``client_id`` — then reads ``GET /2/users/me`` for the
   account id and handle.
3. :func:`refresh` uses the ``refresh_token`` grant. X rotates refresh tokens: each refresh
   returns a new one and the old one stops working, so the caller must store the result.

The app's client id (and secret, for a confidential client) are kept in
``Credentials.extra`` (sealed with the tokens) so that ``XConnector(credentials).refresh()``
works without the app at hand. Access tokens live two hours. Errors are
:class:`PublishError` (``permanent`` when the user must connect again); tokens never appear
in messages.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from nabz.publishing.connectors import oauth2
from nabz.publishing.connectors.base import (
    AppCredentials,
    Credentials,
    PublishError,
)

AUTH_BASE = "https://x.com"
API_BASE = "https://api.x.com"
AUTHORIZE_PATH = "/i/oauth2/authorize"
TOKEN_PATH = "/2/oauth2/token"
DEFAULT_SCOPES = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")


def authorization_url(
    app: AppCredentials, *, redirect_uri: str, state: str, code_challenge: str | None = None
) -> str:
    """Where to send the user. X requires PKCE: pass the S256 challenge of a verifier you keep
    (in the session) for :func:`exchange_code`."""
    if not code_challenge:
        raise ValueError("X requires PKCE: pass code_challenge from pkce_pair()")
    params = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(app.scopes or DEFAULT_SCOPES),
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": "S256",
    }
    base = (app.auth_base or AUTH_BASE).rstrip("/")
    return f"{base}{AUTHORIZE_PATH}?{urlencode(params, quote_via=quote)}"


def token_url(app: AppCredentials | None = None, credentials: Credentials | None = None) -> str:
    if app is not None and app.api_base:
        return f"{app.api_base.rstrip('/')}{TOKEN_PATH}"
    if credentials is not None and credentials.extra.get("token_url"):
        return str(credentials.extra["token_url"])
    if credentials is not None and credentials.api_base:
        return f"{credentials.api_base.rstrip('/')}{TOKEN_PATH}"
    return f"{API_BASE}{TOKEN_PATH}"


def exchange_code(
    app: AppCredentials,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """The account's credentials for ``code``: tokens, user id and handle."""
    if not code_verifier:
        raise ValueError("X requires PKCE: pass the code_verifier kept since authorization")
    url = token_url(app)
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": app.client_id,
    }
    body = _token_call(client, url, data, app.client_id, app.client_secret)
    credentials = _credentials_from(
        body,
        Credentials(
            api_base=(app.api_base or "").rstrip("/"),
            # Sealed with the tokens, so the worker can refresh with the credentials alone.
            extra={
                "client_id": app.client_id,
                "client_secret": app.client_secret,
                "token_url": url,
            },
        ),
    )
    me = _me(client, credentials)
    return replace(
        credentials, account_id=str(me.get("id", "")), handle=str(me.get("username", ""))
    )


def refresh(
    credentials: Credentials,
    *,
    app: AppCredentials | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """New credentials (a new access *and* refresh token) from the refresh token."""
    return oauth2.refresh(
        credentials,
        token_url(app, credentials),
        app=app,
        client=client,
        network="x",
        label="X",
        basic_auth=True,
        no_refresh=PublishError(
            "x: no refresh token; connect the account again",
            permanent=True,
            reason="This X connection cannot be renewed automatically.",
        ),
    )


# --- HTTP ------------------------------------------------------------------------------
def _credentials_from(body: dict[str, Any], previous: Credentials) -> Credentials:
    return oauth2.credentials_from(body, previous, network="x")


def _send(client: httpx.Client | None, method: str, url: str, **kwargs: Any) -> httpx.Response:
    return oauth2.send(client, method, url, network="x", label="X", **kwargs)


def _token_call(
    client: httpx.Client | None, url: str, data: dict[str, str], client_id: str, secret: str
) -> dict[str, Any]:
    return oauth2.token_call(client, url, data, network="x", label="X", basic=(client_id, secret))


def _me(client: httpx.Client | None, credentials: Credentials) -> dict[str, Any]:
    base = (credentials.api_base or API_BASE).rstrip("/")
    response = _send(
        client,
        "GET",
        f"{base}/2/users/me",
        headers={"Authorization": f"Bearer {credentials.access_token}"},
    )
    body = _json(response)
    data = body.get("data")
    if response.status_code >= 400 or not isinstance(data, dict):
        reason = str(body.get("detail") or body.get("title") or "could not read the account")
        raise PublishError(
            f"x: {response.status_code} {reason}",
            permanent=response.status_code < 500 and response.status_code != 429,
            status=response.status_code,
            reason=reason,
        )
    return data


_json = oauth2.json_body
