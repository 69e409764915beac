"""The consent registry (B4). Placeholder model extended by the consent app's builder."""

from __future__ import annotations

from django.db import models


class Consent(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE,
                                  related_name="consents")
    subject = models.CharField(max_length=120)
    posts = models.ManyToManyField("content.Post", blank=True, related_name="consents")
