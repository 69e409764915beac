"""Instagram professional accounts through the Graph API (Instagram API with Facebook Login).

Publishing is two steps, as Meta documents it:

1. a media container: ``POST /{ig-user-id}/media`` with ``image_url`` (Instagram fetches
   the image itself, so it must be a public http(s) URL: ``OutgoingMedia.public_url``),
   ``caption`` and ``alt_text``. A carousel (2 to 10 images) is one container per image
   with ``is_carousel_item=true``, then a ``media_type=CAROUSEL`` container with
   ``children`` and the caption;
2. once ``GET /{container-id}?fields=status_code,status`` says ``FINISHED``,
   ``POST /{ig-user-id}/media_publish`` with ``creation_id``.

The connector checks the status a few times (``status_polls``, ``poll_interval`` apart:
about a second in all). ``ERROR`` and ``EXPIRED`` are permanent, with Instagram's reason;
still ``IN_PROGRESS`` after that is a transient error so the worker comes back later —
no long waits inside a connector. The next attempt builds a new container; unpublished
containers expire on their own after 24 hours.

Instagram has no text-only posts: a post without an image is refused before any call.
A link is not added to the caption (links in captions are not clickable).

Delete: ``DELETE /{ig-media-id}`` (Meta added it for the Facebook Login flow, with the
``instagram_manage_contents`` permission; carousel items cannot be deleted one by one).
When Instagram refuses, the error says to remove the post in the Instagram app.

``find(post)`` — reconciling an attempt whose outcome is unknown: Instagram has no
client-supplied id, so the connector lists the account's recent media
(``GET /{ig-user-id}/media?fields=id,caption,permalink,timestamp``, newest first) and
returns the one whose caption is exactly this post's text (line ends and outer spaces
normalised), published within ``find_window``. The window keeps an identical caption
from an earlier week from being taken for this post. An empty caption cannot be matched,
so find() returns None for it.

``quota()`` reads ``GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config``
(50 posts per rolling 24 hours; a carousel counts as one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from typing import Any

from nabz.publishing.connectors.base import (
    Credentials,
    Metrics,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    Quota,
    RemotePost,
)
from nabz.publishing.connectors.facebook.connector import graph_time
from nabz.publishing.connectors.facebook.graph import (
    TOKEN_CODES,
    GraphConnector,
    graph_codes,
    int_or_none,
    is_gone,
    same_text,
)

CAPTION_LIMIT = 2_200
CAROUSEL_LIMIT = 10
ALT_TEXT_LIMIT = 1_000
MEDIA_FIELDS = "like_count,comments_count,media_type"
INSIGHT_METRICS = ("views", "reach", "saved", "shares", "total_interactions")


class InstagramConnector(GraphConnector):
    """Publishes to one Instagram professional account (see the module notes)."""

    network = "instagram"
    find_window = dt.timedelta(hours=48)
    status_polls = 3  # quick status checks before giving the attempt back
    poll_interval = 0.4  # seconds between them
    in_progress_retry_after = 30.0

    @property
    def ig_user_id(self) -> str:
        if not self.credentials.account_id:
            raise PublishError(
                "instagram: no Instagram account id; reconnect the account.",
                permanent=True,
                reason="The account has no Instagram id.",
            )
        return self.credentials.account_id

    # --- publish ----------------------------------------------------------------------
    def publish(self, post: OutgoingPost) -> RemotePost:
        images = self._check(post)
        if len(images) == 1:
            container = self._container(
                {
                    "image_url": images[0].public_url,
                    "caption": post.text,
                    **_alt(images[0]),
                }
            )
        else:
            children = [
                self._container(
                    {"image_url": image.public_url, "is_carousel_item": "true", **_alt(image)}
                )
                for image in images
            ]
            for child in children:
                self._wait_until_finished(child)
            container = self._container(
                {
                    "media_type": "CAROUSEL",
                    "children": ",".join(children),
                    "caption": post.text,
                }
            )
        self._wait_until_finished(container)
        body, response = self.call_full(
            "POST", self.path(self.ig_user_id, "media_publish"), data={"creation_id": container}
        )
        media_id = str(body.get("id") or "")
        if not media_id:
            raise PublishError(
                "instagram: media_publish answered without a media id.",
                ambiguous=True,
                reason="No media id in the answer.",
            )
        extra = {"container_id": container, **self.rate_limit_extra(response)}
        return RemotePost(id=media_id, url=self._permalink(media_id), extra=extra)

    def _check(self, post: OutgoingPost) -> list[OutgoingMedia]:
        if not post.media:
            raise PublishError(
                "instagram: Instagram needs at least one image; a text-only post cannot be "
                "published there. Add an image or leave Instagram out of this post.",
                permanent=True,
                reason="Instagram posts need an image.",
            )
        if len(post.media) > CAROUSEL_LIMIT:
            raise PublishError(
                f"instagram: {len(post.media)} images; a carousel takes at most {CAROUSEL_LIMIT}.",
                permanent=True,
                reason="Too many images for Instagram.",
            )
        if len(post.text) > CAPTION_LIMIT:
            raise PublishError(
                f"instagram: the caption is {len(post.text)} characters; Instagram takes at "
                f"most {CAPTION_LIMIT}.",
                permanent=True,
                reason="Caption too long.",
            )
        for item in post.media:
            if not item.mime_type.startswith("image/"):
                raise PublishError(
                    f"instagram: {item.filename} is {item.mime_type}; Nabz publishes images to "
                    "Instagram (not video yet).",
                    permanent=True,
                    reason="Only images can be published to Instagram from Nabz.",
                )
            if not item.public_url.startswith(("https://", "http://")):
                raise PublishError(
                    f"instagram: {item.filename} has no public web address. Instagram fetches "
                    "images from a public URL: set NABZ_BASE_URL to this server's public "
                    "address (https://...) so Instagram can reach it.",
                    permanent=True,
                    reason="The image has no public URL Instagram can fetch.",
                )
        return list(post.media)

    def _container(self, form: dict[str, str]) -> str:
        body = self.call("POST", self.path(self.ig_user_id, "media"), data=form)
        container = str(body.get("id") or "")
        if not container:
            raise PublishError(
                "instagram: the media container has no id.", reason="No container id in the answer."
            )
        return container

    def _wait_until_finished(self, container: str) -> None:
        """A few quick status checks; never a long wait (see the module notes)."""
        for attempt in range(self.status_polls):
            body = self.call("GET", self.path(container), params={"fields": "status_code,status"})
            status = str(body.get("status_code") or "")
            if status in ("FINISHED", "PUBLISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                detail = str(body.get("status") or "")
                reason = _container_reason(status, detail)
                raise PublishError(f"instagram: {reason}", permanent=True, reason=reason)
            if attempt + 1 < self.status_polls and self.poll_interval > 0:
                time.sleep(self.poll_interval)
        raise PublishError(
            "instagram: Instagram is still processing the image; trying again shortly.",
            retry_after=self.in_progress_retry_after,
            reason="Instagram is still processing the media (IN_PROGRESS).",
        )

    def _permalink(self, media_id: str) -> str:
        """The post's public URL: best effort, after publishing (never fails the publish)."""
        try:
            body = self.call("GET", self.path(media_id), params={"fields": "permalink"})
        except PublishError:
            return ""
        return str(body.get("permalink") or "")

    # --- delete, metrics, quota -------------------------------------------------------
    def delete(self, remote_id: str) -> None:
        try:
            body = self.call("DELETE", self.path(remote_id))
        except PublishError as exc:
            if is_gone(exc):
                return
            if not exc.permanent or graph_codes(exc)[0] in TOKEN_CODES:
                raise
            raise PublishError(
                f"instagram: Instagram refused to delete the post through the API "
                f"({exc.reason}). Remove it in the Instagram app; deleting through the API "
                "needs the instagram_manage_contents permission (reconnect the account to "
                "grant it).",
                permanent=True,
                status=403,
                reason=exc.reason,
            ) from None
        if body.get("success") is False:
            raise PublishError(
                "instagram: Instagram did not delete the post; remove it in the Instagram app.",
                permanent=True,
                reason="Delete answered success=false.",
            )

    def metrics(self, remote_id: str) -> Metrics:
        body = self.call("GET", self.path(remote_id), params={"fields": MEDIA_FIELDS})
        raw: dict[str, Any] = {"media": body}
        values = self.insights(remote_id, INSIGHT_METRICS, raw)
        return Metrics(
            impressions=values.get("views"),
            reach=values.get("reach"),
            likes=int_or_none(body.get("like_count")),
            comments=int_or_none(body.get("comments_count")),
            shares=values.get("shares"),
            raw=raw,
        )

    def quota(self) -> Quota | None:
        body = self.call(
            "GET",
            self.path(self.ig_user_id, "content_publishing_limit"),
            params={"fields": "quota_usage,config"},
        )
        data = body.get("data")
        entry: dict[str, Any] = (
            data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
        )
        raw_config = entry.get("config")
        config: dict[str, Any] = raw_config if isinstance(raw_config, dict) else {}
        return Quota(
            used=int_or_none(entry.get("quota_usage")) or 0,
            total=int_or_none(config.get("quota_total")) or 50,
            window_seconds=int_or_none(config.get("quota_duration")) or 86_400,
        )

    # --- find, refresh ----------------------------------------------------------------
    def find(self, post: OutgoingPost) -> RemotePost | None:
        if not post.text.strip():
            return None
        since = dt.datetime.now(dt.UTC) - self.find_window
        items = self.list_recent(
            self.path(self.ig_user_id, "media"),
            {"fields": "id,caption,permalink,timestamp", "limit": 50},
        )
        for item in items:
            published = graph_time(item.get("timestamp"))
            if published is not None and published < since:
                continue
            if same_text(item.get("caption"), post.text) and item.get("id"):
                return RemotePost(
                    id=str(item["id"]),
                    url=str(item.get("permalink") or ""),
                    extra={"reconciled": True},
                )
        return None

    def refresh(self) -> Credentials | None:
        page_id = str(self.credentials.extra.get("page_id") or "")
        if not self.credentials.refresh_token or not page_id:
            return None
        token = self.page_token_from(self.credentials.refresh_token, page_id)
        return dataclasses.replace(self.credentials, access_token=token, expires_at=None)


# Instagram's container error subcodes (the "status" of an ERROR container), in words.
CONTAINER_SUBCODES = {
    "2207003": "Instagram timed out downloading the image; try again.",
    "2207004": "The image is too large (Instagram takes images up to 8 MB).",
    "2207005": "Instagram does not support this image format; use JPEG.",
    "2207009": "The image's aspect ratio is not supported (use 4:5 to 1.91:1).",
    "2207052": "Instagram could not fetch the image from its public URL.",
}


def _container_reason(status: str, detail: str) -> str:
    if status == "EXPIRED":
        return "The media container expired before it was published (containers last 24 hours)."
    for subcode, words in CONTAINER_SUBCODES.items():
        if subcode in detail:
            return f"{words} ({detail})"
    return f"Instagram could not process the media: {detail or 'ERROR'}"


def _alt(image: OutgoingMedia) -> dict[str, str]:
    return {"alt_text": image.alt_text[:ALT_TEXT_LIMIT]} if image.alt_text else {}
