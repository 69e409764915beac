"""What each network lets listening search, declared once in its ``network.toml`` ``[search]``.

``allowed``: whether a normal app may search public posts there at all; ``terms``: what it
searches ("text", "hashtag"); ``poll_seconds``: how often the worker asks; ``note``: why
not, or the limit that applies (said on the listening page, never silently nothing).

The calls live in each network's folder as ``search.py`` with one function,
``search(connector, term, cursor) -> (posts, cursor)``: one page of public posts holding
``term`` that are newer than ``cursor`` (any order), and the cursor to store with them;
an empty cursor starts from what the network shows now. Errors are the publishing
layer's :class:`PublishError` (429 with Retry-After, 5xx transient, 401 revoked), and
retries and backoff live in the caller, as for publishing and the inbox.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module, util
from pathlib import Path

from nabz.publishing.connectors import NETWORKS
from nabz.publishing.connectors.base import Connector, IncomingAuthor

TERM_KINDS = ("text", "hashtag")


@dataclass(frozen=True, slots=True)
class SearchSupport:
    network: str
    allowed: bool
    terms: tuple[str, ...]
    poll_seconds: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """What one request asks for: words (``text``, quoted when a phrase) or a hashtag."""

    kind: str  # "text" or "hashtag"
    value: str  # the hashtag without "#", or the words

    @property
    def phrase(self) -> bool:
        return self.kind == "text" and " " in self.value

    def as_query(self) -> str:
        """The term as most networks' search boxes read it."""
        if self.kind == "hashtag":
            return f"#{self.value}"
        return f'"{self.value}"' if self.phrase else self.value


@dataclass(frozen=True, slots=True)
class FoundPost:
    """One public post a network's search returned."""

    id: str
    text: str
    author: IncomingAuthor
    created_at: dt.datetime
    url: str = ""
    language: str = ""
    hashtags: tuple[str, ...] = field(default_factory=tuple)


Search = Callable[[Connector, SearchTerm, str], tuple[list[FoundPost], str]]


def _load(network: str) -> SearchSupport:
    path = Path(__file__).parent / network / "network.toml"
    with path.open("rb") as handle:
        table = tomllib.load(handle).get("search") or {}
    terms = tuple(table.get("terms") or ())
    for kind in terms:
        if kind not in TERM_KINDS:
            raise ValueError(f"{path}: search.terms has an unknown kind {kind!r}")
    return SearchSupport(
        network=network,
        allowed=bool(table.get("allowed", False)),
        terms=terms,
        poll_seconds=int(table.get("poll_seconds") or 300),
        note=str(table.get("note") or ""),
    )


@cache
def support(network: str) -> SearchSupport:
    if network not in NETWORKS:
        raise ValueError(f"no connector for network {network!r}")
    return _load(network)


def searcher(network: str) -> Search | None:
    """The folder's ``search.search`` function, or None when Nabz does not search there yet."""
    module_name = f"{NETWORKS[network].package}.search"
    if util.find_spec(module_name) is None:
        return None
    found: Search | None = getattr(import_module(module_name), "search", None)
    return found


def available(network: str) -> bool:
    """The network allows searching and Nabz does it: what listening may offer."""
    return support(network).allowed and searcher(network) is not None
