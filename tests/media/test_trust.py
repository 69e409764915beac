"""The bridge to the Trust Gate: library items as nabz.trust.MediaItem."""

from __future__ import annotations

import pytest

from nabz import trust
from nabz.media.models import to_trust_media, trust_metadata
from tests.media.helpers import make_item
from tests.media.images import SERIAL, jpeg_with_gps_and_serial

pytestmark = pytest.mark.django_db


def test_to_trust_media_uses_the_language_and_reports_metadata_facts(workspace):  # type: ignore[no-untyped-def]
    item = make_item(
        workspace,
        content=jpeg_with_gps_and_serial(),
        alt_text={"en": "A doctor at a desk.", "fa": "پزشکی پشت میز."},
        identifiable_person=True,
        description="Staff photo",
    )
    media = to_trust_media(item, "fa")
    assert isinstance(media, trust.MediaItem)
    assert media.id == str(item.pk) and media.kind == "image"
    assert media.alt_text == "پزشکی پشت میز."
    assert media.description == "Staff photo" and media.identifiable_person is True
    assert media.metadata["gps"] == "present" and media.metadata["serial"] == "present"
    assert media.metadata["camera"] == "Canon EOS R5"
    assert SERIAL not in repr(media)
    assert to_trust_media(item, "ar").alt_text == ""


def test_clean_image_has_no_metadata_facts(workspace):  # type: ignore[no-untyped-def]
    assert to_trust_media(make_item(workspace), "en").metadata == {}


def test_trust_metadata_keeps_only_known_facts():
    stripped = {"gps": True, "serial": False, "camera": "X" * 200, "secret": "value", "removed": []}
    assert trust_metadata(stripped) == {"gps": "present", "camera": "X" * 80}
    assert trust_metadata(None) == {}


def test_the_gate_context_uses_the_bridge(workspace, people):  # type: ignore[no-untyped-def]
    from nabz.content import gate
    from nabz.workspaces.roles import Role
    from tests.media.helpers import make_post

    item = make_item(workspace, content=jpeg_with_gps_and_serial(), alt_text={"en": "Ward."})
    post = make_post(workspace, people[Role.AUTHOR], item)
    context = gate.context_for(post)
    assert context.media[0].metadata.get("gps") == "present"
    assert context.media[0].alt_text == "Ward."
    report = trust.check("A bright ward today.", language="en", context=context)
    # The photo still carries its GPS position: the gate sees it through the bridge.
    assert "PHI114" in report.codes()
