"""LinkedIn organisation pages: the connector and the account connection flow."""

from nabz.publishing.connectors.linkedin.auth import (
    Organization,
    authorization_url,
    exchange_code,
    for_organization,
    list_organizations,
    list_targets,
    refresh,
)
from nabz.publishing.connectors.linkedin.connector import LinkedInConnector

__all__ = [
    "LinkedInConnector",
    "Organization",
    "authorization_url",
    "exchange_code",
    "for_organization",
    "list_organizations",
    "list_targets",
    "refresh",
]
