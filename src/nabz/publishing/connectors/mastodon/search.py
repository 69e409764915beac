"""Mastodon search for listening: ``GET /api/v1/timelines/tag/:hashtag`` for a hashtag and
``GET /api/v2/search?type=statuses`` for words (which finds only the posts whose authors
opted in to search, and those the account's own server knows).

Both are read forward from the stored cursor, the newest status id seen, with
``min_id`` (the page just newer than it, which Mastodon sends newest first) and
``limit=40``. An empty cursor reads what the server shows now.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from nabz.publishing.connectors.base import Connector, IncomingAuthor, PublishError
from nabz.publishing.connectors.mastodon.connector import (
    MastodonConnector,
    _order,
    _time,
    visible_text,
)
from nabz.publishing.connectors.search import FoundPost, SearchTerm

PAGE = 40


def search(connector: Connector, term: SearchTerm, cursor: str) -> tuple[list[FoundPost], str]:
    assert isinstance(connector, MastodonConnector)
    params: dict[str, str | int] = {"limit": PAGE}
    if cursor:
        params["min_id"] = cursor
    if term.kind == "hashtag":
        path = f"/api/v1/timelines/tag/{quote(term.value, safe='')}"
        body: Any = connector.request("GET", path, headers=connector._headers(), params=params)
        body = body.json()
        statuses = body if isinstance(body, list) else None
    else:
        params.update({"q": term.as_query(), "type": "statuses", "resolve": "false"})
        body = connector.request(
            "GET", "/api/v2/search", headers=connector._headers(), params=params
        ).json()
        statuses = body.get("statuses") if isinstance(body, dict) else None
    if not isinstance(statuses, list):
        raise PublishError(
            "mastodon: the search answer was not a list of statuses", retry_after=60.0
        )
    found = [_found(s) for s in statuses if isinstance(s, dict) and s.get("id")]
    newest = max((f.id for f in found), key=_order, default="")
    if cursor and newest and _order(newest) <= _order(cursor):
        newest = cursor
    return found, newest or cursor


def _found(status: dict[str, Any]) -> FoundPost:
    account = status.get("account") or {}
    tags = status.get("tags") or []
    return FoundPost(
        id=str(status["id"]),
        text=visible_text(str(status.get("content") or "")).strip(),
        author=IncomingAuthor(
            id=str(account.get("id", "")),
            handle=str(account.get("acct", "")),
            display_name=str(account.get("display_name") or ""),
        ),
        created_at=_time(status.get("created_at")) or _time("1970-01-01T00:00:00Z"),  # type: ignore[arg-type]
        url=str(status.get("url") or status.get("uri") or ""),
        language=str(status.get("language") or ""),
        hashtags=tuple(str(t.get("name", "")) for t in tags if isinstance(t, dict)),
    )
