"""Inbox fixtures: accounts on the Sandbox and on fake Mastodon and Bluesky servers."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nabz.publishing.connectors.base import Credentials
from nabz.publishing.models import Account, SandboxComment
from tests.publishing.fakes.bluesky import FakeBluesky
from tests.publishing.fakes.mastodon import FakeMastodon


@pytest.fixture
def sandbox(workspace) -> Account:  # type: ignore[no-untyped-def]
    account = Account.objects.create(
        workspace=workspace, network="sandbox", name="Sandbox", handle="sandbox"
    )
    account.remote_id = str(account.pk)
    account.save()
    return account


def visitor(
    account: Account,
    text: str,
    *,
    who: str = "layla",
    kind: str = "comment",
    parent: SandboxComment | None = None,
    language: str = "",
) -> SandboxComment:
    return SandboxComment.objects.create(
        account=account,
        kind=kind,
        parent=parent,
        author_id=f"sandbox-{who}",
        author_handle=who,
        author_name=who.title(),
        text=text,
        language=language,
    )


@pytest.fixture
def fake_mastodon() -> Iterator[FakeMastodon]:
    with FakeMastodon() as server:
        yield server


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
def fake_bluesky() -> Iterator[FakeBluesky]:
    with FakeBluesky() as server:
        yield server


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
