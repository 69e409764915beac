"""Posts, their per-network variants, approvals, overrides and review comments (B1, B2)."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The choices every app shares live in workspaces; content's users may import them here too.
from nabz.workspaces.choices import Network, Pillar


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")
    ARCHIVED = "archived", _("Archived")


class ReviewKind(models.TextChoices):
    CLINICAL = "clinical", _("Clinical review")
    COMPLIANCE = "compliance", _("Compliance review")


class PostQuerySet(models.QuerySet["Post"]):
    def in_workspace(self, workspace: object) -> PostQuerySet:
        return self.filter(workspace=workspace)

    # (Apps below content, e.g. consent, ask a post's state through these, on the posts a
    # relation gives them, rather than importing content's states.)
    def published(self) -> PostQuerySet:
        return self.filter(state=State.PUBLISHED)

    def on_the_way(self) -> PostQuerySet:
        """In review, approved or scheduled: not out yet, but headed there."""
        return self.filter(state__in=[State.IN_REVIEW, State.APPROVED, State.SCHEDULED])


class Post(models.Model):
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField(_("working title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    pillar = models.CharField(
        _("pillar"), max_length=32, choices=Pillar.choices, default=Pillar.EDUCATION
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    media = models.ManyToManyField("media.MediaItem", blank=True, related_name="posts")
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True, db_index=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # The Trust Gate's last verdict, kept for lists, the dashboard and trends.
    trust_score = models.PositiveSmallIntegerField(null=True, blank=True)
    blocking_count = models.PositiveSmallIntegerField(default=0)
    checked_at = models.DateTimeField(null=True, blank=True)
    # The whole verdict with the key it is valid for (content.gate.Verdict).
    trust_verdict = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["workspace", "state", "scheduled_at"], name="post_ws_state_time"),
            # Lists, newest change first, a page at a time (the API's and the posts page).
            models.Index(fields=["workspace", "-updated_at", "-id"], name="post_ws_changed"),
            models.Index(
                fields=["workspace", "state", "-updated_at", "-id"], name="post_ws_state_changed"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def shown_state(self) -> object:
        """The state as a page should say it (nabz.content.status.shown_state)."""
        from nabz.content.status import shown_state

        return shown_state(self)

    def fingerprint(self) -> str:
        """A hash of everything an approval vouches for: all that goes out, and what the
        reviewers relied on.

        Texts and variants, title and tags; each image with its alt texts, its
        "identifiable person" flag, its notes and its file; the linked consents. A
        change to any of them, made here or in the media library, makes the approvals
        stale: the post is held and reviewed again before it can go out.
        """
        data = {
            "title": self.title,
            "text": self.text,
            "language": self.language,
            "pillar": self.pillar,
            "tags": list(self.tags or []),
            "variants": sorted((v.network, v.text) for v in self.variants.all()),
            "media": sorted(
                (
                    m.pk,
                    m.file.name,
                    sorted((m.alt_text or {}).items()),
                    bool(m.identifiable_person),
                    m.description or "",
                )
                for m in self.media.all()
            ),
            "consents": sorted(c.pk for c in self.consents.all()),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class Variant(models.Model):
    """The post as it goes out on one network. Empty text means: use the master text."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="variants")
    network = models.CharField(_("network"), max_length=16, choices=Network.choices)
    text = models.TextField(_("text for this network"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "network"], name="one_variant_per_network")
        ]
        ordering = ["network"]

    def __str__(self) -> str:
        return f"{self.post} on {self.network}"

    @property
    def effective_text(self) -> str:
        return self.text or self.post.text


class Approval(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(max_length=16, choices=ReviewKind.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    # Dropped when the post is edited after approval; kept for the record.
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]


class Override(models.Model):
    """A compliance officer's written decision to let one blocking finding through."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="overrides")
    code = models.CharField(max_length=8)
    matched_text = models.CharField(max_length=500)
    network = models.CharField(max_length=16, blank=True)  # "" = the master text
    reason = models.TextField()
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class Notification(models.Model):
    """An in-app notice: a post waits for your review, was rejected, a consent was revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(max_length=300)  # in English, as written (and for old notices)
    # What to say, said in the reader's language when shown: the English message id (and
    # its plural) with its values. User text among them (a title, a consent's subject) is
    # isolated, so an Arabic title keeps its direction inside an English sentence.
    text_id = models.CharField(max_length=300, blank=True, default="")
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    NUMBER = "count"  # the parameter that chooses the plural
    PLURAL = "_plural"  # the plural message id, kept among the parameters

    @classmethod
    def saying(
        cls, text_id: str, params: dict[str, object], *, plural: str = "", **fields: object
    ) -> Notification:
        """An unsaved notice that says ``text_id`` % ``params`` in its reader's language."""
        from django.utils import translation

        stored = dict(params) | ({cls.PLURAL: plural} if plural else {})
        note = cls(text_id=text_id, params=stored, **fields)
        with translation.override("en"):
            note.message = note.shown[:300]
        return note

    @property
    def shown(self) -> str:
        """The notice in the active language (a notice from before ``text_id``: as stored)."""
        from django.utils.translation import gettext, ngettext

        from nabz.core.words import isolate

        if not self.text_id:
            return self.message
        values: dict[str, object] = {}
        for key, value in (self.params or {}).items():
            if key == self.PLURAL:
                continue
            if key == "network":
                value = dict(Network.choices).get(str(value), value)
            values[key] = value if isinstance(value, int) else isolate(str(value))
        plural = (self.params or {}).get(self.PLURAL)
        if plural:
            said = ngettext(self.text_id, str(plural), int(values.get(self.NUMBER, 0) or 0))
        else:
            said = gettext(self.text_id)
        from nabz.core.words import interpolate

        try:
            return interpolate(said, values)
        except (KeyError, TypeError, ValueError):  # a catalogue entry that does not fit
            return self.message
