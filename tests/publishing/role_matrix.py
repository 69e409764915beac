"""Role-matrix rows for publishing pages (collected by tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from nabz.content.models import Post
from nabz.publishing.models import Account
from nabz.workspaces.roles import Action, Role

UI_ROWS = [
    ("get", "/w/{ws}/settings/accounts/", Action.MANAGE_ACCOUNTS, None),
    ("post", "/w/{ws}/settings/accounts/sandbox/", Action.MANAGE_ACCOUNTS, {}),
    ("post", "/w/{ws}/settings/accounts/{account}/disconnect/", Action.MANAGE_ACCOUNTS, {}),
    ("get", "/w/{ws}/settings/accounts/connect/{network}/", Action.MANAGE_ACCOUNTS, None),
    ("get", "/w/{ws}/settings/accounts/callback/{network}/", Action.MANAGE_ACCOUNTS, None),
    ("get", "/w/{ws}/sandbox/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/crisis/", Action.CRISIS_PAUSE, None),
    ("post", "/w/{ws}/crisis/", Action.CRISIS_PAUSE, {"action": "pause", "reason": "Outbreak"}),
    ("post", "/w/{ws}/posts/{post}/takedown/", Action.TAKEDOWN_POST, {"reason": "asked"}),
    ("post", "/w/{ws}/posts/{post}/retry/", Action.SCHEDULE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/drop-network/", Action.SCHEDULE_POST, {}),
]


def placeholders(workspace, people):  # type: ignore[no-untyped-def]
    account = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    post = Post.objects.create(
        workspace=workspace,
        author=people[Role.AUTHOR],
        title="P",
        text="Our flu clinic opens on Monday.",
    )
    return {"account": account.pk, "post": post.pk, "network": "bluesky"}
