"""How uploaded images leave the server: to signed-in members, or on a short-lived signed URL.

No file under ``MEDIA_ROOT`` has a public URL. The library's pages link to
``/w/<ws>/media/<id>/file/``, which answers only members of the item's workspace. A network
that must fetch an image itself (Instagram takes an ``image_url``) is handed a signed URL
that names one item and stops working after ``NABZ_SIGNED_MEDIA_SECONDS`` (five minutes by
default); the signature (``django.core.signing``, keyed by ``SECRET_KEY``) cannot be made
for another item or stretched in time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse

if TYPE_CHECKING:
    from nabz.media.models import MediaItem

SALT = "nabz.media.signed-url"
KINDS = ("file", "thumbnail")
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


def member_url(item: MediaItem, kind: str = "file") -> str:
    """The URL a signed-in member's browser loads the image (or its thumbnail) from."""
    name = "media_thumbnail" if kind == "thumbnail" else "media_file"
    return reverse(name, kwargs={"ws": item.workspace.slug, "pk": item.pk})


def signed_path(item: MediaItem, kind: str = "file") -> str:
    token = signing.dumps({"m": item.pk, "k": kind}, salt=SALT, compress=False)
    return reverse("media_signed", kwargs={"token": token})


def signed_url(item: MediaItem, kind: str = "file", base: str | None = None) -> str:
    """An absolute URL anyone may fetch for the next few minutes, for this one image only."""
    root = (base if base is not None else settings.NABZ_BASE_URL).rstrip("/")
    return root + signed_path(item, kind)


def lifetime() -> int:
    return int(getattr(settings, "NABZ_SIGNED_MEDIA_SECONDS", 300))


def item_for_token(token: str) -> tuple[MediaItem, str]:
    """The item and kind a signed token names; Http404 when it is forged, altered or expired."""
    from nabz.media.models import MediaItem

    try:
        claim = signing.loads(token, salt=SALT, max_age=lifetime())
        pk, kind = int(claim["m"]), str(claim["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404("This image link is not valid or has expired.") from None
    if kind not in KINDS:
        raise Http404("This image link is not valid or has expired.")
    try:
        return MediaItem.objects.select_related("workspace").get(pk=pk), kind
    except MediaItem.DoesNotExist:
        raise Http404("This image link is not valid or has expired.") from None


def file_response(request: HttpRequest, item: MediaItem, kind: str) -> HttpResponse:
    image = (item.thumbnail or item.file) if kind == "thumbnail" else item.file
    if not image:
        raise Http404("This image has no file.")
    try:
        handle = image.open("rb")
    except (OSError, ValueError):
        raise Http404("This image's file is missing.") from None
    content_type = "image/webp" if kind == "thumbnail" and item.thumbnail else None
    response = FileResponse(
        handle, content_type=content_type or CONTENT_TYPES.get(item.format, "image/jpeg")
    )
    response["Content-Disposition"] = "inline"
    # Images of identifiable people must not linger in a browser's or a proxy's cache.
    response["Cache-Control"] = "no-store, private"
    return response
