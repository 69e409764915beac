"""X through API v2 with an OAuth 2.0 user token (``api.x.com/2``).

- publish: each image goes up with the v2 one-shot upload ``POST /2/media/upload``
  (multipart ``media`` + ``media_category=tweet_image``; the v1.1 ``upload.twitter.com``
  endpoints do not take OAuth 2.0 user tokens and are retired), its alt text with
  ``POST /2/media/metadata`` (``metadata.alt_text.text``, at most 1,000 characters); then
  ``POST /2/tweets`` with ``{"text", "media": {"media_ids"}}`` answers
  ``{"data": {"id", "text"}}``. Up to 4 images; GIFs and video (chunked upload) are not
  supported yet and are refused before anything is sent.
- delete: ``DELETE /2/tweets/:id`` (404 counts as deleted).
- metrics: ``GET /2/tweets/:id?tweet.fields=public_metrics`` (impressions, likes, replies,
  reposts + quotes).
- find: X has no idempotency key, so an attempt whose outcome is unknown is reconciled by
  reading the account's own recent posts (``GET /2/users/:id/tweets``, last 7 days, no replies
  or reposts, with ``entities`` and ``attachments``) and matching the text and the number of
  images. X rewrites what it shows: links become t.co links, ``&<>`` are HTML-escaped and a
  post with media gains a trailing photo link. We undo that with the url entities (each t.co
  link replaced by its ``expanded_url``; the photo link, which has a ``media_key``, dropped),
  then compare exactly (links compared without scheme/``www.``/trailing slash). Only when X
  gives no expansion do we fall back to comparing with every link as a placeholder. Exact
  text is a sound key here because X itself refuses an account's duplicate text (403 "You are
  not allowed to create a Tweet with duplicate content").

Errors (problem+json ``{title, detail, type, status}``): 401 -> TokenExpired (refresh; a
revoked grant then fails to refresh, permanently); 403 (duplicate, not permitted) and 400
(invalid request) -> permanent with X's words; 429 -> transient, waiting until the 24-hour
user/app reset when that quota is spent, else until ``x-rate-limit-reset``; 5xx -> transient.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from nabz.publishing.connectors.base import (
    THREAD_ID_SEP,
    AppCredentials,
    Connector,
    Credentials,
    Metrics,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    RemotePost,
    retry_after_seconds,
    thread_ids,
)
from nabz.publishing.connectors.x import auth
from nabz.publishing.connectors.x.text import same_text
from nabz.trust.platforms import NETWORK_SPECS

SPEC = NETWORK_SPECS["x"]  # declared in network.toml
MAX_IMAGES = SPEC.max_images or 4
ALT_TEXT_LIMIT = SPEC.alt_text_limit or 1000
IMAGE_TYPES = {"image/jpeg", "image/pjpeg", "image/png", "image/webp", "image/bmp", "image/tiff"}
FIND_MAX_RESULTS = 50
FIND_WINDOW = dt.timedelta(days=7)


def compose_text(post: OutgoingPost) -> str:
    """The post's text, and the link when the text does not carry it already."""
    text = post.text.strip()
    if post.link and post.link not in text:
        text = f"{text} {post.link}" if text else post.link
    return text


def post_url(handle: str, post_id: str) -> str:
    return (
        f"https://x.com/{handle}/status/{post_id}"
        if handle
        else (f"https://x.com/i/web/status/{post_id}")
    )


