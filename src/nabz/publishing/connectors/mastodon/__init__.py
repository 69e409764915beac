"""Mastodon: statuses with described media on the account's instance (see connector.py)."""

from nabz.publishing.connectors.mastodon.connector import InstanceLimits, MastodonConnector

__all__ = ["InstanceLimits", "MastodonConnector"]
