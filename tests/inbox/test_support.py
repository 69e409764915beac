"""What each network allows the inbox, as declared in its network.toml, against its connector."""

from __future__ import annotations

import pytest

from nabz.publishing.connectors import NETWORKS
from nabz.publishing.connectors.inbox import ACTIONS, available, implemented, support

READ_NOW = {"sandbox", "mastodon", "bluesky", "pixelfed"}


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_every_network_declares_its_inbox(network):
    declared = support(network)
    assert declared.reads, f"{network}: [inbox] reads is missing from network.toml"
    assert declared.poll_seconds > 0


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_a_connector_never_does_what_its_network_does_not_allow(network):
    for action in ACTIONS:
        if implemented(network, action):
            assert support(network).allowed(action), (network, action)


def test_reading_and_public_replies_work_where_the_first_slice_built_them():
    assert {n for n in NETWORKS if available(n, "read")} == READ_NOW
    assert {n for n in NETWORKS if available(n, "reply_public")} == {
        "sandbox",
        "mastodon",
        "bluesky",
    }
    assert available("sandbox", "hide") and not available("mastodon", "hide")
    assert not support("mastodon").allowed("hide")  # nobody hides another account's reply
    assert support("facebook").push == support("instagram").push == "meta"
