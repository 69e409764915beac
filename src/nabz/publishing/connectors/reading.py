"""Reading the numbers of our posts and accounts, in each network's words and in ours.

Each network folder's ``metrics.py`` declares ``NAMES``: for each number of the common
vocabulary (:data:`COMMON`) the network gives, what the network itself calls it. A
number missing from ``NAMES`` is one the network does not give: reports say "not
available from <network>", never 0. ``read_post`` and ``read_account`` in that module
call the network (through its connector) and return a :class:`Reading`.

The calls themselves are in the connector (``metrics``) or in the folder's
``metrics.py`` (account figures); retries and schedules live in the analytics reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from nabz.publishing.connectors.base import Connector, Metrics

# The common vocabulary, in the order reports show it.
COMMON: tuple[str, ...] = (
    "impressions",
    "reach",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "followers",
)
# What "engagements" adds up, where the network gives it (clicks are shown apart).
ENGAGEMENT_PARTS: tuple[str, ...] = ("likes", "comments", "shares", "saves")
POST_FIELDS: tuple[str, ...] = ("impressions", "reach", "likes", "comments", "shares", "clicks")


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading: common names to values (None: not given this time) and the raw
    answer in the network's own names."""

    values: Mapping[str, int | None]
    raw: Mapping[str, Any] = field(default_factory=dict)


def engagements(values: Mapping[str, int | None], names: Mapping[str, str]) -> int | None:
    """Likes + comments + shares + saves, over the parts the network gives."""
    parts = [values.get(k) for k in ENGAGEMENT_PARTS if k in names]
    known = [v for v in parts if v is not None]
    return sum(known) if known else None


def from_metrics(
    metrics: Metrics,
    names: Mapping[str, str],
    extra: Callable[[Metrics], Mapping[str, int | None]] | None = None,
) -> Reading:
    """The common values of a connector's :class:`Metrics`, limited to what ``names``
    says the network gives."""
    values: dict[str, int | None] = {
        key: _int(getattr(metrics, key)) for key in POST_FIELDS if key in names
    }
    if extra is not None:
        values.update({k: _int(v) for k, v in extra(metrics).items() if k in names})
    if "engagements" in names:
        values["engagements"] = engagements(values, names)
    return Reading(values=values, raw=dict(metrics.raw))


def module(network: str) -> Any:
    return import_module(f"nabz.publishing.connectors.{network}.metrics")


def names(network: str) -> Mapping[str, str]:
    """What ``network`` calls each common number it gives."""
    return dict(module(network).NAMES)


def available(network: str, metric: str) -> bool:
    return metric in module(network).NAMES


def read_post(network: str, connector: Connector, remote_id: str) -> Reading:
    reading: Reading = module(network).read_post(connector, remote_id)
    return reading


def read_account(network: str, connector: Connector) -> Reading:
    reading: Reading = module(network).read_account(connector)
    return reading


def _int(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
