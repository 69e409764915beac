"""Instagram's numbers: media insights and the account's followers.

The media node gives ``like_count`` and ``comments_count``; its ``/insights`` give
``views`` (our impressions), ``reach``, ``saved`` and ``shares``. The IG user node's
``followers_count`` is the follower count. Instagram counts no link clicks on a post.
"""

from __future__ import annotations

from typing import Any

from nabz.publishing.connectors.base import Connector, Metrics
from nabz.publishing.connectors.facebook.graph import insight_value
from nabz.publishing.connectors.reading import Reading, from_metrics

NAMES: dict[str, str] = {
    "impressions": "views",
    "reach": "reach",
    "likes": "like_count",
    "comments": "comments_count",
    "shares": "shares",
    "saves": "saved",
    "engagements": "like_count + comments_count + shares + saved",
    "followers": "followers_count",
}


def _saves(metrics: Metrics) -> dict[str, int | None]:
    insights = metrics.raw.get("insights") or {}
    for item in insights.get("data") or []:
        if isinstance(item, dict) and item.get("name") == "saved":
            return {"saves": insight_value(item)}
    return {"saves": None}


def read_post(connector: Connector, remote_id: str) -> Reading:
    return from_metrics(connector.metrics(remote_id), NAMES, _saves)


def read_account(connector: Connector) -> Reading:
    node: str = connector.ig_user_id  # type: ignore[attr-defined]
    body: dict[str, Any] = connector.call(  # type: ignore[attr-defined]
        "GET",
        connector.path(node),
        params={"fields": "followers_count"},  # type: ignore[attr-defined]
    )
    count = body.get("followers_count")
    return Reading(
        values={"followers": int(count) if isinstance(count, int) else None},
        raw={"followers_count": count},
    )
