"""The media library (B5): images with alt text per language and privacy flags."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nabz.media.search import fold

if TYPE_CHECKING:
    from nabz import trust

ALT_LANGUAGES = ("en", "ar", "fa")
ALT_TEXT_MAX = 1000  # X allows 1,000 characters of alt text, the lowest of the networks


def media_path(instance: MediaItem, filename: str) -> str:
    # The uploader's file name is never kept: names like "jane-doe-room-312.jpg" are PHI.
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"media/{instance.workspace_id}/{uuid.uuid4().hex}{suffix}"


def thumbnail_path(instance: MediaItem, filename: str) -> str:
    return f"media/{instance.workspace_id}/thumbs/{uuid.uuid4().hex}.webp"


class MediaItem(models.Model):
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="media_items"
    )
    file = models.ImageField(_("image"), upload_to=media_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=thumbnail_path, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    alt_text = models.JSONField(_("alt text"), default=dict, blank=True)  # {"en": ..., "fa": ...}
    identifiable_person = models.BooleanField(_("shows an identifiable person"), default=False)
    description = models.TextField(_("description"), blank=True)
    # What was found in (and stripped from) the file's metadata on upload: facts such as
    # {"gps": true, "serial": true, "camera": "Canon EOS R5"}; never coordinates or serials.
    stripped_metadata = models.JSONField(default=dict, blank=True)
    format = models.CharField(_("format"), max_length=8, blank=True)  # JPEG, PNG, WEBP, GIF
    size_bytes = models.PositiveIntegerField(_("size in bytes"), default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    # Title, alt texts and description folded for search (see nabz.media.search.fold).
    search_text = models.TextField(blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title or _("Image %(id)s") % {"id": self.pk}

    def alt_for(self, language: str) -> str:
        return str((self.alt_text or {}).get(language) or "")

    @property
    def missing_alt_languages(self) -> list[str]:
        return [lang for lang in ALT_LANGUAGES if not self.alt_for(lang)]

    @property
    def file_url(self) -> str:
        """Where a signed-in member's browser loads the image (never a public URL)."""
        from nabz.media.delivery import member_url

        return member_url(self, "file") if self.file else ""

    @property
    def thumbnail_url(self) -> str:
        from nabz.media.delivery import member_url

        return member_url(self, "thumbnail") if self.file else ""

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.alt_text = {
            lang: str(text).strip()
            for lang, text in (self.alt_text or {}).items()
            if lang in ALT_LANGUAGES and str(text or "").strip()
        }
        self.search_text = fold(" ".join([self.title, *self.alt_text.values(), self.description]))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "alt_text", "search_text", "updated_at"}
        super().save(*args, **kwargs)


# Metadata facts the Trust Gate may report, as recorded in ``stripped_metadata``.
TRUST_METADATA_FLAGS = ("gps", "serial", "owner", "date_taken", "caption")


def trust_metadata(stripped: dict[str, Any] | None) -> dict[str, str]:
    """``stripped_metadata`` as the engine's ``metadata``: {"gps": "present", "camera": "..."}.

    Only facts, never values: "present" for each kind of identifying data the original file
    carried (all of it was removed on upload), and the camera's make and model.
    """
    stripped = stripped or {}
    facts = {key: "present" for key in TRUST_METADATA_FLAGS if stripped.get(key)}
    camera = str(stripped.get("camera") or "")[:80]
    if camera:
        facts["camera"] = camera
    return facts


def to_trust_media(item: MediaItem, language: str) -> trust.MediaItem:
    """The library item as the Trust Gate sees it, with alt text in ``language``."""
    from nabz.trust import MediaItem as TrustMediaItem

    return TrustMediaItem(
        id=str(item.pk),
        kind="image",
        alt_text=item.alt_for(language),
        description=item.description or "",
        identifiable_person=bool(item.identifiable_person),
        metadata=trust_metadata(item.stripped_metadata),
    )
