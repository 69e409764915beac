"""NABZ_AUDIT_KEYS outside demo mode: required, and refused when too short, in one line."""

from __future__ import annotations

import os
import subprocess
import sys


def _check(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NABZ_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    production = {
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-value-0123456789",
        "ALLOWED_HOSTS": "nabz.example.org",
        "NABZ_ENCRYPTION_KEYS": "ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=",
        "NABZ_DATA_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-m", "nabz.cli", "manage", "check"],
        env={**base, **production, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_audit_key_is_one_clear_line(tmp_path):
    result = _check(tmp_path)
    assert result.returncode == 2
    assert "NABZ_AUDIT_KEYS" in result.stderr and "generate_audit_key" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_short_audit_key_is_refused(tmp_path):
    result = _check(tmp_path, NABZ_AUDIT_KEYS="tooshort")
    assert result.returncode == 2 and "at least 32" in result.stderr


def test_a_good_audit_key_is_accepted(tmp_path):
    assert _check(tmp_path, NABZ_AUDIT_KEYS="k" * 43).returncode == 0
