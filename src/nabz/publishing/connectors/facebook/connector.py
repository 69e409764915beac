"""Facebook Pages through the Graph API.

Publishing:

- text (and a link): ``POST /{page-id}/feed`` with ``message`` and ``link``;
- one image: ``POST /{page-id}/photos``, a multipart ``source`` upload with ``message``
  and the image's alt text in ``alt_text_custom``;
- several images: each uploaded with ``published=false``, then ``POST /{page-id}/feed``
  with ``attached_media[i]={"media_fbid": ...}``. The unpublished uploads are invisible
  until that last call, so an attempt that fails before it leaves nothing on the Page.

A link on a post with images goes at the end of the message (the photos edge has no
``link`` field). Delete is ``DELETE /{post-id}``; metrics read the post's ``shares``,
``comments`` and ``reactions`` summaries and ``/{post-id}/insights`` (views, unique
views, clicks).

``find(post)`` — reconciling an attempt whose outcome is unknown: Facebook has no
client-supplied id or idempotency key on posts, so the connector lists the Page's own
recent posts (``GET /{page-id}/posts?fields=id,message,created_time&since=...``, newest
first, up to ``find_pages`` pages of 100) and returns the one whose message is exactly
the message this post would send (line ends and outer spaces normalised), created within
``find_window``. Facebook itself refuses the same status twice in a row (#506), so two
identical recent messages on one Page are not expected; the window keeps an identical
post from an earlier week (a recurring announcement) from being taken for this one. A
post with an empty message cannot be told apart this way, so find() returns None for it.

Tokens: the stored token is the Page access token (it does not expire when it comes from
a long-lived user token). ``refresh_token`` holds that long-lived user token;
``refresh()`` reads a new Page token with it (``GET /{page-id}?fields=access_token``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from nabz.publishing.connectors.base import (
    Credentials,
    Metrics,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    RemotePost,
)
from nabz.publishing.connectors.facebook.graph import (
    FACEBOOK_WWW,
    GraphConnector,
    is_gone,
    same_text,
)
from nabz.trust.platforms import NETWORK_SPECS

TEXT_LIMIT = NETWORK_SPECS["facebook"].limit  # declared in network.toml
POST_FIELDS = "shares,comments.limit(0).summary(true),reactions.limit(0).summary(true)"
INSIGHT_METRICS = ("post_media_view", "post_total_media_view_unique", "post_clicks")


def message_for(post: OutgoingPost) -> str:
    """The message as sent: with images, a link goes at the end of the text."""
    text = post.text
    if post.media and post.link and post.link not in text:
        text = f"{text}\n\n{post.link}" if text else post.link
    return text


def post_url(post_id: str) -> str:
    page_id, _, story = post_id.partition("_")
    return f"{FACEBOOK_WWW}/{page_id}/posts/{story}" if story else f"{FACEBOOK_WWW}/{post_id}"


def graph_time(value: Any) -> dt.datetime | None:
    """Parse Graph's ``2025-01-31T09:30:00+0000``."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None


