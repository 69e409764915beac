"""Connecting a Facebook Page: Facebook Login (OAuth 2.0), then the Pages the person manages.

1. ``authorization_url``: send the person to ``www.facebook.com/{version}/dialog/oauth``.
2. ``exchange_code``: the code becomes a short-lived user token
   (``/oauth/access_token``), exchanged at once for a long-lived one (about 60 days,
   ``grant_type=fb_exchange_token``).
3. ``list_pages`` / ``list_targets``: ``GET /me/accounts`` lists the Pages with their
   Page access tokens. A Page token obtained from a long-lived user token does not
   expire; it is what the connector uses. The user token is kept as the
   ``refresh_token`` so ``FacebookConnector.refresh()`` can read a new Page token.

Token requests go in a POST body, never in a URL, so secrets stay out of logs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from nabz.publishing.connectors.base import AppCredentials, Credentials, PublishError
from nabz.publishing.connectors.facebook.graph import (
    FACEBOOK_WWW,
    GRAPH_VERSION,
    GraphSession,
)

DEFAULT_SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_manage_posts",
    "read_insights",
)
PUBLISHING_TASKS = frozenset({"CREATE_CONTENT", "MANAGE"})


@dataclass(frozen=True, slots=True)
class ManagedPage:
    id: str
    name: str
    access_token: str = field(repr=False)
    tasks: tuple[str, ...] = ()

    @property
    def can_publish(self) -> bool:
        """The person's role on the Page lets them post (tasks are absent on old apps)."""
        return not self.tasks or bool(PUBLISHING_TASKS & set(self.tasks))


def authorization_url(
    app: AppCredentials,
    *,
    redirect_uri: str,
    state: str,
    code_challenge: str | None = None,
    scopes: tuple[str, ...] = DEFAULT_SCOPES,
) -> str:
    """Where to send the person to log in with Facebook and grant our permissions."""
    params = {
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "response_type": "code",
        "scope": ",".join(app.scopes or scopes),
    }
    if code_challenge:
        params["code_challenge"] = code_challenge
        params["code_challenge_method"] = "S256"
    base = (app.auth_base or FACEBOOK_WWW).rstrip("/")
    return f"{base}/{GRAPH_VERSION}/dialog/oauth?{urlencode(params)}"


def exchange_code(
    app: AppCredentials,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str | None = None,
    client: httpx.Client | None = None,
    network: str = "facebook",
) -> Credentials:
    """The authorization code → a long-lived user token (Credentials without an account)."""
    if not code:
        raise PublishError(
            f"{network}: Facebook sent no authorization code.",
            permanent=True,
            reason="No authorization code.",
        )
    session = GraphSession("", api_base=app.api_base, network=network, client=client)
    form = {
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "redirect_uri": redirect_uri,
        "code": code,
    }
    if code_verifier:
        form["code_verifier"] = code_verifier
    short = session.call("POST", session.path("oauth", "access_token"), data=form)
    long_lived = session.call(
        "POST",
        session.path("oauth", "access_token"),
        data={
            "grant_type": "fb_exchange_token",
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "fb_exchange_token": _token(short, network),
        },
    )
    expires_in = long_lived.get("expires_in")
    expires_at = (
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=int(expires_in))
        if isinstance(expires_in, int | float) and expires_in > 0
        else None
    )
    return Credentials(
        access_token=_token(long_lived, network),
        expires_at=expires_at,
        api_base=app.api_base,
        extra={"token_kind": "user"},
    )


def list_pages(
    user: Credentials, *, client: httpx.Client | None = None, network: str = "facebook"
) -> list[ManagedPage]:
    """The Pages the person manages, each with its Page access token."""
    session = GraphSession(
        user.access_token, api_base=user.api_base, network=network, client=client
    )
    items = session.list_recent(
        session.path("me", "accounts"), {"fields": "id,name,access_token,tasks", "limit": 100}
    )
    pages = []
    for item in items:
        if item.get("id") and item.get("access_token"):
            raw_tasks = item.get("tasks")
            tasks: list[Any] = raw_tasks if isinstance(raw_tasks, list) else []
            pages.append(
                ManagedPage(
                    id=str(item["id"]),
                    name=str(item.get("name") or ""),
                    access_token=str(item["access_token"]),
                    tasks=tuple(str(task) for task in tasks),
                )
            )
    return pages


def page_credentials(user: Credentials, page: ManagedPage) -> Credentials:
    """What the Facebook connector stores for one Page."""
    return Credentials(
        access_token=page.access_token,
        refresh_token=user.access_token,
        account_id=page.id,
        handle=page.name,
        api_base=user.api_base,
        extra={
            "user_token_expires_at": user.expires_at.isoformat() if user.expires_at else None,
        },
    )


def list_targets(
    app: AppCredentials, user: Credentials, *, client: httpx.Client | None = None
) -> list[Credentials]:
    """One set of credentials per Page the person can publish to (the connect view lets
    them pick one when there are several)."""
    return [
        page_credentials(user, page) for page in list_pages(user, client=client) if page.can_publish
    ]


def _token(body: dict[str, object], network: str) -> str:
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise PublishError(
            f"{network}: Facebook answered without an access token.",
            permanent=True,
            reason="No access token in the answer.",
        )
    return token
