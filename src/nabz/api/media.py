"""Media library API (B5): list and search, read, upload, edit alt text and flags, delete.

Same role table as the pages: VIEW_WORKSPACE to read, MANAGE_MEDIA to change.
Upload is multipart/form-data (field ``file`` plus the text fields) and goes
through the same checks and metadata stripping as the UI. Bad input gets 422 with
the field and the reason; deleting an image that a post uses gets 409.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from pydantic import StringConstraints

from nabz.api.base import workspace_for
from nabz.api.validation import CONFLICT, MAX_OFFSET, FormBool, In, PathId, invalid
from nabz.media import services
from nabz.media.forms import rejection_message
from nabz.media.models import ALT_LANGUAGES, ALT_TEXT_MAX, MediaItem, trust_metadata
from nabz.media.processing import MAX_BYTES, ImageRejected, clean_image
from nabz.media.queries import library, with_usage
from nabz.workspaces.roles import Action

LanguageCode = Literal["en", "ar", "fa"]
AltText = Annotated[str, StringConstraints(max_length=ALT_TEXT_MAX)]


ERRORS = CONFLICT


class MediaOut(Schema):
    id: int
    title: str
    alt_text: dict[str, str] = Field(description="Alt text per language (en, ar, fa)")
    missing_alt_text: list[str] = Field(description="Languages without alt text")
    identifiable_person: bool
    description: str
    format: str
    width: int
    height: int
    size_bytes: int
    url: str
    thumbnail_url: str
    stripped_metadata: dict[str, Any] = Field(
        description="What the original file carried and was removed on upload (facts only)"
    )
    trust_metadata: dict[str, str] = Field(
        description="The same facts as the Trust Gate sees them, e.g. {'gps': 'present'}"
    )
    post_count: int
    uploaded_by: str | None
    created_at: datetime
    updated_at: datetime


class MediaListOut(Schema):
    count: int
    items: list[MediaOut]


class MediaPatch(In):
    title: str | None = Field(None, max_length=200)
    alt_text: dict[LanguageCode, AltText] | None = Field(
        None,
        description="Merged per language: {'fa': '...'} leaves en and ar as they are; "
        "an empty string removes that language's text.",
    )
    identifiable_person: bool | None = None
    description: str | None = Field(None, max_length=5000)


class DeletedOut(Schema):
    id: int
    deleted: bool


router = Router(tags=["media"])
NOT_FLAGGED = Form(False)  # (a module-level default: Ninja keeps it with the validator)


def _out(request: HttpRequest, item: MediaItem) -> MediaOut:
    post_count = getattr(item, "post_count", None)
    return MediaOut(
        id=item.pk,
        title=item.title,
        alt_text=dict(item.alt_text or {}),
        missing_alt_text=item.missing_alt_languages,
        identifiable_person=item.identifiable_person,
        description=item.description,
        format=item.format,
        width=item.width,
        height=item.height,
        size_bytes=item.size_bytes,
        url=request.build_absolute_uri(item.file.url) if item.file else "",
        thumbnail_url=request.build_absolute_uri(item.thumbnail_url) if item.file else "",
        stripped_metadata=dict(item.stripped_metadata or {}),
        trust_metadata=trust_metadata(item.stripped_metadata),
        post_count=item.posts.count() if post_count is None else post_count,
        uploaded_by=item.uploaded_by.get_username() if item.uploaded_by else None,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


@router.get("", response={200: MediaListOut, **ERRORS})
def list_media(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    slug: str = Path(...),
    q: str = Query("", max_length=200, description="Words in the title, alt text or notes"),
    identifiable_person: bool | None = Query(None),
    missing_alt: Literal["any", "en", "ar", "fa"] | None = Query(
        None, description="'any': no alt text at all; a language: no alt text in it"
    ),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """The workspace's images, newest first, with search and filters."""
    ws, _role = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    items = library(ws, q=q, identifiable_person=identifiable_person, missing_alt=missing_alt or "")
    page = with_usage(items).select_related("uploaded_by")[offset : offset + limit]
    return MediaListOut(count=items.count(), items=[_out(request, item) for item in page])


