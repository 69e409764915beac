"""What each network lets the inbox do, declared once in its ``network.toml`` ``[inbox]``.

``reads``: the kinds of incoming message its API lets us read (comment, mention, dm);
``allows``: the actions its API offers (reply_public, reply_private, hide, unhide,
delete_reply); ``push``: the webhook family it can push through ("meta") or "" (we
poll); ``poll_seconds``: how often the worker asks. Whether Nabz already *does* an
action is whether the network's connector implements it (:func:`implemented`): a
network may allow more than its connector does so far, never the other way round
(``tests/inbox/test_support.py`` checks both).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nabz.publishing.connectors import NETWORKS, connector_class
from nabz.publishing.connectors.base import INCOMING_KINDS, Connector

ACTIONS = ("reply_public", "reply_private", "hide", "unhide", "delete_reply")
READING = "fetch_incoming"


@dataclass(frozen=True, slots=True)
class InboxSupport:
    network: str
    reads: tuple[str, ...]
    allows: tuple[str, ...]
    push: str
    poll_seconds: int

    def allowed(self, action: str) -> bool:
        return action in self.allows


def _load(network: str) -> InboxSupport:
    path = Path(__file__).parent / network / "network.toml"
    with path.open("rb") as handle:
        table = tomllib.load(handle).get("inbox") or {}
    reads = tuple(table.get("reads") or ())
    allows = tuple(table.get("allows") or ())
    for kind in reads:
        if kind not in INCOMING_KINDS:
            raise ValueError(f"{path}: inbox.reads has an unknown kind {kind!r}")
    for action in allows:
        if action not in ACTIONS:
            raise ValueError(f"{path}: inbox.allows has an unknown action {action!r}")
    return InboxSupport(
        network=network,
        reads=reads,
        allows=allows,
        push=str(table.get("push") or ""),
        poll_seconds=int(table.get("poll_seconds") or 300),
    )


@cache
def support(network: str) -> InboxSupport:
    if network not in NETWORKS:
        raise ValueError(f"no connector for network {network!r}")
    return _load(network)


def implemented(network: str, action: str) -> bool:
    """True when the network's connector overrides the base class's NotSupported call."""
    cls = connector_class(network)
    name = READING if action == "read" else action
    return getattr(cls, name) is not getattr(Connector, name)


def available(network: str, action: str) -> bool:
    """The network allows it and Nabz does it: what the inbox may offer on a page."""
    if action == "read":
        return bool(support(network).reads) and implemented(network, "read")
    return support(network).allowed(action) and implemented(network, action)
