"""Pixelfed through its Mastodon-compatible client API (see ``network.toml``).

What differs from Mastodon, and so is all this module holds:

- every post is a photo post: one to four images (the server's album size), each
  uploaded with ``POST /api/v1/media`` (answered at once, no processing to wait for);
- the caption limit and alt-text limit are the server's (``GET /api/v1/instance``);
- Pixelfed keeps no ``Idempotency-Key``: an attempt whose outcome was not seen is
  reconciled by reading the account's recent statuses (same text, same alt texts);
- errors come in Laravel's shape, ``{"message": ..., "errors": {field: [...]}}``.
"""

from __future__ import annotations

from nabz.publishing.connectors.base import Connector, OutgoingPost, PublishError, RemotePost
from nabz.publishing.connectors.mastodon.connector import MastodonConnector, compose
from nabz.trust.platforms import NETWORK_SPECS

SPEC = NETWORK_SPECS["pixelfed"]  # declared in network.toml
MAX_IMAGES = SPEC.max_images or 4
ALT_TEXT_LIMIT = SPEC.alt_text_limit or 1000


class PixelfedConnector(MastodonConnector):
    network = "pixelfed"
    media_path = "/api/v1/media"

    # The inbox reads Mastodon's notifications; replies wait: without an Idempotency-Key a
    # reply whose outcome was not seen could go out twice, and Pixelfed has no direct posts.
    reply_public = Connector.reply_public
    reply_private = Connector.reply_private
    find_reply = Connector.find_reply

    def find(self, post: OutgoingPost) -> RemotePost | None:
        return self._find_in_recent_statuses(post)

    def _check_locally(self, post: OutgoingPost) -> None:
        if not post.media:
            raise PublishError(
                "pixelfed: a post without a photo",
                permanent=True,
                reason="Pixelfed posts need at least one image.",
            )
        limit = int(self.credentials.extra.get("max_media_attachments") or MAX_IMAGES)
        if len(post.media) > limit:
            raise PublishError(
                f"pixelfed: more than {limit} images",
                permanent=True,
                reason=f"This Pixelfed server takes at most {limit} images in one post.",
            )
        described = int(self.credentials.extra.get("description_limit") or ALT_TEXT_LIMIT)
        if any(len(item.alt_text) > described for item in post.media):
            raise PublishError(
                "pixelfed: alt text too long",
                permanent=True,
                reason=f"Alt text on Pixelfed can be at most {described} characters.",
            )
        limit_chars = int(self.credentials.extra.get("max_characters") or SPEC.limit)
        if len(compose(post)) > limit_chars:
            raise PublishError(
                "pixelfed: caption too long",
                permanent=True,
                reason=f"Captions on this Pixelfed server can be at most {limit_chars} characters.",
            )
