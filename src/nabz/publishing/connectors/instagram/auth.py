"""Connecting an Instagram professional account (Instagram API with Facebook Login).

An Instagram business or creator account is reached through the Facebook Page it is
linked to. The flow is Facebook Login with Instagram permissions, then for each Page the
person manages ``GET /{page-id}?fields=instagram_business_account{id,username}``.

What is stored: the Page access token of the linked Page (the Graph API accepts it for
the Page's Instagram account, and it does not expire when it comes from a long-lived
user token), the Instagram user id as ``account_id``, the Page id in ``extra`` and the
long-lived user token as ``refresh_token`` (see ``InstagramConnector.refresh()``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from nabz.publishing.connectors.base import AppCredentials, Credentials
from nabz.publishing.connectors.facebook import auth as facebook_auth
from nabz.publishing.connectors.facebook.graph import GraphSession

DEFAULT_SCOPES = (
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_insights",
    "instagram_manage_contents",
    "pages_show_list",
    "pages_read_engagement",
)


@dataclass(frozen=True, slots=True)
class InstagramAccount:
    id: str
    username: str
    page_id: str
    page_name: str
    page_access_token: str = field(repr=False)


def authorization_url(
    app: AppCredentials, *, redirect_uri: str, state: str, code_challenge: str | None = None
) -> str:
    return facebook_auth.authorization_url(
        app,
        redirect_uri=redirect_uri,
        state=state,
        code_challenge=code_challenge,
        scopes=DEFAULT_SCOPES,
    )


def exchange_code(
    app: AppCredentials,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """The code → a long-lived Facebook user token (Credentials without an account)."""
    return facebook_auth.exchange_code(
        app,
        code=code,
        redirect_uri=redirect_uri,
        code_verifier=code_verifier,
        client=client,
        network="instagram",
    )


def list_accounts(
    user: Credentials, *, client: httpx.Client | None = None
) -> list[InstagramAccount]:
    """The Instagram professional accounts linked to the Pages the person manages."""
    accounts = []
    for page in facebook_auth.list_pages(user, client=client, network="instagram"):
        session = GraphSession(
            page.access_token, api_base=user.api_base, network="instagram", client=client
        )
        body = session.call(
            "GET",
            session.path(page.id),
            params={"fields": "instagram_business_account{id,username}"},
        )
        linked = body.get("instagram_business_account")
        if isinstance(linked, dict) and linked.get("id"):
            accounts.append(
                InstagramAccount(
                    id=str(linked["id"]),
                    username=str(linked.get("username") or ""),
                    page_id=page.id,
                    page_name=page.name,
                    page_access_token=page.access_token,
                )
            )
    return accounts


def account_credentials(user: Credentials, account: InstagramAccount) -> Credentials:
    """What the Instagram connector stores for one account."""
    return Credentials(
        access_token=account.page_access_token,
        refresh_token=user.access_token,
        account_id=account.id,
        handle=account.username or account.page_name,
        api_base=user.api_base,
        extra={
            "page_id": account.page_id,
            "page_name": account.page_name,
            "user_token_expires_at": user.expires_at.isoformat() if user.expires_at else None,
        },
    )


def list_targets(
    app: AppCredentials, user: Credentials, *, client: httpx.Client | None = None
) -> list[Credentials]:
    """One set of credentials per linked Instagram account (the connect view lets the
    person pick one when there are several)."""
    return [account_credentials(user, account) for account in list_accounts(user, client=client)]
