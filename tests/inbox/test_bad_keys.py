"""Ids typed or forged into the inbox's forms and links: a superscript or Arabic-Indic
digit, a number above 2⁶³, words. Each gets a plain refusal (or is ignored, for a filter),
never a server error, and nothing changes."""

from __future__ import annotations

import pytest

from nabz.core.input_guard import key_or_none
from nabz.inbox.models import Conversation
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.inbox.test_team import threads

pytestmark = pytest.mark.django_db

BAD = ["²", "٣", "9" * 25, str(2**63), "-1", "1e3", " ", "0"]


@pytest.mark.parametrize("value", BAD)
def test_key_or_none_refuses_what_is_not_a_stored_key(value: str) -> None:
    assert key_or_none(value) is None


def test_key_or_none_reads_keys() -> None:
    assert key_or_none("42") == 42
    assert key_or_none(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("value", BAD)
def test_inbox_forms_refuse_bad_ids_without_a_server_error(people, workspace, sandbox, value):  # type: ignore[no-untyped-def]
    (item,) = threads(sandbox, ["Is the clinic open today?"])
    client = signed_in(people[Role.ADMIN])
    base = f"/w/{workspace.slug}/inbox/"
    calls = [
        client.post(base + "bulk/", {"action": "done", "ids": [value], "confirm": "yes"}),
        client.post(
            base + "bulk/",
            {"action": "assign", "ids": [str(item.pk)], "assignee": value, "confirm": "yes"},
        ),
        client.post(base + f"{item.pk}/state/", {"assignee": value}),
        client.post(base + "saved-replies/", {"delete": value}),
        client.get(base, {"assignee": value}),
        client.get(base + f"{item.pk}/", {"saved": value}),
    ]
    assert [c.status_code for c in calls if c.status_code >= 500] == []
    assert calls[2].status_code == 400  # an assignee that is nobody is refused, by name
    item.refresh_from_db()
    assert item.state != Conversation.State.DONE and item.assignee_id is None
