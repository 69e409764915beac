"""Changing the library: every change in one transaction with its audit entry.

The UI views and the API both call these functions, so the rules (clean every
upload, audit every change, never delete an image a post uses) live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import transaction

from nabz.audit import record
from nabz.media.models import ALT_LANGUAGES, MediaItem
from nabz.media.processing import CleanImage, clean_image
from nabz.media.signals import media_changed
from nabz.workspaces.roles import Action, can

EDITABLE_FIELDS = ("title", "alt_text", "identifiable_person", "description")


class PersonFlagLocked(PermissionError):
    """Only a compliance officer may say that a picture shows no identifiable person."""


class MediaInUse(Exception):
    """The item is attached to posts and cannot be deleted."""

    def __init__(self, post_count: int) -> None:
        super().__init__(f"used by {post_count} post(s)")
        self.post_count = post_count


@dataclass(frozen=True, slots=True)
class MediaDetails:
    title: str = ""
    alt_text: dict[str, str] | None = None
    identifiable_person: bool = False
    description: str = ""


def upload(
    workspace: Any, file: IO[bytes], details: MediaDetails, *, actor: Any, via: str = "ui"
) -> MediaItem:
    """Check, clean and store an upload; raises ``ImageRejected`` for a file we refuse."""
    clean = clean_image(file)
    return store(workspace, clean, details, actor=actor, via=via)


def store(
    workspace: Any, clean: CleanImage, details: MediaDetails, *, actor: Any, via: str = "ui"
) -> MediaItem:
    item = MediaItem(
        workspace=workspace,
        title=details.title.strip(),
        alt_text={k: v for k, v in (details.alt_text or {}).items() if k in ALT_LANGUAGES},
        identifiable_person=details.identifiable_person,
        description=details.description.strip(),
        stripped_metadata=clean.found,
        format=clean.format,
        size_bytes=len(clean.content),
        width=clean.width,
        height=clean.height,
        uploaded_by=actor,
    )
    # Files first (storage is not transactional); removed again if the database write fails.
    item.file.save(f"upload.{clean.extension}", ContentFile(clean.content), save=False)
    item.thumbnail.save("thumb.webp", ContentFile(clean.thumbnail), save=False)
    try:
        with transaction.atomic():
            item.save()
            found = clean.found
            record(
                "media.uploaded",
                actor=actor,
                workspace=workspace,
                obj=item,
                payload={
                    "format": item.format,
                    "width": item.width,
                    "height": item.height,
                    "bytes": item.size_bytes,
                    "identifiable_person": item.identifiable_person,
                    "metadata_removed": found.get("removed", []),
                    "gps_found": bool(found.get("gps")),
                    "serial_found": bool(found.get("serial")),
                    "via": via,
                },
            )
    except Exception:
        _delete_files(item.file.name, item.thumbnail.name)
        raise
    return item


def update(
    item: MediaItem,
    changes: dict[str, Any],
    *,
    actor: Any,
    role: str | None,
    via: str = "ui",
) -> list[str]:
    """Apply ``changes`` (any of :data:`EDITABLE_FIELDS`); returns the names that changed.

    ``alt_text`` is merged per language: {"fa": "..."} leaves en and ar as they were,
    and an empty string removes that language's text. Clearing the "identifiable
    person" flag needs a compliance officer (:class:`PersonFlagLocked` otherwise):
    it is what makes a post with the picture need their review.
    """
    old_flag = item.identifiable_person
    if (
        old_flag
        and changes.get("identifiable_person") is False
        and not can(role, Action.CLEAR_PERSON_FLAG)
    ):
        raise PersonFlagLocked(
            "Only a compliance officer can say that this picture shows no identifiable person."
        )
    changed: list[str] = []
    for name in EDITABLE_FIELDS:
        if name not in changes or changes[name] is None:
            continue
        value = changes[name]
        if name == "alt_text":
            merged = dict(item.alt_text or {})
            for lang, text in dict(value).items():
                if lang in ALT_LANGUAGES:
                    merged[lang] = str(text or "").strip()
            value = {lang: text for lang, text in merged.items() if text}
        elif isinstance(value, str):
            value = value.strip()
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed.append(name)
    if not changed:
        return changed
    with transaction.atomic():
        item.save(update_fields=changed)
        payload: dict[str, Any] = {"fields": changed, "via": via}
        if "alt_text" in changed:
            payload["alt_languages"] = sorted(item.alt_text)
        if item.identifiable_person != old_flag:
            payload.update(flag="identifiable_person", old=old_flag, new=item.identifiable_person)
            action = "media.flag_changed"
        else:
            action = "media.updated"
        # Field names only: titles and alt texts describe pictures and stay out of the log.
        record(action, actor=actor, workspace=item.workspace, obj=item, payload=payload)
        media_changed.send(sender=MediaItem, item=item, actor=actor)
    return changed


def delete(item: MediaItem, *, actor: Any, via: str = "ui") -> None:
    """Delete an item no post uses; raises :class:`MediaInUse` otherwise."""
    with transaction.atomic():
        locked = MediaItem.objects.select_for_update().get(pk=item.pk)
        in_use = locked.posts.count()
        if in_use:
            raise MediaInUse(in_use)
        names = (locked.file.name, locked.thumbnail.name)
        ref = (locked._meta.label_lower, str(locked.pk))
        workspace = locked.workspace
        locked.delete()
        record(
            "media.deleted",
            actor=actor,
            workspace=workspace,
            obj=ref,
            payload={"format": locked.format, "via": via},
        )
        transaction.on_commit(lambda: _delete_files(*names))


def _delete_files(*names: str) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)
