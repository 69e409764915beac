"""Role-matrix rows for the reports pages (collected by tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from nabz.analytics.models import ReportRun
from nabz.content.models import Post
from nabz.workspaces.roles import Action, Role

UI_ROWS = [
    ("get", "/w/{ws}/reports/csv/{csv_key}.csv", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/reports/posts/{figures_post}/", Action.VIEW_WORKSPACE, None),
    ("post", "/w/{ws}/reports/monthly/", Action.MANAGE_WORKSPACE, {"month": "2026-11"}),
    ("get", "/w/{ws}/reports/monthly/{report_run}.pdf", Action.VIEW_WORKSPACE, None),
    ("post", "/w/{ws}/reports/settings/", Action.MANAGE_WORKSPACE, {"target_x": "2"}),
]


def placeholders(workspace, people):  # type: ignore[no-untyped-def]
    post = Post.objects.create(workspace=workspace, author=people[Role.AUTHOR], title="F")
    run = ReportRun.objects.create(
        workspace=workspace, month="2026-11-01", language="en", pdf=b"%PDF-1.7 test"
    )
    return {"figures_post": post.pk, "report_run": run.pk, "csv_key": "networks"}
