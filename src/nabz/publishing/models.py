"""Connected accounts and publications (C1, C2, C4).

A :class:`Publication` is one variant going out on one account. It is created
with its idempotency key before any call to the network, and moves through
``queued → sending → sent`` (or ``failed``), with ``unknown`` when a call's
outcome could not be seen (the next attempt looks the post up before sending
again). Takedown moves a sent publication through ``deleting → deleted``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabz.content.models import Network
from nabz.publishing import crypto
from nabz.publishing.connectors.base import Credentials


class Account(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Connected")
        NEEDS_RECONNECT = "needs_reconnect", _("Needs reconnecting")
        DISABLED = "disabled", _("Disabled")

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="accounts"
    )
    network = models.CharField(_("network"), max_length=16, choices=Network.choices)
    name = models.CharField(_("name"), max_length=200)
    handle = models.CharField(_("handle"), max_length=200, blank=True)
    remote_id = models.CharField(max_length=200, blank=True)  # page id, DID, URN...
    api_base = models.CharField(max_length=300, blank=True)  # empty: the network's default
    sealed_secrets = models.TextField(blank=True)  # Fernet token of the credentials
    token_expires_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.CharField(max_length=500, blank=True)
    options = models.JSONField(default=dict, blank=True)  # e.g. {"max_characters": 500}
    # Rate limiting: the network asked us to wait until then (429 Retry-After).
    next_allowed_at = models.DateTimeField(null=True, blank=True)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["network", "name"]

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.name}"

    def credentials(self) -> Credentials:
        data = crypto.unseal(self.sealed_secrets)
        expires = data.get("expires_at")
        return Credentials(
            access_token=data.get("access_token", ""),
            refresh_token=data.get("refresh_token", ""),
            expires_at=dt.datetime.fromisoformat(expires) if expires else None,
            account_id=self.remote_id,
            handle=self.handle,
            api_base=self.api_base,
            extra=data.get("extra", {}),
        )

    def store_credentials(self, credentials: Credentials) -> None:
        """Seal new credentials on the instance (the caller saves it)."""
        self.sealed_secrets = crypto.seal(
            {
                "access_token": credentials.access_token,
                "refresh_token": credentials.refresh_token,
                "expires_at": credentials.expires_at.isoformat()
                if credentials.expires_at
                else None,
                "extra": credentials.extra,
            }
        )
        self.token_expires_at = credentials.expires_at
        if credentials.account_id:
            self.remote_id = credentials.account_id
        if credentials.handle:
            self.handle = credentials.handle


def new_idempotency_key() -> str:
    return f"nabz-{uuid.uuid4().hex}"


class Publication(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to publish")
        SENDING = "sending", _("Publishing")
        UNKNOWN = "unknown", _("Checking whether it went out")
        SENT = "sent", _("Published")
        FAILED = "failed", _("Failed")
        DELETING = "deleting", _("Being taken down")
        DELETED = "deleted", _("Taken down")
        DELETE_FAILED = "delete_failed", _("Could not be taken down")
        # No connected account for the network when the post was due: nothing was sent,
        # and nothing failed. Retry (after connecting one) or drop the network.
        HELD = "held", _("Held back: no connected account")
        DROPPED = "dropped", _("Dropped")

    post = models.ForeignKey("content.Post", on_delete=models.CASCADE, related_name="publications")
    variant = models.ForeignKey(
        "content.Variant", on_delete=models.SET_NULL, null=True, related_name="publications"
    )
    network = models.CharField(max_length=16, choices=Network.choices)
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, null=True, related_name="publications"
    )
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_idempotency_key)
    text = models.TextField()  # exactly what was sent, frozen when queued
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    lease_until = models.DateTimeField(null=True, blank=True)  # a worker holds it until then
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # The queue's id for the task handed over at enqueued_at ("" when none is out): the
    # dispatcher asks the queue about it, so a task that ended without running the
    # attempt (its queue restarted under it) is handed over again at once.
    task_id = models.CharField(max_length=64, blank=True, default="")
    last_error = models.CharField(max_length=500, blank=True)
    error_permanent = models.BooleanField(default=False)
    remote_id = models.CharField(max_length=2000, blank=True)  # a thread: its parts' ids
    remote_url = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    metrics_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post_id", "network"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "account"], name="one_publication_per_account"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="publication_due")]

    def __str__(self) -> str:
        return f"{self.post_id} on {self.network} ({self.state})"

    @property
    def live(self) -> bool:
        """Published and not taken down: what a takedown would remove."""
        return self.state == self.State.SENT

    @property
    def removed(self) -> bool:
        """Deleted from the network by a takedown."""
        return self.state == self.State.DELETED

    @property
    def being_removed(self) -> bool:
        return self.state == self.State.DELETING

    @property
    def retryable(self) -> bool:
        """Failed on a connected account, or held back for want of one: trying again can help
        (a held one goes out once its network has an account)."""
        return (
            self.state == self.State.FAILED and self.account_id is not None
        ) or self.state == self.State.HELD

    @property
    def droppable(self) -> bool:
        """Failed or held back: the post may give up on this network."""
        return self.state in (self.State.FAILED, self.State.HELD)

    @property
    def badge(self) -> str:
        """The style of the state's badge on a post's page (published, failed or waiting)."""
        if self.state == self.State.SENT:
            return "published"
        if self.state in (self.State.FAILED, self.State.DELETE_FAILED):
            return "failed"
        if self.state == self.State.HELD:
            return "held"
        return "in_review"

    @property
    def done(self) -> bool:
        return self.state in (
            self.State.SENT,
            self.State.FAILED,
            self.State.DELETED,
            self.State.DELETE_FAILED,
            self.State.HELD,
            self.State.DROPPED,
        )


class SandboxPost(models.Model):
    """What the built-in Sandbox network received: a feed anyone can look at."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="sandbox_posts")
    idempotency_key = models.CharField(max_length=64, unique=True)
    text = models.TextField()
    media: Any = models.JSONField(default=list, blank=True)  # [{"filename", "alt_text"}]
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class SandboxComment(models.Model):
    """A comment, mention or message on the Sandbox network: what the inbox reads from it,
    and our replies to them (``from_us``). The demo's trickle of visitors writes here."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("comment")
        MENTION = "mention", _("mention")
        DM = "dm", _("message")

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="sandbox_comments")
    post = models.ForeignKey(
        SandboxPost, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    author_id = models.CharField(max_length=100)
    author_handle = models.CharField(max_length=100)
    author_name = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    from_us = models.BooleanField(default=False)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
