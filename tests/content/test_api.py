"""Posts through the JSON API: the same workflow, role table and Trust Gate as the UI."""

from __future__ import annotations

import pytest
from django.test import Client

from nabz.content.models import Post, State
from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Role


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _token, secret = ApiToken.issue(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


BODY = {
    "title": "MRI suite",
    "text": "Our new MRI suite opens on Monday.",
    "language": "en",
    "pillar": "behind_the_scenes",
    "variants": [{"network": "x", "text": ""}],
}


def test_write_review_schedule_through_the_api(people, workspace):  # type: ignore[no-untyped-def]
    author, reviewer = _client(people[Role.AUTHOR]), _client(people[Role.CLINICAL_REVIEWER])
    base = f"/api/workspaces/{workspace.slug}/posts"
    created = author.post(base, BODY, content_type="application/json")
    assert created.status_code == 201, created.content
    post = created.json()
    # A plain announcement: nothing found, a full score in every report of the post.
    scores = [r["score"] for r in post["reports"]]
    assert post["state"] == "draft" and scores and set(scores) == {100}
    assert {r["network"] for r in post["reports"]} == {None, "x"}
    pid = post["id"]
    assert author.post(f"{base}/{pid}/submit").json()["state"] == "in_review"
    own = author.post(
        f"{base}/{pid}/approve", {"kind": "clinical"}, content_type="application/json"
    )
    assert own.status_code == 403  # authors are not reviewers
    approved = reviewer.post(
        f"{base}/{pid}/approve", {"kind": "clinical"}, content_type="application/json"
    )
    assert approved.json()["state"] == "approved"
    early = author.post(
        f"{base}/{pid}/schedule",
        {"scheduled_at": "2020-01-01T09:00:00+00:00"},
        content_type="application/json",
    )
    assert early.status_code == 409 and "future" in early.json()["detail"]
    naive = author.post(
        f"{base}/{pid}/schedule",
        {"scheduled_at": "2031-01-01T09:00:00"},
        content_type="application/json",
    )
    assert naive.status_code == 422
    unconnected = author.post(
        f"{base}/{pid}/schedule",
        {"scheduled_at": "2031-01-01T09:00:00+03:30"},
        content_type="application/json",
    )
    assert (
        unconnected.status_code == 409
        and "No account is connected for X" in (unconnected.json()["detail"])
    )
    from nabz.publishing.models import Account

    Account.objects.create(workspace=workspace, network="x", name="Sunrise on X")
    done = author.post(
        f"{base}/{pid}/schedule",
        {"scheduled_at": "2031-01-01T09:00:00+03:30"},
        content_type="application/json",
    )
    assert done.json()["state"] == "scheduled"
    assert Post.objects.get(pk=pid).state == State.SCHEDULED


@pytest.mark.parametrize(
    "body",
    [
        {**BODY, "title": ""},
        {**BODY, "pillar": "gossip"},
        {**BODY, "variants": [{"network": "myspace", "text": ""}]},
        {**BODY, "text": "", "variants": []},
        {**BODY, "text": "   "},
        {**BODY, "scheduled_at": "2031-01-01T09:00:00"},
        {**BODY, "scheduled_at": "0001-01-01T00:00:00+14:00"},
        {**BODY, "media": [2**63]},
        {**BODY, "title": "A\u0000B"},
    ],
)
def test_bad_posts_get_422_with_the_field(people, workspace, body):  # type: ignore[no-untyped-def]
    response = _client(people[Role.AUTHOR]).post(
        f"/api/workspaces/{workspace.slug}/posts", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert not Post.objects.exists()


def test_a_variant_given_twice_is_one_and_two_texts_conflict(people, workspace):  # type: ignore[no-untyped-def]
    client = _client(people[Role.AUTHOR])
    url = f"/api/workspaces/{workspace.slug}/posts"
    twice = [{"network": "x", "text": "Same"}, {"network": "x", "text": "Same"}]
    created = client.post(url, {**BODY, "variants": twice}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["variants"] == [{"network": "x", "text": "Same"}]
    clash = [{"network": "x", "text": ""}, {"network": "x", "text": "twice"}]
    refused = client.post(url, {**BODY, "variants": clash}, content_type="application/json")
    assert refused.status_code == 409 and "x" in refused.json()["detail"]
    assert Post.objects.count() == 1


@pytest.mark.parametrize("field", ["media", "consents"])
def test_an_id_of_nothing_in_the_workspace_is_404(people, workspace, field):  # type: ignore[no-untyped-def]
    response = _client(people[Role.AUTHOR]).post(
        f"/api/workspaces/{workspace.slug}/posts",
        {**BODY, field: [999999]},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["detail"].startswith(f"{field}:")
    assert not Post.objects.exists()
