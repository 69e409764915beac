"""Uploaded images reach members of their workspace, and networks on a short-lived link."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.test import Client

from nabz.media import delivery
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.media.helpers import make_item


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def test_members_get_the_image_and_its_thumbnail(client_for, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Lobby")
    viewer = client_for(Role.VIEWER)
    full = viewer.get(item.file_url)
    assert full.status_code == 200 and full["Content-Type"] == "image/png"
    assert _body(full)[:4] == b"\x89PNG"
    assert "no-store" in full["Cache-Control"]
    thumb = viewer.get(item.thumbnail_url)
    assert thumb.status_code == 200 and _body(thumb)[8:12] == b"WEBP"


def test_nobody_else_gets_the_image(workspace, people, other_workspace):  # type: ignore[no-untyped-def]
    from nabz.workspaces.models import User

    item = make_item(workspace, title="Patient in ward", identifiable_person=True)
    anonymous = Client().get(item.file_url)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    outsider = signed_in(User.objects.get(username="mallory")).get(item.file_url)
    assert outsider.status_code == 404
    # The file's place under MEDIA_ROOT is no URL at all, in demo mode too.
    assert Client().get("/" + item.file.name).status_code == 404
    assert Client().get(f"/media/{item.file.name}").status_code == 404


def test_pages_link_only_to_member_urls(client_for, workspace):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Lobby")
    page = client_for(Role.VIEWER).get(f"/w/{workspace.slug}/media/{item.pk}/").content.decode()
    assert item.file_url in page
    assert item.file.name not in page


def test_a_signed_link_works_for_anyone_for_a_few_minutes(workspace, settings):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Lobby")
    settings.NABZ_BASE_URL = "https://nabz.example.org"
    url = delivery.signed_url(item)
    assert url.startswith("https://nabz.example.org/signed-media/")
    path = url.removeprefix("https://nabz.example.org")
    fetched = Client().get(path)
    assert fetched.status_code == 200 and _body(fetched)[:4] == b"\x89PNG"

    settings.NABZ_SIGNED_MEDIA_SECONDS = 1
    time.sleep(2.1)  # signing timestamps have a one-second resolution
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize("kind", ["file", "secret"])
def test_a_forged_or_altered_link_is_refused(workspace, kind):  # type: ignore[no-untyped-def]
    item = make_item(workspace, title="Lobby")
    other = make_item(workspace, title="Ward")
    forged = signing.dumps({"m": other.pk, "k": kind}, salt="some other salt")
    assert Client().get(f"/signed-media/{forged}/").status_code == 404
    token = delivery.signed_path(item).split("/")[2]
    _payload, stamp, signature = token.split(":")
    swapped = signing.dumps({"m": other.pk, "k": "file"}, salt=delivery.SALT).split(":")[0]
    assert Client().get(f"/signed-media/{swapped}:{stamp}:{signature}/").status_code == 404
