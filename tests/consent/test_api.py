"""The consent API: list, register, read, revoke; 422 with the field and reason on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nabz.audit.models import AuditEntry
from nabz.consent.models import Consent, TakedownRequest
from nabz.consent.services import workspace_today
from nabz.media.models import MediaItem
from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Role
from tests.consent.factories import PDF, make_consent, make_post

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _token, secret = ApiToken.issue(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def officer(people):  # type: ignore[no-untyped-def]
    return _client(people[Role.COMPLIANCE_OFFICER])


def _body(workspace, **changes):  # type: ignore[no-untyped-def]
    today = workspace_today(workspace)
    body = {
        "subject": "Patient story 2026-07",
        "networks": ["instagram", "facebook"],
        "content_kinds": ["story", "photo"],
        "language": "ar",
        "signed_on": (today - dt.timedelta(days=1)).isoformat(),
        "expires_on": (today + dt.timedelta(days=365)).isoformat(),
    }
    body.update(changes)
    return body


def test_register_then_read_and_list(officer, workspace):  # type: ignore[no-untyped-def]
    photo = MediaItem.objects.create(workspace=workspace, file="media/a.png")
    base = f"/api/workspaces/{workspace.slug}/consents"
    created = officer.post(
        base, _body(workspace, media_ids=[photo.pk]), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "active" and body["has_signed_form"] is False
    assert body["networks"] == ["facebook", "instagram"] and body["media_ids"] == [photo.pk]
    assert AuditEntry.objects.get(action="consent.created").payload["via"] == "api"
    one = officer.get(f"{base}/{body['id']}")
    assert one.status_code == 200 and one.json()["subject"] == "Patient story 2026-07"
    listed = officer.get(base).json()
    assert [c["id"] for c in listed] == [body["id"]]
    assert officer.get(base, {"status": "revoked"}).json() == []
    assert officer.get(base, {"q": "story 2026"}).json()[0]["id"] == body["id"]


def _field_errors(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.content
    return {str(e["loc"][-1]): e["msg"] for e in response.json()["detail"]}


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"networks": []}, "networks", "at least 1"),
        ({"networks": ["myspace"]}, "0", "facebook"),
        ({"content_kinds": []}, "content_kinds", "at least 1"),
        ({"language": "de"}, "language", "en"),
        ({"signed_on": "yesterday"}, "signed_on", "date"),
        ({"expires_on": "2000-01-01"}, "expires_on", "after the date the form was signed"),
        ({"subject": "Sara 0912 345 6789"}, "subject", "does not identify the patient"),
        ({"subject": ""}, "subject", "at least 1"),
        ({"signed_on": 0}, "signed_on", "ISO 8601"),
        ({"signed_on": "0001-01-01"}, "signed_on", "1900"),
        ({"subject": "story\u0000"}, "subject", "NUL"),
        ({"media_ids": [2**63]}, "0", "less than or equal"),
    ],
)
def test_bad_input_gets_422_with_field_and_reason(officer, workspace, changes, field, reason):  # type: ignore[no-untyped-def]
    response = officer.post(
        f"/api/workspaces/{workspace.slug}/consents",
        _body(workspace, **changes),
        content_type="application/json",
    )
    errors = _field_errors(response)
    assert field in errors, errors
    assert reason in errors[field]
    assert not Consent.objects.exists()


def test_future_signing_date_is_refused(officer, workspace):  # type: ignore[no-untyped-def]
    tomorrow = (workspace_today(workspace) + dt.timedelta(days=1)).isoformat()
    response = officer.post(
        f"/api/workspaces/{workspace.slug}/consents",
        _body(workspace, signed_on=tomorrow, expires_on=None),
        content_type="application/json",
    )
    assert "future" in _field_errors(response)["signed_on"]


def test_media_of_another_workspace_is_refused(officer, workspace, other_workspace):  # type: ignore[no-untyped-def]
    foreign = MediaItem.objects.create(workspace=other_workspace, file="media/b.png")
    response = officer.post(
        f"/api/workspaces/{workspace.slug}/consents",
        _body(workspace, media_ids=[foreign.pk]),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["detail"].startswith("media_ids:")
    assert str(foreign.pk) in response.json()["detail"]


def test_revoke_creates_takedowns_and_answers_with_them(officer, workspace, people):  # type: ignore[no-untyped-def]
    published = make_post(workspace, people[Role.AUTHOR], state="published")
    draft = make_post(workspace, people[Role.AUTHOR], state="draft")
    consent = make_consent(workspace, form=PDF, posts=[published, draft])
    url = f"/api/workspaces/{workspace.slug}/consents/{consent.pk}/revoke"
    blank = officer.post(url, {"reason": "   "}, content_type="application/json")
    assert "reason" in _field_errors(blank)
    response = officer.post(
        url, {"reason": "Withdrawn by letter."}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "revoked" and body["revoked_by"] == "dan"
    assert [t["post_id"] for t in body["takedowns"]] == [published.pk]
    assert body["takedowns"][0]["status"] == "pending"
    assert TakedownRequest.objects.count() == 1
    again = officer.post(url, {"reason": "Again"}, content_type="application/json")
    assert again.status_code == 409 and "already revoked" in again.json()["detail"]


def test_roles_and_workspaces(workspace, people, other_workspace):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace)
    foreign = make_consent(other_workspace)
    author = _client(people[Role.AUTHOR])
    viewer = _client(people[Role.VIEWER])
    base = f"/api/workspaces/{workspace.slug}/consents"
    assert author.get(f"{base}/{consent.pk}").status_code == 200
    assert author.post(base, _body(workspace), content_type="application/json").status_code == 403
    assert viewer.get(base).status_code == 403
    assert author.get(f"{base}/{foreign.pk}").status_code == 404
    assert author.get(f"/api/workspaces/{other_workspace.slug}/consents").status_code == 404


def test_the_api_never_serves_the_signed_form(workspace, people):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace, form=PDF)
    body = _client(people[Role.COMPLIANCE_OFFICER]).get(
        f"/api/workspaces/{workspace.slug}/consents/{consent.pk}"
    )
    assert body.json()["has_signed_form"] is True
    assert "signed_form" not in body.json() and b"PDF" not in body.content
