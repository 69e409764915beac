"""A network that fetches images itself is handed a signed link that expires, not a public path."""

from __future__ import annotations

import time

from django.test import Client

from nabz.publishing.worker import _media
from nabz.workspaces.roles import Role
from tests.media.helpers import make_item, make_post


def test_outgoing_media_carry_a_short_lived_signed_url(workspace, people, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NABZ_BASE_URL = "https://nabz.example.org/"
    item = make_item(workspace, title="Ward", alt_text={"en": "An empty ward at dawn."})
    post = make_post(workspace, people[Role.AUTHOR], item)
    [outgoing] = _media(post)
    assert outgoing.public_url.startswith("https://nabz.example.org/signed-media/")
    assert item.file.name not in outgoing.public_url
    path = outgoing.public_url.removeprefix("https://nabz.example.org")
    fetched = Client().get(path)
    assert fetched.status_code == 200
    assert b"".join(fetched.streaming_content) == outgoing.content

    settings.NABZ_SIGNED_MEDIA_SECONDS = 1
    time.sleep(2.1)
    assert Client().get(path).status_code == 404
