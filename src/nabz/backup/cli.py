"""``nabz backup [--output DIR|FILE]`` and ``nabz restore FILE [--force]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nabz.backup.frames import ArchiveError

if TYPE_CHECKING:
    from nabz.backup.archive import Locations

SUFFIX = ".nabzbak"


def _locations() -> Locations:
    from django.conf import settings

    from nabz.backup.archive import Locations
    from nabz.backup.database import Database
    from nabz.consent.files import private_root

    return Locations(
        database=Database.from_settings(settings.DATABASES["default"]),
        media_root=Path(settings.MEDIA_ROOT),
        private_root=private_root(),
    )


def _target(output: str | None) -> Path:
    name = f"nabz-backup-{datetime.now(UTC):%Y%m%dT%H%M%SZ}{SUFFIX}"
    if output is None:
        return Path.cwd() / name
    path = Path(output)
    if path.is_dir() or output.endswith(os.sep):
        path.mkdir(parents=True, exist_ok=True)
        return path / name
    return path


def backup(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="nabz backup",
        description="Back up the database, media and signed consent forms into one archive "
        "encrypted with NABZ_ENCRYPTION_KEYS.",
    )
    parser.add_argument("--output", metavar="DIR|FILE", help="where to write (default: here)")
    options = parser.parse_args(args)
    from nabz.backup.archive import create
    from nabz.publishing.crypto import fernet

    target = _target(options.output)
    partial = target.with_name(f".{target.name}.partial")
    started = time.perf_counter()
    try:
        where = _locations()
        with partial.open("wb") as out:
            os.chmod(partial, 0o600)
            summary = create(out, where, fernet())
        partial.replace(target)
    except (ArchiveError, OSError) as exc:
        partial.unlink(missing_ok=True)
        print(f"nabz backup: {exc}", file=sys.stderr)
        return 2
    print(
        f"Backup written to {target}: {summary.database} database and {summary.files - 1} "
        f"files, {summary.bytes:,} bytes in, {target.stat().st_size:,} bytes out, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


def restore(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="nabz restore",
        description="Restore a backup made by `nabz backup`, after checking all of it.",
    )
    parser.add_argument("file", help="the backup archive")
    parser.add_argument(
        "--force", action="store_true", help="replace a database that already holds data"
    )
    options = parser.parse_args(args)
    from django.db import connections

    from nabz.backup.archive import restore as restore_archive
    from nabz.publishing.crypto import fernet

    connections.close_all()
    try:
        with open(options.file, "rb") as source:
            summary = restore_archive(source, _locations(), fernet(), force=options.force)
    except (ArchiveError, OSError) as exc:
        print(f"nabz restore: {exc}; nothing was changed", file=sys.stderr)
        return 2
    from nabz.audit import verify

    print(
        f"Restored {summary.database} database and {summary.files - 1} files from "
        f"{options.file} (made {summary.manifest.get('created_at')}). {verify().describe()}"
    )
    return 0


def main(command: str, args: list[str]) -> int:
    from nabz.shell.runner import _setup

    _setup()
    return backup(args) if command == "backup" else restore(args)