@router.get("/{media_id}", response={200: MediaOut, **ERRORS})
def get_media(request: HttpRequest, media_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _role = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    return _out(request, get_object_or_404(MediaItem, workspace=ws, pk=media_id))


@router.post("", response={201: MediaOut, **ERRORS})
def upload_media(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    file: File[UploadedFile],
    slug: str = Path(...),
    title: Form[str] = "",
    alt_en: Form[str] = "",
    alt_ar: Form[str] = "",
    alt_fa: Form[str] = "",
    identifiable_person: FormBool = NOT_FLAGGED,
    description: Form[str] = "",
):
    """Upload an image (multipart/form-data): JPEG, PNG, WebP or GIF, up to 10 MB and
    8,000 pixels per side. Location, serial numbers and all other metadata are removed;
    ``stripped_metadata`` in the answer says what the file carried."""
    ws, _role = workspace_for(request, slug, Action.MANAGE_MEDIA)
    errors: dict[str, str] = {}
    if len(title) > 200:
        errors["title"] = "At most 200 characters."
    for lang, text in (("en", alt_en), ("ar", alt_ar), ("fa", alt_fa)):
        if len(text) > ALT_TEXT_MAX:
            errors[f"alt_{lang}"] = f"At most {ALT_TEXT_MAX} characters."
    if len(description) > 5000:
        errors["description"] = "At most 5000 characters."
    clean = None
    try:
        if file.size is not None and file.size > MAX_BYTES:
            raise ImageRejected("too_large", "too large", limit_mb=MAX_BYTES // (1024 * 1024))
        clean = clean_image(file)
    except ImageRejected as error:
        errors["file"] = rejection_message(error)
    if errors or clean is None:
        raise invalid(errors, where="form")
    details = services.MediaDetails(
        title=title,
        alt_text={"en": alt_en, "ar": alt_ar, "fa": alt_fa},
        identifiable_person=identifiable_person,
        description=description,
    )
    item = services.store(ws, clean, details, actor=request.auth, via="api")  # type: ignore[attr-defined]
    return Status(201, _out(request, item))


@router.patch("/{media_id}", response={200: MediaOut, **ERRORS})
def update_media(  # type: ignore[no-untyped-def]
    request: HttpRequest, media_id: PathId, body: MediaPatch, slug: str = Path(...)
):
    """Change the title, alt text (per language), the identifiable-person flag or notes."""
    ws, role = workspace_for(request, slug, Action.MANAGE_MEDIA)
    item = get_object_or_404(MediaItem, workspace=ws, pk=media_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("alt_text") is not None:
        changes["alt_text"] = {k: v for k, v in changes["alt_text"].items() if k in ALT_LANGUAGES}
    try:
        services.update(item, changes, actor=request.auth, role=role, via="api")  # type: ignore[attr-defined]
    except services.PersonFlagLocked as locked:
        raise HttpError(403, str(locked)) from locked
    return _out(request, item)


@router.delete("/{media_id}", response={200: DeletedOut, **ERRORS})
def delete_media(request: HttpRequest, media_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    """Delete an image; refused with 409 while any post uses it."""
    ws, _role = workspace_for(request, slug, Action.MANAGE_MEDIA)
    item = get_object_or_404(MediaItem, workspace=ws, pk=media_id)
    try:
        services.delete(item, actor=request.auth, via="api")  # type: ignore[attr-defined]
    except services.MediaInUse as in_use:
        raise HttpError(
            409,
            f"This image is used by {in_use.post_count} post(s); remove it from them first.",
        ) from in_use
    return DeletedOut(id=media_id, deleted=True)


__all__ = ["MediaOut", "MediaPatch", "router"]
