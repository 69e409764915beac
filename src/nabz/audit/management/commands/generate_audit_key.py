"""Print a new audit key for NABZ_AUDIT_KEYS."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Print a new audit key. Put it first in NABZ_AUDIT_KEYS and keep the old ones after "
        "it: they still verify the entries they signed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(secrets.token_urlsafe(32))
