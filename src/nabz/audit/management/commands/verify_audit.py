"""``verify_audit``: check the audit log's signed chain; exit 1 if it is broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nabz.audit import checkpoints
from nabz.audit.chain import verify


class Command(BaseCommand):
    help = (
        "Check the audit log's signed hash chain. Prints 'Audit chain OK: N entries' and "
        "exits 0, or names the first broken entry and why, and exits 1. With --checkpoint "
        "FILE, also refuse a chain shorter than, or different from, any checkpoint in FILE."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default=None, help="Database alias (default: routed).")
        parser.add_argument(
            "--checkpoint",
            metavar="FILE",
            help="A file of checkpoint lines written by `audit_checkpoint` (all are checked).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        points = _read_checkpoints(options["checkpoint"]) if options["checkpoint"] else None
        result = verify(using=options["database"])
        if result.ok and points is not None:
            result = checkpoints.check(points, result, using=options["database"])
        if not result.ok:
            self.stderr.write(result.describe())
            raise SystemExit(1)
        line = result.describe()
        if points:
            latest = points[-1].checkpoint
            line += (
                f"; matches {len(points)} checkpoint{'s' if len(points) != 1 else ''} "
                f"(latest: {latest.entries} entries at {latest.written_at})"
            )
        self.stdout.write(line)


def _read_checkpoints(path: str) -> list[checkpoints.SignedCheckpoint]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read checkpoint file {path}: {exc}", returncode=2) from exc
    try:
        found = checkpoints.parse(text.splitlines())
    except ValueError as exc:
        raise CommandError(f"{path}: {exc}", returncode=2) from exc
    if not found:
        raise CommandError(f"{path} holds no audit checkpoint", returncode=2)
    return found
