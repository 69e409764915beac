"""Bluesky (AT Protocol): ``app.bsky.feed.post`` records in the account's repository.

XRPC calls on the account's PDS (``Credentials.api_base``; bsky.social by default):
``com.atproto.repo.uploadBlob`` (raw bytes, ``Content-Type`` = the image type) →
a blob ref; ``com.atproto.repo.createRecord`` (``repo`` = the DID, ``collection``
= ``app.bsky.feed.post``, ``rkey``, ``record``); ``com.atproto.repo.getRecord``;
``com.atproto.repo.deleteRecord``; ``app.bsky.feed.getPosts`` for the counts;
``com.atproto.identity.resolveHandle`` for mentions. Errors are
``{"error": "InvalidRequest", "message": "..."}``; rate limits come as
``ratelimit-limit`` / ``-remaining`` / ``-reset`` (epoch seconds) with 429.

The record: ``text``, ``createdAt``, ``langs`` (up to 3), ``facets`` (links,
mentions, hashtags over UTF-8 byte ranges: see richtext.py) and an
``app.bsky.embed.images`` embed with ``alt`` on every image (up to 4, 1,000,000
bytes each). Texts over 300 graphemes or 3,000 bytes, more than 4 images or an
image over 1 MB are refused here as permanent: the network would refuse them.

Never twice: the record key is derived from ``post.idempotency_key``
(``richtext.record_key``: TID syntax, always the same for the same post). A retry
after an ambiguous outcome asks for the same key, which a repository can hold only
once; when ``createRecord`` fails, the connector reads ``getRecord`` at that key and,
if the record there has this post's text, that is the post (today's PDS answers a
taken key with a 500 rather than a named error, so any failure is checked).
``find`` is the same ``getRecord`` look-up, without a token (the call is public), so
it works even when the access token has expired.

The inbox: ``app.bsky.notification.listNotifications`` lists newest first with a cursor
to older pages and no "since", so ``fetch_incoming`` walks back from the newest until it
reaches the stored cursor (the ``indexedAt`` of the newest notification already read;
equal times are read again and deduplicated by the inbox), at most ``MAX_PAGES`` pages a
call; a longer walk keeps its place in the cursor (``stop|page cursor|newest``) and goes
on from there at the next call, so a burst of thousands is read whole.
Reasons ``reply`` (a comment), ``mention`` and ``quote`` are kept. A post its author
deleted drops out of ``app.bsky.feed.getPosts`` (``gone``). A reply is a post record
with ``reply.root`` and ``reply.parent`` (uri and cid), under a record key derived from
the reply's idempotency key: never twice, and ``find_reply`` is a ``getRecord``.

Tokens: the access JWT lives about two hours; an ``ExpiredToken`` error (400) →
``TokenExpired``; ``refresh()`` calls ``com.atproto.server.refreshSession`` with the
refresh JWT (the refresh JWT rotates). A refresh that is refused (app password
revoked, session too old) and ``InvalidToken`` / ``AuthenticationRequired`` errors are
permanent with status 401: the account must be connected again.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from nabz.publishing.connectors.base import (
    THREAD_ID_SEP,
    Connector,
    Credentials,
    IncomingAuthor,
    IncomingMessage,
    Metrics,
    OutgoingMedia,
    OutgoingPost,
    OutgoingReply,
    PublishError,
    RemotePost,
    TokenExpired,
    retry_after_seconds,
    thread_ids,
)
from nabz.publishing.connectors.bluesky.richtext import (
    facets,
    record_key,
    too_long,
    valid_record_key,
)
from nabz.trust.platforms import NETWORK_SPECS

POST = "app.bsky.feed.post"
MAX_IMAGES = NETWORK_SPECS["bluesky"].max_images or 4
MAX_IMAGE_BYTES = 1_000_000
MAX_LANGS = 3
NOTIFICATION_PAGE = 100  # listNotifications: at most 100 a page
MAX_PAGES = 10  # a poll reads back at most this many pages
GET_POSTS_BATCH = 25  # getPosts takes at most 25 uris
EPOCH = "1970-01-01T00:00:00.000Z"
KIND_OF_REASON = {"reply": "comment", "mention": "mention", "quote": "mention"}
AUTH_ERRORS = frozenset(
    {
        "InvalidToken",
        "AuthenticationRequired",
        "AccountTakedown",
        "AccountDeactivated",
        "AccountSuspended",
        "AuthMissing",
    }
)
SESSION_ENDED = (
    "The Bluesky session ended (the app password was revoked or the session "
    "expired). Connect the account again."
)


class BlueskyConnector(Connector):
    network = "bluesky"
    default_api_base = "https://bsky.social"

    # --- the contract ------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        text = compose(post)
        _check_locally(post, text)
        for reply in post.replies:
            _check_locally(OutgoingPost(text=reply, idempotency_key=""), reply)
        did = self._did()
        handles: dict[str, str | None] = {}
        embed = None
        if post.media:
            embed = {
                "$type": "app.bsky.embed.images",
                "images": [self._image(item) for item in post.media],
            }
        first = self._create(
            did, record_key(post.idempotency_key), text, post.language, handles, embed=embed
        )
        if not post.replies:
            return first
        # A thread: each later part replies to the one before, all under the first (the
        # root). Every part has its own key derived from the post's, so a retry finds
        # the parts already there instead of posting them twice.
        root = {"uri": first.id, "cid": first.extra["cid"]}
        parent, uris = root, [first.id]
        for i, reply in enumerate(post.replies, 2):
            part = self._create(
                did,
                record_key(f"{post.idempotency_key}:{i}"),
                reply,
                post.language,
                handles,
                reply={"root": root, "parent": parent},
            )
            parent = {"uri": part.id, "cid": part.extra["cid"]}
            uris.append(part.id)
        return RemotePost(
            id=THREAD_ID_SEP.join(uris), url=first.url, extra={**first.extra, "thread": uris}
        )

    def _create(
        self,
        did: str,
        rkey: str,
        text: str,
        language: str,
        handles: dict[str, str | None],
        *,
        embed: dict[str, Any] | None = None,
        reply: dict[str, Any] | None = None,
    ) -> RemotePost:
        record: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "createdAt": _now(),
            "langs": languages(language),
        }
        found = facets(text, lambda handle: self._resolve(handle, handles))
        if found:
            record["facets"] = found
        if embed is not None:
            record["embed"] = embed
        if reply is not None:
            record["reply"] = reply
        try:
            response = self.request(
                "POST",
                "/xrpc/com.atproto.repo.createRecord",
                headers=self._auth(),
                json={"repo": did, "collection": POST, "rkey": rkey, "record": record},
            )
        except PublishError as exc:
            if exc.ambiguous or isinstance(exc, TokenExpired) or exc.status in (401, 429):
                raise
            existing = self._existing(did, rkey, text)  # is the key taken by this very post?
            if existing is not None:
                return existing
            raise
        body = response.json()
        return self._remote(str(body.get("uri") or _at_uri(did, rkey)), rkey, body.get("cid"))

    def delete(self, remote_id: str) -> None:
        ids = thread_ids(remote_id) or [remote_id]
        for part in reversed(ids):  # a thread: its replies first
            did, rkey = self._locate(part)
            self.request(
                "POST",
                "/xrpc/com.atproto.repo.deleteRecord",
                headers=self._auth(),
                json={"repo": did, "collection": POST, "rkey": rkey},
            )
        # deleteRecord succeeds for a record that is already gone: deleted is deleted.

    def metrics(self, remote_id: str) -> Metrics:
        did, rkey = self._locate((thread_ids(remote_id) or [remote_id])[0])
        body = self.request(
            "GET",
            "/xrpc/app.bsky.feed.getPosts",
            headers=self._auth(),
            params={"uris": _at_uri(did, rkey)},
        ).json()
        posts = body.get("posts") or []
        if not posts:
            raise PublishError(
                "bluesky: no such post",
                permanent=True,
                status=404,
                reason="The post is not on Bluesky any more.",
            )
        view = posts[0]
        return Metrics(
            likes=_int(view.get("likeCount")),
            shares=_int(view.get("repostCount")),
            comments=_int(view.get("replyCount")),
            raw={
                key: view.get(key)
                for key in ("likeCount", "repostCount", "replyCount", "quoteCount")
            },
        )

    def find(self, post: OutgoingPost) -> RemotePost | None:
        did = self._did()
        rkey = record_key(post.idempotency_key)
        record = self._get_record(did, rkey)
        if record is None or record.get("value", {}).get("text") != compose(post):
            return None
        return self._remote(str(record.get("uri") or _at_uri(did, rkey)), rkey, record.get("cid"))

    def refresh(self) -> Credentials | None:
        if not self.credentials.refresh_token:
            return None
        try:
            body = self.request(
                "POST",
                "/xrpc/com.atproto.server.refreshSession",
                headers={"Authorization": f"Bearer {self.credentials.refresh_token}"},
            ).json()
        except PublishError as exc:
            if exc.permanent or isinstance(exc, TokenExpired):
                raise PublishError(
                    "bluesky: the session could not be refreshed",
                    permanent=True,
                    status=401,
                    reason=SESSION_ENDED,
                ) from None
            raise
        return session_credentials(body, api_base=self.api_base, extra=self.credentials.extra)

    # --- the inbox ---------------------------------------------------------------------------
    def fetch_incoming(self, cursor: str) -> tuple[list[IncomingMessage], str]:
        stop, page_cursor, newest = _walk_state(cursor)
        found: dict[str, IncomingMessage] = {}
        reached = False
        for _page in range(MAX_PAGES):
            params: dict[str, str | int] = {"limit": NOTIFICATION_PAGE}
            if page_cursor:
                params["cursor"] = page_cursor
            body = self.request(
                "GET",
                "/xrpc/app.bsky.notification.listNotifications",
                headers=self._auth(),
                params=params,
            ).json()
            notes = (body.get("notifications") or []) if isinstance(body, dict) else []
            for note in notes:
                indexed = str(note.get("indexedAt") or "")
                if stop and indexed < stop:
                    reached = True
                    break
                newest = max(newest, indexed)
                if note.get("reason") in KIND_OF_REASON and note.get("uri"):
                    found.setdefault(str(note["uri"]), parse_notification(note))
            page_cursor = str(body.get("cursor") or "") if isinstance(body, dict) else ""
            if reached or not page_cursor or not notes:
                reached = True
                break
            if not stop:  # a first read takes what is shown now: one page
                reached = True
                break
        messages = list(reversed(found.values()))  # pages come newest first
        if not reached:
            # More pages before the stored point: come back for them from this page on,
            # then move on to the newest seen (newer ones wait for the walk after that).
            return messages, f"{stop}|{page_cursor}|{newest}"
        # Nothing yet on a first read: from now on everything is new (read back to the start).
        return messages, newest or EPOCH

    def gone(self, remote_ids: list[str]) -> set[str]:
        missing: set[str] = set()
        for start in range(0, len(remote_ids), GET_POSTS_BATCH):
            batch = remote_ids[start : start + GET_POSTS_BATCH]
            body = self.request(
                "GET",
                "/xrpc/app.bsky.feed.getPosts",
                headers=self._auth(),
                params={"uris": batch},
            ).json()
            seen = {str(p.get("uri")) for p in (body.get("posts") or [])}
            missing |= {uri for uri in batch if uri not in seen}
        return missing

    def reply_public(self, reply: OutgoingReply) -> RemotePost:
        if not reply.text.strip():
            raise PublishError("bluesky: empty reply", permanent=True, reason="The reply is empty.")
        why = too_long(reply.text)
        if why:
            raise PublishError(f"bluesky: {why}", permanent=True, reason=why)
        parent_cid = str(reply.extra.get("cid") or "")
        if not reply.in_reply_to.startswith("at://") or not parent_cid:
            raise PublishError(
                "bluesky: the message has no record reference",
                permanent=True,
                reason="Nabz cannot answer this Bluesky post (its reference is missing).",
            )
        did = self._did()
        rkey = record_key(reply.idempotency_key)
        parent = {"uri": reply.in_reply_to, "cid": parent_cid}
        root = reply.extra.get("root") or parent
        record: dict[str, Any] = {
            "$type": POST,
            "text": reply.text,
            "createdAt": _now(),
            "langs": languages(reply.language),
            "reply": {"root": dict(root), "parent": parent},
        }
        try:
            response = self.request(
                "POST",
                "/xrpc/com.atproto.repo.createRecord",
                headers=self._auth(),
                json={"repo": did, "collection": POST, "rkey": rkey, "record": record},
            )
        except PublishError as exc:
            if exc.ambiguous or isinstance(exc, TokenExpired) or exc.status in (401, 429):
                raise
            existing = self._existing(did, rkey, reply.text)
            if existing is not None:
                return existing
            raise
        body = response.json()
        return self._remote(str(body.get("uri") or _at_uri(did, rkey)), rkey, body.get("cid"))

    def find_reply(self, reply: OutgoingReply) -> RemotePost | None:
        did = self._did()
        rkey = record_key(reply.idempotency_key)
        record = self._get_record(did, rkey)
        if record is None or record.get("value", {}).get("text") != reply.text:
            return None
        return self._remote(str(record.get("uri") or _at_uri(did, rkey)), rkey, record.get("cid"))

    def delete_reply(self, remote_id: str) -> None:
        self.delete(remote_id)

    # --- errors ------------------------------------------------------------------------------
    def error_for(self, response: httpx.Response) -> PublishError:
        status = response.status_code
        name, message = xrpc_error(response)
        reason = message or name or response.reason_phrase or "error"
        text = f"bluesky: {status} {name}: {message}".strip(": ")
        if name == "ExpiredToken":
            return TokenExpired(text, status=status, reason=reason)
        if status == 401 or name in AUTH_ERRORS:
            return PublishError(text, permanent=True, status=401, reason=reason)
        if status == 429 or name == "RateLimitExceeded":
            wait = retry_after_seconds(response.headers)
            return PublishError(
                text, retry_after=60.0 if wait is None else wait, status=status, reason=reason
            )
        if status >= 500 or status == 408:
            return PublishError(
                text,
                retry_after=retry_after_seconds(response.headers),
                status=status,
                reason=reason,
            )
        return PublishError(text, permanent=True, status=status, reason=reason)

    def reason_of(self, response: httpx.Response) -> str:
        name, message = xrpc_error(response)
        return message or name or response.reason_phrase

    # --- helpers -----------------------------------------------------------------------------
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credentials.access_token}"}

    def _did(self) -> str:
        did = self.credentials.account_id
        if not did.startswith("did:"):
            raise PublishError(
                "bluesky: the account has no DID",
                permanent=True,
                reason="Connect the Bluesky account again.",
            )
        return did

    def _locate(self, remote_id: str) -> tuple[str, str]:
        """(DID, rkey) from an ``at://`` URI or a bare record key."""
        did = self._did()
        remote_id = remote_id.strip()
        if remote_id.startswith("at://"):
            parts = remote_id[5:].split("/")
            if len(parts) != 3 or parts[1] != POST or parts[0] != did:
                raise PublishError(
                    f"bluesky: not a post of this account: {remote_id[:80]}",
                    permanent=True,
                    reason="This post belongs to another account.",
                )
            rkey = parts[2]
        else:
            rkey = remote_id
        if not valid_record_key(rkey):
            raise PublishError(
                "bluesky: not a record key", permanent=True, reason="This is not a Bluesky post id."
            )
        return did, rkey

    def _remote(self, uri: str, rkey: str, cid: object) -> RemotePost:
        who = self.credentials.handle or self.credentials.account_id
        return RemotePost(
            id=uri,
            url=f"https://bsky.app/profile/{who}/post/{rkey}",
            extra={"rkey": rkey, "cid": str(cid or "")},
        )

    def _get_record(self, did: str, rkey: str) -> dict[str, Any] | None:
        try:
            response = self.request(
                "GET",
                "/xrpc/com.atproto.repo.getRecord",
                params={"repo": did, "collection": POST, "rkey": rkey},
            )
        except PublishError as exc:
            # A look-up that timed out keeps ``ambiguous``: the outcome is still unknown.
            if exc.status == 400 and "RecordNotFound" in str(exc):
                return None
            raise
        body = response.json()
        return body if isinstance(body, dict) else None

    def _existing(self, did: str, rkey: str, text: str) -> RemotePost | None:
        try:
            record = self._get_record(did, rkey)
        except PublishError:
            return None  # cannot tell: the original error stands
        if record is None:
            return None
        if record.get("value", {}).get("text") != text:
            raise PublishError(
                "bluesky: the record key is taken by another post",
                permanent=True,
                status=409,
                reason="Bluesky already holds a different post "
                "under this post's key; it was not published again.",
            )
        return self._remote(str(record.get("uri") or _at_uri(did, rkey)), rkey, record.get("cid"))

    def _resolve(self, handle: str, cache: dict[str, str | None]) -> str | None:
        if handle in cache:
            return cache[handle]
        if handle == self.credentials.handle.lower():
            cache[handle] = self.credentials.account_id
            return cache[handle]
        try:
            body = self.request(
                "GET", "/xrpc/com.atproto.identity.resolveHandle", params={"handle": handle}
            ).json()
            did = body.get("did")
        except PublishError as exc:
            exc.ambiguous = False
            if exc.status != 400:  # a handle that does not resolve is plain text; else retry
                raise
            did = None
        cache[handle] = str(did) if did else None
        return cache[handle]

    def _image(self, item: OutgoingMedia) -> dict[str, Any]:
        try:
            response = self.request(
                "POST",
                "/xrpc/com.atproto.repo.uploadBlob",
                headers={**self._auth(), "Content-Type": item.mime_type},
                content=item.content,
            )
        except PublishError as exc:
            exc.ambiguous = False  # an unused blob is dropped by the PDS: nothing published
            raise
        image: dict[str, Any] = {"alt": item.alt_text, "image": response.json()["blob"]}
        ratio = aspect_ratio(item.content)
        if ratio:
            image["aspectRatio"] = {"width": ratio[0], "height": ratio[1]}
        return image


