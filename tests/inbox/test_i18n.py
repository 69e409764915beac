"""The inbox pages speak Arabic and Persian: no English sentence of the catalogue is left."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.inbox import polling
from nabz.inbox.models import Conversation, ReadCursor
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.test_i18n import _english_msgids, _visible_text
from tests.inbox.conftest import visitor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_no_english_left_on_the_inbox_pages(language, workspace, people, sandbox):
    visitor(sandbox, "I have crushing chest pain right now", who="kim")
    now = timezone.now() + dt.timedelta(minutes=1)
    polling.ensure_cursors(now)
    ReadCursor.objects.update(next_poll_at=now)
    polling.poll_account(sandbox.pk, now=now)
    conversation = Conversation.objects.get()
    client = signed_in(people[Role.AUTHOR])
    client.post("/account/language/", {"language": language})
    english = {m for m in _english_msgids() if len(m) > 12 and "%(" not in m}
    for path in ("", f"{conversation.pk}/"):
        text = _visible_text(client.get(f"/w/{workspace.slug}/inbox/{path}").content.decode())
        left = sorted(m for m in english if m in text)
        assert not left, (language, path, left)
