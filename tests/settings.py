"""Settings for the test suite: demo mode in a throw-away data directory.

DATABASE_URL still applies, so the same suite runs on PostgreSQL in CI.
"""

import os
import tempfile

os.environ["NABZ_DEMO"] = "1"
os.environ.setdefault("NABZ_DATA_DIR", tempfile.mkdtemp(prefix="nabz-test-"))

from nabz.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; argon2 tested apart
