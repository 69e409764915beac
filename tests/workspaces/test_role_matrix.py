"""Every workspace page and API endpoint × every role, against the one role table.

The test fails when a page under /w/<slug>/ or an API operation is missing from
the matrix below, when its view does not declare the action it requires, or when
any role gets more or less than the table in nabz.workspaces.roles allows.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from nabz.api.urls import api
from nabz.workspaces.roles import Action, Role, can
from tests.conftest import signed_in

# (method, path template, action, form data). {ws} is the workspace slug, {member} a membership id.
UI_MATRIX = [
    ("get", "/w/{ws}/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/calendar/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/posts/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/inbox/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/reports/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/settings/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/settings/workspace/", Action.MANAGE_WORKSPACE, None),
    (
        "post",
        "/w/{ws}/settings/workspace/",
        Action.MANAGE_WORKSPACE,
        {"name": "Renamed", "timezone": "UTC", "default_language": "en"},
    ),
    ("get", "/w/{ws}/settings/trust/", Action.MANAGE_WORKSPACE, None),
    (
        "post",
        "/w/{ws}/settings/trust/",
        Action.MANAGE_WORKSPACE,
        {"reading_grade_max": "8", "mastodon_limit": "500", "allow_phones": "+98 21 1234 5678"},
    ),
    ("get", "/w/{ws}/settings/members/", Action.MANAGE_MEMBERS, None),
    (
        "post",
        "/w/{ws}/settings/members/invite/",
        Action.MANAGE_MEMBERS,
        {"email": "new@example.org", "role": "author"},
    ),
    ("post", "/w/{ws}/settings/members/{member}/role/", Action.MANAGE_MEMBERS, {"role": "author"}),
    ("post", "/w/{ws}/settings/members/{member}/remove/", Action.MANAGE_MEMBERS, {}),
    ("post", "/w/{ws}/settings/invitations/{invitation}/cancel/", Action.MANAGE_MEMBERS, {}),
    ("get", "/w/{ws}/settings/audit/", Action.VIEW_AUDIT, None),
    ("get", "/w/{ws}/settings/audit/export.csv", Action.EXPORT_AUDIT, None),
    ("get", "/w/{ws}/settings/audit/export.jsonl", Action.EXPORT_AUDIT, None),
]

API_MATRIX = [
    ("get", "/api/workspaces/{ws}/members", Action.VIEW_WORKSPACE, None),
    ("patch", "/api/workspaces/{ws}/members/{member}", Action.MANAGE_MEMBERS, {"role": "author"}),
    (
        "post",
        "/api/workspaces/{ws}/invitations",
        Action.MANAGE_MEMBERS,
        {"email": "new@example.org", "role": "viewer"},
    ),
    ("get", "/api/workspaces/{ws}/audit", Action.VIEW_AUDIT, None),
    ("post", "/api/workspaces/{ws}/check", Action.CHECK_TEXT, {"text": "Flu shots today."}),
]
# Operations not tied to a workspace: any signed-in caller, no role needed.
API_PERSONAL = {"/api/me", "/api/workspaces"}


PLACEHOLDER_FACTORIES: list = []  # (workspace, people) -> {"name": value} for path templates


def _collect_app_matrices() -> None:
    """Each app's tests may add rows in tests/<app>/role_matrix.py (UI_ROWS, API_ROWS)."""
    import importlib
    from pathlib import Path

    for path in sorted(Path(__file__).resolve().parents[1].glob("*/role_matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.role_matrix")
        UI_MATRIX.extend(getattr(module, "UI_ROWS", []))
        if hasattr(module, "placeholders"):
            PLACEHOLDER_FACTORIES.append(module.placeholders)
        API_MATRIX.extend(getattr(module, "API_ROWS", []))
        API_PERSONAL.update(getattr(module, "API_PERSONAL", set()))


_collect_app_matrices()


def _workspace_patterns(resolver=None, prefix: str = ""):  # type: ignore[no-untyped-def]
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _workspace_patterns(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("w/<slug:ws>/"):
            yield route, entry.callback


def _normalise(route: str) -> str:
    """URL route or matrix path -> a shape where every parameter is {x}."""
    import re

    route = route.replace("<slug:ws>", "{ws}").replace("{ws}", "WS")
    route = re.sub(r"<[a-z]+:[a-z_]+>|\{[a-z_]+\}", "{x}", route)
    route = re.sub(r"export\.(csv|jsonl)", "export.{x}", route)
    return ("/" + route.lstrip("/")).replace("WS", "{ws}")


def test_every_workspace_page_declares_its_action_and_is_in_the_matrix():
    covered = {_normalise(path) for _m, path, _a, _d in UI_MATRIX}
    for route, callback in _workspace_patterns():
        assert hasattr(callback, "required_action"), f"{route} is not behind @workspace_view"
        assert _normalise(route) in covered, f"{route} is missing from the role matrix"


def test_every_api_operation_is_in_the_matrix():
    covered = {_normalise(p.replace("{ws}", "{x}")) for _m, p, _a, _d in API_MATRIX}
    covered |= {_normalise(p) for p in API_PERSONAL}
    paths = api.get_openapi_schema()["paths"]
    assert paths
    for path in paths:
        assert _normalise(path) in covered, f"API operation {path} is missing from the role matrix"


def _fill(path: str, workspace, people) -> str:  # type: ignore[no-untyped-def]
    from nabz.workspaces.models import Invitation

    viewer = workspace.memberships.get(user=people[Role.VIEWER])
    invitation, _token = Invitation.issue(
        workspace=workspace, email="x@example.org", role="viewer", invited_by=people[Role.ADMIN]
    )
    values = {"ws": workspace.slug, "member": viewer.pk, "invitation": invitation.pk}
    for factory in PLACEHOLDER_FACTORIES:
        values.update(factory(workspace, people))
    return path.format(**values)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(
    ("method", "path", "action", "data"), UI_MATRIX, ids=[f"{m} {p}" for m, p, _a, _d in UI_MATRIX]
)
def test_ui_role_matrix(role, method, path, action, data, workspace, people):  # type: ignore[no-untyped-def]
    client = signed_in(people[role])
    url = _fill(path, workspace, people)
    values = _fill("{post}", workspace, people) if "{post}" in str(data) else None
    if data and values:
        data = {k: (values if v == "{post}" else v) for k, v in data.items()}
    response = getattr(client, method)(url, data or {})
    if can(role, action):
        # Past the door: the page answers, or the workflow explains why not (400).
        assert response.status_code in (200, 302, 400), (role, url, response.status_code)
    else:
        assert response.status_code == 403, (role, url, response.status_code)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(
    ("method", "path", "action", "data"),
    API_MATRIX,
    ids=[f"{m} {p}" for m, p, _a, _d in API_MATRIX],
)
def test_api_role_matrix(role, method, path, action, data, workspace, people):  # type: ignore[no-untyped-def]
    from django.test import Client

    from nabz.workspaces.models import ApiToken

    _token, secret = ApiToken.issue(people[role], "matrix")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    url = _fill(path, workspace, people)
    kwargs = {"content_type": "application/json"} if data is not None else {}
    response = (
        getattr(client, method)(url, data, **kwargs)
        if data is not None
        else getattr(client, method)(url)
    )
    if can(role, action):
        # Past the door: done, or the workflow explains why not (409).
        assert response.status_code in (200, 201, 409), (
            role,
            url,
            response.status_code,
            response.content[:200],
        )
    else:
        assert response.status_code == 403, (role, url, response.status_code)


def test_non_members_learn_nothing(workspace, people, other_workspace):  # type: ignore[no-untyped-def]
    from nabz.workspaces.models import User

    outsider = signed_in(User.objects.get(username="mallory"))
    for _m, path, _a, _d in UI_MATRIX:
        if _m != "get":
            continue
        url = _fill(path, workspace, people)
        assert outsider.get(url).status_code == 404, url


def test_anonymous_is_sent_to_sign_in(workspace):  # type: ignore[no-untyped-def]
    from django.test import Client

    response = Client().get(f"/w/{workspace.slug}/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
    assert Client().get("/api/workspaces").status_code == 401
