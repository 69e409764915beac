"""The TLS-terminating proxy in front of ``nabz serve``, and the check that refuses bad set-ups.

waitress never speaks TLS itself, so in production every request reaches it over plain
HTTP from a proxy. The proxy says what the client used in ``X-Forwarded-Proto``; waitress
believes it only from the addresses in ``NABZ_TRUSTED_PROXY`` (and clears the proxy
headers of every other peer), so a client that reaches waitress directly cannot claim
HTTPS or another address. Django reads the same header (``SECURE_PROXY_SSL_HEADER`` is
set only when the header is trusted), so both agree on what is secure.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# The headers waitress knows how to read from a trusted proxy.
KNOWN_HEADERS = frozenset(
    {
        "x-forwarded-proto",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-port",
        "x-forwarded-by",
        "forwarded",
    }
)
DEFAULT_HEADERS = "x-forwarded-proto,x-forwarded-for,x-forwarded-host"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class ProxySettings:
    """``NABZ_TRUSTED_PROXY`` (addresses, networks or ``*``), its count and headers."""

    addresses: tuple[str, ...] = ()
    count: int | None = None
    headers: frozenset[str] = frozenset()

    @property
    def trusts_proto(self) -> bool:
        return bool(self.addresses) and bool({"x-forwarded-proto", "forwarded"} & self.headers)


def from_settings(settings: Any) -> ProxySettings:
    count = getattr(settings, "NABZ_TRUSTED_PROXY_COUNT", None)
    return ProxySettings(
        addresses=tuple(getattr(settings, "NABZ_TRUSTED_PROXY", ()) or ()),
        count=count if count else None,
        headers=frozenset(h.lower() for h in getattr(settings, "NABZ_TRUSTED_PROXY_HEADERS", ())),
    )


def _networks(addresses: Iterable[str]) -> list[Network]:
    return [ipaddress.ip_network(a, strict=False) for a in addresses if a != "*"]


def problem(settings: Any) -> str | None:
    """Why serving with these settings would be unsafe or broken, in one line; else None."""
    proxy = from_settings(settings)
    unknown = sorted(proxy.headers - KNOWN_HEADERS)
    if unknown:
        return (
            f"NABZ_TRUSTED_PROXY_HEADERS has unknown header(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(KNOWN_HEADERS))}"
        )
    if "forwarded" in proxy.headers and len(proxy.headers) > 1:
        return "NABZ_TRUSTED_PROXY_HEADERS: trust either 'forwarded' or the x-forwarded-* headers"
    try:
        _networks(proxy.addresses)
    except ValueError as exc:
        return f"NABZ_TRUSTED_PROXY must list IP addresses or networks (or *): {exc}"
    if "*" in proxy.addresses and len(proxy.addresses) > 1:
        return "NABZ_TRUSTED_PROXY is either * or a list of addresses, not both"
    if "*" in proxy.addresses and proxy.count is None:
        return (
            "NABZ_TRUSTED_PROXY=* trusts every peer; set NABZ_TRUSTED_PROXY_COUNT to the number "
            "of proxies in front of Nabz (or name the proxy's address instead of *)"
        )
    if proxy.count is not None and not proxy.addresses:
        return "NABZ_TRUSTED_PROXY_COUNT has no meaning without NABZ_TRUSTED_PROXY"
    if proxy.count is not None and proxy.count < 1:
        return "NABZ_TRUSTED_PROXY_COUNT must be 1 or more"
    if proxy.addresses and not proxy.headers:
        return "NABZ_TRUSTED_PROXY is set but NABZ_TRUSTED_PROXY_HEADERS is empty"
    if getattr(settings, "SECURE_SSL_REDIRECT", False) and not proxy.trusts_proto:
        if not proxy.addresses:
            return (
                "SECURE_SSL_REDIRECT is on but `nabz serve` speaks plain HTTP and no proxy is "
                "trusted, so every request would redirect to https forever: set "
                "NABZ_TRUSTED_PROXY to your TLS proxy's address (or SECURE_SSL_REDIRECT=0)"
            )
        return (
            "SECURE_SSL_REDIRECT is on but NABZ_TRUSTED_PROXY_HEADERS does not include "
            "x-forwarded-proto, so every request would redirect to https forever"
        )
    return None


def _matched_here(proxy: ProxySettings) -> bool:
    """waitress matches one exact address or ``*``; several, or a network, are matched here."""
    return len(proxy.addresses) > 1 or any("/" in a for a in proxy.addresses)


def waitress_options(proxy: ProxySettings) -> dict[str, Any]:
    """What ``waitress.serve`` is given for one trusted address (or ``*``)."""
    if _matched_here(proxy):  # ``wrap`` matches the peer and clears untrusted headers itself
        return {"clear_untrusted_proxy_headers": False}
    if not proxy.addresses:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": proxy.addresses[0],
        "trusted_proxy_count": proxy.count or 1,
        "trusted_proxy_headers": set(proxy.headers),
        "clear_untrusted_proxy_headers": True,
    }


WSGIApp = Callable[..., Any]


def wrap(app: WSGIApp, proxy: ProxySettings) -> WSGIApp:
    """The app behind waitress's own proxy-header handling when it cannot match the peer.

    For a list of addresses or a network the peer is matched here and each request goes
    through waitress's middleware as trusted or untrusted.
    """
    if not _matched_here(proxy):
        return app
    from waitress.proxy_headers import proxy_headers_middleware

    networks = _networks(proxy.addresses)
    trusted = proxy_headers_middleware(
        app,
        trusted_proxy="*",
        trusted_proxy_count=proxy.count or 1,
        trusted_proxy_headers=set(proxy.headers),
        clear_untrusted=True,
    )
    untrusted = proxy_headers_middleware(app, trusted_proxy=None, clear_untrusted=True)

    def dispatch(environ: dict[str, Any], start_response: Any) -> Any:
        try:
            peer = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
        except ValueError:
            return untrusted(environ, start_response)
        if any(peer in network for network in networks):
            return trusted(environ, start_response)
        return untrusted(environ, start_response)

    return dispatch
