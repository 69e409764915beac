"""Role-matrix rows for posts (collected by tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from nabz.content.models import Post
from nabz.workspaces.roles import Action, Role

POST_FORM = {
    "title": "Flu clinic",
    "language": "en",
    "pillar": "behind_the_scenes",
    "text": "Our flu clinic opens on Monday.",
    "networks": ["x"],
}

UI_ROWS = [
    ("get", "/w/{ws}/posts/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/new/", Action.CREATE_POST, None),
    ("post", "/w/{ws}/posts/new/", Action.CREATE_POST, POST_FORM),
    ("post", "/w/{ws}/posts/check/", Action.CHECK_TEXT, POST_FORM),
    ("get", "/w/{ws}/posts/review/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/date-picker/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/{post}/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/{post}/edit/", Action.EDIT_POST, None),
    ("post", "/w/{ws}/posts/{post}/submit/", Action.SUBMIT_POST, {}),
    # Reviewers pass the door; the workflow then decides which approval each may give.
    ("post", "/w/{ws}/posts/{post}/approve/", Action.REVIEW_POST, {"kind": "clinical"}),
    ("post", "/w/{ws}/posts/{post}/reject/", Action.REVIEW_POST, {"comment": "x"}),
    ("post", "/w/{ws}/posts/{post}/override/", Action.OVERRIDE_FINDING, {}),
    ("post", "/w/{ws}/posts/{post}/schedule/", Action.SCHEDULE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/unschedule/", Action.SCHEDULE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/archive/", Action.ARCHIVE_POST, {}),
    ("post", "/w/{ws}/posts/{post}/comment/", Action.COMMENT_POST, {"body": "Looks good."}),
    ("get", "/w/{ws}/notifications/", Action.VIEW_WORKSPACE, None),
    (
        "post",
        "/w/{ws}/calendar/move/",
        Action.SCHEDULE_POST,
        {"post": "{post}", "date": "2031-05-04"},
    ),
]

API_BODY = {
    "title": "Flu clinic",
    "text": "Our flu clinic opens on Monday.",
    "variants": [{"network": "x", "text": ""}],
}
API_ROWS = [
    ("get", "/api/workspaces/{ws}/posts", Action.VIEW_WORKSPACE, None),
    ("post", "/api/workspaces/{ws}/posts", Action.CREATE_POST, API_BODY),
    ("get", "/api/workspaces/{ws}/posts/{post}", Action.VIEW_WORKSPACE, None),
    ("put", "/api/workspaces/{ws}/posts/{post}", Action.EDIT_POST, API_BODY),
    ("post", "/api/workspaces/{ws}/posts/{post}/submit", Action.SUBMIT_POST, {}),
    (
        "post",
        "/api/workspaces/{ws}/posts/{post}/approve",
        Action.REVIEW_CLINICAL,
        {"kind": "clinical"},
    ),
    (
        "post",
        "/api/workspaces/{ws}/posts/{post}/reject",
        Action.REVIEW_POST,
        {"comment": "Cite it."},
    ),
    (
        "post",
        "/api/workspaces/{ws}/posts/{post}/override",
        Action.OVERRIDE_FINDING,
        {"code": "PHI102", "matched_text": "x", "reason": "Written consent is on file."},
    ),
    (
        "post",
        "/api/workspaces/{ws}/posts/{post}/schedule",
        Action.SCHEDULE_POST,
        {"scheduled_at": "2031-05-04T09:00:00+00:00"},
    ),
    ("post", "/api/workspaces/{ws}/posts/{post}/unschedule", Action.SCHEDULE_POST, {}),
    ("post", "/api/workspaces/{ws}/posts/{post}/archive", Action.ARCHIVE_POST, {}),
    ("post", "/api/workspaces/{ws}/posts/{post}/comments", Action.COMMENT_POST, {"body": "Nice."}),
    (
        "post",
        "/api/workspaces/{ws}/posts/{post}/takedown",
        Action.TAKEDOWN_POST,
        {"reason": "The family asked us to."},
    ),
]


def placeholders(workspace, people):  # type: ignore[no-untyped-def]
    post = Post.objects.create(
        workspace=workspace,
        author=people[Role.AUTHOR],
        title="A post",
        text="Our flu clinic opens on Monday.",
    )
    return {"post": post.pk}
