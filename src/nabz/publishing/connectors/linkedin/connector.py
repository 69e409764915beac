"""LinkedIn organisation pages through the versioned REST API (``api.linkedin.com/rest``).

- publish: images go through the Images API (``POST /rest/images?action=initializeUpload``
  with the page as owner, then ``PUT`` of the bytes to the returned ``uploadUrl``); the post is
  ``POST /rest/posts`` authored by ``urn:li:organization:{id}``, visibility PUBLIC, main feed,
  lifecycle PUBLISHED, one image as ``content.media`` or 2–20 as ``content.multiImage``, each
  with its ``altText``. The new post's URN comes back in the ``x-restli-id`` header (201).
  The commentary is escaped for LinkedIn's *little* format (see ``little.py``), or LinkedIn
  would silently cut the text at the first bracket.
- delete: ``DELETE /rest/posts/{urn}`` (a post already gone counts as deleted).
- metrics: ``GET /rest/organizationalEntityShareStatistics?q=organizationalEntity`` for that
  one share or ugcPost: impressions, unique impressions (reach), clicks, likes, comments,
  shares (needs ``rw_organization_admin``).
- find: LinkedIn has no idempotency key and nothing invisible we could attach to a post, so
  an attempt whose outcome is unknown is reconciled by listing the page's most recent posts
  (``GET /rest/posts?q=author&author=...&sortBy=CREATED``) and matching the exact text
  (little escapes and hashtag templates undone, whitespace runs collapsed, Unicode NFC) and
  the number of images, among posts created in the last 7 days. This is sound because
  LinkedIn itself refuses a page's recent duplicate text (422 "Content is a duplicate"), so
  two live recent posts of one page with the same text and images are the same attempt.

Errors (``{"message", "status", "serviceErrorCode", "code"}``): 401 EXPIRED/INVALID token ->
TokenExpired (refresh, then retry), 401 REVOKED_ACCESS_TOKEN -> permanent (connect again),
403 missing permission, 422 duplicate or invalid content, 426 sunset version -> permanent;
429 -> transient (LinkedIn's limits are per day: wait until midnight UTC for a "DAY limit");
5xx -> transient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import httpx

from nabz.publishing.connectors.base import (
    AppCredentials,
    Connector,
    Credentials,
    Metrics,
    OutgoingMedia,
    OutgoingPost,
    PublishError,
    RemotePost,
    TokenExpired,
    retry_after_seconds,
)
from nabz.publishing.connectors.linkedin import auth, little
from nabz.trust.platforms import NETWORK_SPECS

POST_URL = "https://www.linkedin.com/feed/update/{urn}/"
SPEC = NETWORK_SPECS["linkedin"]  # declared in network.toml
TEXT_LIMIT = SPEC.limit
ALT_TEXT_LIMIT = SPEC.alt_text_limit or 4086
MAX_IMAGES = SPEC.max_images or 20
FIND_COUNT = 50
FIND_WINDOW = dt.timedelta(days=7)
REVOKED_CODES = {"REVOKED_ACCESS_TOKEN"}
REVOKED_SERVICE_CODES = {65601}
LIVE_STATES = {"PUBLISHED", "PUBLISH_REQUESTED", "PROCESSING"}


def compose_text(post: OutgoingPost) -> str:
    """The commentary: the text, and the link when the text does not carry it already."""
    text = post.text.strip()
    if post.link and post.link not in text:
        text = f"{text}\n\n{post.link}" if text else post.link
    return text


def _encoded(urn: str) -> str:
    return quote(urn, safe="")


class LinkedInConnector(Connector):
    network = "linkedin"
    default_api_base = auth.API_BASE

    def __init__(
        self,
        credentials: Credentials,
        *,
        client: httpx.Client | None = None,
        app: AppCredentials | None = None,
    ) -> None:
        super().__init__(credentials, client=client)
        self.app = app  # our app's client id/secret, for refresh()
        self.version = str(credentials.extra.get("linkedin_version") or auth.LINKEDIN_VERSION)

    # --- the contract ------------------------------------------------------------------
    @property
    def author(self) -> str:
        if not self.credentials.account_id:
            raise PublishError(
                "linkedin: no organisation chosen for this account",
                permanent=True,
                reason="Choose the LinkedIn page to post as.",
            )
        return auth.organization_urn(self.credentials.account_id)

    def headers(self, **extra: str) -> dict[str, str]:
        return {**auth.rest_headers(self.credentials.access_token, self.version), **extra}

    def publish(self, post: OutgoingPost) -> RemotePost:
        text = compose_text(post)
        if len(text) > TEXT_LIMIT:
            raise PublishError(
                "linkedin: text too long",
                permanent=True,
                reason=f"LinkedIn posts are limited to {TEXT_LIMIT} characters.",
            )
        images = self._upload_images(post.media)
        body: dict[str, Any] = {
            "author": self.author,
            "commentary": little.escape(text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if len(images) == 1:
            body["content"] = {"media": images[0]}
        elif images:
            body["content"] = {"multiImage": {"images": images}}
        response = self.request("POST", "/rest/posts", json=body, headers=self.headers())
        urn = response.headers.get("x-restli-id", "")
        if not urn:
            # Accepted, but we cannot tell which post it is: let find() settle it.
            raise PublishError(
                "linkedin: the post id was missing from the answer",
                ambiguous=True,
                status=response.status_code,
            )
        return RemotePost(id=urn, url=POST_URL.format(urn=urn), extra={"images": len(images)})

    def delete(self, remote_id: str) -> None:
        try:
            self.request(
                "DELETE",
                f"/rest/posts/{_encoded(remote_id)}",
                headers=self.headers(**{"X-RestLi-Method": "DELETE"}),
            )
        except PublishError as exc:
            if exc.status in (404, 410):
                return
            raise

    def metrics(self, remote_id: str) -> Metrics:
        kind = "ugcPosts" if remote_id.startswith("urn:li:ugcPost:") else "shares"
        query = (
            f"q=organizationalEntity&organizationalEntity={_encoded(self.author)}"
            f"&{kind}=List({_encoded(remote_id)})"
        )
        response = self.request(
            "GET", f"/rest/organizationalEntityShareStatistics?{query}", headers=self.headers()
        )
        elements = response.json().get("elements") or []
        stats: dict[str, Any] = {}
        for element in elements:
            if element.get("share") == remote_id or element.get("ugcPost") == remote_id:
                stats = element.get("totalShareStatistics") or {}
                break
        else:
            if elements:
                stats = elements[0].get("totalShareStatistics") or {}
        return Metrics(
            impressions=stats.get("impressionCount"),
            reach=stats.get("uniqueImpressionsCount"),
            likes=stats.get("likeCount"),
            comments=stats.get("commentCount"),
            shares=stats.get("shareCount"),
            clicks=stats.get("clickCount"),
            raw=stats,
        )

    def find(self, post: OutgoingPost) -> RemotePost | None:
        wanted = little.comparable(compose_text(post))
        query = f"author={_encoded(self.author)}&q=author&count={FIND_COUNT}&sortBy=CREATED"
        response = self.request(
            "GET", f"/rest/posts?{query}", headers=self.headers(**{"X-RestLi-Method": "FINDER"})
        )
        since = (dt.datetime.now(dt.UTC) - FIND_WINDOW).timestamp() * 1000
        for element in response.json().get("elements") or []:
            if element.get("lifecycleState", "PUBLISHED") not in LIVE_STATES:
                continue
            created = element.get("createdAt") or element.get("publishedAt")
            if isinstance(created, int | float) and created < since:
                continue
            commentary = little.comparable(little.plain_text(str(element.get("commentary", ""))))
            if commentary != wanted or _image_count(element) != len(post.media):
                continue
            urn = str(element.get("id", ""))
            if urn:
                return RemotePost(
                    id=urn,
                    url=POST_URL.format(urn=urn),
                    extra={"images": len(post.media), "found": True},
                )
        return None

    def refresh(self) -> Credentials | None:
        return auth.refresh(self.credentials, app=self.app, client=self.client)

    # --- media -------------------------------------------------------------------------
    def _upload_images(self, media: Sequence[OutgoingMedia]) -> list[dict[str, str]]:
        if len(media) > MAX_IMAGES:
            raise PublishError(
                "linkedin: too many images",
                permanent=True,
                reason=f"LinkedIn takes at most {MAX_IMAGES} images in a post.",
            )
        for item in media:
            if not item.mime_type.startswith("image/"):
                raise PublishError(
                    "linkedin: only images are supported",
                    permanent=True,
                    reason="This connector publishes images only, not video.",
                )
        try:
            return [self._upload_image(item) for item in media]
        except PublishError as exc:
            # Nothing is posted before every image is uploaded, so a lost answer here
            # cannot have created a post: not ambiguous, just try again.
            exc.ambiguous = False
            raise

    def _upload_image(self, item: OutgoingMedia) -> dict[str, str]:
        response = self.request(
            "POST",
            "/rest/images?action=initializeUpload",
            json={"initializeUploadRequest": {"owner": self.author}},
            headers=self.headers(),
        )
        value = response.json().get("value") or {}
        upload_url, image = value.get("uploadUrl"), value.get("image")
        if not upload_url or not image:
            raise PublishError(
                "linkedin: the image upload could not start", status=response.status_code
            )
        self.request(
            "PUT",
            str(upload_url),
            content=item.content,
            headers={
                "Authorization": f"Bearer {self.credentials.access_token}",
                "Content-Type": item.mime_type or "application/octet-stream",
            },
        )
        entry = {"id": str(image)}
        if item.alt_text.strip():
            entry["altText"] = item.alt_text.strip()[:ALT_TEXT_LIMIT]
        return entry

    # --- errors ------------------------------------------------------------------------
    def error_for(self, response: httpx.Response) -> PublishError:
        status = response.status_code
        body = _json(response)
        reason = self.reason_of(response)
        message = f"{self.network}: {status} {reason}".strip()
        if status == 401:
            if body.get("code") in REVOKED_CODES or body.get("serviceErrorCode") in (
                REVOKED_SERVICE_CODES
            ):
                return PublishError(message, permanent=True, status=status, reason=reason)
            return TokenExpired(message, status=status, reason=reason)
        if status == 429:
            wait = retry_after_seconds(response.headers)
            if wait is None and "DAY" in reason.upper():
                wait = _seconds_to_utc_midnight()
            if wait is None:
                wait = 60.0
            return PublishError(message, retry_after=wait, status=status, reason=reason)
        return super().error_for(response)

    def reason_of(self, response: httpx.Response) -> str:
        body = _json(response)
        if body.get("message"):
            return str(body["message"])[:300]
        if response.status_code >= 500:
            return response.reason_phrase or "server error"
        return super().reason_of(response)


def _image_count(element: dict[str, Any]) -> int:
    content = element.get("content") or {}
    if "multiImage" in content:
        return len((content.get("multiImage") or {}).get("images") or [])
    media = content.get("media") or {}
    return 1 if str(media.get("id", "")).startswith("urn:li:image:") else 0


def _seconds_to_utc_midnight() -> float:
    now = dt.datetime.now(dt.UTC)
    midnight = (now + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1.0, (midnight - now).total_seconds())


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
