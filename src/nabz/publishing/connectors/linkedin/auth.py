"""Connecting a LinkedIn organisation page: OAuth 2.0 (3-legged), refresh, page choice.

1. :func:`authorization_url` sends the member to ``www.linkedin.com/oauth/v2/authorization``
   with the organisation scopes.
2. :func:`exchange_code` swaps the returned code for a member access token (and, for apps
   LinkedIn has approved for programmatic refresh, a refresh token).
3. :func:`list_organizations` lists the pages the member administers
   (``GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR``) and
   :func:`for_organization` turns the member's credentials into the page's;
   :func:`list_targets` does both, one ``Credentials`` per page.

The app's client id and secret are kept in ``Credentials.extra`` (sealed with the tokens)
so that ``LinkedInConnector(credentials).refresh()`` works without the app at hand.

:func:`refresh` uses the ``refresh_token`` grant. Errors are :class:`PublishError`
(``permanent`` when the member must connect again); tokens never appear in messages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from nabz.publishing.connectors import oauth2
from nabz.publishing.connectors.base import (
    AppCredentials,
    Credentials,
    PublishError,
)

AUTH_BASE = "https://www.linkedin.com"
API_BASE = "https://api.linkedin.com"
AUTHORIZE_PATH = "/oauth/v2/authorization"
TOKEN_PATH = "/oauth/v2/accessToken"
LINKEDIN_VERSION = "202607"  # LinkedIn-Version (YYYYMM); each version lives at least a year
# Post and read as the page; rw_organization_admin also unlocks per-post statistics.
DEFAULT_SCOPES = ("w_organization_social", "r_organization_social", "rw_organization_admin")


@dataclass(frozen=True, slots=True)
class Organization:
    urn: str  # urn:li:organization:{id}
    name: str
    vanity_name: str = ""

    @property
    def id(self) -> str:
        return self.urn.rsplit(":", 1)[-1]


def organization_urn(value: str) -> str:
    """``urn:li:organization:{id}`` from an id or a URN."""
    value = value.strip()
    return value if value.startswith("urn:li:") else f"urn:li:organization:{value}"


def rest_headers(access_token: str, version: str = LINKEDIN_VERSION) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {access_token}",
        "LinkedIn-Version": version,
        "X-Restli-Protocol-Version": "2.0.0",
    }


def authorization_url(
    app: AppCredentials, *, redirect_uri: str, state: str, code_challenge: str | None = None
) -> str:
    """Where to send the member to grant access. LinkedIn does not use PKCE for web apps,
    so ``code_challenge`` is ignored."""
    params = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "scope": " ".join(app.scopes or DEFAULT_SCOPES),
    }
    base = (app.auth_base or AUTH_BASE).rstrip("/")
    return f"{base}{AUTHORIZE_PATH}?{urlencode(params, quote_via=quote)}"


def token_url(app: AppCredentials | None = None, credentials: Credentials | None = None) -> str:
    if app is not None and app.api_base:
        return f"{app.api_base.rstrip('/')}{TOKEN_PATH}"
    if credentials is not None and credentials.extra.get("token_url"):
        return str(credentials.extra["token_url"])
    return f"{AUTH_BASE}{TOKEN_PATH}"


def _rest_base(app: AppCredentials) -> str:
    """The REST root for the connector: the token host when tests or a proxy set one."""
    base = (app.api_base or "").rstrip("/")
    return "" if base in ("", AUTH_BASE) else base


def exchange_code(
    app: AppCredentials,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """The member's credentials for ``code``; ``account_id`` stays empty until a page is
    chosen with :func:`for_organization`."""
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    url = token_url(app)
    body = _token_call(client, url, data)
    # The app's id and secret travel (sealed) with the account, so that the worker can
    # refresh with the credentials alone.
    extra = {"client_id": app.client_id, "client_secret": app.client_secret, "token_url": url}
    return _credentials_from(body, Credentials(api_base=_rest_base(app), extra=extra))


def refresh(
    credentials: Credentials,
    *,
    app: AppCredentials | None = None,
    client: httpx.Client | None = None,
) -> Credentials:
    """New credentials from the refresh token (``refresh_token`` grant)."""
    return oauth2.refresh(
        credentials,
        token_url(app, credentials),
        app=app,
        client=client,
        network="linkedin",
        label="LinkedIn",
        basic_auth=False,
        no_refresh=PublishError(
            "linkedin: no refresh token; connect the page again",
            permanent=True,
            reason="This LinkedIn connection cannot be renewed automatically.",
        ),
    )


def list_organizations(
    credentials: Credentials, *, client: httpx.Client | None = None
) -> list[Organization]:
    """The organisation pages the member administers, with their names."""
    base = (credentials.api_base or API_BASE).rstrip("/")
    headers = rest_headers(credentials.access_token)
    urns: list[str] = []
    start = 0
    while True:
        query = f"q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start={start}&count=100"
        body = _json_call(client, "GET", f"{base}/rest/organizationAcls?{query}", headers)
        elements = body.get("elements") or []
        for element in elements:
            urn = element.get("organization") or element.get("organizationalTarget")
            if isinstance(urn, str) and urn not in urns:
                urns.append(urn)
        total = (body.get("paging") or {}).get("total")
        start += len(elements)
        if not elements or not isinstance(total, int) or start >= total or start >= 1000:
            break
    organizations = []
    for urn in urns:
        org_id = urn.rsplit(":", 1)[-1]
        details = _json_call(client, "GET", f"{base}/rest/organizations/{org_id}", headers)
        organizations.append(
            Organization(
                urn=urn,
                name=str(details.get("localizedName") or org_id),
                vanity_name=str(details.get("vanityName") or ""),
            )
        )
    return organizations


def for_organization(credentials: Credentials, organization: Organization) -> Credentials:
    """The member's token, acting as ``organization`` (``handle`` is the page's name)."""
    return replace(
        credentials,
        account_id=organization.urn,
        handle=organization.name,
        extra={**credentials.extra, "vanity_name": organization.vanity_name},
    )


def list_targets(
    app: AppCredentials, credentials: Credentials, *, client: httpx.Client | None = None
) -> list[Credentials]:
    """One set of credentials per page the member administers, for the user to pick from."""
    return [
        for_organization(credentials, organization)
        for organization in list_organizations(credentials, client=client)
    ]


# --- HTTP ------------------------------------------------------------------------------
def _credentials_from(body: dict[str, Any], previous: Credentials) -> Credentials:
    return oauth2.credentials_from(body, previous, network="linkedin")


def _send(client: httpx.Client | None, method: str, url: str, **kwargs: Any) -> httpx.Response:
    return oauth2.send(client, method, url, network="linkedin", label="LinkedIn", **kwargs)


def _token_call(client: httpx.Client | None, url: str, data: dict[str, str]) -> dict[str, Any]:
    return oauth2.token_call(client, url, data, network="linkedin", label="LinkedIn")


def _json_call(
    client: httpx.Client | None, method: str, url: str, headers: dict[str, str]
) -> dict[str, Any]:
    response = _send(client, method, url, headers=headers)
    body = _json(response)
    if response.status_code >= 400:
        reason = str(body.get("message") or response.reason_phrase)
        raise PublishError(
            f"linkedin: {response.status_code} {reason}",
            permanent=response.status_code < 500 and response.status_code != 429,
            status=response.status_code,
            reason=reason,
        )
    return body


_json = oauth2.json_body
