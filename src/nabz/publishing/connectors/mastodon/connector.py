"""Mastodon: statuses with media (alt text as ``description``) on the account's own instance.

API (docs.joinmastodon.org/methods): ``POST /api/v2/media`` (multipart ``file`` +
``description``; 200 when processed at once, 202 with ``url: null`` while the full
size is processed, then ``GET /api/v1/media/:id`` answers 206 until it is ready),
``POST /api/v1/statuses`` (``status``, ``media_ids[]``, ``language``, ``visibility``)
with an ``Idempotency-Key`` header, ``DELETE /api/v1/statuses/:id``,
``GET /api/v1/statuses/:id`` for the counts, ``GET /api/v2/instance`` for the
instance's limits. Errors are ``{"error": "..."}``; 429s carry ``X-RateLimit-Limit``,
``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` (an ISO 8601 time), usually no
``Retry-After``.

Tokens: Mastodon access tokens do not expire (the server issues them without an
expiry and no refresh token), so a 401 means the token was revoked or the app was
removed: a permanent error (status 401) and the account must be reconnected.

Reconciling an ambiguous attempt (``find``):

1. *Probe the idempotency key.* Mastodon remembers ``Idempotency-Key`` → status id
   per account for one hour, and it checks that memory *before* it validates the
   request (``PostStatusService``: the duplicate is returned first). So ``find`` sends
   ``POST /api/v1/statuses`` with the same key and an empty status: if the first
   attempt landed, the answer is that status; if it did not, the empty status is
   refused with 422 ("Text can't be blank") and nothing is created. Unlike resending
   the real post, the probe can never publish, so ``find`` stays a pure look-up and
   the worker's checks before publishing (crisis pause, Trust Gate) keep their say.
   Should a server validate before looking at the key, the probe just finds nothing,
   and the publish that follows carries the same key, so the server still answers it
   with the existing status instead of a second one.
2. *After the hour* the key is forgotten, so ``find`` reads the account's latest
   statuses (``GET /api/v1/accounts/:id/statuses``, 40 at most) and takes one whose
   language, media alt texts and visible text match, confirmed against its exact
   source text (``GET /api/v1/statuses/:id/source``). Older than the last 40
   statuses counts as not found.

The inbox: ``GET /api/v1/notifications`` with ``types[]=mention`` (and ``update``, an
edit of a status we were mentioned in) read forward from the stored cursor with
``min_id`` (the page just after it, which Mastodon sends newest first), so a page
never skips one. A mention with visibility ``direct`` is a private message; one that
answers a status of ours is a comment. A status its author deleted answers 404 to
``GET /api/v1/statuses/:id`` (``gone``). Replies are statuses with ``in_reply_to_id``,
addressed to the author (``@acct``), with an ``Idempotency-Key`` and the same probe
as ``find``; a private reply has visibility ``direct``.

No retries, backoff or rate limiting here (the worker does that). The only waiting
is a few short polls while an uploaded image is processed; when it is still not
ready the attempt fails as transient, before the status is sent.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from nabz.publishing.connectors.base import (
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
    retry_after_seconds,
)

DEFAULT_MAX_MEDIA = 4
DESCRIPTION_LIMIT = 1500  # MediaAttachment::MAX_DESCRIPTION_LENGTH
NOT_PROCESSED = "not finished processing"
RECENT_STATUSES = 40  # the most GET /api/v1/accounts/:id/statuses returns at once
NOTIFICATION_PAGE = 40  # GET /api/v1/notifications: default 40, at most 80

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_STATUS_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # Mastodon numbers; other servers use ULIDs
_REMOTE_MENTION = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\.\w+")


@dataclass(frozen=True, slots=True)
class InstanceLimits:
    """What one Mastodon instance allows (``GET /api/v2/instance`` → ``configuration``)."""

    max_characters: int = 500
    max_media_attachments: int = DEFAULT_MAX_MEDIA
    characters_reserved_per_url: int = 23
    description_limit: int = DESCRIPTION_LIMIT
    image_size_limit: int | None = None
    supported_mime_types: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict)

    def as_options(self) -> dict[str, int]:
        """The numbers to keep on the account (``Account.options``)."""
        return {
            "max_characters": self.max_characters,
            "max_media_attachments": self.max_media_attachments,
            "characters_reserved_per_url": self.characters_reserved_per_url,
            "description_limit": self.description_limit,
        }


class MastodonConnector(Connector):
    network = "mastodon"
    default_api_base = ""  # every account lives on its own instance

    media_path = "/api/v2/media"  # servers speaking this API may upload elsewhere
    media_poll_attempts = 5  # GET /api/v1/media/:id at most this many times...
    media_poll_interval = 0.5  # ...this many seconds apart

    # --- the contract ----------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        self._check_locally(post)
        media_ids = [self._upload(item) for item in post.media]
        response = self.request(
            "POST",
            "/api/v1/statuses",
            headers=self._headers(post.idempotency_key),
            json={
                "status": compose(post),
                "media_ids": media_ids,
                "language": _language(post.language),
                "visibility": "public",
            },
        )
        return self._remote(response.json())

    def delete(self, remote_id: str) -> None:
        try:
            self.request(
                "DELETE", f"/api/v1/statuses/{_status_id(remote_id)}", headers=self._headers()
            )
        except PublishError as exc:
            if exc.status == 404:  # gone already: deleted is deleted
                return
            raise

    def metrics(self, remote_id: str) -> Metrics:
        status = self.request(
            "GET", f"/api/v1/statuses/{_status_id(remote_id)}", headers=self._headers()
        ).json()
        return Metrics(
            likes=_count(status, "favourites_count"),
            comments=_count(status, "replies_count"),
            shares=_count(status, "reblogs_count"),
            raw={
                key: status.get(key)
                for key in ("favourites_count", "replies_count", "reblogs_count")
            },
        )

    def find(self, post: OutgoingPost) -> RemotePost | None:
        found = self._probe_idempotency_key(post)
        if found is not None:
            return found
        return self._find_in_recent_statuses(post)

    def refresh(self) -> Credentials | None:
        return None  # Mastodon tokens do not expire; a 401 means revoked

    # --- the inbox ---------------------------------------------------------------------
    def fetch_incoming(self, cursor: str) -> tuple[list[IncomingMessage], str]:
        params: list[tuple[str, str | int]] = [
            ("types[]", "mention"),
            ("types[]", "update"),
            ("limit", NOTIFICATION_PAGE),
        ]
        if cursor:
            params.append(("min_id", _status_id(cursor)))
        body = self.request(
            "GET", "/api/v1/notifications", headers=self._headers(), params=params
        ).json()
        notes = [n for n in body if isinstance(n, dict)] if isinstance(body, list) else []
        notes.sort(key=lambda n: _order(str(n.get("id", ""))))
        me = self.credentials.account_id
        messages = [parse_notification(n, me) for n in notes if isinstance(n.get("status"), dict)]
        # Nothing yet on a first read: from now on everything is new, so read from the start.
        newest = str(notes[-1]["id"]) if notes else (cursor or "0")
        return messages, newest

    def gone(self, remote_ids: list[str]) -> set[str]:
        missing: set[str] = set()
        for remote_id in remote_ids:
            try:
                self.request(
                    "GET", f"/api/v1/statuses/{_status_id(remote_id)}", headers=self._headers()
                )
            except PublishError as exc:
                if exc.status != 404:
                    raise
                missing.add(remote_id)
        return missing

    def reply_public(self, reply: OutgoingReply) -> RemotePost:
        return self._reply(reply, "public")

    def reply_private(self, reply: OutgoingReply) -> RemotePost:
        return self._reply(reply, "direct")

    def find_reply(self, reply: OutgoingReply) -> RemotePost | None:
        probe = OutgoingPost(text="", idempotency_key=reply.idempotency_key)
        found = self._probe_idempotency_key(probe)
        if found is not None:
            return found
        # Past the key's hour: one of our latest statuses answering that message with our text.
        account_id = self.credentials.account_id or str(self.verify_credentials()["id"])
        statuses = self.request(
            "GET",
            f"/api/v1/accounts/{account_id}/statuses",
            headers=self._headers(),
            params={"limit": RECENT_STATUSES, "exclude_reblogs": "true"},
        ).json()
        wanted = _squeeze(_REMOTE_MENTION.sub(r"\1", reply_text(reply)))
        for status in statuses if isinstance(statuses, list) else []:
            if str(status.get("in_reply_to_id") or "") != reply.in_reply_to:
                continue
            shown = _squeeze(_REMOTE_MENTION.sub(r"\1", visible_text(str(status.get("content")))))
            if shown == wanted:
                return self._remote(status)
        return None

    def delete_reply(self, remote_id: str) -> None:
        self.delete(remote_id)

    def _reply(self, reply: OutgoingReply, visibility: str) -> RemotePost:
        text = reply_text(reply)
        if not reply.text.strip():
            raise PublishError(
                "mastodon: empty reply", permanent=True, reason="The reply is empty."
            )
        response = self.request(
            "POST",
            "/api/v1/statuses",
            headers=self._headers(reply.idempotency_key),
            json={
                "status": text,
                "in_reply_to_id": _status_id(reply.in_reply_to),
                "language": _language(reply.language),
                "visibility": visibility,
            },
        )
        return self._remote(response.json())

    # --- connecting --------------------------------------------------------------------
    def verify_credentials(self) -> dict[str, Any]:
        """The account the token acts for (``id``, ``username``, ``acct``, ``url``)."""
        body = self.request(
            "GET", "/api/v1/accounts/verify_credentials", headers=self._headers()
        ).json()
        if not isinstance(body, dict) or not body.get("id"):
            raise PublishError(
                "mastodon: unexpected answer from verify_credentials",
                reason="The instance did not say which account this is.",
            )
        return body

    def instance_limits(self) -> InstanceLimits:
        """The instance's limits, to store when the account is connected."""
        try:
            body = self.request("GET", "/api/v2/instance").json()
        except PublishError as exc:
            if exc.status != 404:
                raise
            body = self.request("GET", "/api/v1/instance").json()  # servers before 4.0
        return parse_instance_limits(body)

    # --- errors ----------------------------------------------------------------------
    def error_for(self, response: httpx.Response) -> PublishError:
        status = response.status_code
        reason = self.reason_of(response)
        message = f"mastodon: {status} {reason}".strip()
        if status == 401:
            # Tokens never expire on Mastodon: this one was revoked (or the app removed).
            return PublishError(
                message,
                permanent=True,
                status=status,
                reason=reason or "The access token is invalid",
            )
        if status == 429:
            wait = mastodon_retry_after(response.headers)
            return PublishError(
                message, retry_after=60.0 if wait is None else wait, status=status, reason=reason
            )
        if status == 422 and NOT_PROCESSED in reason:
            return PublishError(message, retry_after=5.0, status=status, reason=reason)
        return super().error_for(response)

    def reason_of(self, response: httpx.Response) -> str:
        if "json" not in response.headers.get("content-type", ""):
            return response.reason_phrase or "error"  # a proxy's HTML page says nothing useful
        try:
            body = response.json()
        except ValueError:
            return response.reason_phrase or "error"
        if isinstance(body, dict):
            text = body.get("error_description") or body.get("error")
            if text:
                return str(text)[:300]
        return super().reason_of(response)

    # --- helpers -----------------------------------------------------------------------
    def _headers(self, idempotency_key: str = "") -> dict[str, str]:
        if not self.api_base:
            raise PublishError(
                "mastodon: the account has no instance address",
                permanent=True,
                reason="Reconnect the Mastodon account.",
            )
        headers = {"Authorization": f"Bearer {self.credentials.access_token}"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def _check_locally(self, post: OutgoingPost) -> None:
        limit = int(self.credentials.extra.get("max_media_attachments") or DEFAULT_MAX_MEDIA)
        if len(post.media) > limit:
            raise PublishError(
                f"mastodon: more than {limit} attachments",
                permanent=True,
                reason=f"Mastodon takes at most {limit} images in one post.",
            )
        described = int(self.credentials.extra.get("description_limit") or DESCRIPTION_LIMIT)
        for item in post.media:
            if len(item.alt_text) > described:
                raise PublishError(
                    "mastodon: alt text too long",
                    permanent=True,
                    reason=f"Alt text on Mastodon can be at most {described} characters.",
                )
        if not compose(post).strip() and not post.media:
            raise PublishError(
                "mastodon: empty post",
                permanent=True,
                reason="The post has neither text nor media.",
            )

    def _upload(self, item: OutgoingMedia) -> str:
        try:
            response = self.request(
                "POST",
                self.media_path,
                headers=self._headers(),
                files={
                    "file": (
                        item.filename or "image",
                        item.content,
                        item.mime_type or "application/octet-stream",
                    )
                },
                data={"description": item.alt_text} if item.alt_text else None,
            )
        except PublishError as exc:
            _not_ambiguous(exc)  # a stray unattached upload publishes nothing
            raise
        media = response.json()
        media_id = str(media["id"])
        if response.status_code == 200 and media.get("url"):
            return media_id
        for attempt in range(self.media_poll_attempts):
            if attempt and self.media_poll_interval:
                time.sleep(self.media_poll_interval)
            try:
                polled = self.request("GET", f"/api/v1/media/{media_id}", headers=self._headers())
            except PublishError as exc:
                _not_ambiguous(exc)
                raise
            if polled.status_code == 200 and polled.json().get("url"):
                return media_id
        raise PublishError(
            "mastodon: the image is still being processed",
            retry_after=10.0,
            reason="Mastodon is still processing the image; trying again soon.",
        )

    def _remote(self, status: Mapping[str, Any]) -> RemotePost:
        return RemotePost(
            id=str(status["id"]),
            url=str(status.get("url") or status.get("uri") or ""),
            extra={"uri": status.get("uri", "")},
        )

    def _probe_idempotency_key(self, post: OutgoingPost) -> RemotePost | None:
        try:
            response = self.request(
                "POST",
                "/api/v1/statuses",
                headers=self._headers(post.idempotency_key),
                json={"status": ""},
            )
        except PublishError as exc:
            if exc.status in (422, 404):  # 422: key unknown, nothing created; 404: deleted
                return None
            raise
        body = response.json()
        if not isinstance(body, dict) or not body.get("id"):
            return None
        return self._remote(body)

    def _find_in_recent_statuses(self, post: OutgoingPost) -> RemotePost | None:
        account_id = self.credentials.account_id or str(self.verify_credentials()["id"])
        statuses = self.request(
            "GET",
            f"/api/v1/accounts/{account_id}/statuses",
            headers=self._headers(),
            params={"limit": RECENT_STATUSES, "exclude_reblogs": "true"},
        ).json()
        text = compose(post)
        wanted = _squeeze(_REMOTE_MENTION.sub(r"\1", text))
        alts = [item.alt_text for item in post.media]
        for status in statuses if isinstance(statuses, list) else []:
            language = status.get("language")
            if status.get("reblog") or (language and language != _language(post.language)):
                continue
            attachments = status.get("media_attachments") or []
            if [a.get("description") or "" for a in attachments] != alts:
                continue
            if _squeeze(visible_text(str(status.get("content") or ""))) != wanted:
                continue
            if self._source_text(str(status["id"])) in (text, None):
                return self._remote(status)
        return None

    def _source_text(self, status_id: str) -> str | None:
        """The status's plain source text; None when the server cannot say (no /source)."""
        try:
            body = self.request(
                "GET", f"/api/v1/statuses/{status_id}/source", headers=self._headers()
            ).json()
        except PublishError as exc:
            if exc.status == 404:
                return None
            raise
        return str(body.get("text", ""))


def reply_text(reply: OutgoingReply) -> str:
    """The reply addressed to its reader: Mastodon delivers a status to whom it mentions."""
    acct = str(reply.extra.get("acct") or (reply.author.handle if reply.author else ""))
    if acct and f"@{acct}" not in reply.text:
        return f"@{acct} {reply.text}"
    return reply.text


def parse_notification(note: Mapping[str, Any], me: str) -> IncomingMessage:
    """A ``mention`` or ``update`` notification as an incoming message."""
    status = note["status"]
    account = status.get("account") or note.get("account") or {}
    visibility = str(status.get("visibility") or "public")
    if visibility == "direct":
        kind = "dm"
    elif me and str(status.get("in_reply_to_account_id") or "") == me:
        kind = "comment"
    else:
        kind = "mention"
    return IncomingMessage(
        id=str(status["id"]),
        kind=kind,
        text=visible_text(str(status.get("content") or "")).strip(),
        author=IncomingAuthor(
            id=str(account.get("id", "")),
            handle=str(account.get("acct", "")),
            display_name=str(account.get("display_name") or ""),
        ),
        created_at=_time(status.get("created_at")) or dt.datetime.now(dt.UTC),
        parent_id=str(status.get("in_reply_to_id") or ""),
        url=str(status.get("url") or status.get("uri") or ""),
        language=str(status.get("language") or ""),
        edited_at=_time(status.get("edited_at")),
        extra={"acct": str(account.get("acct", ""))},
    )


def _time(value: object) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _order(notification_id: str) -> tuple[int, str]:
    """Mastodon ids are numbers as strings; other servers' ids sort as text."""
    return (int(notification_id), "") if notification_id.isdigit() else (0, notification_id)


def compose(post: OutgoingPost) -> str:
    """The status text: the post's text, with its link added when the text lacks it."""
    if post.link and post.link not in post.text:
        return f"{post.text.rstrip()}\n\n{post.link}" if post.text.strip() else post.link
    return post.text


def visible_text(content: str) -> str:
    """A status's HTML ``content`` as the plain text a reader sees."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", content)))


def parse_instance_limits(body: Mapping[str, Any]) -> InstanceLimits:
    config = body.get("configuration") or {}
    statuses = config.get("statuses") or {}
    media = config.get("media_attachments") or {}
    max_characters = statuses.get("max_characters") or body.get("max_toot_chars") or 500
    return InstanceLimits(
        max_characters=int(max_characters),
        max_media_attachments=int(statuses.get("max_media_attachments") or DEFAULT_MAX_MEDIA),
        characters_reserved_per_url=int(statuses.get("characters_reserved_per_url") or 23),
        description_limit=int(media.get("description_limit") or DESCRIPTION_LIMIT),
        image_size_limit=int(media["image_size_limit"]) if media.get("image_size_limit") else None,
        supported_mime_types=tuple(media.get("supported_mime_types") or ()),
        raw=config,
    )


def mastodon_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait: ``Retry-After`` if a proxy sent one, else ``X-RateLimit-Reset``."""
    if headers.get("retry-after"):
        return retry_after_seconds(headers)
    reset = headers.get("x-ratelimit-reset", "").strip()
    if not reset:
        return None
    try:
        when = dt.datetime.fromisoformat(reset.replace("Z", "+00:00"))
    except ValueError:
        return retry_after_seconds(headers)  # a number of seconds or an epoch after all
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _language(language: str) -> str:
    return (language or "en").split(",")[0].strip().split("-")[0].lower() or "en"


def _status_id(remote_id: str) -> str:
    status_id = remote_id.strip()
    if not _STATUS_ID.fullmatch(status_id):  # only an id may reach the path
        raise PublishError(
            f"mastodon: not a status id: {status_id[:40]!r}",
            permanent=True,
            reason="This is not a Mastodon status id.",
        )
    return status_id


def _count(status: Mapping[str, Any], key: str) -> int | None:
    value = status.get(key)
    return int(value) if isinstance(value, int) else None


def _not_ambiguous(exc: PublishError) -> None:
    """An upload or a read that timed out published nothing: plainly transient."""
    exc.ambiguous = False