def compose(post: OutgoingPost) -> str:
    """The record text: the post's text, with its link added when the text lacks it."""
    if post.link and post.link not in post.text:
        return f"{post.text.rstrip()}\n\n{post.link}" if post.text.strip() else post.link
    return post.text


def languages(language: str) -> list[str]:
    tags = [part.strip() for part in (language or "").split(",") if part.strip()]
    return tags[:MAX_LANGS] or ["en"]


def _check_locally(post: OutgoingPost, text: str) -> None:
    why = too_long(text)
    if why:
        raise PublishError(
            "bluesky: the text is too long",
            permanent=True,
            reason=f"The text is too long for Bluesky: {why}",
        )
    if len(post.media) > MAX_IMAGES:
        raise PublishError(
            "bluesky: too many images",
            permanent=True,
            reason=f"Bluesky takes at most {MAX_IMAGES} images in one post.",
        )
    for item in post.media:
        if not item.mime_type.startswith("image/"):
            raise PublishError(
                "bluesky: not an image",
                permanent=True,
                reason="Only images can be attached to a Bluesky post here.",
            )
        if len(item.content) > MAX_IMAGE_BYTES:
            raise PublishError(
                "bluesky: image too large",
                permanent=True,
                reason=f"“{item.filename}” is {len(item.content):,} bytes; Bluesky takes "
                f"images up to {MAX_IMAGE_BYTES:,} bytes.",
            )
    if not text.strip() and not post.media:
        raise PublishError(
            "bluesky: empty post", permanent=True, reason="The post has neither text nor images."
        )


