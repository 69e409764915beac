"""Bluesky search for listening: ``app.bsky.feed.searchPosts`` (``q``, ``sort=latest``,
``since``, ``limit`` up to 100, and a ``cursor`` to the next, older page).

The stored cursor is ``since|page|newest``: the sweep reads from the newest posts down
to ``since`` (the newest ``indexedAt`` the last sweep saw), page by page; when it gets
there, ``newest`` becomes the next sweep's ``since``. ``since`` is inclusive, so the last
post seen comes again and the store keeps it once. An empty cursor reads one page of what
the network shows now.
"""

from __future__ import annotations

from typing import Any

from nabz.publishing.connectors.base import Connector, IncomingAuthor, PublishError
from nabz.publishing.connectors.bluesky.connector import BlueskyConnector, _time
from nabz.publishing.connectors.search import FoundPost, SearchTerm

PAGE = 100


def search(connector: Connector, term: SearchTerm, cursor: str) -> tuple[list[FoundPost], str]:
    assert isinstance(connector, BlueskyConnector)
    since, page, newest = ([*cursor.split("|"), "", "", ""])[:3] if cursor else ("", "", "")
    params: dict[str, str | int] = {"q": term.as_query(), "sort": "latest", "limit": PAGE}
    if since:
        params["since"] = since
    if page:
        params["cursor"] = page
    body: Any = connector.request(
        "GET", "/xrpc/app.bsky.feed.searchPosts", headers=connector._auth(), params=params
    ).json()
    posts = body.get("posts") if isinstance(body, dict) else None
    if not isinstance(posts, list):
        raise PublishError("bluesky: the search answer had no list of posts", retry_after=60.0)
    found = [_found(p) for p in posts if isinstance(p, dict) and p.get("uri")]
    for post in posts:
        if isinstance(post, dict):
            newest = max(newest, str(post.get("indexedAt") or ""))
    following = str(body.get("cursor") or "")
    if since and following and posts:  # more of this sweep to read, older but after since
        return found, f"{since}|{following}|{newest}"
    return found, (newest or since)


def _found(post: dict[str, Any]) -> FoundPost:
    record = post.get("record") or {}
    author = post.get("author") or {}
    uri = str(post["uri"])
    handle = str(author.get("handle") or "")
    langs = record.get("langs") or []
    tags = [
        str(feature.get("tag"))
        for facet in record.get("facets") or []
        if isinstance(facet, dict)
        for feature in facet.get("features") or []
        if isinstance(feature, dict) and feature.get("tag")
    ]
    created = _time(record.get("createdAt")) or _time(post.get("indexedAt"))
    return FoundPost(
        id=uri,
        text=str(record.get("text") or ""),
        author=IncomingAuthor(
            id=str(author.get("did") or ""),
            handle=handle,
            display_name=str(author.get("displayName") or ""),
        ),
        created_at=created or _time("1970-01-01T00:00:00Z"),  # type: ignore[arg-type]
        url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}" if handle else "",
        language=str(langs[0]) if langs else "",
        hashtags=tuple(tags),
    )
