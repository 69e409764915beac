"""Listening fixtures: accounts on the Sandbox and on fake Mastodon and Bluesky servers
that can search, and a helper to say something in public on the Sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nabz.listening.models import ListeningQuery
from nabz.publishing.connectors.base import Credentials
from nabz.publishing.models import Account, SandboxPublicPost
from tests.listening.fakes import FakeBlueskySearch, FakeMastodonSearch


@pytest.fixture
def sandbox(workspace) -> Account:  # type: ignore[no-untyped-def]
    account = Account.objects.create(
        workspace=workspace, network="sandbox", name="Sandbox", handle="sandbox"
    )
    account.remote_id = str(account.pk)
    account.save()
    return account


def says(
    text: str, *, who: str = "layla", language: str = "", **extra: object
) -> SandboxPublicPost:
    return SandboxPublicPost.objects.create(
        author_id=f"sandbox-{who}",
        author_handle=who,
        author_name=who.title(),
        text=text,
        language=language,
        **extra,
    )


def make_query(workspace, text: str, **fields: object) -> ListeningQuery:  # type: ignore[no-untyped-def]
    return ListeningQuery.objects.create(workspace=workspace, name=text[:40], query=text, **fields)


@pytest.fixture
def fake_mastodon() -> Iterator[FakeMastodonSearch]:
    with FakeMastodonSearch() as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def mastodon(workspace, fake_mastodon) -> Account:  # type: ignore[no-untyped-def]
    account = Account(
        workspace=workspace,
        network="mastodon",
        name="Sunrise on Mastodon",
        api_base=fake_mastodon.url,
    )
    account.store_credentials(
        Credentials(
            access_token=fake_mastodon.issue_token(),
            account_id=fake_mastodon.account.id,
            handle=f"sunrise_hospital@{fake_mastodon.host}",
        )
    )
    account.save()
    return account


@pytest.fixture
def fake_bluesky() -> Iterator[FakeBlueskySearch]:
    with FakeBlueskySearch() as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def bluesky(workspace, fake_bluesky) -> Account:  # type: ignore[no-untyped-def]
    from nabz.publishing.connectors.bluesky import auth

    with httpx.Client(timeout=1) as client:
        credentials = auth.login(
            "sunrisehospital.bsky.social",
            "abcd-efgh-ijkl-mnop",
            api_base=fake_bluesky.url,
            client=client,
        )
    account = Account(
        workspace=workspace, network="bluesky", name="Sunrise on Bluesky", api_base=fake_bluesky.url
    )
    account.store_credentials(credentials)
    account.save()
    return account