def aspect_ratio(content: bytes) -> tuple[int, int] | None:
    """Width and height of an image, so the app lays it out before loading it."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
    except Exception:
        return None
    return (width, height) if width > 0 and height > 0 else None


def xrpc_error(response: httpx.Response) -> tuple[str, str]:
    """(error name, message) from an XRPC error body; names alone for non-JSON answers."""
    try:
        body = response.json()
    except ValueError:
        return "", response.reason_phrase
    if not isinstance(body, dict):
        return "", response.reason_phrase
    return str(body.get("error") or ""), str(body.get("message") or "")[:300]


def session_credentials(
    body: Mapping[str, Any], *, api_base: str, extra: Mapping[str, Any] | None = None
) -> Credentials:
    """Credentials from a createSession / refreshSession answer."""
    access = str(body.get("accessJwt") or "")
    did = str(body.get("did") or "")
    if not access or not did.startswith("did:"):
        raise PublishError(
            "bluesky: no session in the answer",
            reason="Bluesky did not start a session; try again.",
        )
    return Credentials(
        access_token=access,
        refresh_token=str(body.get("refreshJwt") or ""),
        expires_at=jwt_expiry(access),
        account_id=did,
        handle=str(body.get("handle") or ""),
        api_base=pds_endpoint(body.get("didDoc")) or api_base,
        extra=dict(extra or {}),
    )


def jwt_expiry(token: str) -> dt.datetime | None:
    """The ``exp`` of a JWT, read without verifying it (only to plan the refresh)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return dt.datetime.fromtimestamp(int(claims["exp"]), dt.UTC)
    except (IndexError, KeyError, ValueError, TypeError):
        return None


