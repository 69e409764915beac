"""What changes consents: attach a signed form, revoke (with takedowns), finish a takedown.

Every change writes its audit entry in the same transaction. Audit payloads hold
ids, scopes and counts only: never the subject label, the reason text or the form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nabz.audit import record
from nabz.consent.files import CheckedForm, decrypt, encrypt
from nabz.consent.models import Consent, TakedownRequest, TakedownStatus
from nabz.content.models import Notification, State
from nabz.workspaces.models import Membership
from nabz.workspaces.roles import Role


class AlreadyRevoked(Exception):
    """The consent was revoked before; revocation happens once."""


def workspace_today(workspace: Any) -> dt.date:
    return timezone.localdate(timezone=ZoneInfo(workspace.timezone))


def expiring_consents(workspace: Any, days: int = 30, today: dt.date | None = None) -> Any:
    """Consents of ``workspace`` that are not revoked and expire within ``days`` days.

    Soonest first; today's date is the workspace's. For the dashboard.
    """
    today = today or workspace_today(workspace)
    return Consent.objects.in_workspace(workspace).expiring(today, days).order_by("expires_on")


def scope_payload(consent: Consent) -> dict[str, Any]:
    """The audit facts of a consent's scope: no label, no dates, no identity."""
    return {
        "networks": list(consent.networks),
        "content_kinds": list(consent.content_kinds),
        "media": sorted(consent.media.values_list("pk", flat=True)),
        "language": consent.language,
        "expires": consent.expires_on is not None,
    }


def store_signed_form(consent: Consent, form: CheckedForm) -> None:
    """Encrypt and store ``form`` as the consent's signed form (the caller saves and audits).

    A replaced file is deleted once the transaction commits.
    """
    old_name = consent.signed_form.name if consent.signed_form else ""
    consent.signed_form.save("form", ContentFile(encrypt(form.content)), save=False)
    consent.signed_form_type = form.content_type
    consent.signed_form_size = len(form.content)
    consent.signed_form_uploaded_at = timezone.now()
    if old_name:
        storage = consent.signed_form.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def discard_signed_form_on_rollback(consent: Consent) -> None:
    """Delete a just-written file if the transaction that wrote it did not commit."""
    if consent.signed_form:
        consent.signed_form.storage.delete(consent.signed_form.name)


def read_signed_form(consent: Consent) -> bytes:
    with consent.signed_form.open("rb") as handle:
        return decrypt(handle.read())


@dataclass
class Revocation:
    consent: Consent
    takedowns: list[TakedownRequest] = field(default_factory=list)
    notified: list[Any] = field(default_factory=list)


def revoke(consent: Consent, *, by: Any, reason: str) -> Revocation:
    """Revoke ``consent``: one transaction marks it revoked, asks for a takedown of every
    published post that relied on it, notifies the workspace's compliance officers and
    writes ``consent.revoked`` to the audit log.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a revocation needs a written reason")
    with transaction.atomic():
        locked = Consent.objects.select_for_update().select_related("workspace").get(pk=consent.pk)
        if locked.revoked_at is not None:
            raise AlreadyRevoked(str(locked.pk))
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
        published = locked.posts.filter(state=State.PUBLISHED).order_by("pk")
        takedowns = [
            TakedownRequest.objects.create(post=post, consent=locked) for post in published
        ]
        officers = _compliance_officers(locked.workspace)
        _notify(officers, locked, len(takedowns))
        record(
            "consent.revoked",
            actor=by,
            workspace=locked.workspace,
            obj=locked,
            payload={
                "takedown_requests": [t.pk for t in takedowns],
                "posts": [t.post_id for t in takedowns],
                "linked_posts": locked.posts.count(),
                "notified": len(officers),
            },
        )
    consent.refresh_from_db()
    return Revocation(consent=consent, takedowns=takedowns, notified=officers)


def _compliance_officers(workspace: Any) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            workspace=workspace, role=Role.COMPLIANCE_OFFICER
        ).select_related("user")
    ]


def _notify(users: list[Any], consent: Consent, takedowns: int) -> None:
    url = reverse("consent_detail", kwargs={"ws": consent.workspace.slug, "pk": consent.pk})
    notes = []
    for user in users:
        notes.append(
            Notification.saying(
                "Consent “%(subject)s” was revoked: %(count)d published post needs a takedown.",
                {"subject": consent.subject, "count": takedowns},
                plural="Consent “%(subject)s” was revoked: %(count)d published posts need a "
                "takedown.",
                user=user,
                workspace=consent.workspace,
                url=url,
            )
        )
    Notification.objects.bulk_create(notes)


def finish_takedown(
    takedown: TakedownRequest, *, status: str, note: str = "", actor: Any = None
) -> TakedownRequest:
    """Record the outcome of a takedown (for the publishing worker): done or failed."""
    if status not in (TakedownStatus.DONE, TakedownStatus.FAILED):
        raise ValueError(f"a takedown finishes as done or failed, not {status!r}")
    with transaction.atomic():
        takedown.status = status
        takedown.note = note
        takedown.save(update_fields=["status", "note", "updated_at"])
        record(
            f"consent.takedown_{status}",
            actor=actor or "system:publisher",
            workspace=takedown.consent.workspace,
            obj=takedown,
            payload={"post": takedown.post_id, "consent": takedown.consent_id},
        )
    return takedown


__all__ = [
    "AlreadyRevoked",
    "Revocation",
    "expiring_consents",
    "finish_takedown",
    "read_signed_form",
    "revoke",
    "store_signed_form",
    "workspace_today",
]
