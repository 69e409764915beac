"""``verify_audit``: check the audit log's hash chain; exit 1 if it is broken."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nabz.audit.chain import verify


class Command(BaseCommand):
    help = (
        "Check the audit log's hash chain. Prints 'Audit chain OK: N entries' and exits 0, "
        "or names the first broken entry and why, and exits 1."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default=None, help="Database alias (default: routed).")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify(using=options["database"])
        if result.ok:
            self.stdout.write(result.describe())
            return
        self.stderr.write(result.describe())
        raise SystemExit(1)
