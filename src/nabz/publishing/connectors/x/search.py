"""X search for listening: ``GET /2/tweets/search/recent`` (the last 7 days; ``query``,
``since_id``, ``max_results`` 10-100, ``next_token`` to the next, older page; with
``expansions=author_id`` for the authors' usernames). Only API tiers that include search
may call it: on the others X answers 403, which listening shows as "not allowed".

The stored cursor is ``since_id|next_token|newest`` while a sweep pages down to the last
tweet seen, and the newest id seen once it gets there. Retweets are left out
(``-is:retweet``): their text is someone else's post, found on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nabz.publishing.connectors.base import Connector, IncomingAuthor, PublishError
from nabz.publishing.connectors.search import FoundPost, SearchTerm
from nabz.publishing.connectors.x.connector import XConnector, post_url

PAGE = 100


def _newer(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    return a if (len(a), a) >= (len(b), b) else b


def search(connector: Connector, term: SearchTerm, cursor: str) -> tuple[list[FoundPost], str]:
    assert isinstance(connector, XConnector)
    since, page, newest = ([*cursor.split("|"), "", "", ""])[:3] if cursor else ("", "", "")
    params: dict[str, str | int] = {
        "query": f"{term.as_query()} -is:retweet",
        "max_results": PAGE,
        "tweet.fields": "created_at,lang,author_id,entities",
        "expansions": "author_id",
        "user.fields": "username,name",
    }
    if since:
        params["since_id"] = since
    if page:
        params["next_token"] = page
    body: Any = connector.request(
        "GET", "/2/tweets/search/recent", headers=connector.headers(), params=params
    ).json()
    if not isinstance(body, dict) or not isinstance(body.get("meta"), dict):
        raise PublishError("x: the search answer had no meta", retry_after=60.0)
    tweets = body.get("data") or []
    users = {
        str(u.get("id")): u
        for u in ((body.get("includes") or {}).get("users") or [])
        if isinstance(u, dict)
    }
    found = [_found(t, users) for t in tweets if isinstance(t, dict) and t.get("id")]
    for tweet in found:
        newest = _newer(newest, tweet.id)
    following = str(body["meta"].get("next_token") or "")
    if since and following and found:
        return found, f"{since}|{following}|{newest}"
    return found, newest or since


def _found(tweet: dict[str, Any], users: dict[str, dict[str, Any]]) -> FoundPost:
    user = users.get(str(tweet.get("author_id")), {})
    username = str(user.get("username") or "")
    tags = [
        str(h.get("tag"))
        for h in ((tweet.get("entities") or {}).get("hashtags") or [])
        if isinstance(h, dict) and h.get("tag")
    ]
    created = str(tweet.get("created_at") or "")
    try:
        when = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        when = dt.datetime.now(dt.UTC)
    return FoundPost(
        id=str(tweet["id"]),
        text=str(tweet.get("text") or ""),
        author=IncomingAuthor(
            id=str(tweet.get("author_id") or ""),
            handle=username,
            display_name=str(user.get("name") or ""),
        ),
        created_at=when,
        url=post_url(username, str(tweet["id"])) if username else "",
        language=str(tweet.get("lang") or ""),
        hashtags=tuple(tags),
    )
