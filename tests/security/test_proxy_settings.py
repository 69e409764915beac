"""Which trusted-proxy settings are refused, and how several trusted proxies are matched."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from nabz.security import proxy

HEADERS = ["x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"]


def _settings(**values: Any) -> SimpleNamespace:
    defaults = {
        "NABZ_TRUSTED_PROXY": [],
        "NABZ_TRUSTED_PROXY_COUNT": None,
        "NABZ_TRUSTED_PROXY_HEADERS": HEADERS,
        "SECURE_SSL_REDIRECT": True,
    }
    return SimpleNamespace(**{**defaults, **values})


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({}, "redirect to https forever"),
        ({"NABZ_TRUSTED_PROXY": ["*"]}, "NABZ_TRUSTED_PROXY_COUNT"),
        (
            {"NABZ_TRUSTED_PROXY": ["10.0.0.1"], "NABZ_TRUSTED_PROXY_HEADERS": ["x-real-ip"]},
            "x-real-ip",
        ),
        (
            {"NABZ_TRUSTED_PROXY": ["10.0.0.1"], "NABZ_TRUSTED_PROXY_HEADERS": ["x-forwarded-for"]},
            "x-forwarded-proto",
        ),
        ({"NABZ_TRUSTED_PROXY": ["not-an-address"]}, "IP addresses"),
        ({"NABZ_TRUSTED_PROXY_COUNT": 2}, "without NABZ_TRUSTED_PROXY"),
        ({"NABZ_TRUSTED_PROXY": ["*", "10.0.0.1"], "NABZ_TRUSTED_PROXY_COUNT": 1}, "not both"),
        (
            {
                "NABZ_TRUSTED_PROXY": ["10.0.0.1"],
                "NABZ_TRUSTED_PROXY_HEADERS": ["forwarded", "x-forwarded-for"],
            },
            "either 'forwarded'",
        ),
    ],
)
def test_unsafe_combinations_are_refused_in_one_line(values, words):
    reason = proxy.problem(_settings(**values))
    assert reason and words in reason and "\n" not in reason


@pytest.mark.parametrize(
    "values",
    [
        {"NABZ_TRUSTED_PROXY": ["127.0.0.1"]},
        {"NABZ_TRUSTED_PROXY": ["*"], "NABZ_TRUSTED_PROXY_COUNT": 1},
        {"NABZ_TRUSTED_PROXY": ["10.0.0.0/24", "fd00::1"], "NABZ_TRUSTED_PROXY_COUNT": 2},
        {"SECURE_SSL_REDIRECT": False},
    ],
)
def test_sound_combinations_are_accepted(values):
    assert proxy.problem(_settings(**values)) is None


def test_one_address_goes_to_waitress_itself():
    options = proxy.waitress_options(
        proxy.from_settings(_settings(NABZ_TRUSTED_PROXY=["10.0.0.1"]))
    )
    assert options["trusted_proxy"] == "10.0.0.1"
    assert options["trusted_proxy_count"] == 1
    assert options["trusted_proxy_headers"] == set(HEADERS)


def _seen(app: Any, peer: str, **headers: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def inner(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(environ)
        return []

    environ = {"REMOTE_ADDR": peer, "wsgi.url_scheme": "http", "HTTP_HOST": "app:8000"}
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    proxy.wrap(inner, app)(environ, lambda *a: None)
    return seen


def test_a_network_of_proxies_is_believed_and_others_are_cleared():
    trusted = proxy.from_settings(
        _settings(NABZ_TRUSTED_PROXY=["10.1.0.0/16", "192.0.2.7"], NABZ_TRUSTED_PROXY_COUNT=1)
    )
    assert proxy.waitress_options(trusted) == {"clear_untrusted_proxy_headers": False}
    headers = {"x_forwarded_proto": "https", "x_forwarded_for": "203.0.113.9"}
    believed = _seen(trusted, "10.1.4.2", **headers)
    assert believed["wsgi.url_scheme"] == "https"
    assert believed["REMOTE_ADDR"] == "203.0.113.9"
    stranger = _seen(trusted, "198.51.100.1", **headers)
    assert stranger["wsgi.url_scheme"] == "http"
    assert "HTTP_X_FORWARDED_PROTO" not in stranger
    assert stranger["REMOTE_ADDR"] == "198.51.100.1"