class XConnector(Connector):
    network = "x"
    default_api_base = auth.API_BASE

    def __init__(
        self,
        credentials: Credentials,
        *,
        client: httpx.Client | None = None,
        app: AppCredentials | None = None,
    ) -> None:
        super().__init__(credentials, client=client)
        self.app = app  # our app's client id (and secret, if confidential), for refresh()

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credentials.access_token}"}

    # --- the contract ------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        media_ids = self._upload_images(post.media)
        body: dict[str, Any] = {"text": compose_text(post)}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        response = self.request("POST", "/2/tweets", json=body, headers=self.headers())
        data = _json(response).get("data") or {}
        post_id = str(data.get("id") or "")
        if not post_id:
            raise PublishError(
                "x: the post id was missing from the answer",
                ambiguous=True,
                status=response.status_code,
            )
        ids = [post_id, *self._replies(post_id, post.replies)]
        return RemotePost(
            id=THREAD_ID_SEP.join(ids),
            url=post_url(self.credentials.handle, post_id),
            extra={"media_ids": media_ids, "thread": ids},
        )

    def _replies(self, first_id: str, replies: Sequence[str]) -> list[str]:
        """A thread's later parts, each a reply to the one before. X has no idempotency key,
        so a thread goes out whole or not at all: if a part fails, the parts already posted
        are deleted and the error stands (the attempt is retried as a whole)."""
        posted = [first_id]
        try:
            for text in replies:
                response = self.request(
                    "POST",
                    "/2/tweets",
                    json={"text": text, "reply": {"in_reply_to_tweet_id": posted[-1]}},
                    headers=self.headers(),
                )
                reply_id = str((_json(response).get("data") or {}).get("id") or "")
                if not reply_id:
                    raise PublishError("x: a reply's id was missing from the answer")
                posted.append(reply_id)
        except PublishError as exc:
            for done in reversed(posted):
                # best effort: the error that stopped the thread is the one to tell
                with contextlib.suppress(PublishError):
                    self.delete(done)
            exc.ambiguous = False
            raise
        return posted[1:]

    def delete(self, remote_id: str) -> None:
        ids = thread_ids(remote_id)
        for part in reversed(ids[1:]):  # a thread: its replies first, then its first part
            self._delete_one(part)
        self._delete_one(ids[0] if ids else remote_id)

    def _delete_one(self, remote_id: str) -> None:
        try:
            response = self.request("DELETE", f"/2/tweets/{remote_id}", headers=self.headers())
        except PublishError as exc:
            if exc.status == 404:
                return
            raise
        if (_json(response).get("data") or {}).get("deleted") is False:
            raise PublishError(
                "x: the post was not deleted",
                permanent=True,
                status=response.status_code,
                reason="X did not delete the post.",
            )

    def metrics(self, remote_id: str) -> Metrics:
        remote_id = (thread_ids(remote_id) or [remote_id])[0]  # a thread: its first part
        response = self.request(
            "GET",
            f"/2/tweets/{remote_id}",
            params={"tweet.fields": "public_metrics"},
            headers=self.headers(),
        )
        body = _json(response)
        data = body.get("data")
        if not isinstance(data, dict):
            # Lookups answer 200 with an "errors" list when the post is gone.
            reason = _first_error(body) or "The post was not found."
            raise PublishError(f"x: {reason}", permanent=True, status=404, reason=reason)
        numbers: Mapping[str, Any] = data.get("public_metrics") or {}
        reposts = numbers.get("retweet_count")
        quotes = numbers.get("quote_count")
        return Metrics(
            impressions=numbers.get("impression_count"),
            likes=numbers.get("like_count"),
            comments=numbers.get("reply_count"),
            shares=(reposts or 0) + (quotes or 0)
            if reposts is not None or quotes is not None
            else None,
            raw=dict(numbers),
        )

    def find(self, post: OutgoingPost) -> RemotePost | None:
        if not self.credentials.account_id:
            raise PublishError("x: the account id is unknown", permanent=True)
        since = dt.datetime.now(dt.UTC) - FIND_WINDOW
        response = self.request(
            "GET",
            f"/2/users/{self.credentials.account_id}/tweets",
            params={
                "max_results": str(FIND_MAX_RESULTS),
                "exclude": "replies,retweets",
                "start_time": since.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "tweet.fields": "created_at,entities,attachments,note_tweet",
            },
            headers=self.headers(),
        )
        sent = compose_text(post)
        for tweet in _json(response).get("data") or []:
            media_keys = (tweet.get("attachments") or {}).get("media_keys") or []
            if len(media_keys) != len(post.media) or not same_text(sent, tweet):
                continue
            post_id = str(tweet.get("id") or "")
            if post_id:
                # A thread whose first part's answer was lost: its replies were never sent
                # (they wait for that answer), so the thread goes on from the part found.
                ids = [post_id, *self._replies(post_id, post.replies)]
                return RemotePost(
                    id=THREAD_ID_SEP.join(ids),
                    url=post_url(self.credentials.handle, post_id),
                    extra={"found": True, "thread": ids},
                )
        return None

    def refresh(self) -> Credentials | None:
        return auth.refresh(self.credentials, app=self.app, client=self.client)

    # --- media -------------------------------------------------------------------------
    def _upload_images(self, media: Sequence[OutgoingMedia]) -> list[str]:
        if len(media) > MAX_IMAGES:
            raise PublishError(
                "x: too many images",
                permanent=True,
                reason=f"X takes at most {MAX_IMAGES} images in a post.",
            )
        for item in media:
            if item.mime_type not in IMAGE_TYPES:
                raise PublishError(
                    "x: unsupported media",
                    permanent=True,
                    reason="This connector publishes JPEG, PNG, WebP, BMP or TIFF images to X; "
                    "GIFs and video are not supported yet.",
                )
        try:
            return [self._upload_image(item) for item in media]
        except PublishError as exc:
            exc.ambiguous = False  # no post exists before every image is up: just retry
            raise

    def _upload_image(self, item: OutgoingMedia) -> str:
        response = self.request(
            "POST",
            "/2/media/upload",
            data={"media_category": "tweet_image", "media_type": item.mime_type},
            files={"media": (item.filename or "image", item.content, item.mime_type)},
            headers=self.headers(),
        )
        media_id = str((_json(response).get("data") or {}).get("id") or "")
        if not media_id:
            raise PublishError("x: the upload answer had no media id", status=response.status_code)
        alt = item.alt_text.strip()
        if alt:
            self.request(
                "POST",
                "/2/media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": alt[:ALT_TEXT_LIMIT]}}},
                headers=self.headers(),
            )
        return media_id

    # --- errors ------------------------------------------------------------------------
    def error_for(self, response: httpx.Response) -> PublishError:
        if response.status_code == 429:
            reason = self.reason_of(response)
            return PublishError(
                f"{self.network}: 429 {reason}",
                retry_after=_or_default(_rate_limit_wait(response.headers)),
                status=429,
                reason=reason,
            )
        return super().error_for(response)

    def reason_of(self, response: httpx.Response) -> str:
        body = _json(response)
        reason = _first_error(body) if body.get("errors") else ""
        reason = reason or str(body.get("detail") or body.get("title") or "")
        if reason:
            return reason[:300]
        if response.status_code >= 500:
            return response.reason_phrase or "server error"
        return super().reason_of(response)


def _rate_limit_wait(headers: Mapping[str, str]) -> float | None:
    """Seconds until X lifts the limit that was hit: a spent 24-hour user or app quota
    first (it outlasts the 15-minute window), then Retry-After / x-rate-limit-reset."""
    now = dt.datetime.now(dt.UTC).timestamp()
    for scope in ("user", "app"):
        if headers.get(f"x-{scope}-limit-24hour-remaining") == "0":
            reset = headers.get(f"x-{scope}-limit-24hour-reset", "")
            if reset.isdigit():
                return max(0.0, float(reset) - now)
    return retry_after_seconds(headers)


def _or_default(wait: float | None) -> float:
    return 60.0 if wait is None else wait


def _first_error(body: Mapping[str, Any]) -> str:
    for error in body.get("errors") or []:
        if isinstance(error, dict):
            text = error.get("message") or error.get("detail") or error.get("title")
            if text:
                return str(text)
    return ""


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
