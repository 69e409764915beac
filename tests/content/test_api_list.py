"""The API's post list: pages of stored verdicts, the gate run only for what changed."""

from __future__ import annotations

import pytest
from django.test import Client

from nabz.content import gate
from nabz.content.models import Post
from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Role

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _token, secret = ApiToken.issue(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def posts(workspace, people) -> list[Post]:  # type: ignore[no-untyped-def]
    made = []
    for n in range(5):
        post = Post.objects.create(
            workspace=workspace,
            author=people[Role.AUTHOR],
            title=f"Post {n}",
            text=f"Call our front desk on +98 21 8888 0000 about the clinic, day {n}.",
        )
        post.variants.create(network="x", text="")
        made.append(post)
    return made


@pytest.fixture
def gate_runs(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    runs: list[int] = []
    real = gate.run

    def counting(post, **kwargs):  # type: ignore[no-untyped-def]
        runs.append(post.pk)
        return real(post, **kwargs)

    monkeypatch.setattr(gate, "run", counting)
    return runs


def test_a_second_listing_runs_no_gate(posts, people, workspace, gate_runs):  # type: ignore[no-untyped-def]
    client = _client(people[Role.AUTHOR])
    url = f"/api/workspaces/{workspace.slug}/posts"
    first = client.get(url).json()
    assert first["count"] == 5 and len(first["items"]) == 5
    assert sorted(gate_runs) == sorted(p.pk for p in posts)
    gate_runs.clear()
    second = client.get(url).json()
    assert gate_runs == []
    assert second == first
    # The stored verdict is the gate's: same reports as a fresh check.
    fresh = gate.run(posts[0])
    item = next(i for i in second["items"] if i["id"] == posts[0].pk)
    text = next(r for r in item["reports"] if r["part"] == "text")
    assert [f["code"] for f in text["findings"]] == fresh.reports[gate.MASTER].codes()


def test_an_edit_or_new_settings_refresh_the_verdict(posts, people, workspace, gate_runs):  # type: ignore[no-untyped-def]
    client = _client(people[Role.AUTHOR])
    url = f"/api/workspaces/{workspace.slug}/posts"
    before = {i["id"]: i for i in client.get(url).json()["items"]}
    assert before[posts[0].pk]["reports"][0]["findings"], "the phone number is found"
    gate_runs.clear()
    Post.objects.filter(pk=posts[1].pk).update(text="A calm day at the clinic.")
    client.get(url)
    assert gate_runs == [posts[1].pk]
    gate_runs.clear()
    workspace.trust_settings = {"allow": {"phones": ["+98 21 8888 0000"]}}
    workspace.save()
    after = {i["id"]: i for i in client.get(url).json()["items"]}
    assert len(gate_runs) == 5  # the allow-list changes every verdict
    codes = [f["code"] for f in after[posts[0].pk]["reports"][0]["findings"]]
    assert "PHI101" not in codes and codes != [
        f["code"] for f in before[posts[0].pk]["reports"][0]["findings"]
    ]


def test_pages_and_limits(posts, people, workspace):  # type: ignore[no-untyped-def]
    client = _client(people[Role.VIEWER])
    url = f"/api/workspaces/{workspace.slug}/posts"
    page1 = client.get(url, {"limit": 2}).json()
    page3 = client.get(url, {"limit": 2, "offset": 4}).json()
    assert page1["count"] == page3["count"] == 5
    assert len(page1["items"]) == 2 and len(page3["items"]) == 1
    everything = client.get(url, {"limit": 200}).json()["items"]
    assert [i["id"] for i in everything] == [p.pk for p in reversed(posts)]
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"offset": 2**63}):
        assert client.get(url, bad).status_code == 422, bad
    assert client.get(url, {"state": "nonsense"}).status_code == 422
    assert client.get(url, {"network": "x"}).json()["count"] == 5
    assert client.get(url, {"state": "published"}).json()["count"] == 0
