"""How much a variant may hold, in its network's own unit (issue 12, item 5)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from nabz.content.limits import DRAFT_FLOOR, MAX_TEXT, variant_cap, variant_error
from nabz.content.models import Post
from nabz.trust import Settings
from nabz.trust.platforms import NETWORK_SPECS
from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Role
from tests.conftest import signed_in


def test_each_network_gets_four_times_its_limit_within_the_floor_and_the_cap() -> None:
    for network, spec in NETWORK_SPECS.items():
        cap = variant_cap(network)
        assert cap == min(MAX_TEXT, max(DRAFT_FLOOR, 4 * spec.limit)), network
    assert variant_cap("x") == 2_000
    assert variant_cap("linkedin") == 12_000
    assert variant_cap("facebook") == MAX_TEXT


def test_a_workspace_that_raises_mastodons_limit_raises_its_cap() -> None:
    assert variant_cap("mastodon", Settings(mastodon_limit=5_000)) == 20_000
    text = "a" * 10_000
    assert variant_error("mastodon", text) is not None
    assert variant_error("mastodon", text, Settings(mastodon_limit=5_000)) is None


def test_the_cap_is_measured_in_the_networks_unit() -> None:
    # A long link weighs 23 on X: 3,000 characters of it fit X's cap of 2,000.
    link = "https://example.org/" + "a" * 3_000
    assert variant_error("x", f"Read more: {link}") is None
    # Chinese characters weigh 2 on X: 1,001 of them are 2,002 weighted characters
    # (Persian and Arabic letters weigh 1, like Latin ones).
    assert variant_error("x", "س" * 2_000) is None
    assert variant_error("x", "中" * 1_000) is None
    message = variant_error("x", "中" * 1_001)
    assert message is not None
    assert "2,002" in message and "2,000" in message and "280" in message
    # Bluesky counts graphemes: a family emoji is one.
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert variant_error("bluesky", family * 2_000) is None
    assert variant_error("bluesky", family * 2_001) is not None


def test_the_reason_reads_in_the_users_language() -> None:
    with translation.override("fa"):
        message = variant_error("x", "a" * 2_500)
    assert message is not None
    assert "۲,۵۰۰" in message and "ایکس" in message


@pytest.mark.django_db
def test_the_editor_refuses_an_overlong_variant_and_keeps_it(people, workspace) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    overlong = "Flu shots are free this week at every clinic. " * 60  # 2,760 characters
    response = client.post(
        f"/w/{workspace.slug}/posts/new/",
        {
            "title": "Flu shots",
            "language": "en",
            "pillar": "education",
            "text": "Flu shots are free this week.",
            "networks": ["x"],
            "variant_x": overlong,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Too long to keep as the X text" in page
    assert overlong.strip() in page  # nothing typed is lost
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_422_naming_the_variant(people, workspace) -> None:  # type: ignore[no-untyped-def]
    _token, secret = ApiToken.issue(people[Role.AUTHOR], "tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    body = {
        "title": "Flu shots",
        "text": "Flu shots are free this week.",
        "variants": [{"network": "bluesky", "text": "x" * 2_001}, {"network": "x", "text": "ok"}],
    }
    url = f"/api/workspaces/{workspace.slug}/posts"
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["loc"] for item in detail] == [["body", "variants.bluesky"]]
    assert "2,001" in detail[0]["msg"]
    assert not Post.objects.exists()
    body["variants"][0]["text"] = "x" * 2_000
    assert client.post(url, body, content_type="application/json").status_code == 201
