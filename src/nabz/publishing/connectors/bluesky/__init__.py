"""Bluesky (AT Protocol): posts with facets and described images (see connector.py)."""

from nabz.publishing.connectors.bluesky.connector import BlueskyConnector

__all__ = ["BlueskyConnector"]
