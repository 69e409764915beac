"""Connecting accounts through the UI against the fake networks: tokens end up sealed."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest

from nabz.publishing.models import Account
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.publishing.fakes.bluesky import FakeBluesky
from tests.publishing.fakes.mastodon import FakeMastodon
from tests.publishing.fakes.pixelfed import FakePixelfed


@pytest.fixture
def admin(people):  # type: ignore[no-untyped-def]
    return signed_in(people[Role.ADMIN])


def test_bluesky_with_an_app_password(admin, workspace):  # type: ignore[no-untyped-def]
    with FakeBluesky() as fake:
        url = f"/w/{workspace.slug}/settings/accounts/connect/bluesky/"
        wrong = admin.post(
            url,
            {
                "handle": "sunrisehospital.bsky.social",
                "app_password": "zzzz-zzzz-zzzz-zzzz",
                "service": fake.url,
            },
        )
        assert wrong.status_code == 400 and "Bluesky refused" in wrong.content.decode()
        assert not Account.objects.exists()
        done = admin.post(
            url,
            {
                "handle": "sunrisehospital.bsky.social",
                "app_password": "abcd-efgh-ijkl-mnop",
                "service": fake.url,
            },
        )
        assert done.status_code == 302
    account = Account.objects.get()
    assert account.network == "bluesky" and account.handle == "sunrisehospital.bsky.social"
    assert account.remote_id.startswith("did:plc:")
    assert account.credentials().access_token
    assert "abcd-efgh" not in account.sealed_secrets


def test_mastodon_registers_an_app_and_completes_oauth(admin, workspace):  # type: ignore[no-untyped-def]
    with FakeMastodon() as fake:
        instance = fake.url
        start = admin.post(
            f"/w/{workspace.slug}/settings/accounts/connect/mastodon/", {"instance": fake.url}
        )
        assert start.status_code == 302 and start.url.startswith(fake.url + "/oauth/authorize")
        consent = httpx.get(start.url, follow_redirects=False)
        assert consent.status_code in (302, 303)
        back = urlsplit(consent.headers["location"])
        tampered = admin.get(f"{back.path}?code=x&state=forged")
        assert tampered.status_code == 302 and not Account.objects.exists()
        finished = admin.get(f"{back.path}?{back.query}")
        assert finished.status_code == 302
    account = Account.objects.get()
    assert account.network == "mastodon" and account.api_base == instance
    assert account.credentials().extra.get("client_id")
    assert account.options.get("max_characters")


def test_pixelfed_connects_through_the_same_flow_with_its_own_limits(admin, workspace):  # type: ignore[no-untyped-def]
    page = admin.get(f"/w/{workspace.slug}/settings/accounts/").content.decode()
    assert "Pixelfed" in page
    with FakePixelfed(alt_text_limit=800) as fake:
        instance = fake.url
        form = admin.get(f"/w/{workspace.slug}/settings/accounts/connect/pixelfed/")
        assert form.status_code == 200 and "Your Pixelfed server" in form.content.decode()
        start = admin.post(
            f"/w/{workspace.slug}/settings/accounts/connect/pixelfed/", {"instance": fake.url}
        )
        assert start.status_code == 302 and start.url.startswith(fake.url + "/oauth/authorize")
        back = urlsplit(httpx.get(start.url, follow_redirects=False).headers["location"])
        assert admin.get(f"{back.path}?{back.query}").status_code == 302
    account = Account.objects.get()
    assert account.network == "pixelfed" and account.api_base == instance
    assert account.credentials().extra.get("client_id")
    assert account.options["description_limit"] == 800
    assert account.options["max_media_attachments"] == 4


def test_unconfigured_networks_say_what_to_set(admin, workspace):  # type: ignore[no-untyped-def]
    page = admin.get(f"/w/{workspace.slug}/settings/accounts/").content.decode()
    assert "Not configured on this server" in page
    response = admin.get(f"/w/{workspace.slug}/settings/accounts/connect/x/", follow=True)
    assert "NABZ_X_CLIENT_ID" in response.content.decode()


def test_x_with_pkce(admin, workspace, monkeypatch):  # type: ignore[no-untyped-def]
    from tests.publishing.fakes import x as fake_x

    with fake_x.FakeX() as fake:
        monkeypatch.setenv("NABZ_X_CLIENT_ID", fake_x.CONFIDENTIAL_CLIENT)
        monkeypatch.setenv("NABZ_X_CLIENT_SECRET", fake_x.CLIENT_SECRET)
        monkeypatch.setenv("NABZ_X_AUTH_BASE", fake.url)
        monkeypatch.setenv("NABZ_X_API_BASE", fake.url)
        start = admin.get(f"/w/{workspace.slug}/settings/accounts/connect/x/")
        assert start.status_code == 302 and "code_challenge=" in start.url
        assert "code_challenge_method=S256" in start.url
        consent = httpx.get(start.url, follow_redirects=False)
        back = urlsplit(consent.headers["location"])
        assert admin.get(f"{back.path}?{back.query}").status_code == 302
    account = Account.objects.get()
    assert account.network == "x" and account.credentials().refresh_token