class FacebookConnector(GraphConnector):
    """Publishes to one Facebook Page with its Page access token (see the module notes)."""

    network = "facebook"
    find_window = dt.timedelta(hours=48)

    @property
    def page_id(self) -> str:
        if not self.credentials.account_id:
            raise PublishError(
                "facebook: no Page id on this account; reconnect it.",
                permanent=True,
                reason="The account has no Page id.",
            )
        return self.credentials.account_id

    # --- publish ----------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        images = self._images(post)
        message = message_for(post)
        if len(message) > TEXT_LIMIT:
            raise PublishError(
                f"facebook: the text is {len(message)} characters; a Page post takes at most "
                f"{TEXT_LIMIT}.",
                permanent=True,
                reason="Text too long for Facebook.",
            )
        if not images:
            if not message.strip() and not post.link:
                raise PublishError(
                    "facebook: nothing to publish (no text, link or image).",
                    permanent=True,
                    reason="Empty post.",
                )
            form = {"message": post.text} if post.text else {}
            if post.link:
                form["link"] = post.link
            body, response = self.call_full("POST", self.path(self.page_id, "feed"), data=form)
            return self._remote(str(body.get("id", "")), response)
        if len(images) == 1:
            body, response = self.call_full(
                "POST",
                self.path(self.page_id, "photos"),
                data=self._photo_form(images[0], message=message, published=True),
                files=self._photo_file(images[0]),
            )
            post_id = str(body.get("post_id") or body.get("id") or "")
            remote = self._remote(post_id, response)
            return dataclasses.replace(
                remote, extra={**remote.extra, "photo_ids": [str(body.get("id", ""))]}
            )
        photo_ids = []
        for image in images:
            uploaded = self.call(
                "POST",
                self.path(self.page_id, "photos"),
                data=self._photo_form(image, message="", published=False),
                files=self._photo_file(image),
            )
            photo_ids.append(str(uploaded.get("id", "")))
        form = {"message": message}
        for index, photo_id in enumerate(photo_ids):
            form[f"attached_media[{index}]"] = json.dumps({"media_fbid": photo_id})
        body, response = self.call_full("POST", self.path(self.page_id, "feed"), data=form)
        remote = self._remote(str(body.get("id", "")), response)
        return dataclasses.replace(remote, extra={**remote.extra, "photo_ids": photo_ids})

    def _images(self, post: OutgoingPost) -> list[OutgoingMedia]:
        for item in post.media:
            if not item.mime_type.startswith("image/"):
                raise PublishError(
                    f"facebook: {item.filename} is {item.mime_type}; Nabz publishes images "
                    "to Facebook Pages (not video yet).",
                    permanent=True,
                    reason="Only images can be published to Facebook from Nabz.",
                )
        return list(post.media)

    @staticmethod
    def _photo_form(image: OutgoingMedia, *, message: str, published: bool) -> dict[str, str]:
        form = {"published": "true" if published else "false"}
        if message:
            form["message"] = message
        if image.alt_text:
            form["alt_text_custom"] = image.alt_text
        return form

    @staticmethod
    def _photo_file(image: OutgoingMedia) -> dict[str, tuple[str, bytes, str]]:
        return {"source": (image.filename or "image", image.content, image.mime_type)}

    def _remote(self, post_id: str, response: Any) -> RemotePost:
        if not post_id:
            raise PublishError(
                "facebook: the Graph API answered without a post id.",
                ambiguous=True,
                reason="No post id in the answer.",
            )
        return RemotePost(id=post_id, url=post_url(post_id), extra=self.rate_limit_extra(response))

    # --- delete, metrics --------------------------------------------------------------
    def delete(self, remote_id: str) -> None:
        try:
            body = self.call("DELETE", self.path(remote_id))
        except PublishError as exc:
            if is_gone(exc):
                return
            raise
        if body.get("success") is False:
            raise PublishError(
                "facebook: the Graph API did not delete the post.",
                reason="Delete answered success=false.",
            )

    def metrics(self, remote_id: str) -> Metrics:
        body = self.call("GET", self.path(remote_id), params={"fields": POST_FIELDS})
        raw: dict[str, Any] = {"post": body}
        values = self.insights(remote_id, INSIGHT_METRICS, raw)
        return Metrics(
            impressions=values.get("post_media_view"),
            reach=values.get("post_total_media_view_unique"),
            clicks=values.get("post_clicks"),
            likes=_summary_count(body.get("reactions")),
            comments=_summary_count(body.get("comments")),
            shares=_count(body.get("shares"), default=0),
            raw=raw,
        )

    # --- find, refresh ----------------------------------------------------------------
    def find(self, post: OutgoingPost) -> RemotePost | None:
        message = message_for(post)
        if not message.strip():
            return None
        since = dt.datetime.now(dt.UTC) - self.find_window
        items = self.list_recent(
            self.path(self.page_id, "posts"),
            {"fields": "id,message,created_time", "since": int(since.timestamp()), "limit": 100},
        )
        for item in items:
            created = graph_time(item.get("created_time"))
            if created is not None and created < since:
                continue
            if same_text(item.get("message"), message) and item.get("id"):
                return RemotePost(
                    id=str(item["id"]), url=post_url(str(item["id"])), extra={"reconciled": True}
                )
        return None

    def refresh(self) -> Credentials | None:
        if not self.credentials.refresh_token:
            return None
        token = self.page_token_from(self.credentials.refresh_token, self.page_id)
        return dataclasses.replace(self.credentials, access_token=token, expires_at=None)


def _count(value: Any, *, default: int | None = None) -> int | None:
    if isinstance(value, dict) and isinstance(value.get("count"), int):
        return int(value["count"])
    return default


def _summary_count(value: Any) -> int | None:
    if isinstance(value, dict) and isinstance(value.get("summary"), dict):
        total = value["summary"].get("total_count")
        if isinstance(total, int):
            return total
    return None
