"""The JSON API: documents itself, answers bad input with 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Role


@pytest.fixture
def api(people):  # type: ignore[no-untyped-def]
    _token, secret = ApiToken.issue(people[Role.ADMIN], "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_document_and_docs_page(db):  # type: ignore[no-untyped-def]
    client = Client()
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Nabz API"
    assert "/api/workspaces/{slug}/check" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_workspaces_lists_only_the_callers(api, workspace, other_workspace):  # type: ignore[no-untyped-def]
    slugs = [w["slug"] for w in api.get("/api/workspaces").json()]
    assert slugs == [workspace.slug]
    assert api.get(f"/api/workspaces/{other_workspace.slug}/members").status_code == 404


def test_check_returns_findings_and_score(api, workspace):  # type: ignore[no-untyped-def]
    response = api.post(
        f"/api/workspaces/{workspace.slug}/check",
        {"text": "Flu shots are available this week.", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert 0 <= body["score"] <= 100 and isinstance(body["findings"], list)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        ('{"text": 5}', 422),
        ('{"language": "en"}', 422),
        ('{"text": "hi", "language": "de"}', 422),
        ('{"text": "hi", "kind": "tweet"}', 422),
        ('{"text": "hi", "context": {"consents": "yes"}}', 422),
        (
            '{"text": "hi", "context": {"settings": {"severity_overrides": {"PHI101": "loud"}}}}',
            422,
        ),
    ],
)
def test_bad_input_gets_a_clear_4xx(api, workspace, body, status):  # type: ignore[no-untyped-def]
    response = api.post(
        f"/api/workspaces/{workspace.slug}/check", body, content_type="application/json"
    )
    assert response.status_code == status, response.content
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("body", "status"),
    [('{"role": "emperor"}', 422), ('{"role": null}', 422), ("[]", 400), ("[null, null]", 400)],
)
def test_bad_role_change_is_refused(api, workspace, people, body, status):  # type: ignore[no-untyped-def]
    member = workspace.memberships.get(user=people[Role.VIEWER])
    response = api.patch(
        f"/api/workspaces/{workspace.slug}/members/{member.pk}",
        body,
        content_type="application/json",
    )
    assert response.status_code == status
    member.refresh_from_db()
    assert member.role == Role.VIEWER


def test_invitation_with_bad_email_is_422(api, workspace):  # type: ignore[no-untyped-def]
    response = api.post(
        f"/api/workspaces/{workspace.slug}/invitations",
        {"email": "nobody", "role": "author"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_session_auth_requires_two_factor_for_admins(people, workspace):  # type: ignore[no-untyped-def]
    half = Client()
    half.force_login(people[Role.ADMIN])  # password done, two-factor not
    assert half.get("/api/me").status_code == 401
