"""Mastodon's numbers: a status's counts and the account's followers.

``GET /api/v1/statuses/:id`` gives ``favourites_count``, ``replies_count`` and
``reblogs_count`` (no impressions, reach, clicks or saves: Mastodon does not count
them); ``GET /api/v1/accounts/verify_credentials`` gives ``followers_count``.
"""

from __future__ import annotations

from typing import Any

from nabz.publishing.connectors.base import Connector
from nabz.publishing.connectors.reading import Reading, from_metrics

NAMES: dict[str, str] = {
    "likes": "favourites_count",
    "comments": "replies_count",
    "shares": "reblogs_count",
    "engagements": "favourites_count + replies_count + reblogs_count",
    "followers": "followers_count",
}


def read_post(connector: Connector, remote_id: str) -> Reading:
    return from_metrics(connector.metrics(remote_id), NAMES)


def read_account(connector: Connector) -> Reading:
    headers: dict[str, str] = connector._headers()  # type: ignore[attr-defined]
    body: dict[str, Any] = connector.request(
        "GET", "/api/v1/accounts/verify_credentials", headers=headers
    ).json()
    count = body.get("followers_count")
    return Reading(
        values={"followers": int(count) if isinstance(count, int) else None},
        raw={"followers_count": count},
    )
