"""Settings from the environment; production settings are deploy-clean."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from nabz.conf import envbool, envsecret


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NABZ_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "nabz.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text("x" * 20 + "-a-long-random-production-secret-key-value-0123456789")
    audit_keys = tmp_path / "audit-keys"
    audit_keys.write_text(
        "newer-audit-key-0123456789abcdefghijkl\nolder-audit-key-0123456789abcdefghijkl\n"
    )
    result = _run(
        {
            "SECRET_KEY_FILE": str(key_file),
            "ALLOWED_HOSTS": "nabz.example.org",
            "NABZ_ENCRYPTION_KEYS": "ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=",
            "NABZ_AUDIT_KEYS_FILE": str(audit_keys),
            "NABZ_DATA_DIR": str(tmp_path),
        },
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_one_clear_line(tmp_path):
    result = _run({"NABZ_DATA_DIR": str(tmp_path)}, "manage", "check")
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_env_helpers(monkeypatch, tmp_path):
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG") is True
    monkeypatch.setenv("FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        envbool("FLAG")
    secret = tmp_path / "pw"
    secret.write_text("s3cret\n")
    monkeypatch.delenv("MAIL_PASSWORD", raising=False)
    monkeypatch.setenv("MAIL_PASSWORD_FILE", str(secret))
    assert envsecret("MAIL_PASSWORD") == "s3cret"


def test_logs_never_contain_tokens_or_passwords():
    from nabz.core.logging import redact

    line = redact(
        "POST /api Authorization: Bearer abc.def password=hunter2 nabz_0123456789ab_xyzxyzxyzxyz"
    )
    assert "abc.def" not in line and "hunter2" not in line and "xyzxyz" not in line


def test_migrate_creates_a_missing_data_directory(tmp_path):
    data_dir = tmp_path / "not" / "yet" / "there"
    result = _run(
        {
            "SECRET_KEY": "m" * 60,
            "NABZ_ENCRYPTION_KEYS": "ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=",
            "NABZ_AUDIT_KEYS": "migrate-test-audit-key-" + "a" * 32,
            "NABZ_DATA_DIR": str(data_dir),
        },
        "manage",
        "migrate",
        "--noinput",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (data_dir / "nabz.sqlite3").is_file()


def test_encryption_keys_may_come_from_a_file(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text("ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=\n")
    result = _run(
        {
            "SECRET_KEY": "f" * 60,
            "NABZ_ENCRYPTION_KEYS_FILE": str(keys),
            "NABZ_AUDIT_KEYS": "file-test-audit-key-" + "a" * 32,
            "ALLOWED_HOSTS": "nabz.example.org",
            "NABZ_DATA_DIR": str(tmp_path),
        },
        "manage",
        "check",
    )
    assert result.returncode == 0, result.stdout + result.stderr
