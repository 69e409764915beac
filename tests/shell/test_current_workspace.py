"""Pages outside a workspace's URLs (the account, the 403 page) still say which
workspace the member is in, instead of "Choose a workspace"."""

from __future__ import annotations

import re

from nabz.workspaces.roles import Role
from tests.conftest import signed_in


def _switcher(html: str) -> str:
    found = re.search(r'<nav class="workspace-switcher".*?<summary>(.*?)</summary>', html, re.S)
    return re.sub(r"</?bdi>", "", found.group(1)).strip() if found else ""


def test_the_403_page_shows_the_current_workspace(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.VIEWER])
    response = client.get(f"/w/{workspace.slug}/settings/members/")
    assert response.status_code == 403
    html = response.content.decode()
    assert _switcher(html) == workspace.name
    assert 'aria-label="Main"' in html  # the workspace's navigation is there to go on from


def test_the_account_page_shows_the_workspace_last_opened(people, workspace, other_workspace):  # type: ignore[no-untyped-def]
    from nabz.workspaces.models import Membership

    alice = people[Role.ADMIN]
    Membership.objects.create(user=alice, workspace=other_workspace, role=Role.VIEWER)
    client = signed_in(alice)
    client.get(f"/w/{other_workspace.slug}/")
    assert _switcher(client.get("/account/").content.decode()) == other_workspace.name
    client.get(f"/w/{workspace.slug}/")
    assert _switcher(client.get("/account/").content.decode()) == workspace.name
