"""Re-seal every stored secret with the newest key in NABZ_ENCRYPTION_KEYS.

Rotation: put a new key first in NABZ_ENCRYPTION_KEYS (keep the old ones after
it), run this command, then remove the old keys.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nabz.publishing import crypto
from nabz.publishing.models import Account


class Command(BaseCommand):
    help = "Re-encrypt connected accounts' tokens with the newest encryption key."

    def handle(self, *args: Any, **options: Any) -> None:
        rotated = 0
        with transaction.atomic():
            for account in Account.objects.select_for_update().exclude(sealed_secrets=""):
                try:
                    account.sealed_secrets = crypto.rotate(account.sealed_secrets)
                except crypto.SecretUnreadable as exc:
                    raise CommandError(
                        f"account {account.pk} ({account.network}): {exc}; nothing was changed"
                    ) from exc
                account.save(update_fields=["sealed_secrets"])
                rotated += 1
        self.stdout.write(f"Re-encrypted the secrets of {rotated} account(s) with the newest key.")
