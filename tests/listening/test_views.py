"""Listening's pages: who may see and change what, the editor's preview and errors, the
stream's filters and pages, the audit of query changes, and the network table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.audit.models import AuditEntry
from nabz.listening.models import ListeningQuery, Result
from nabz.workspaces.roles import Role
from tests.listening.conftest import make_query

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Corona",
    "query": "کرونا OR كورونا OR corona",
    "excluded_authors": "",
    "active": "on",
    "sensitivity": "medium",
    "cooldown_minutes": "60",
}


@pytest.mark.parametrize("role", list(Role))
def test_everyone_reads_only_editors_change(client_for, workspace, role):
    query = make_query(workspace, "corona")
    client = client_for(role)
    assert client.get(f"/w/{workspace.slug}/listening/").status_code == 200
    assert client.get(f"/w/{workspace.slug}/listening/{query.pk}/").status_code == 200
    editor = role in (Role.ADMIN, Role.AUTHOR)
    response = client.post(f"/w/{workspace.slug}/listening/new/", FORM)
    assert response.status_code == (302 if editor else 403)
    response = client.post(f"/w/{workspace.slug}/listening/{query.pk}/delete/")
    assert response.status_code == (302 if editor else 403)


def test_other_workspaces_queries_are_not_found(client_for, workspace, other_workspace):
    query = make_query(other_workspace, "corona")
    client = client_for(Role.ADMIN)
    assert client.get(f"/w/{workspace.slug}/listening/{query.pk}/").status_code == 404


def test_a_bad_query_is_shown_with_its_place_and_kept(client_for, workspace):
    client = client_for(Role.AUTHOR)
    response = client.post(f"/w/{workspace.slug}/listening/new/", {**FORM, "query": "(corona OR"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Character" in body and "(corona OR" in body
    assert not ListeningQuery.objects.exists()


def test_creating_and_changing_a_query_is_audited(client_for, workspace):
    client = client_for(Role.AUTHOR)
    client.post(f"/w/{workspace.slug}/listening/new/", FORM)
    query = ListeningQuery.objects.get()
    client.post(f"/w/{workspace.slug}/listening/{query.pk}/edit/", {**FORM, "query": "corona"})
    actions = list(
        AuditEntry.objects.filter(action__startswith="listening.").values_list("action", flat=True)
    )
    assert actions == ["listening.query_created", "listening.query_changed"]
    change = AuditEntry.objects.get(action="listening.query_changed")
    assert change.payload["changes"]["query"]["to"] == "corona"


def test_preview_marks_what_matches_and_explains_errors(client_for, workspace):
    client = client_for(Role.VIEWER)
    url = f"/w/{workspace.slug}/listening/preview/"
    response = client.post(
        url, {"query": "کرونا OR كورونا", "sample": "موج کرونا\nnothing\nالكورونا هنا"}
    )
    body = response.content.decode()
    assert body.count('class="match"') == 2 and body.count('class="no-match"') == 1
    assert "<mark>الكورونا</mark>" in body
    response = client.post(url, {"query": '"open', "sample": "x"}, HTTP_ACCEPT_LANGUAGE="fa")
    assert 'id="query-error"' in response.content.decode()


def _results(query, n: int, **fields):  # type: ignore[no-untyped-def]
    now = timezone.now()
    Result.objects.bulk_create(
        [
            Result(
                workspace=query.workspace,
                query=query,
                network=fields.get("network", "sandbox"),
                remote_id=f"{fields.get('network', 'sandbox')}-{i}",
                author_handle=f"user{i % 3}",
                text=f"corona note {i} #covid19",
                language=fields.get("language", "en"),
                posted_at=now - dt.timedelta(minutes=i),
                myth=fields.get("myth", False),
                hashtags=["covid19"],
            )
            for i in range(n)
        ]
    )


def test_stream_is_newest_first_in_pages_and_filtered(client_for, workspace):
    query = make_query(workspace, "corona")
    _results(query, 120)
    client = client_for(Role.VIEWER)
    url = f"/w/{workspace.slug}/listening/{query.pk}/"
    first = client.get(url)
    rows = first.context["results"]
    assert len(rows) == 50 and rows[0].remote_id == "sandbox-0"
    seen = {r.pk for r in rows}
    page = first
    while page.context["older"]:
        page = client.get(url, {"before": page.context["older"]})
        assert not seen & {r.pk for r in page.context["results"]}
        seen |= {r.pk for r in page.context["results"]}
    assert len(seen) == 120
    assert first.context["authors"][0][1] == 40 and first.context["tags"] == [("covid19", 120)]
    assert client.get(url, {"mark": "myth"}).context["results"] == []
    assert client.get(url, {"before": "nonsense"}).status_code == 200


def test_networks_that_cannot_search_say_so(client_for, workspace):
    body = client_for(Role.VIEWER).get(f"/w/{workspace.slug}/listening/").content.decode()
    assert 'data-network="facebook"' in body and "cannot be searched" in body
