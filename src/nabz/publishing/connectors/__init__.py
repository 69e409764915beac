"""Connectors by network: a kind maps to a label and a dotted path, imported on first use."""

from __future__ import annotations

from importlib import import_module

from nabz.publishing.connectors.base import Connector, Credentials

CONNECTORS: dict[str, tuple[str, str]] = {
    "facebook": (
        "Facebook Page",
        "nabz.publishing.connectors.facebook.connector.FacebookConnector",
    ),
    "instagram": ("Instagram", "nabz.publishing.connectors.instagram.connector.InstagramConnector"),
    "linkedin": ("LinkedIn", "nabz.publishing.connectors.linkedin.connector.LinkedInConnector"),
    "x": ("X", "nabz.publishing.connectors.x.connector.XConnector"),
    "mastodon": ("Mastodon", "nabz.publishing.connectors.mastodon.connector.MastodonConnector"),
    "bluesky": ("Bluesky", "nabz.publishing.connectors.bluesky.connector.BlueskyConnector"),
    "sandbox": ("Sandbox", "nabz.publishing.connectors.sandbox.connector.SandboxConnector"),
}


def connector_class(network: str) -> type[Connector]:
    try:
        dotted = CONNECTORS[network][1]
    except KeyError:
        raise ValueError(f"no connector for network {network!r}") from None
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]


def connector_for(network: str, credentials: Credentials, **kwargs: object) -> Connector:
    return connector_class(network)(credentials, **kwargs)  # type: ignore[arg-type]
