"""The compose and systemd examples (not run in CI: no Docker here) say what the app accepts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml

from nabz.security import proxy

ROOT = Path(__file__).resolve().parents[2]


def test_compose_has_the_scaled_out_shape_and_a_sound_proxy_setting():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"web", "worker", "postgres", "redis", "proxy", "migrate"} <= set(services)
    assert services["web"]["deploy"]["replicas"] >= 2
    assert services["worker"]["deploy"]["replicas"] >= 2
    env = services["web"]["environment"]
    assert env["NABZ_TASKS_BACKEND"] == "rq" and env["DATABASE_URL"].startswith("postgres://")
    assert services["worker"]["environment"] == env  # the same configuration everywhere
    subnet = compose["networks"]["nabz"]["ipam"]["config"][0]["subnet"]
    assert env["NABZ_TRUSTED_PROXY"] == subnet
    settings = SimpleNamespace(
        NABZ_TRUSTED_PROXY=[env["NABZ_TRUSTED_PROXY"]],
        NABZ_TRUSTED_PROXY_COUNT=int(env["NABZ_TRUSTED_PROXY_COUNT"]),
        NABZ_TRUSTED_PROXY_HEADERS=proxy.DEFAULT_HEADERS.split(","),
        SECURE_SSL_REDIRECT=True,
    )
    assert proxy.problem(settings) is None
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "X-Forwarded-Proto $scheme" in nginx


def test_systemd_units_run_the_console_script():
    for unit in ("nabz-web@.service", "nabz-worker@.service"):
        text = (ROOT / "deploy" / "systemd" / unit).read_text()
        assert "ExecStart=/opt/nabz/.venv/bin/nabz " in text
        assert "EnvironmentFile=/etc/nabz/env" in text
    env = (ROOT / "deploy" / "env.example").read_text()
    assert "NABZ_TRUSTED_PROXY=127.0.0.1" in env
