"""A fake Pixelfed server: Mastodon's client API with Pixelfed's differences, on 127.0.0.1.

Pixelfed serves ``/api/v1/apps``, OAuth, ``verify_credentials``, media and statuses in
Mastodon's shapes; what it does its own way is kept here: ``/api/v1/instance`` only (no
v2), uploads on ``/api/v1/media`` answered at once, a status needs ``media_ids`` (a photo
network), its caption, album and alt-text limits, Laravel's validation errors
(422 ``{"message": ..., "errors": {field: [...]}}``), no ``Idempotency-Key`` and no
``/source``. Faults are injected by route name as for the other fakes (``create_post``,
``upload_media``, ``instance``, ``token``, ...).
"""

from __future__ import annotations

from typing import Any

from tests.publishing.fakes.mastodon import FakeMastodon, Media, UploadedFile, parse_multipart
from tests.publishing.fakes.server import Fault, Request, Response

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


def invalid(field: str, message: str) -> Response:
    """Laravel's answer to a request that fails validation."""
    return Response(422, {"message": message, "errors": {field: [message]}})


class FakePixelfed(FakeMastodon):
    name = "pixelfed"

    def __init__(self, *, alt_text_limit: int = 1000, **kwargs: Any) -> None:
        self.alt_text_limit = alt_text_limit
        kwargs.setdefault("status_limit", 50)
        super().__init__(**kwargs)

    def error(self, fault: Fault) -> Response:
        if fault.kind == "rejected":
            return invalid("status", fault.message)
        if fault.kind in ("expired_token", "revoked_token"):
            return Response(401, {"error": "Unauthenticated."})
        return super().error(fault)

    def setup_routes(self) -> None:
        self.route("POST", "/api/v1/apps", "register_app", self.register_app)
        self.route("GET", "/oauth/authorize", "authorize", self.authorize)
        self.route("POST", "/oauth/token", "token", self.token)
        self.route(
            "GET",
            "/api/v1/accounts/verify_credentials",
            "verify_credentials",
            self.verify_credentials,
        )
        self.route("GET", "/api/v1/instance", "instance", self.instance_v1)
        self.route("POST", "/api/v1/media", "upload_media", self.upload_photo)
        self.route("POST", "/api/v1/statuses", "create_post", self.create_photo_status)
        self.route("GET", r"/api/v1/statuses/(?P<id>\w+)", "get_status", self.get_status)
        self.route("DELETE", r"/api/v1/statuses/(?P<id>\w+)", "delete_status", self.delete_status)
        self.route(
            "GET",
            r"/api/v1/accounts/(?P<id>\w+)/statuses",
            "account_statuses",
            self.account_statuses,
        )

    def instance_v1(self, request: Request) -> Response:
        return Response(
            200,
            {
                "uri": self.host,
                "title": "Fake Pixelfed",
                "version": "3.5.3 (compatible; Pixelfed 0.12.4)",
                "max_toot_chars": self.max_characters,
                "configuration": {
                    "statuses": {
                        "max_characters": self.max_characters,
                        "max_media_attachments": self.max_media,
                        "characters_reserved_per_url": 23,
                    },
                    "media_attachments": {
                        "supported_mime_types": list(IMAGE_TYPES),
                        "image_size_limit": 15728640,
                        "description_limit": self.alt_text_limit,
                    },
                },
            },
        )

    def upload_photo(self, request: Request) -> Response:
        token, refused = self._auth(request, "write:media")
        if refused:
            return refused
        assert token is not None
        content_type = request.headers.get("content-type", "")
        if "multipart/form-data" not in content_type:
            return invalid("file", "The file field is required.")
        params = parse_multipart(request.body, content_type)
        upload = params.get("file")
        if not isinstance(upload, UploadedFile) or not upload.content:
            return invalid("file", "The file field is required.")
        if upload.content_type not in IMAGE_TYPES:
            return invalid("file", "The file must be a file of type: jpeg, png, gif, webp.")
        description = str(params.get("description") or "")
        if len(description) > self.alt_text_limit:
            return invalid(
                "description",
                f"The description may not be greater than {self.alt_text_limit} characters.",
            )
        media = Media(
            self._next_id(),
            token.account_id,
            upload.content_type,
            len(upload.content),
            description,
            0,
        )
        self.media[media.id] = media
        return Response(200, self.media_json(media))

    def create_photo_status(self, request: Request) -> Response:
        _token, refused = self._auth(request, "write:statuses")
        if refused:
            return refused
        params = self._params(request)
        media_ids = [str(m) for m in (params.get("media_ids") or [])]
        if not media_ids:
            return invalid("media_ids", "The media ids field is required.")
        if len(media_ids) > self.max_media:
            return invalid(
                "media_ids", f"The media ids may not have more than {self.max_media} items."
            )
        if len(str(params.get("status") or "")) > self.max_characters:
            return invalid(
                "status", f"The status may not be greater than {self.max_characters} characters."
            )
        # No Idempotency-Key on Pixelfed: a repeated request is a second post.
        request.headers.pop("idempotency-key", None)
        return self.create_status(request)
