"""Writing audit entries: numbering, chaining, signing and serialising concurrent writers."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, models, router, transaction
from django.utils import timezone

from nabz.audit.canonical import GENESIS_HASH
from nabz.audit.keys import AuditKey, audit_keys, find_key
from nabz.audit.models import AuditEntry, AuditHead
from nabz.audit.payload import clean_payload

ACTION = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$")


def record(
    action: str,
    *,
    actor: Any = None,
    workspace: Any = None,
    obj: Any = None,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log, inside the caller's transaction.

    ``action`` is a short dotted name such as ``"post.approved"``. ``actor`` is a
    user (an anonymous user or ``None`` records no actor; a string records a
    system actor such as ``"system:scheduler"``). ``workspace`` is a Workspace.
    ``obj`` is the model instance acted on, or an ``(object_type, object_id)``
    pair. ``payload`` holds short facts: ids, old and new values, counts.

    NEVER put passwords, tokens, secrets or patient information (PHI: message or
    post text, names, phone numbers, diagnoses) in ``payload``: the log is kept
    for years, exported and shown to compliance officers. Refer to content by id.
    As a safety net, keys that look like credentials (password, token, secret,
    api_key, ...) are dropped, at any depth. Values must be JSON-able; dates,
    datetimes, UUIDs and Decimals are converted, anything else raises TypeError.

    The entry commits or rolls back with the caller's transaction. Writers are
    serialised on the chain head (a row lock on PostgreSQL, the database write
    lock on SQLite), which is held until the caller's transaction ends: call
    ``record`` as the transaction's last write and keep the transaction short.
    """
    if not isinstance(action, str) or len(action) > 64 or not ACTION.match(action):
        raise ValueError(
            f"audit action must be a short dotted lowercase name like 'post.approved', "
            f"not {action!r}"
        )
    clean = clean_payload(payload)
    actor_user, actor_ref, actor_label = _actor(actor)
    workspace_obj, workspace_ref, workspace_label = _workspace(workspace)
    object_type, object_id = _object(obj)

    using = router.db_for_write(AuditEntry)
    with transaction.atomic(using=using):
        head = _lock_head(using)
        created_at = timezone.now()
        # Times never run backwards along the chain, even if a server's clock does.
        if head.last_created_at is not None and created_at < head.last_created_at:
            created_at = head.last_created_at
        entry = AuditEntry(
            sequence=head.last_sequence + 1,
            created_at=created_at,
            actor=actor_user,
            actor_ref=actor_ref,
            actor_label=actor_label,
            workspace=workspace_obj,
            workspace_ref=workspace_ref,
            workspace_label=workspace_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload=clean,
            prev_hash=head.last_hash,
            key_id=_choose_key(head, using).id,
        )
        entry.hash = entry.compute_hash()
        entry.save(using=using)
        head.last_sequence = entry.sequence
        head.last_hash = entry.hash
        head.last_created_at = created_at
        head.last_key_id = entry.key_id
        head.save(
            using=using,
            update_fields=["last_sequence", "last_hash", "last_created_at", "last_key_id"],
        )
    return entry


def _choose_key(head: AuditHead, using: str) -> AuditKey:
    """The newest key, unless the chain has already moved on from it.

    Along the chain a key, once replaced, never signs again (verify() reports it:
    a leaked retired key must not let anyone append). During a rolling restart
    that moves a new key to the front, a process still configured with the old
    order would sign with a retired key; it signs with the chain's current key
    instead, which it holds for verification.
    """
    newest = audit_keys()[0]
    if not head.last_key_id or head.last_key_id == newest.id:
        return newest
    current = find_key(head.last_key_id)
    if current is not None and (AuditEntry.objects.using(using).filter(key_id=newest.id).exists()):
        return current
    return newest


def _lock_head(using: str) -> AuditHead:
    """The chain head, locked until the end of the outermost transaction.

    The row is created by the migration; if it is missing (a flushed test
    database) it is recreated from the last entry, racing writers settling on one.
    """
    heads = AuditHead.objects.using(using).select_for_update()
    try:
        return heads.get(pk=AuditHead.SINGLETON_ID)
    except AuditHead.DoesNotExist:
        pass
    last = AuditEntry.objects.using(using).order_by("-sequence").first()
    try:
        with transaction.atomic(using=using):
            AuditHead.objects.using(using).create(
                pk=AuditHead.SINGLETON_ID,
                last_sequence=last.sequence if last else 0,
                last_hash=last.hash if last else GENESIS_HASH,
                last_created_at=last.created_at if last else None,
                last_key_id=last.key_id if last else "",
            )
    except IntegrityError:
        pass  # another writer created it first
    return heads.get(pk=AuditHead.SINGLETON_ID)


def _actor(actor: Any) -> tuple[Any, str, str]:
    if actor is None:
        return None, "", ""
    if isinstance(actor, str):
        return None, "", actor[:150]
    if isinstance(actor, AnonymousUser):
        return None, "", ""
    if not isinstance(actor, get_user_model()):
        raise TypeError(f"audit actor must be a user, a string or None, not {type(actor).__name__}")
    if actor.pk is None:
        raise ValueError("audit actor must be saved first")
    return actor, str(actor.pk), actor.get_username()[:150]


def _workspace(workspace: Any) -> tuple[Any, str, str]:
    if workspace is None:
        return None, "", ""
    workspace_model = apps.get_model("workspaces", "Workspace")
    if not isinstance(workspace, workspace_model):
        raise TypeError(f"audit workspace must be a Workspace, not {type(workspace).__name__}")
    if workspace.pk is None:
        raise ValueError("audit workspace must be saved first")
    label = getattr(workspace, "name", "") or str(workspace)
    return workspace, str(workspace.pk), label[:200]


def _object(obj: Any) -> tuple[str, str]:
    if obj is None:
        return "", ""
    if isinstance(obj, models.Model):
        if obj.pk is None:
            raise ValueError("audit obj must be saved first (it has no primary key)")
        return obj._meta.label_lower, str(obj.pk)
    if isinstance(obj, tuple) and len(obj) == 2:
        return str(obj[0])[:100], str(obj[1])[:64]
    raise TypeError(
        f"audit obj must be a model instance or an (object_type, object_id) pair, "
        f"not {type(obj).__name__}"
    )
