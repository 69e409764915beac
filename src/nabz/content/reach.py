"""Which networks a workspace can publish to: publishing says, content asks.

Content does not import publishing (the layer contract), yet the editor, the review and
the schedule step must say which ticked networks have no connected account. Publishing
registers its answer here when the app starts (``PublishingConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_connected: list[Callable[[object], set[str]]] = []


def register(answer: Callable[[object], set[str]]) -> None:
    _connected[:] = [answer]


def connected_networks(workspace: object) -> set[str]:
    """The networks with a usable account in ``workspace`` (none when publishing is absent)."""
    return _connected[0](workspace) if _connected else set()


def unconnected(workspace: object, networks: Iterable[str]) -> list[str]:
    """Those of ``networks`` nobody connected an account for, in the order given."""
    connected = connected_networks(workspace)
    return [n for n in networks if n not in connected]


def labels(networks: Iterable[str]) -> str:
    from nabz.content.models import Network

    names = dict(Network.choices)
    return ", ".join(str(names.get(n, n)) for n in networks)
