"""Facebook's numbers: Page post insights and the Page's followers.

The post's node gives ``reactions``, ``comments`` and ``shares`` (summaries); its
``/insights`` give ``post_media_view`` (views, our impressions),
``post_total_media_view_unique`` (reach) and ``post_clicks``. The Page node's
``followers_count`` field is the follower count. Facebook gives no saves for Page posts.
"""

from __future__ import annotations

from typing import Any

from nabz.publishing.connectors.base import Connector
from nabz.publishing.connectors.reading import Reading, from_metrics

NAMES: dict[str, str] = {
    "impressions": "post_media_view",
    "reach": "post_total_media_view_unique",
    "clicks": "post_clicks",
    "likes": "reactions",
    "comments": "comments",
    "shares": "shares",
    "engagements": "reactions + comments + shares",
    "followers": "followers_count",
}


def read_post(connector: Connector, remote_id: str) -> Reading:
    return from_metrics(connector.metrics(remote_id), NAMES)


def read_account(connector: Connector) -> Reading:
    node: str = connector.page_id  # type: ignore[attr-defined]
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
