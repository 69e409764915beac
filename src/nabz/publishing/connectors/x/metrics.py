"""X's numbers: a post's ``public_metrics`` and the account's followers.

``GET /2/tweets/:id?tweet.fields=public_metrics`` gives ``impression_count``,
``like_count``, ``reply_count``, ``retweet_count``, ``quote_count`` and
``bookmark_count`` (bookmarks are X's saves); ``GET /2/users/me?user.fields=
public_metrics`` gives ``followers_count``. Reach and link clicks need X's paid
non-public metrics, which Nabz does not read.
"""

from __future__ import annotations

from typing import Any

from nabz.publishing.connectors.base import Connector, Metrics
from nabz.publishing.connectors.reading import Reading, from_metrics

NAMES: dict[str, str] = {
    "impressions": "impression_count",
    "likes": "like_count",
    "comments": "reply_count",
    "shares": "retweet_count + quote_count",
    "saves": "bookmark_count",
    "engagements": "like_count + reply_count + retweet_count + quote_count + bookmark_count",
    "followers": "followers_count",
}


def _saves(metrics: Metrics) -> dict[str, int | None]:
    value = metrics.raw.get("bookmark_count")
    return {"saves": int(value) if isinstance(value, int) else None}


def read_post(connector: Connector, remote_id: str) -> Reading:
    return from_metrics(connector.metrics(remote_id), NAMES, _saves)


def read_account(connector: Connector) -> Reading:
    body: dict[str, Any] = connector.request(
        "GET",
        "/2/users/me",
        params={"user.fields": "public_metrics"},
        headers=connector.headers(),  # type: ignore[attr-defined]
    ).json()
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    numbers = (data or {}).get("public_metrics") or {}
    count = numbers.get("followers_count")
    return Reading(
        values={"followers": int(count) if isinstance(count, int) else None},
        raw={"followers_count": count},
    )
