"""One network, one folder: every list of networks comes from the folders' declarations.

These tests fail when a network is declared in one place and missing in another: a
folder without ``network.toml`` or without its connector, a declaration the content
choices, the API schema, the worker's limits or the engine do not know, a choice list
without its migration, a fake server that is not there.
"""

from __future__ import annotations

import io
import typing
from importlib import import_module
from pathlib import Path

import pytest
from django.core.management import call_command

from nabz.api.schemas import NetworkName
from nabz.content.models import Network
from nabz.publishing import worker
from nabz.publishing.connectors import NETWORKS, connector_class
from nabz.publishing.connectors.base import Connector
from nabz.publishing.models import Account, Publication
from nabz.trust import model
from nabz.trust.platforms import COUNTERS, NETWORK_SPECS, NETWORKS_DIR, measure
from tests.publishing.fakes.server import FakeNetwork

FOLDERS = sorted(
    p.name for p in Path(NETWORKS_DIR).iterdir() if p.is_dir() and (p / "__init__.py").exists()
)


def test_every_connector_folder_declares_its_network() -> None:
    assert sorted(NETWORK_SPECS) == FOLDERS, "a folder without network.toml, or the reverse"


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(list(NETWORKS), id="publishing registry"),
        pytest.param(list(model.NETWORKS), id="engine NETWORKS"),
        pytest.param(list(Network.values), id="content.Network"),
        pytest.param([c[0] for c in Account._meta.get_field("network").choices], id="Account"),
        pytest.param(
            [c[0] for c in Publication._meta.get_field("network").choices], id="Publication"
        ),
        pytest.param(list(typing.get_args(NetworkName)), id="API schema"),
        pytest.param(list(worker.ACCOUNT_LIMITS), id="worker limits"),
    ],
)
def test_every_list_of_networks_is_the_declared_one(names: list[str]) -> None:
    assert names == list(NETWORK_SPECS)


@pytest.mark.django_db
def test_the_choice_lists_have_their_migrations() -> None:
    out = io.StringIO()
    call_command("makemigrations", "content", "publishing", check=True, dry_run=True, stdout=out)


def test_the_openapi_schema_offers_every_network(client) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/api/openapi.json").json()
    enum = schema["components"]["schemas"]["CheckIn"]["properties"]["network"]["anyOf"][0]["enum"]
    assert enum == list(NETWORK_SPECS)


@pytest.mark.parametrize("network", list(NETWORK_SPECS))
def test_each_folder_holds_what_its_declaration_promises(network: str) -> None:
    spec = NETWORK_SPECS[network]
    entry = NETWORKS[network]
    cls = connector_class(network)
    assert issubclass(cls, Connector) and cls.network == network
    assert spec.counter in COUNTERS and spec.limit > 0
    assert spec.rate_posts > 0 and spec.rate_window_seconds > 0
    assert {lang for lang, _name in spec.names} == {"en", "ar", "fa"}
    assert measure("a" * spec.limit, network).over is False
    assert measure("a" * (spec.limit + 1), network).over is True
    if spec.connect == "builtin":
        assert entry.auth() is None or network == "sandbox"
        return
    assert entry.auth() is not None, f"{network}/auth.py is missing"
    if spec.connect in ("form", "instance"):
        assert entry.connect_form() is not None, f"{network}/forms.py needs a ConnectForm"
    if spec.connect == "oauth":
        assert len(spec.app_env) == 2, "oauth needs our app's id and secret variables"
        assert hasattr(entry.auth(), "exchange_code")
    if spec.connect == "form":
        assert hasattr(entry.connect_form(), "connect")
    module, _, name = spec.fake_server.partition(":")
    fake = getattr(import_module(module), name)
    assert issubclass(fake, FakeNetwork), f"{network} needs a fake server for its tests"


def test_an_unknown_network_has_no_silent_default() -> None:
    with pytest.raises(ValueError, match="no connector"):
        connector_class("myspace")
    with pytest.raises(ValueError, match="unknown network"):
        measure("hello", "myspace")
    assert "myspace" not in worker.ACCOUNT_LIMITS


@pytest.mark.django_db
def test_the_worker_publishes_through_a_new_folder_with_its_declared_rules(due_post, settings):  # type: ignore[no-untyped-def]
    """Pixelfed came as one folder: the worker finds its connector and its rate window."""
    import datetime as dt

    from django.utils import timezone

    from tests.publishing.fakes.pixelfed import FakePixelfed

    settings.NABZ_PUBLISH_TIMEOUT_SECONDS = 1
    with FakePixelfed() as fake:
        account = Account(
            workspace=due_post.workspace, network="pixelfed", name="Sunrise", api_base=fake.url
        )
        from nabz.publishing.connectors.base import Credentials

        account.store_credentials(
            Credentials(access_token=fake.issue_token(), account_id=fake.account.id)
        )
        account.save()
        variant = due_post.variants.create(network="pixelfed")
        pub = Publication.objects.create(
            post=due_post, variant=variant, network="pixelfed", account=account, text="Hello"
        )
        # A post without a photo: refused by the connector before any call, for good.
        assert worker.publish_one(pub.pk, now=timezone.now()) == Publication.State.FAILED
        pub.refresh_from_db()
        assert pub.error_permanent and "image" in pub.last_error
        assert fake.requests == []
        # The declared window (50 an hour): a full window holds the next attempt back.
        limit, window = worker.ACCOUNT_LIMITS["pixelfed"]
        assert (limit, window) == (50, 3600)
        now = timezone.now()
        for i in range(limit):
            Publication.objects.create(
                post=due_post,
                network="pixelfed",
                account=None,
                text=f"sent {i}",
                state=Publication.State.SENT,
                published_at=now - dt.timedelta(minutes=1),
            )
        Publication.objects.filter(account=None, network="pixelfed").update(account=account)
        assert worker._window_wait(account, now) is not None


@pytest.mark.django_db
def test_the_worker_sends_a_thread_variant_as_chained_replies(due_post, settings):  # type: ignore[no-untyped-def]
    """An X variant holding a thread (parts split by a line of ---) goes out part by part,
    each a reply to the one before; the publication keeps every part's id."""
    from django.utils import timezone

    from nabz.content.adapt import THREAD_BREAK
    from nabz.publishing.connectors.base import Credentials
    from tests.publishing.fakes.x import USER_ID, USERNAME, FakeX

    settings.NABZ_PUBLISH_TIMEOUT_SECONDS = 2
    fake = FakeX()
    fake.start()
    try:
        access, refresh = fake.issue_token()
        account = Account(
            workspace=due_post.workspace, network="x", name="Sunrise", api_base=fake.url
        )
        account.store_credentials(
            Credentials(
                access_token=access, refresh_token=refresh, account_id=USER_ID, handle=USERNAME
            )
        )
        account.save()
        parts = ["Flu season is here. (1/2)", "Book your shot today. (2/2)"]
        variant = due_post.variants.create(network="x", text=THREAD_BREAK.join(parts))
        pub = Publication.objects.create(
            post=due_post, variant=variant, network="x", account=account, text=variant.text
        )
        assert worker.publish_one(pub.pk, now=timezone.now()) == Publication.State.SENT
        tweets = sorted(fake.live_tweets(), key=lambda t: int(t.id))
        assert [t.sent_text for t in tweets] == parts
        assert tweets[1].in_reply_to == tweets[0].id
        pub.refresh_from_db()
        assert pub.remote_id == f"{tweets[0].id} {tweets[1].id}"
    finally:
        fake.stop()
