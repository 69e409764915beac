"""The documented scale-out switch: the same task runs through Redis/RQ."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.services import free_port, wait_for_port

SCRIPT = """
import django, sys
django.setup()
from nabz.core.tasks import ping
result = ping.enqueue("through redis")
print(result.id)
"""

RESULT = """
import django, sys
django.setup()
from nabz.core.tasks import ping
print(ping.get_result(sys.argv[1]).return_value)
"""


@pytest.fixture
def redis_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is required (make test installs it with apt)")
    port = free_port()
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--bind",
            "127.0.0.1",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, timeout=10)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_rq_backend_runs_tasks(redis_url: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        NABZ_DEMO="1",
        NABZ_DATA_DIR=str(tmp_path),
        NABZ_TASKS_BACKEND="rq",
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="nabz.settings",
    )

    def run(*args: str) -> str:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    nabz = [sys.executable, "-m", "nabz.cli"]
    run(*nabz, "manage", "migrate", "--verbosity", "0")
    result_id = run(sys.executable, "-c", SCRIPT).splitlines()[-1]
    run(*nabz, "worker", "--batch")
    assert run(sys.executable, "-c", RESULT, result_id).splitlines()[-1] == "pong: through redis"
