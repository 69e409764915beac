"""``nabz backup`` and ``nabz restore`` end to end, on SQLite and (in CI) on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

MAKE_DATA = """
from nabz.audit import record
from nabz.workspaces.models import User, Workspace
ws = Workspace.objects.create(name="Sunrise Hospital", slug="sunrise")
User.objects.create_user("alice", password="correct horse battery staple")
record("post.approved", workspace=ws, payload={"n": 1})
record("post.approved", workspace=ws, payload={"n": 2})
"""
SHOW_DATA = """
from nabz.workspaces.models import User, Workspace
from nabz.audit import verify
print(list(Workspace.objects.values_list("slug", flat=True)),
      list(User.objects.values_list("username", flat=True)), verify().describe())
"""
KEY = Fernet.generate_key().decode()
AUDIT_KEY = (
    "an-audit-key-for-this-test-only-0123456789"  # kept apart from backups, as in production
)


def _nabz(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NABZ_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "nabz.cli", *args],
        env={
            **base,
            "NABZ_DEMO": "1",
            "NABZ_ENCRYPTION_KEYS": KEY,
            "NABZ_AUDIT_KEYS": AUDIT_KEY,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def _ok(env: dict[str, str], *args: str) -> str:
    result = _nabz(env, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _round_trip(tmp_path: Path, source: dict[str, str], target: dict[str, str]) -> None:
    source = {"NABZ_DATA_DIR": str(tmp_path / "a"), **source}
    target = {"NABZ_DATA_DIR": str(tmp_path / "b"), **target}
    _ok(source, "manage", "migrate", "-v0")
    _ok(source, "manage", "shell", "-c", MAKE_DATA)
    form = tmp_path / "a" / "private" / "consent-forms" / "1" / "0a1b.enc"
    form.parent.mkdir(parents=True)
    form.write_bytes(b"gAAAA-a-sealed-signed-form")
    photo = tmp_path / "a" / "media" / "library" / "1" / "ward.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8\xff" + os.urandom(200_000))
    out = _ok(source, "backup", "--output", str(tmp_path / "backups") + os.sep)
    assert "Backup written to" in out and "2 files" in out
    (archive,) = (tmp_path / "backups").glob("nabz-backup-*.nabzbak")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    _ok(target, "manage", "migrate", "-v0")  # a fresh, empty instance
    wrong = _nabz(
        {**target, "NABZ_ENCRYPTION_KEYS": Fernet.generate_key().decode()}, "restore", str(archive)
    )
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1 and "none of NABZ_ENCRYPTION_KEYS" in wrong.stderr
    out = _ok(target, "restore", str(archive))
    assert "Audit chain OK: 2 entries" in out
    shown = _ok(target, "manage", "shell", "-c", SHOW_DATA)
    assert "['sunrise'] ['alice'] Audit chain OK: 2 entries" in shown
    restored = tmp_path / "b" / "media" / "library" / "1" / "ward.jpg"
    assert restored.read_bytes() == photo.read_bytes()
    assert (tmp_path / "b" / "private" / "consent-forms" / "1" / "0a1b.enc").read_bytes() == (
        form.read_bytes()
    )
    again = _nabz(target, "restore", str(archive))
    assert again.returncode == 2 and "not empty" in again.stderr
    _ok(target, "restore", "--force", str(archive))


def _on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.skipif(_on_postgres(), reason="the PostgreSQL run has its own round trip below")
def test_backup_and_restore_round_trip_on_sqlite(tmp_path):
    _round_trip(tmp_path, {}, {})


@pytest.mark.skipif(not _on_postgres(), reason="needs DATABASE_URL pointing at PostgreSQL")
def test_backup_and_restore_round_trip_on_postgresql(tmp_path):
    import psycopg

    db = settings.DATABASES["default"]
    admin = {
        "host": db["HOST"],
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"],
        "dbname": "postgres",
        "autocommit": True,
    }
    names = [f"nabz_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("a", "b")]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/"
    with psycopg.connect(**admin) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        _round_trip(tmp_path, {"DATABASE_URL": url + names[0]}, {"DATABASE_URL": url + names[1]})
    finally:
        with psycopg.connect(**admin) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
