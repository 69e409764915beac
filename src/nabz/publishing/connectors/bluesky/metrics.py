"""Bluesky's numbers: a post's counts and the account's followers.

``app.bsky.feed.getPosts`` gives ``likeCount``, ``repostCount``, ``replyCount`` and
``quoteCount`` (quotes count as shares with reposts); ``app.bsky.actor.getProfile``
gives ``followersCount``. Bluesky counts no impressions, reach, clicks or saves.
"""

from __future__ import annotations

from typing import Any

from nabz.publishing.connectors.base import Connector, Metrics
from nabz.publishing.connectors.reading import Reading, from_metrics

NAMES: dict[str, str] = {
    "likes": "likeCount",
    "comments": "replyCount",
    "shares": "repostCount + quoteCount",
    "engagements": "likeCount + replyCount + repostCount + quoteCount",
    "followers": "followersCount",
}


def _shares(metrics: Metrics) -> dict[str, int | None]:
    reposts, quotes = metrics.raw.get("repostCount"), metrics.raw.get("quoteCount")
    if reposts is None and quotes is None:
        return {"shares": None}
    return {"shares": int(reposts or 0) + int(quotes or 0)}


def read_post(connector: Connector, remote_id: str) -> Reading:
    return from_metrics(connector.metrics(remote_id), NAMES, _shares)


def read_account(connector: Connector) -> Reading:
    did: str = connector._did()  # type: ignore[attr-defined]
    body: dict[str, Any] = connector.request(
        "GET",
        "/xrpc/app.bsky.actor.getProfile",
        headers=connector._auth(),  # type: ignore[attr-defined]
        params={"actor": did},
    ).json()
    count = body.get("followersCount")
    return Reading(
        values={"followers": int(count) if isinstance(count, int) else None},
        raw={"followersCount": count},
    )
