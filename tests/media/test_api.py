"""The media API: list/search, read, multipart upload, update alt text and flag, delete."""

from __future__ import annotations

import pytest
from django.test import Client

from nabz.audit.models import AuditEntry
from nabz.media.models import MediaItem
from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Action, Role, can
from tests.media.helpers import make_item, make_post
from tests.media.images import SERIAL, image_bytes, jpeg_with_gps_and_serial, upload

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _token, secret = ApiToken.issue(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api(people):  # type: ignore[no-untyped-def]
    return _client(people[Role.AUTHOR])


def _base(workspace) -> str:  # type: ignore[no-untyped-def]
    return f"/api/workspaces/{workspace.slug}/media"


def test_openapi_documents_the_media_operations(db):  # type: ignore[no-untyped-def]
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/workspaces/{slug}/media"]) == {"get", "post"}
    assert set(paths["/api/workspaces/{slug}/media/{media_id}"]) == {"get", "patch", "delete"}
    body = paths["/api/workspaces/{slug}/media"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body


@pytest.mark.parametrize("role", list(Role))
def test_upload_by_role(role, people, workspace):  # type: ignore[no-untyped-def]
    response = _client(people[role]).post(
        _base(workspace), {"file": upload(image_bytes("PNG"), "x.png"), "alt_en": "A ward."}
    )
    if can(role, Action.MANAGE_MEDIA):
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 403


def test_upload_strips_metadata_and_reports_it(api, workspace):  # type: ignore[no-untyped-def]
    response = api.post(
        _base(workspace),
        {
            "file": upload(jpeg_with_gps_and_serial()),
            "title": "Camera shot",
            "alt_fa": "نمای بیرونی بیمارستان.",
            "identifiable_person": "true",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["format"] == "JPEG" and body["identifiable_person"] is True
    assert body["alt_text"] == {"fa": "نمای بیرونی بیمارستان."}
    assert body["missing_alt_text"] == ["en", "ar"]
    assert body["stripped_metadata"]["gps"] is True
    assert body["trust_metadata"] == {
        "gps": "present",
        "serial": "present",
        "owner": "present",
        "date_taken": "present",
        "caption": "present",
        "camera": "Canon EOS R5",
    }
    assert SERIAL not in response.content.decode()
    assert body["url"].startswith("http://testserver/signed-media/")
    entry = AuditEntry.objects.get(action="media.uploaded")
    assert entry.payload["via"] == "api"


def test_upload_of_text_named_jpg_is_a_422_naming_the_field(api, workspace):  # type: ignore[no-untyped-def]
    response = api.post(_base(workspace), {"file": upload(b"not an image", "photo.jpg")})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"][-1] == "file"
    assert "not a JPEG, PNG, WebP or GIF image" in detail[0]["msg"]
    assert not MediaItem.objects.exists()


def test_upload_without_file_or_with_long_alt_is_a_422(api, workspace):  # type: ignore[no-untyped-def]
    assert api.post(_base(workspace), {"title": "x"}).status_code == 422
    response = api.post(
        _base(workspace), {"file": upload(image_bytes("PNG"), "x.png"), "alt_en": "a" * 1001}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "alt_en"


def test_oversize_upload_is_a_422(api, workspace):  # type: ignore[no-untyped-def]
    big = image_bytes("PNG", (2, 8001), mode="L")
    response = api.post(_base(workspace), {"file": upload(big, "tall.png")})
    assert response.status_code == 422
    assert "8,001" in response.json()["detail"][0]["msg"]


def test_list_search_and_filters(api, workspace):  # type: ignore[no-untyped-def]
    make_item(
        workspace, title="Flu clinic", alt_text={"en": "Flu shots."}, identifiable_person=True
    )
    make_item(workspace, title="Lobby", alt_text={"ar": "ردهة."})
    make_item(workspace, title="Scan")

    def titles(**params) -> list[str]:  # type: ignore[no-untyped-def]
        response = api.get(_base(workspace), params)
        assert response.status_code == 200
        return sorted(item["title"] for item in response.json()["items"])

    assert titles() == ["Flu clinic", "Lobby", "Scan"]
    assert titles(q="flu") == ["Flu clinic"]
    assert titles(q="ردهه") == ["Lobby"]
    assert titles(identifiable_person="true") == ["Flu clinic"]
    assert titles(missing_alt="any") == ["Scan"]
    assert titles(missing_alt="en") == ["Lobby", "Scan"]
    page = api.get(_base(workspace), {"limit": 2, "offset": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert api.get(_base(workspace), {"missing_alt": "de"}).status_code == 422
    assert api.get(_base(workspace), {"limit": 0}).status_code == 422


def test_get_and_other_workspace(api, workspace, other_workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Mine")
    foreign = make_item(other_workspace, title="Theirs")
    assert api.get(f"{_base(workspace)}/{item.pk}").json()["title"] == "Mine"
    assert api.get(f"{_base(workspace)}/{foreign.pk}").status_code == 404
    assert api.get(f"{_base(other_workspace)}/{foreign.pk}").status_code == 404


def test_patch_merges_alt_text_and_audits_the_flag(api, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace, alt_text={"en": "Old English", "ar": "نص قديم"})
    response = api.patch(
        f"{_base(workspace)}/{item.pk}",
        {"alt_text": {"fa": "متن تازه", "ar": ""}, "identifiable_person": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["alt_text"] == {"en": "Old English", "fa": "متن تازه"}
    item.refresh_from_db()
    assert item.identifiable_person is True
    entry = AuditEntry.objects.get(action="media.flag_changed")
    assert entry.payload["fields"] == ["alt_text", "identifiable_person"]
    assert entry.payload["via"] == "api"


@pytest.mark.parametrize(
    "body",
    [
        {"alt_text": {"de": "Hallo"}},
        {"alt_text": {"en": "a" * 1001}},
        {"title": "t" * 201},
        {"identifiable_person": "maybe"},
        {"alt_text": "not a mapping"},
    ],
)
def test_patch_bad_input_is_a_422(api, workspace, body):  # type: ignore[no-untyped-def]
    item = make_item(workspace)
    response = api.patch(f"{_base(workspace)}/{item.pk}", body, content_type="application/json")
    assert response.status_code == 422


def test_delete_blocked_while_used_then_allowed(api, workspace, people):  # type: ignore[no-untyped-def]
    item = make_item(workspace)
    post = make_post(workspace, people[Role.AUTHOR], item)
    url = f"{_base(workspace)}/{item.pk}"
    response = api.delete(url)
    assert response.status_code == 409
    assert "used by 1 post" in response.json()["detail"]
    post.media.clear()
    assert api.delete(url).json() == {"id": item.pk, "deleted": True}
    assert not MediaItem.objects.exists()
