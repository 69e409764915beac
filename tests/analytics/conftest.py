"""Analytics fixtures: published posts on a fake Mastodon and on the Sandbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from django.utils import timezone

from nabz.content.models import Post, State, Variant
from nabz.publishing.connectors import connector_for
from nabz.publishing.connectors.base import Credentials, OutgoingPost
from nabz.publishing.models import Account, Publication
from nabz.workspaces.roles import Role
from tests.publishing.fakes.mastodon import FakeMastodon


@pytest.fixture
def fake_mastodon() -> Iterator[FakeMastodon]:
    with FakeMastodon() as server:
        yield server


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=2.0) as client:
        yield client


@pytest.fixture
def mastodon_account(workspace, fake_mastodon):  # type: ignore[no-untyped-def]
    account = Account(
        workspace=workspace,
        network="mastodon",
        name="Sunrise on Mastodon",
        remote_id=fake_mastodon.account.id,
        api_base=fake_mastodon.url,
    )
    account.store_credentials(
        Credentials(
            access_token=fake_mastodon.issue_token(),
            account_id=fake_mastodon.account.id,
            api_base=fake_mastodon.url,
        )
    )
    account.save()
    return account


def published(
    account: Account,
    people,
    *,
    text: str,
    pillar: str = "education",
    language: str = "en",
    remote_id: str = "",
    when: dt.datetime | None = None,
) -> Publication:  # type: ignore[no-untyped-def]
    post = Post.objects.create(
        workspace=account.workspace,
        author=people[Role.AUTHOR],
        title=text[:40],
        text=text,
        pillar=pillar,
        language=language,
        state=State.PUBLISHED,
    )
    variant = Variant.objects.create(post=post, network=account.network)
    return Publication.objects.create(
        post=post,
        variant=variant,
        network=account.network,
        account=account,
        text=text,
        state=Publication.State.SENT,
        remote_id=remote_id,
        published_at=when or timezone.now(),
    )


def publish_on(account: Account, client: httpx.Client, text: str) -> str:
    connector = connector_for(account.network, account.credentials(), client=client)
    return connector.publish(OutgoingPost(text=text, idempotency_key=f"k-{abs(hash(text))}")).id


@pytest.fixture
def sandbox(workspace, people):  # type: ignore[no-untyped-def]
    account = Account.objects.create(
        workspace=workspace, network="sandbox", name="Sandbox", handle="sandbox"
    )
    account.remote_id = str(account.pk)
    account.save()
    return account
