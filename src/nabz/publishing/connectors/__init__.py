"""The network registry: one folder per network, discovered, declared once.

Each ``connectors/<network>/`` folder holds ``network.toml`` (label, limits, rate window,
quota, how an account connects, the test fake; read by the trust engine's table
``nabz.trust.platforms.NETWORK_SPECS``), ``connector.py`` (the :class:`Connector`
subclass whose ``network`` is the folder's name), and, when the network needs them,
``auth.py`` (the connection calls) and ``forms.py`` (``ConnectForm``, the page that
asks for a server or an app password). Nothing else lists the networks: the content
model's choices, the API's schema, the worker's limits and the accounts page all read
this registry. ``docs/connectors.md`` says how to add one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module, util
from types import ModuleType
from typing import Any

from nabz.publishing.connectors.base import Connector, Credentials
from nabz.trust.platforms import NETWORK_SPECS, NetworkSpec


@dataclass(frozen=True, slots=True)
class NetworkEntry:
    """One network as the web app sees it: its declaration and where its code lives."""

    spec: NetworkSpec

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def package(self) -> str:
        return f"{__name__}.{self.name}"

    def connector_class(self) -> type[Connector]:
        return _connector_class(self.name)

    def auth(self) -> ModuleType | None:
        """The folder's ``auth`` module (None for the built-in sandbox)."""
        return _optional(f"{self.package}.auth")

    def connect_form(self) -> type[Any] | None:
        """The folder's ``forms.ConnectForm``, for networks connected through a form."""
        module = _optional(f"{self.package}.forms")
        return getattr(module, "ConnectForm", None) if module else None


NETWORKS: dict[str, NetworkEntry] = {
    name: NetworkEntry(spec) for name, spec in NETWORK_SPECS.items()
}
# (label, module of the connector) per network, for the pages that list them.
CONNECTORS: dict[str, tuple[str, str]] = {
    name: (entry.label, f"{entry.package}.connector") for name, entry in NETWORKS.items()
}


def entry(network: str) -> NetworkEntry:
    try:
        return NETWORKS[network]
    except KeyError:
        raise ValueError(f"no connector for network {network!r}") from None


def _optional(module: str) -> ModuleType | None:
    return import_module(module) if util.find_spec(module) is not None else None


@cache
def _connector_class(network: str) -> type[Connector]:
    module = import_module(f"{entry(network).package}.connector")
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Connector)
        and value.__module__ == module.__name__
        and value.network == network
    ]
    if len(found) != 1:
        raise ValueError(f"{module.__name__} must define one Connector with network={network!r}")
    return found[0]


def connector_class(network: str) -> type[Connector]:
    return entry(network).connector_class()


def connector_for(network: str, credentials: Credentials, **kwargs: object) -> Connector:
    return connector_class(network)(credentials, **kwargs)  # type: ignore[arg-type]
