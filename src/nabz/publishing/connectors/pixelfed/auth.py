"""Connecting a Pixelfed account: the same steps as Mastodon (register Nabz on the server,
OAuth 2.0 with its ``/oauth/authorize`` and ``/oauth/token``, then
``verify_credentials``), which Pixelfed serves in the same shapes."""

from __future__ import annotations

import httpx

from nabz.publishing.connectors.base import Credentials
from nabz.publishing.connectors.mastodon.auth import (
    authorization_url,
    exchange_code,
    instance_base,
    register_app,
)
from nabz.publishing.connectors.mastodon.connector import InstanceLimits
from nabz.publishing.connectors.pixelfed.connector import PixelfedConnector


def instance_limits(instance_url: str, client: httpx.Client | None = None) -> InstanceLimits:
    """The server's caption, album and alt-text limits (public, no token needed)."""
    base = instance_base(instance_url)
    return PixelfedConnector(Credentials(api_base=base), client=client).instance_limits()


__all__ = ["authorization_url", "exchange_code", "instance_limits", "register_app"]
