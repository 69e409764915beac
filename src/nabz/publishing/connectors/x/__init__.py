"""X (API v2): the connector and the OAuth 2.0 + PKCE connection flow."""

from nabz.publishing.connectors.x.auth import authorization_url, exchange_code, refresh
from nabz.publishing.connectors.x.connector import XConnector

__all__ = ["XConnector", "authorization_url", "exchange_code", "refresh"]
