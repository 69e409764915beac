"""Role-matrix rows for posts (collected by tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from nabz.content.models import Post
from nabz.workspaces.roles import Action, Role

POST_FORM = {"title": "Flu clinic", "language": "en", "pillar": "behind_the_scenes",
             "text": "Our flu clinic opens on Monday.", "networks": ["x"]}

UI_ROWS = [
    ("get", "/w/{ws}/posts/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/new/", Action.CREATE_POST, None),
    ("post", "/w/{ws}/posts/new/", Action.CREATE_POST, POST_FORM),
    ("post", "/w/{ws}/posts/check/", Action.CHECK_TEXT, POST_FORM),
    ("get", "/w/{ws}/posts/review/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/{post}/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/{post}/edit/", Action.EDIT_POST, None),
    ("post", "/w/{ws}/posts/{post}/submit/", Action.SUBMIT_POST, {}),
    # Approving and sending back are open to every member at the door; the workflow
    # then refuses roles that cannot review (tested in test_post_views.py).
    ("post", "/w/{ws}/posts/{post}/approve/", Action.VIEW_WORKSPACE, {"kind": "clinical"}),
    ("post", "/w/{ws}/posts/{post}/reject/", Action.VIEW_WORKSPACE, {"comment": "x"}),
    ("post", "/w/{ws}/posts/{post}/override/", Action.OVERRIDE_FINDING, {}),
    ("post", "/w/{ws}/posts/{post}/schedule/", Action.SCHEDULE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/unschedule/", Action.SCHEDULE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/archive/", Action.ARCHIVE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/comment/", Action.COMMENT_POST, {"body": "Looks good."}),
    ("get", "/w/{ws}/notifications/", Action.VIEW_WORKSPACE, None),
    ("post", "/w/{ws}/calendar/move/", Action.SCHEDULE_POST, {"post": "{post}", "date": "2031-05-04"}),
]


def placeholders(workspace, people):  # type: ignore[no-untyped-def]
    post = Post.objects.create(workspace=workspace, author=people[Role.AUTHOR], title="A post",
                               text="Our flu clinic opens on Monday.")
    return {"post": post.pk}
