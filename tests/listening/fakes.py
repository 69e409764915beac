"""Search routes on the fake networks (listening), as subclasses of the publishing fakes so
their accounts, tokens, faults and error shapes are the same.

Mastodon: ``GET /api/v2/search`` (``q``, ``type=statuses``, ``min_id``/``max_id``, ``limit``
up to 40, read:search scope; only statuses whose authors allow search) and ``GET
/api/v1/timelines/tag/:hashtag`` (public). Both send newest first; ``min_id`` answers the
page just newer than it. Bluesky: ``app.bsky.feed.searchPosts`` (``q`` required, ``sort``,
``since`` inclusive, ``limit`` 1-100, an opaque ``cursor`` to older posts, ``hitsTotal``).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from tests.publishing.fakes.bluesky import POST, FakeBluesky, Record, cid_for
from tests.publishing.fakes.mastodon import FakeMastodon, Status, _now
from tests.publishing.fakes.server import Request, Response
from tests.publishing.fakes.x import PROBLEM, FakeX, invalid_request


class FakeMastodonSearch(FakeMastodon):
    def public_says(
        self,
        text: str,
        *,
        username: str = "layla",
        language: str = "en",
        tags: tuple[str, ...] = (),
        indexable: bool = True,
    ) -> Status:
        """Someone posts in public (not to us): search and hashtag timelines find it."""
        author = next((a for a in self.accounts.values() if a.username == username), None)
        author = author or self.add_account(username)
        status = Status(
            self._next_id(),
            author.id,
            text,
            language,
            "public",
            [],
            _now(),
            "Web",
            extra={"tags": list(tags), "indexable": indexable},
        )
        self.statuses[status.id] = status
        return status

    def status_json(self, status: Status) -> dict[str, Any]:
        body = super().status_json(status)
        body["tags"] = [
            {"name": t, "url": f"{self.url}/tags/{t}"} for t in status.extra.get("tags", [])
        ]
        return body

    def setup_routes(self) -> None:
        super().setup_routes()
        self.route("GET", "/api/v2/search", "search", self.search)
        self.route(
            "GET", r"/api/v1/timelines/tag/(?P<tag>[^/]+)", "tag_timeline", self.tag_timeline
        )

    def _page(self, request: Request, found: list[Status]) -> list[Status]:
        query = {k: v[-1] for k, v in request.query.items()}
        limit = max(1, min(int(query.get("limit") or 20), 40))
        found.sort(key=lambda s: int(s.id), reverse=True)
        if query.get("max_id"):
            found = [s for s in found if int(s.id) < int(query["max_id"])]
        if query.get("min_id"):
            newer = sorted(
                (s for s in found if int(s.id) > int(query["min_id"])), key=lambda s: int(s.id)
            )
            return list(reversed(newer[:limit]))
        if query.get("since_id"):
            found = [s for s in found if int(s.id) > int(query["since_id"])]
        return found[:limit]

    def search(self, request: Request) -> Response:
        _token, refused = self._auth(request, "read:search")
        if refused:
            return refused
        q = (request.query.get("q") or [""])[-1].strip()
        kind = (request.query.get("type") or [""])[-1]
        if not q:
            return Response(400, {"error": "Validation failed: q is missing"})
        statuses: list[Status] = []
        if kind in ("", "statuses"):
            if q.startswith("#"):
                statuses = [
                    s
                    for s in self.statuses.values()
                    if q[1:].lower() in [t.lower() for t in s.extra.get("tags", [])]
                ]
            else:
                words = q.strip('"').casefold()
                statuses = [
                    s
                    for s in self.statuses.values()
                    if s.visibility == "public"
                    and s.extra.get("indexable", False)
                    and words in s.text.casefold()
                ]
        page = self._page(request, statuses)
        return Response(
            200, {"accounts": [], "statuses": [self.status_json(s) for s in page], "hashtags": []}
        )

    def tag_timeline(self, request: Request) -> Response:
        tag = request.params["tag"].lower()
        statuses = [
            s
            for s in self.statuses.values()
            if s.visibility == "public" and tag in [t.lower() for t in s.extra.get("tags", [])]
        ]
        page = self._page(request, statuses)
        return Response(200, [self.status_json(s) for s in page])


class FakeBlueskySearch(FakeBluesky):
    def __init__(self, **kwargs: Any) -> None:
        self.public: list[tuple[str, str]] = []  # (indexedAt, uri), oldest first
        super().__init__(**kwargs)

    def public_posts(
        self, text: str, *, handle: str = "noor.bsky.social", langs: tuple[str, ...] = ("en",)
    ) -> str:
        author = self._account_for(handle) or self.add_account(handle)
        data = text.encode()
        facets = []
        for word in text.split():
            if word.startswith("#") and len(word) > 1:
                start = data.find(word.encode())
                facets.append(
                    {
                        "index": {"byteStart": start, "byteEnd": start + len(word.encode())},
                        "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": word[1:]}],
                    }
                )
        record: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "langs": list(langs),
            "facets": facets,
            "createdAt": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")[:-6] + "Z",
        }
        rkey = self._next_tid()
        cid = cid_for(json.dumps(record, sort_keys=True).encode(), codec=0x71)
        self.records[(author.did, POST, rkey)] = Record(author.did, rkey, cid, record)
        self._indexed += 1
        indexed = dt.datetime.now(dt.UTC) + dt.timedelta(microseconds=self._indexed * 1000)
        uri = f"at://{author.did}/{POST}/{rkey}"
        self.public.append((indexed.isoformat(timespec="milliseconds").replace("+00:00", "Z"), uri))
        return uri

    def setup_routes(self) -> None:
        super().setup_routes()
        self.route("GET", "/xrpc/app.bsky.feed.searchPosts", "search", self.search_posts)

    def search_posts(self, request: Request) -> Response:
        _session, refused = self._session(request)
        if refused:
            return refused
        query = {k: v[-1] for k, v in request.query.items()}
        q = (query.get("q") or "").strip()
        if not q:
            return self.xrpc(400, "BadQueryString", "q is required")
        try:
            limit = int(query.get("limit") or 25)
        except ValueError:
            return self.xrpc(400, "InvalidRequest", "limit must be an integer")
        if not 1 <= limit <= 100:
            return self.xrpc(400, "InvalidRequest", "limit must be between 1 and 100")
        since = query.get("since") or ""
        hits = []
        for indexed, uri in reversed(self.public):  # latest first
            record = self._by_uri(uri)
            if record is None or (since and indexed < since):
                continue
            text = str(record.value.get("text", ""))
            if q.startswith("#"):
                tags = [f["features"][0]["tag"].lower() for f in record.value.get("facets", [])]
                if q[1:].lower() not in tags:
                    continue
            elif q.strip('"').casefold() not in text.casefold():
                continue
            hits.append((indexed, uri, record))
        offset = 0
        if query.get("cursor"):
            try:
                offset = int(base64.urlsafe_b64decode(query["cursor"].encode()).decode())
            except ValueError:
                return self.xrpc(400, "InvalidRequest", "Malformed cursor")
        page = hits[offset : offset + limit]
        posts = []
        for indexed, uri, record in page:
            account = self.accounts[record.did]
            posts.append(
                {
                    "uri": uri,
                    "cid": record.cid,
                    "author": {
                        "did": account.did,
                        "handle": account.handle,
                        "displayName": account.handle.split(".")[0].title(),
                    },
                    "record": record.value,
                    "indexedAt": indexed,
                    **record.counts,
                }
            )
        body: dict[str, Any] = {"posts": posts, "hitsTotal": len(hits)}
        if offset + limit < len(hits):
            body["cursor"] = base64.urlsafe_b64encode(str(offset + limit).encode()).decode()
        return Response(200, body)


class FakeXSearch(FakeX):
    """X with ``GET /2/tweets/search/recent``; ``search_tier=False`` is a tier without it."""

    search_tier = True

    def public_tweet(self, text: str, *, username: str = "noor", lang: str = "en") -> str:
        user_id = str(abs(hash(username)) % 10**12 + 10**12)
        if user_id not in self.users:
            self.add_user(user_id, username, username.title())
        tweet_id = str(next(self.ids))
        tweet = self.render(tweet_id, user_id, text, [])
        tweet.extra_lang = lang  # type: ignore[attr-defined]
        self.tweets[tweet_id] = tweet
        return tweet_id

    def setup_routes(self) -> None:
        super().setup_routes()
        self.route(
            "GET", "/2/tweets/search/recent", "search", self.limited(self.search_recent, 450)
        )

    def search_recent(self, request: Request) -> Response:
        token = self.guard(request, "tweet.read", "users.read")
        if isinstance(token, Response):
            return token
        if not self.search_tier:
            return Response(
                403,
                {
                    "title": "Client Forbidden",
                    "type": "https://api.twitter.com/2/problems/client-forbidden",
                    "reason": "client-not-enrolled",
                    "detail": "This endpoint is not included in your API access tier.",
                },
                PROBLEM,
            )
        q = (request.query.get("query") or [""])[0]
        words = q.replace("-is:retweet", "").strip()
        if not words:
            return invalid_request("query", "The `query` parameter can not be empty")
        max_results = int((request.query.get("max_results") or ["10"])[0])
        if not 10 <= max_results <= 100:
            return invalid_request("max_results", "max_results must be between 10 and 100")
        since = (request.query.get("since_id") or [""])[0]
        wanted = words.strip('"').casefold()
        hits = sorted(
            (
                t
                for t in self.live_tweets()
                if (not since or int(t.id) > int(since)) and wanted in t.text.casefold()
            ),
            key=lambda t: int(t.id),
            reverse=True,
        )
        offset = 0
        token_in = (request.query.get("next_token") or [""])[0]
        if token_in:
            offset = int(base64.urlsafe_b64decode(token_in.encode()).decode())
        page = hits[offset : offset + max_results]
        if not page:
            return Response(200, {"meta": {"result_count": 0}})
        meta: dict[str, Any] = {
            "result_count": len(page),
            "newest_id": page[0].id,
            "oldest_id": page[-1].id,
        }
        if offset + max_results < len(hits):
            meta["next_token"] = base64.urlsafe_b64encode(
                str(offset + max_results).encode()
            ).decode()
        data = []
        for t in page:
            view = self.view(t, {"created_at", "author_id"})
            view["lang"] = getattr(t, "extra_lang", "en")
            tags = [w[1:] for w in t.text.split() if w.startswith("#")]
            if tags:
                view["entities"] = {"hashtags": [{"tag": tag} for tag in tags]}
            data.append(view)
        users = [self.users[a] for a in {t.author for t in page}]
        return Response(200, {"data": data, "includes": {"users": users}, "meta": meta})
