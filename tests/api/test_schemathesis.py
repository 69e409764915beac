"""Schemathesis against the running API, as every role: no server error, no answer the
OpenAPI document does not describe, nothing refused that it allows or accepted that it
forbids.

A real ``nabz serve`` on a fresh database holding the demo workspaces (SQLite, or a
database of its own on the PostgreSQL server ``DATABASE_URL`` names), a fixed seed
and bounded examples (``tests/api/schemathesis.toml``). The author gets every phase,
the admin all but the stateful one, and the other roles, whose writes are mostly
refused, the fuzzing phase.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
BIN = Path(sys.executable).parent
ROLES = {
    "author": "coverage,fuzzing,stateful",
    "admin": "coverage,fuzzing",
    "clinical_reviewer": "fuzzing",
    "compliance_officer": "fuzzing",
    "viewer": "fuzzing",
}
TOKENS = """
from nabz.workspaces.models import ApiToken, Membership
for m in Membership.objects.select_related("user", "workspace"):
    if m.workspace.slug == "sunrise-hospital":
        print(m.role, ApiToken.issue(m.user, "schemathesis")[1])
"""


def _database_url(data_dir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{data_dir / 'nabz.sqlite3'}"
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS nabz_schemathesis")
        conn.execute("CREATE DATABASE nabz_schemathesis")
    return url.rsplit("/", 1)[0] + "/nabz_schemathesis"


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    data_dir = tmp_path_factory.mktemp("schemathesis")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")} | {
        "NABZ_DEMO": "1",
        "NABZ_DATA_DIR": str(data_dir),
        "DATABASE_URL": _database_url(data_dir),
        "LOG_LEVEL": "ERROR",
    }
    nabz = str(BIN / "nabz")
    for command in (["manage", "migrate", "-v0"], ["manage", "load_demo"]):
        subprocess.run([nabz, *command], env=env, check=True, capture_output=True, timeout=300)
    shell = subprocess.run(
        [nabz, "manage", "shell", "-c", TOKENS],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    tokens = dict(line.split(" ", 1) for line in shell.stdout.splitlines() if " nabz_" in line)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = (data_dir / "serve.log").open("w")
    server = subprocess.Popen([nabz, "serve", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("nabz serve did not start: " + (data_dir / "serve.log").read_text())
            time.sleep(0.2)
        yield base, tokens
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_api_keeps_its_promises(served, role):  # type: ignore[no-untyped-def]
    base, tokens = served
    assert role in tokens, tokens
    done = subprocess.run(
        [
            str(BIN / "st"),
            "--config-file",
            str(CONFIG),
            "run",
            f"{base}/api/openapi.json",
            "--phases",
            ROLES[role],
            "--header",
            f"Authorization: Bearer {tokens[role]}",
            "--no-color",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-6000:]
    counts = re.search(r"(\d+) generated, (\d+) passed", report)
    assert counts and counts[1] == counts[2] and int(counts[1]) > 100, report[-3000:]
