"""The audit log: an append-only, HMAC-chained table and the one-row chain head.

Write entries only with :func:`nabz.audit.record`; it numbers, chains and signs
them with the audit key (kept outside the database, see nabz.audit.keys). The ORM
refuses to change or delete an entry. Raw SQL can, but cannot re-sign what it
changed, and :func:`nabz.audit.verify` then names the first entry that no longer
fits; a cut tail shows against a signed checkpoint (nabz.audit.checkpoints).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nabz.audit.canonical import GENESIS_HASH, compute_hash, entry_fields
from nabz.audit.keys import find_key


class ImmutableAuditEntry(Exception):
    """Raised on any attempt to change or delete audit entries through the ORM."""


def _refuse(what: str) -> NoReturn:
    raise ImmutableAuditEntry(
        f"audit entries are append-only: {what} is not allowed (write new entries with "
        "nabz.audit.record)"
    )


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("QuerySet.update()")

    def delete(self) -> NoReturn:
        _refuse("QuerySet.delete()")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> NoReturn:
        _refuse("bulk_update()")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("bulk_create() (entries must be chained one by one)")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("update_or_create()")


class AuditEntry(models.Model):
    # Deleting a user or workspace nulls these foreign keys through Django's plain
    # base manager; the labels and the *_ref copies keep who and where, and only
    # the copies are hashed, so the chain survives the deletion.
    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_ref = models.CharField(_("actor id"), max_length=64, blank=True, editable=False)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True, editable=False)
    workspace = models.ForeignKey(
        "workspaces.Workspace",
        verbose_name=_("workspace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    workspace_ref = models.CharField(_("workspace id"), max_length=64, blank=True, editable=False)
    workspace_label = models.CharField(_("workspace"), max_length=200, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=64, db_index=True, editable=False)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, editable=False)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, editable=False)
    payload = models.JSONField(_("details"), default=dict, blank=True, editable=False)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)
    key_id = models.CharField(_("key id"), max_length=16, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ("view",)  # no add/change/delete permissions to grant
        indexes = [
            models.Index(fields=["workspace", "created_at"], name="audit_workspace_time"),
            models.Index(fields=["actor", "created_at"], name="audit_actor_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("saving an existing entry")
        if not self.hash or self.hash != self.compute_hash():
            raise ValueError("audit entries are written by nabz.audit.record(), which chains them")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete()")

    def canonical(self) -> dict[str, Any]:
        """The hashed fields, in the form the hash covers (see nabz.audit.canonical)."""
        return entry_fields(self)

    def compute_hash(self) -> str:
        """The HMAC under the key named by ``key_id``; "" when no configured key has that id."""
        key = find_key(self.key_id)
        return compute_hash(self.canonical(), key.secret) if key else ""


class AuditHead(models.Model):
    """The chain's head: one row, locked by every writer so the chain never forks.

    It also remembers the last entry, so entries cut off the end of the table
    are noticed by verify().
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    last_created_at = models.DateTimeField(null=True, blank=True)
    last_key_id = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"audit head at #{self.last_sequence}"
