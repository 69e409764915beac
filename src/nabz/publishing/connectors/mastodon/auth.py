"""Connecting a Mastodon account: register Nabz on the user's instance, then OAuth 2.0.

1. ``register_app(instance_url, redirect_uri)`` — ``POST /api/v1/apps`` on that
   instance (each instance keeps its own apps) → ``AppCredentials`` with the
   ``client_id`` / ``client_secret`` to keep for that instance.
2. ``authorization_url(app, redirect_uri=, state=)`` — send the user to
   ``/oauth/authorize`` (PKCE ``code_challenge`` is passed on when given;
   Mastodon 4.3+ checks it).
3. ``exchange_code(app, code=, redirect_uri=)`` — ``POST /oauth/token`` with
   ``grant_type=authorization_code``, then ``GET /api/v1/accounts/verify_credentials``
   → ``Credentials`` (token, account id, ``user@instance`` handle, instance URL).
4. ``instance_limits(instance_url)`` — the character and attachment limits to keep
   on the account.

Failures raise ``PublishError`` with the instance's own words in ``reason``; tokens
and secrets never appear in messages.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlencode, urlsplit

import httpx

from nabz.publishing.connectors.base import AppCredentials, Credentials, PublishError
from nabz.publishing.connectors.mastodon.connector import InstanceLimits, MastodonConnector

SCOPES = ("read", "write")
CLIENT_NAME = "Nabz"


def instance_base(instance_url: str) -> str:
    """``https://host[:port]`` from what a user typed (``mastodon.social``, a URL, ``@a@b``).

    Plain http is refused except on a loopback address (local tests): tokens must
    not travel in the clear.
    """
    raw = instance_url.strip()
    if raw.startswith("@") or ("@" in raw and "://" not in raw):
        raw = raw.rsplit("@", 1)[-1]  # "@user@instance" → "instance"
    if "://" not in raw:
        raw = f"https://{raw}"
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower()
    if (
        not host
        or parts.scheme not in ("http", "https")
        or ("." not in host and not _loopback(host))
    ):
        raise PublishError(
            "mastodon: not an instance address",
            permanent=True,
            reason="Type your Mastodon server's address, e.g. mastodon.social.",
        )
    if _private_address(host):
        raise PublishError(
            "mastodon: instance address in a private network",
            permanent=True,
            reason="That address is not a public Mastodon server.",
        )
    if parts.scheme == "http" and not _loopback(host):
        raise PublishError(
            "mastodon: instance address without https",
            permanent=True,
            reason="The Mastodon server must be reached over https.",
        )
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a port that is not a number
        raise PublishError(
            "mastodon: not an instance address",
            permanent=True,
            reason="Type your Mastodon server's address, e.g. mastodon.social.",
        ) from None
    return f"{parts.scheme}://{host}{port}"


def _private_address(host: str) -> bool:
    """An IP literal in a private, link-local or reserved range (cloud metadata and the like).

    Loopback stays allowed for local test servers; names are not resolved here.
    """
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if address.is_loopback:
        return False
    return (
        address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _connector(
    api_base: str, token: str = "", client: httpx.Client | None = None
) -> MastodonConnector:
    return MastodonConnector(Credentials(access_token=token, api_base=api_base), client=client)


def register_app(
    instance_url: str,
    redirect_uri: str,
    client: httpx.Client | None = None,
    *,
    client_name: str = CLIENT_NAME,
    website: str = "",
) -> AppCredentials:
    """Register Nabz on an instance (``POST /api/v1/apps``)."""
    base = instance_base(instance_url)
    payload = {
        "client_name": client_name,
        "redirect_uris": redirect_uri,
        "scopes": " ".join(SCOPES),
    }
    if website:
        payload["website"] = website
    body = _connector(base, client=client).request("POST", "/api/v1/apps", json=payload).json()
    if not body.get("client_id") or not body.get("client_secret"):
        raise PublishError(
            "mastodon: app registration without client credentials",
            reason="The server did not register Nabz; try again later.",
        )
    return AppCredentials(
        client_id=str(body["client_id"]),
        client_secret=str(body["client_secret"]),
        auth_base=base,
        api_base=base,
        scopes=SCOPES,
    )


def authorization_url(
    app: AppCredentials, *, redirect_uri: str, state: str, code_challenge: str | None = None
) -> str:
    """Where to send the user to approve Nabz on their instance."""
    params = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(app.scopes or SCOPES),
        "state": state,
    }
    if code_challenge:
        params["code_challenge"] = code_challenge
        params["code_challenge_method"] = "S256"
    return f"{(app.auth_base or app.api_base).rstrip('/')}/oauth/authorize?{urlencode(params)}"


def exchange_code(
    app: AppCredentials,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """Trade the authorisation code for a token and learn which account it is."""
    base = (app.api_base or app.auth_base).rstrip("/")
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "redirect_uri": redirect_uri,
        "scope": " ".join(app.scopes or SCOPES),
    }
    if code_verifier:
        form["code_verifier"] = code_verifier
    token = _connector(base, client=client).request("POST", "/oauth/token", data=form).json()
    access_token = str(token.get("access_token") or "")
    if not access_token:
        raise PublishError(
            "mastodon: no access token in the answer",
            reason="The server did not issue a token; try connecting again.",
        )
    connector = _connector(base, access_token, client)
    account = connector.verify_credentials()
    acct = str(account.get("acct") or account.get("username") or "")
    host = urlsplit(base).hostname or ""
    handle = acct if "@" in acct else f"{acct}@{host}"
    return Credentials(
        access_token=access_token,
        account_id=str(account["id"]),
        handle=handle,
        api_base=base,
        extra={
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "scope": str(token.get("scope") or ""),
        },
    )


def instance_limits(instance_url: str, client: httpx.Client | None = None) -> InstanceLimits:
    """The instance's limits (public endpoint, no token needed)."""
    return _connector(instance_base(instance_url), client=client).instance_limits()
