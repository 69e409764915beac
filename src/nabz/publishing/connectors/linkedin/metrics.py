"""LinkedIn's numbers: organisation share statistics and the page's followers.

``GET /rest/organizationalEntityShareStatistics`` gives per share ``impressionCount``,
``uniqueImpressionsCount``, ``likeCount``, ``commentCount``, ``shareCount`` and
``clickCount``; ``GET /rest/networkSizes/{organisation}?edgeType=
COMPANY_FOLLOWED_BY_MEMBER`` gives the follower count as ``firstDegreeSize``.
LinkedIn has no saves for organisation posts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from nabz.publishing.connectors.base import Connector
from nabz.publishing.connectors.reading import Reading, from_metrics

NAMES: dict[str, str] = {
    "impressions": "impressionCount",
    "reach": "uniqueImpressionsCount",
    "likes": "likeCount",
    "comments": "commentCount",
    "shares": "shareCount",
    "clicks": "clickCount",
    "engagements": "likeCount + commentCount + shareCount",
    "followers": "firstDegreeSize",
}


def read_post(connector: Connector, remote_id: str) -> Reading:
    return from_metrics(connector.metrics(remote_id), NAMES)


def read_account(connector: Connector) -> Reading:
    author: str = connector.author  # type: ignore[attr-defined]
    body: dict[str, Any] = connector.request(
        "GET",
        f"/rest/networkSizes/{quote(author, safe='')}?edgeType=COMPANY_FOLLOWED_BY_MEMBER",
        headers=connector.headers(),  # type: ignore[attr-defined]
    ).json()
    count = body.get("firstDegreeSize")
    return Reading(
        values={"followers": int(count) if isinstance(count, int) else None},
        raw={"firstDegreeSize": count},
    )
