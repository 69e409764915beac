"""Dumping and restoring the database: SQLite's online backup API, or pg_dump/pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nabz.backup.frames import ArchiveError

# Rows these tables hold in a freshly migrated, unused database; they do not make it "in use".
BOOKKEEPING_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "audit_audithead",
    "django_session",
}


class DatabaseToolMissing(ArchiveError):
    """pg_dump or pg_restore is not installed."""


@dataclass(frozen=True)
class Database:
    engine: str  # "sqlite" or "postgresql"
    settings: dict[str, Any]

    @classmethod
    def from_settings(cls, db: dict[str, Any]) -> Database:
        engine = db["ENGINE"].rsplit(".", 1)[-1]
        if engine == "sqlite3":
            return cls("sqlite", db)
        if engine in {"postgresql", "postgis"}:
            return cls("postgresql", db)
        raise ArchiveError(f"backups support SQLite and PostgreSQL, not {db['ENGINE']}")

    @property
    def member(self) -> str:
        return "database/nabz.sqlite3" if self.engine == "sqlite" else "database/nabz.pgdump"

    # --- dump ------------------------------------------------------------------------
    def dump(self, target: Path) -> None:
        if self.engine == "sqlite":
            source = sqlite3.connect(str(self.settings["NAME"]))
            copy = sqlite3.connect(str(target))
            try:
                source.backup(copy)  # consistent even while the app writes (WAL)
            finally:
                copy.close()
                source.close()
            return
        _run_pg(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            self.settings,
        )

    # --- restore -----------------------------------------------------------------------
    def in_use(self) -> bool:
        """Whether the database holds anything beyond a fresh migration's bookkeeping."""
        if self.engine == "sqlite":
            path = Path(str(self.settings["NAME"]))
            if not path.exists():
                return False
            with sqlite3.connect(str(path)) as conn:
                tables = [
                    row[0]
                    for row in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type='table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                return any(
                    conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
                    for table in tables
                    if table not in BOOKKEEPING_TABLES
                )
        import psycopg

        with psycopg.connect(**_pg_connect_kwargs(self.settings)) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            ]
            return any(
                conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
                for table in tables
                if table not in BOOKKEEPING_TABLES
            )

    def restore(self, dump: Path) -> None:
        if self.engine == "sqlite":
            path = Path(str(self.settings["NAME"]))
            path.parent.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(str(dump))
            live = sqlite3.connect(str(path))
            try:
                source.backup(live)  # page by page into the live file, WAL and all
            finally:
                live.close()
                source.close()
            return
        _run_pg(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                str(dump),
            ],
            self.settings,
            database_flag=True,
        )


def _pg_connect_kwargs(db: dict[str, Any]) -> dict[str, Any]:
    kwargs = {
        "dbname": db.get("NAME") or "",
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    return {key: value for key, value in kwargs.items() if value not in (None, "")}


def _run_pg(tool: str, args: list[str], db: dict[str, Any], database_flag: bool = False) -> None:
    binary = shutil.which(tool, path=os.environ.get("NABZ_PG_BIN") or None)
    if binary is None:
        raise DatabaseToolMissing(
            f"{tool} was not found: install PostgreSQL's client tools (Debian: apt-get install "
            f"postgresql-client) or point NABZ_PG_BIN at the folder that holds {tool}"
        )
    env = {**os.environ}
    command = [binary, *args]
    if db.get("HOST"):
        command.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        command.append(f"--port={db['PORT']}")
    if db.get("USER"):
        command.append(f"--username={db['USER']}")
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line
    command.append("--no-password")
    command.append(f"--dbname={db['NAME']}" if database_flag else str(db["NAME"]))
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise ArchiveError(f"{tool} failed: {detail}")
