"""The media library (B5): images with alt text per language and privacy flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def media_path(instance: MediaItem, filename: str) -> str:
    return f"media/{instance.workspace_id}/{filename}"


class MediaItem(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE,
                                  related_name="media_items")
    file = models.ImageField(_("image"), upload_to=media_path)
    title = models.CharField(_("title"), max_length=200, blank=True)
    alt_text = models.JSONField(_("alt text"), default=dict, blank=True)  # {"en": ..., "fa": ...}
    identifiable_person = models.BooleanField(_("shows an identifiable person"), default=False)
    description = models.TextField(_("description"), blank=True)
    # What was found in (and stripped from) the file's metadata on upload, e.g. GPS.
    stripped_metadata = models.JSONField(default=dict, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.file.name

    def alt_for(self, language: str) -> str:
        return str(self.alt_text.get(language) or "")