def pds_endpoint(did_doc: object) -> str:
    """The account's PDS from its DID document (``#atproto_pds``), https only."""
    if not isinstance(did_doc, dict):
        return ""
    for service in did_doc.get("service") or []:
        if not isinstance(service, dict) or not str(service.get("id", "")).endswith("#atproto_pds"):
            continue
        endpoint = str(service.get("serviceEndpoint") or "").rstrip("/")
        if endpoint.startswith("https://") or endpoint.startswith(
            ("http://127.0.0.1", "http://localhost")
        ):
            return endpoint
    return ""


def _walk_state(cursor: str) -> tuple[str, str, str]:
    """(stop at this indexedAt, resume from this page cursor, the newest seen so far)."""
    if cursor.count("|") == 2:
        stop, resume, newest = cursor.split("|")
        return stop, resume, newest
    return cursor, "", cursor


def parse_notification(note: Mapping[str, Any]) -> IncomingMessage:
    """A reply, mention or quote notification as an incoming message."""
    record = note.get("record") or {}
    author = note.get("author") or {}
    uri = str(note["uri"])
    reply = record.get("reply") or {}
    parent = reply.get("parent") or {}
    root = reply.get("root") or {"uri": uri, "cid": str(note.get("cid") or "")}
    langs = record.get("langs") or []
    handle = str(author.get("handle") or "")
    created = _time(record.get("createdAt")) or _time(note.get("indexedAt"))
    return IncomingMessage(
        id=uri,
        kind=KIND_OF_REASON.get(str(note.get("reason")), "mention"),
        text=str(record.get("text") or ""),
        author=IncomingAuthor(
            id=str(author.get("did") or ""),
            handle=handle,
            display_name=str(author.get("displayName") or ""),
        ),
        created_at=created or dt.datetime.now(dt.UTC),
        parent_id=str(parent.get("uri") or ""),
        url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}" if handle else "",
        language=str(langs[0]) if langs else "",
        extra={
            "cid": str(note.get("cid") or ""),
            "root": {"uri": str(root.get("uri") or uri), "cid": str(root.get("cid") or "")},
        },
    )


def _time(value: object) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _at_uri(did: str, rkey: str) -> str:
    return f"at://{did}/{POST}/{quote(rkey, safe='')}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
