"""Every string of the registry's pages is translated into Arabic and Persian."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.utils import translation

import nabz.consent
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.factories import PDF, make_consent, make_post

pytestmark = pytest.mark.django_db
LOCALE = Path(nabz.consent.__file__).parent / "locale"
_MSGID = re.compile(r'^msgid(?:_plural)? "(.+)"$', re.M)


def _english_msgids() -> set[str]:
    text = (LOCALE / "ar" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    return {m.replace('\\"', '"') for m in _MSGID.findall(text)}


def _visible_text(page: str) -> str:
    main = page.split('id="main"', 1)[1].split("</main>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_catalogue_covers_every_message(language):  # type: ignore[no-untyped-def]
    with translation.override(language):
        for msgid in _english_msgids():
            if "%(" in msgid:
                continue
            assert translation.gettext(msgid) != msgid, (language, msgid)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_no_english_left_on_the_pages(language, workspace, people):  # type: ignore[no-untyped-def]
    post = make_post(workspace, people[Role.AUTHOR], title="Spring")
    consent = make_consent(workspace, subject="Story 2026-07", form=PDF, posts=[post])
    client = signed_in(people[Role.COMPLIANCE_OFFICER])
    client.post("/account/language/", {"language": language})
    # Static sentences only: the pieces of %(...)s messages are checked above.
    english = {m for m in _english_msgids() if len(m) > 12 and "%(" not in m}
    base = f"/w/{workspace.slug}/consent/"
    for path in (
        "",
        "new/",
        "takedowns/",
        f"{consent.pk}/",
        f"{consent.pk}/edit/",
        f"{consent.pk}/revoke/",
    ):
        text = _visible_text(client.get(base + path).content.decode())
        left = sorted(m for m in english if m in text)
        assert not left, (language, path, left)
