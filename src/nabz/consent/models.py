"""The consent registry (B4): signed consents, their scope, expiry, revocation and takedowns.

A consent record names its subject only by a pseudonymous label ("Patient story
2026-07"). The patient's real identity lives only in the signed form, which is
stored encrypted outside the public media folder (see :mod:`nabz.consent.files`)
and opened only by compliance officers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from nabz.consent.files import signed_form_path, signed_form_storage
from nabz.trust.model import ConsentFact
from nabz.workspaces.choices import Network


class ContentKind(models.TextChoices):
    STORY = "story", _("Patient story")
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    QUOTE = "quote", _("Quote")


class ConsentStatus(models.TextChoices):
    """What a consent is worth today; derived, never stored."""

    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


# A consent counts as "expiring" this many days before its expiry date.
EXPIRING_WITHIN_DAYS = 30

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_NUMBER_RUN = re.compile(r"\d(?:[\s.\-]?\d)+")
_LOCAL_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def looks_identifying(label: str) -> bool:
    """True when a subject label holds an email address or a long number (phone, ID, MRN).

    Dates such as "2026-07-15" (8 digits) pass; a run of 9 or more digits does not.
    """
    text = label.translate(_LOCAL_DIGITS)
    if _EMAIL.search(text):
        return True
    return any(sum(ch.isdigit() for ch in run.group()) >= 9 for run in _NUMBER_RUN.finditer(text))


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_workspace(self, workspace: Any) -> ConsentQuerySet:
        return self.filter(workspace=workspace)

    def revoked(self) -> ConsentQuerySet:
        return self.filter(revoked_at__isnull=False)

    def not_revoked(self) -> ConsentQuerySet:
        return self.filter(revoked_at__isnull=True)

    def active(self, today: dt.date) -> ConsentQuerySet:
        """Neither revoked nor expired (includes those expiring soon)."""
        return self.not_revoked().filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
        )

    def expiring(self, today: dt.date, days: int = EXPIRING_WITHIN_DAYS) -> ConsentQuerySet:
        """Not revoked and expiring between today and ``days`` days from now (inclusive)."""
        return self.not_revoked().filter(
            expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days)
        )

    def expired(self, today: dt.date) -> ConsentQuerySet:
        return self.not_revoked().filter(expires_on__lt=today)

    def with_status(self, status: str, today: dt.date) -> ConsentQuerySet:
        if status == ConsentStatus.ACTIVE:
            return self.active(today)
        if status == ConsentStatus.EXPIRING:
            return self.expiring(today)
        if status == ConsentStatus.EXPIRED:
            return self.expired(today)
        if status == ConsentStatus.REVOKED:
            return self.revoked()
        return self


class Consent(models.Model):
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="consents"
    )
    subject = models.CharField(
        _("subject"),
        max_length=120,
        help_text=_(
            "A label that does not identify the patient, e.g. “Patient story 2026-07”. "
            "The real name stays in the signed form."
        ),
    )
    signed_form = models.FileField(
        _("signed consent form"),
        storage=signed_form_storage,
        upload_to=signed_form_path,
        max_length=200,
        blank=True,
    )
    signed_form_type = models.CharField(max_length=40, blank=True)  # application/pdf, image/...
    signed_form_size = models.PositiveIntegerField(default=0)  # bytes, before encryption
    signed_form_uploaded_at = models.DateTimeField(null=True, blank=True)
    networks = models.JSONField(_("networks"), default=list, blank=True)
    content_kinds = models.JSONField(_("kinds of content"), default=list, blank=True)
    media = models.ManyToManyField(
        "media.MediaItem", blank=True, related_name="consents", verbose_name=_("media items")
    )
    language = models.CharField(
        _("language of the form"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    signed_on = models.DateField(_("date signed"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Linked from the post editor; Post.fingerprint() reads post.consents.
    posts = models.ManyToManyField("content.Post", blank=True, related_name="consents")

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["workspace", "expires_on"], name="consent_ws_expiry")]

    def __str__(self) -> str:
        return self.subject

    # --- validation -------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.subject and looks_identifying(self.subject):
            errors.setdefault("subject", []).append(
                _(
                    "The subject looks like it holds a phone number, an email address or an ID "
                    "number. Use a label that does not identify the patient; the identity "
                    "belongs in the signed form."
                )
            )
        networks = list(self.networks or [])
        kinds = list(self.content_kinds or [])
        if not networks:
            errors.setdefault("networks", []).append(_("Choose at least one network."))
        unknown = sorted(set(map(str, networks)) - set(Network.values))
        if unknown:
            errors.setdefault("networks", []).append(
                _("Unknown network: %(names)s.") % {"names": ", ".join(unknown)}
            )
        if not kinds:
            errors.setdefault("content_kinds", []).append(_("Choose at least one kind of content."))
        unknown = sorted(set(map(str, kinds)) - set(ContentKind.values))
        if unknown:
            errors.setdefault("content_kinds", []).append(
                _("Unknown kind of content: %(names)s.") % {"names": ", ".join(unknown)}
            )
        if (
            isinstance(self.signed_on, dt.date)
            and isinstance(self.expires_on, dt.date)
            and self.expires_on <= self.signed_on
        ):
            errors.setdefault("expires_on", []).append(
                _("The expiry date must be after the date the form was signed.")
            )
        if (
            isinstance(self.signed_on, dt.date)
            and self.workspace_id
            and self.signed_on > self.workspace_today()
        ):
            errors.setdefault("signed_on", []).append(
                _("The signing date cannot be in the future.")
            )
        if errors:
            raise ValidationError(errors)
        # Keep the stored lists tidy: unique, in a stable order.
        self.networks = [n for n in Network.values if n in networks]
        self.content_kinds = [k for k in ContentKind.values if k in kinds]

    # --- state ------------------------------------------------------------------
    def workspace_today(self) -> dt.date:
        from zoneinfo import ZoneInfo

        from django.utils import timezone

        return timezone.localdate(timezone=ZoneInfo(self.workspace.timezone))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def status(self, today: dt.date) -> ConsentStatus:
        if self.revoked_at is not None:
            return ConsentStatus.REVOKED
        if self.expires_on is not None:
            if self.expires_on < today:
                return ConsentStatus.EXPIRED
            if self.expires_on <= today + dt.timedelta(days=EXPIRING_WITHIN_DAYS):
                return ConsentStatus.EXPIRING
        return ConsentStatus.ACTIVE

    def is_live(self, today: dt.date) -> bool:
        return self.status(today) in (ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)

    @property
    def has_signed_form(self) -> bool:
        return bool(self.signed_form)

    def network_labels(self) -> list[str]:
        return [str(label) for value, label in Network.choices if value in self.networks]

    def kind_labels(self) -> list[str]:
        return [str(label) for value, label in ContentKind.choices if value in self.content_kinds]

    def to_fact(self, today: dt.date) -> ConsentFact:
        """What the Trust Gate's consent rules (CON2xx) need to know about this record.

        Media are named by their primary key as a string, the id the post editor gives
        the engine for each media item. A consent whose signing date is still ahead of
        ``today`` is not yet in force and is handed over as not live (revoked).
        """
        media_ids = {str(item.pk) for item in self.media.all()} if self.pk is not None else set()
        not_yet_signed = isinstance(self.signed_on, dt.date) and self.signed_on > today
        return ConsentFact(
            label=self.subject,
            networks=frozenset(map(str, self.networks or ())),
            content_kinds=frozenset(map(str, self.content_kinds or ())),
            media_ids=frozenset(media_ids),
            expires=self.expires_on,
            revoked=self.revoked_at is not None or not_yet_signed,
        )


class TakedownStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TakedownRequest(models.Model):
    """A published post to delete from its networks because its consent was revoked.

    Created by :func:`nabz.consent.services.revoke`; the publishing worker deletes
    the post and reports back with :func:`nabz.consent.services.finish_takedown`.
    """

    post = models.ForeignKey(
        "content.Post", on_delete=models.CASCADE, related_name="takedown_requests"
    )
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="takedowns")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TakedownStatus.choices,
        default=TakedownStatus.PENDING,
        db_index=True,
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "consent"], name="one_takedown_per_post")
        ]

    def __str__(self) -> str:
        return f"Takedown of post {self.post_id} (consent {self.consent_id})"
