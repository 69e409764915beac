"""The library pages: upload, errors that keep input, edit, search, filters, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from nabz.audit.models import AuditEntry
from nabz.media.models import MediaItem
from nabz.workspaces.roles import Role
from tests.media.helpers import make_item, make_post
from tests.media.images import (
    SERIAL,
    animated_gif,
    image_bytes,
    jpeg_with_gps_and_serial,
    png_with_text_chunks,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client_for):  # type: ignore[no-untyped-def]
    return client_for(Role.AUTHOR)


def _url(workspace, name: str = "", pk: int | None = None) -> str:  # type: ignore[no-untyped-def]
    base = f"/w/{workspace.slug}/media/"
    if pk is not None:
        base += f"{pk}/"
    return base + (f"{name}/" if name else "")


@pytest.mark.parametrize(
    ("content", "name", "fmt"),
    [
        (image_bytes("JPEG"), "jane-roe-a.jpg", "JPEG"),
        (image_bytes("PNG", mode="RGBA"), "jane-roe-b.png", "PNG"),
        (image_bytes("WEBP"), "jane-roe-c.webp", "WEBP"),
        (animated_gif(), "jane-roe-d.gif", "GIF"),
    ],
)
def test_upload_each_format(author, workspace, people, media_root, content, name, fmt):  # type: ignore[no-untyped-def]
    response = author.post(
        _url(workspace, "upload"),
        {"file": upload(content, name), "title": "Ward", "alt_en": "A bright hospital ward."},
    )
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert response.url == _url(workspace, pk=item.pk)
    assert item.format == fmt and item.uploaded_by == people[Role.AUTHOR]
    assert item.alt_text == {"en": "A bright hospital ward."}
    stored = Path(media_root) / item.file.name
    assert stored.exists() and "jane" not in item.file.name  # the uploader's name is not kept
    assert (Path(media_root) / item.thumbnail.name).exists()
    assert Image.open(stored).format == fmt
    entry = AuditEntry.objects.get(action="media.uploaded")
    assert entry.object_id == str(item.pk) and entry.payload["format"] == fmt


def test_upload_of_camera_jpeg_strips_metadata_and_says_so(author, workspace, media_root):  # type: ignore[no-untyped-def]
    response = author.post(
        _url(workspace, "upload"), {"file": upload(jpeg_with_gps_and_serial())}, follow=True
    )
    assert response.status_code == 200
    item = MediaItem.objects.get()
    stored = (Path(media_root) / item.file.name).read_bytes()
    assert b"Exif" not in stored and SERIAL.encode() not in stored
    assert item.stripped_metadata["gps"] is True and item.stripped_metadata["serial"] is True
    page = response.content.decode()
    assert "location (GPS)" in page and "serial numbers" in page
    entry = AuditEntry.objects.get(action="media.uploaded")
    assert entry.payload["gps_found"] is True and entry.payload["serial_found"] is True
    assert SERIAL not in str(entry.payload)


def test_png_text_chunk_is_cleaned_on_upload(author, workspace, media_root):  # type: ignore[no-untyped-def]
    author.post(_url(workspace, "upload"), {"file": upload(png_with_text_chunks(), "x.png")})
    item = MediaItem.objects.get()
    stored = (Path(media_root) / item.file.name).read_bytes()
    assert b"Jane Roe" not in stored and b"tEXt" not in stored
    assert item.stripped_metadata["text_keys"] == ["Author", "Comment", "Software"]


def test_text_file_named_jpg_is_refused_with_a_clear_message_and_input_kept(author, workspace):  # type: ignore[no-untyped-def]
    response = author.post(
        _url(workspace, "upload"),
        {
            "file": upload(b"just some text, not a picture", "photo.jpg"),
            "title": "My typed title",
            "alt_en": "Typed English alt",
            "alt_fa": "متن جایگزین تایپ‌شده",
            "identifiable_person": "on",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a JPEG, PNG, WebP or GIF image" in page
    assert "My typed title" in page and "Typed English alt" in page
    assert "متن جایگزین تایپ‌شده" in page
    form = response.context["form"]
    assert list(form.errors) == ["file"]
    assert MediaItem.objects.count() == 0
    assert not AuditEntry.objects.filter(action="media.uploaded").exists()


def test_oversize_dimensions_are_refused(author, workspace):  # type: ignore[no-untyped-def]
    big = image_bytes("PNG", (8001, 2), mode="L")
    response = author.post(_url(workspace, "upload"), {"file": upload(big, "wide.png")})
    assert response.status_code == 400
    assert "8,001 × 2 pixels" in response.content.decode()


def test_missing_file_and_too_long_alt_text_are_field_errors(author, workspace):  # type: ignore[no-untyped-def]
    response = author.post(_url(workspace, "upload"), {"title": "t", "alt_ar": "ن" * 1001})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"file", "alt_ar"}


def test_upload_page_has_rtl_alt_inputs_and_explains_the_flag(author, workspace):  # type: ignore[no-untyped-def]
    page = author.get(_url(workspace, "upload")).content.decode()
    assert 'lang="ar"' in page and 'lang="fa"' in page and 'dir="rtl"' in page
    assert "linked, signed consent" in page
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in page


def test_edit_alt_text_and_flag_is_audited(author, workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Old", alt_text={"en": "old"})
    response = author.post(
        _url(workspace, "edit", item.pk),
        {
            "title": "New title",
            "alt_en": "Two nurses at the vaccination desk.",
            "alt_ar": "ممرضتان عند مكتب التطعيم.",
            "alt_fa": "",
            "identifiable_person": "on",
            "description": "From the 2025 campaign.",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "New title" and item.identifiable_person is True
    assert item.alt_text == {
        "en": "Two nurses at the vaccination desk.",
        "ar": "ممرضتان عند مكتب التطعيم.",
    }
    entry = AuditEntry.objects.filter(action="media.flag_changed").get()
    assert entry.payload["old"] is False and entry.payload["new"] is True
    assert "Two nurses" not in str(entry.payload)  # field names only, never the texts


def test_edit_without_changes_writes_no_audit_entry(author, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Same")
    author.post(_url(workspace, "edit", item.pk), {"title": "Same"})
    assert not AuditEntry.objects.filter(
        action__in=["media.updated", "media.flag_changed"]
    ).exists()


def test_edit_error_keeps_input(author, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace)
    response = author.post(
        _url(workspace, "edit", item.pk), {"title": "x" * 201, "alt_en": "kept alt"}
    )
    assert response.status_code == 400
    assert "kept alt" in response.content.decode()


def test_items_of_another_workspace_are_not_found(author, workspace, other_workspace):  # type: ignore[no-untyped-def]
    foreign = make_item(other_workspace)
    assert author.get(_url(workspace, pk=foreign.pk)).status_code == 404
    assert author.post(_url(workspace, "delete", foreign.pk)).status_code == 404


def test_delete_unused_item_removes_files(author, workspace, media_root):  # type: ignore[no-untyped-def]
    item = make_item(workspace)
    path = Path(media_root) / item.file.name
    assert path.exists()
    with _capture_on_commit():
        response = author.post(_url(workspace, "delete", item.pk))
    assert response.status_code == 302
    assert not MediaItem.objects.exists()
    assert not path.exists()
    assert AuditEntry.objects.filter(action="media.deleted", object_id=str(item.pk)).exists()


def test_delete_is_blocked_while_a_post_uses_the_item(author, workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="In use")
    make_post(workspace, people[Role.AUTHOR], item)
    response = author.post(_url(workspace, "delete", item.pk))
    assert response.status_code == 409
    assert "cannot be deleted" in response.content.decode()
    assert MediaItem.objects.filter(pk=item.pk).exists()
    assert not AuditEntry.objects.filter(action="media.deleted").exists()
    page = author.get(_url(workspace, pk=item.pk)).content.decode()
    assert "Flu clinic" in page and "Delete this image" not in page


def test_delete_needs_post(author, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace)
    assert author.get(_url(workspace, "delete", item.pk)).status_code == 405


def _capture_on_commit():  # type: ignore[no-untyped-def]
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


# --- library page: grid, search, filters, pagination ----------------------------------------


@pytest.fixture
def library_items(workspace):  # type: ignore[no-untyped-def]
    return {
        "nurse": make_item(
            workspace,
            title="Vaccination day",
            alt_text={"en": "A nurse gives a flu shot.", "fa": "پرستاری واکسن آنفولانزا می‌زند."},
            identifiable_person=True,
        ),
        "lobby": make_item(
            workspace, title="Lobby", alt_text={"ar": "ردهة المستشفى المضيئة."}, description="tour"
        ),
        "bare": make_item(workspace, title="Untitled scan"),
    }


def _titles(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {item.title for item in response.context["page_obj"]}


def test_library_lists_thumbnails(client_for, workspace, library_items):  # type: ignore[no-untyped-def]
    response = client_for(Role.VIEWER).get(_url(workspace))
    assert response.status_code == 200
    page = response.content.decode()
    assert library_items["nurse"].thumbnail_url in page
    assert "Identifiable person" in page and "No alt text" in page
    assert "Upload an image" not in page  # a viewer cannot upload


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "flu"}, {"Vaccination day"}),
        ({"q": "FLU SHOT"}, {"Vaccination day"}),
        ({"q": "واکسن"}, {"Vaccination day"}),
        ({"q": "واكسن"}, {"Vaccination day"}),  # Arabic kaf finds Persian keheh
        ({"q": "ردهه"}, {"Lobby"}),  # ha for ta marbuta
        ({"q": "tour"}, {"Lobby"}),
        ({"q": "lobby hospital"}, set()),
        ({"person": "yes"}, {"Vaccination day"}),
        ({"person": "no"}, {"Lobby", "Untitled scan"}),
        ({"missing_alt": "any"}, {"Untitled scan"}),
        ({"missing_alt": "en"}, {"Lobby", "Untitled scan"}),
        ({"missing_alt": "fa"}, {"Lobby", "Untitled scan"}),
        ({"missing_alt": "ar"}, {"Vaccination day", "Untitled scan"}),
        ({"missing_alt": "en", "person": "no", "q": "lobby"}, {"Lobby"}),
    ],
)
def test_search_and_filters(author, workspace, library_items, query, expected):  # type: ignore[no-untyped-def]
    response = author.get(_url(workspace), query)
    assert response.status_code == 200
    assert _titles(response) == expected


def test_bad_filter_value_is_a_400_not_a_500(author, workspace, library_items):  # type: ignore[no-untyped-def]
    assert author.get(_url(workspace), {"missing_alt": "klingon"}).status_code == 400


def test_pagination(author, workspace):  # type: ignore[no-untyped-def]
    for n in range(30):
        make_item(workspace, title=f"Item {n:02d}")
    first = author.get(_url(workspace))
    assert len(first.context["page_obj"]) == 24 and first.context["page_obj"].has_next()
    second = author.get(_url(workspace), {"page": 2})
    assert len(second.context["page_obj"]) == 6
    assert _titles(first).isdisjoint(_titles(second))
    assert "Item 00" in _titles(second)  # newest first


def test_detail_page_shows_what_was_removed(client_for, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace, content=jpeg_with_gps_and_serial(), title="Camera")
    page = client_for(Role.VIEWER).get(_url(workspace, pk=item.pk)).content.decode()
    assert "location (GPS)" in page and "Canon EOS R5" in page
    assert "Edit" not in page.split("<main", 1)[1].split("Hidden data", 1)[0]


def test_picker_partial_lists_checkboxes_named_media(author, workspace, library_items):  # type: ignore[no-untyped-def]
    lobby = library_items["lobby"]
    response = author.get(_url(workspace, "picker"), {"media": [lobby.pk], "language": "fa"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('name="media"') == 3
    assert f'value="{lobby.pk}" checked' in page
    assert "No alt text in Persian" in page
    assert "needs a linked consent" in page
    # A search never hides what is already chosen.
    searched = author.get(_url(workspace, "picker"), {"media": [lobby.pk], "q": "vaccination"})
    assert searched.content.decode().count('name="media"') == 2


def test_library_renders_in_persian(author, workspace, library_items):  # type: ignore[no-untyped-def]
    author.cookies["nabz_language"] = "fa"
    response = author.get(_url(workspace))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
