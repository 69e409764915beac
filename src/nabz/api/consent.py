"""Consent registry API (B4): list, register, read and revoke consents.

Same role table as the pages: VIEW_CONSENT to read, MANAGE_CONSENT to register and
revoke. The signed form is uploaded in the UI only; the API says whether one is on
file and never serves it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from nabz.api.base import workspace_for
from nabz.api.schemas import NetworkName
from nabz.api.validation import CONFLICT, Id, In, IsoDate, PathId, invalid
from nabz.audit import record
from nabz.consent.models import Consent, ConsentStatus
from nabz.consent.services import AlreadyRevoked, revoke, scope_payload, workspace_today
from nabz.media.models import MediaItem
from nabz.workspaces.roles import Action

ContentKindName = Literal["story", "photo", "video", "quote"]
LanguageCode = Literal["en", "ar", "fa"]
StatusName = Literal["active", "expiring", "expired", "revoked"]


class ConsentIn(In):
    subject: str = Field(
        ...,
        min_length=1,
        max_length=120,
        description="A pseudonymous label, never the patient's name.",
    )
    networks: list[NetworkName] = Field(..., min_length=1)
    content_kinds: list[ContentKindName] = Field(..., min_length=1)
    media_ids: list[Id] = Field(
        default_factory=list, max_length=100, description="Media items of the workspace"
    )
    language: LanguageCode = "en"
    signed_on: IsoDate
    expires_on: IsoDate | None = None


class RevokeIn(In):
    reason: str = Field(..., min_length=1, max_length=2000)


class TakedownOut(Schema):
    id: int
    post_id: int
    status: str
    note: str
    created_at: dt.datetime


class ConsentOut(Schema):
    id: int
    subject: str
    status: StatusName
    networks: list[str]
    content_kinds: list[str]
    media_ids: list[int]
    post_ids: list[int]
    language: str
    signed_on: dt.date
    expires_on: dt.date | None
    has_signed_form: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    revoked_by: str | None
    revocation_reason: str
    takedowns: list[TakedownOut]


ERRORS = CONFLICT

router = Router(tags=["consent"])


def _out(consent: Consent, today: dt.date) -> ConsentOut:
    return ConsentOut(
        id=consent.pk,
        subject=consent.subject,
        status=consent.status(today).value,  # type: ignore[arg-type]
        networks=list(consent.networks),
        content_kinds=list(consent.content_kinds),
        media_ids=sorted(item.pk for item in consent.media.all()),
        post_ids=sorted(post.pk for post in consent.posts.all()),
        language=consent.language,
        signed_on=consent.signed_on,
        expires_on=consent.expires_on,
        has_signed_form=consent.has_signed_form,
        created_at=consent.created_at,
        revoked_at=consent.revoked_at,
        revoked_by=consent.revoked_by.get_username() if consent.revoked_by else None,
        revocation_reason=consent.revocation_reason,
        takedowns=[
            TakedownOut(
                id=t.pk, post_id=t.post_id, status=t.status, note=t.note, created_at=t.created_at
            )
            for t in consent.takedowns.all()
        ],
    )


def _queryset(workspace: Any) -> Any:
    return (
        Consent.objects.in_workspace(workspace)
        .select_related("revoked_by")
        .prefetch_related("media", "posts", "takedowns")
    )


@router.get("", response={200: list[ConsentOut], **ERRORS})
def list_consents(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    slug: str = Path(...),
    status: StatusName | None = None,
    q: str | None = Query(None, max_length=120, description="Search in the subject label"),
):
    """The workspace's consents, newest signature first.

    ``status``: active (neither revoked nor expired), expiring (within 30 days),
    expired or revoked. ``q``: words in the subject label.
    """
    ws, _role = workspace_for(request, slug, Action.VIEW_CONSENT)
    today = workspace_today(ws)
    consents = _queryset(ws)
    if status:
        consents = consents.with_status(status, today)
    if q and q.strip():
        consents = consents.filter(subject__icontains=q.strip())
    return [_out(c, today) for c in consents]


@router.post("", response={201: ConsentOut, **ERRORS})
def create_consent(request: HttpRequest, body: ConsentIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    """Register a consent. Upload its signed form afterwards on the consent's page."""
    ws, _role = workspace_for(request, slug, Action.MANAGE_CONSENT)
    media_ids = sorted(set(body.media_ids))
    media = list(MediaItem.objects.filter(workspace=ws, pk__in=media_ids))
    if len(media) != len(media_ids):
        missing = sorted(set(media_ids) - {m.pk for m in media})
        raise HttpError(
            404, f"media_ids: no media item with id {', '.join(map(str, missing))} here."
        )
    consent = Consent(
        workspace=ws,
        subject=" ".join(body.subject.split()),
        networks=list(body.networks),
        content_kinds=list(body.content_kinds),
        language=body.language,
        signed_on=body.signed_on,
        expires_on=body.expires_on,
        created_by=request.auth,  # type: ignore[attr-defined]
    )
    try:
        consent.full_clean(exclude=["signed_form"])
    except DjangoValidationError as exc:
        raise invalid(exc.message_dict) from exc
    with transaction.atomic():
        consent.save()
        consent.media.set(media)
        record(
            "consent.created",
            actor=request.auth,  # type: ignore[attr-defined]
            workspace=ws,
            obj=consent,
            payload={**scope_payload(consent), "signed_form": False, "via": "api"},
        )
    return Status(201, _out(consent, workspace_today(ws)))


@router.get("/{consent_id}", response={200: ConsentOut, **ERRORS})
def get_consent(request: HttpRequest, consent_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.VIEW_CONSENT)
    consent = get_object_or_404(_queryset(ws), pk=consent_id)
    return _out(consent, workspace_today(ws))


@router.post("/{consent_id}/revoke", response={200: ConsentOut, **ERRORS})
def revoke_consent(  # type: ignore[no-untyped-def]
    request: HttpRequest, consent_id: PathId, body: RevokeIn, slug: str = Path(...)
):
    """Revoke: takedown requests for every published post, compliance officers notified."""
    ws, _role = workspace_for(request, slug, Action.MANAGE_CONSENT)
    consent = get_object_or_404(Consent, workspace=ws, pk=consent_id)
    if not body.reason.strip():
        raise invalid({"reason": ["Write the reason for the revocation."]})
    try:
        revoke(consent, by=request.auth, reason=body.reason)  # type: ignore[attr-defined]
    except AlreadyRevoked as exc:
        raise HttpError(409, "This consent was already revoked.") from exc
    return _out(_queryset(ws).get(pk=consent.pk), workspace_today(ws))


__all__ = ["ConsentIn", "ConsentOut", "ConsentStatus", "RevokeIn", "router"]
