"""`make demo` loads a workspace a newcomer can explore: nothing empty or broken."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nabz.consent.models import Consent
from nabz.content.models import Post, State
from nabz.workspaces.models import User, Workspace
from tests.conftest import signed_in


@pytest.mark.django_db
def test_demo_has_every_role_and_posts_in_every_state(capsys):  # type: ignore[no-untyped-def]
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "recovery codes:" in out and "admin-" in out
    assert Workspace.objects.count() == 2
    for ws in Workspace.objects.all():
        states = set(Post.objects.filter(workspace=ws).values_list("state", flat=True))
        assert {State.DRAFT, State.IN_REVIEW, State.SCHEDULED} <= states, (ws, states)
        assert Consent.objects.filter(workspace=ws).count() == 2
        held = Post.objects.filter(workspace=ws, state=State.DRAFT).get()
        assert held.blocking_count > 0, "the demo's draft shows the Trust Gate holding a post"
    call_command("load_demo")  # a second run changes nothing
    assert Workspace.objects.count() == 2 and User.objects.filter(username="admin").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "author", "reviewer", "compliance", "viewer"])
def test_every_demo_user_sees_a_working_shell(username):  # type: ignore[no-untyped-def]
    call_command("load_demo")
    client = signed_in(User.objects.get(username=username))
    for ws in Workspace.objects.all():
        for path in ("", "calendar/", "posts/", "posts/review/", "media/", "settings/"):
            response = client.get(f"/w/{ws.slug}/{path}")
            assert response.status_code == 200, (username, path, response.status_code)
        dashboard = client.get(f"/w/{ws.slug}/").content.decode()
        assert "Waiting for review" in dashboard
