"""Users, workspaces, memberships, invitations and API tokens (F1, F2, F5)."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabz.workspaces.roles import TWO_FACTOR_REQUIRED, Role


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(tz)s"), params={"tz": value})


class User(AbstractUser):
    language = models.CharField(
        _("interface language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )

    def role_in(self, workspace: Workspace) -> str | None:
        membership = self.memberships.filter(workspace=workspace).only("role").first()
        return membership.role if membership else None

    @property
    def needs_two_factor(self) -> bool:
        """Admins and compliance officers (in any workspace) must use two-factor sign-in."""
        return self.memberships.filter(role__in=TWO_FACTOR_REQUIRED).exists()


class Workspace(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    default_language = models.CharField(
        _("default language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    # The Trust Gate's per-workspace settings (nabz.trust.Settings.from_dict data):
    # rules switched off, severity overrides, the organisation's own public contact
    # details on the allow-list, custom lexicon entries, reading grade target.
    trust_settings = models.JSONField(_("Trust Gate settings"), default=dict, blank=True)
    # Crisis pause: holds every scheduled post of the workspace (C3).
    crisis_paused_at = models.DateTimeField(null=True, blank=True)
    # Target share of each content pillar, e.g. {"education": 40, "patient_story": 10, ...}
    # and the networks the workspace means to post on (for cadence gaps on the calendar).
    target_mix = models.JSONField(_("target content mix"), default=dict, blank=True)
    target_networks = models.JSONField(_("networks posted on"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="one_membership_per_user")
        ]
        ordering = ["workspace__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} as {self.role}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION_LIFETIME = timedelta(days=7)


class Invitation(models.Model):
    """An invitation by link. Only a hash of the link's token is stored."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    @classmethod
    def issue(
        cls, *, workspace: Workspace, email: str, role: str, invited_by: User
    ) -> tuple[Invitation, str]:
        """Create an invitation; returns it with the one-time token for the link."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            workspace=workspace,
            email=email.strip().lower(),
            role=role,
            token_hash=_hash(token),
            invited_by=invited_by,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        return invitation, token

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        invitation = cls.objects.filter(token_hash=_hash(token)).select_related("workspace").first()
        if invitation is None or invitation.accepted_at or invitation.expires_at < timezone.now():
            return None
        return invitation


class ApiToken(models.Model):
    """A per-user API token. The secret is shown once; only its SHA-256 is kept."""

    PREFIX = "nabz_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    lookup = models.CharField(max_length=12, unique=True)  # shown in lists to tell tokens apart
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.PREFIX}{self.lookup}…)"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        lookup = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        token = f"{cls.PREFIX}{lookup}_{secret}"
        return cls.objects.create(
            user=user, name=name, lookup=lookup, token_hash=_hash(token)
        ), token

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        if not raw.startswith(cls.PREFIX):
            return None
        lookup = raw[len(cls.PREFIX) :].split("_", 1)[0]
        token = (
            cls.objects.filter(lookup=lookup, revoked_at__isnull=True)
            .select_related("user")
            .first()
        )
        if token is None or not secrets.compare_digest(token.token_hash, _hash(raw)):
            return None
        if not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
