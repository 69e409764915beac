"""Backup and restore speed, archive size and peak memory.

1,000 media files (200 KB each, incompressible like JPEGs) plus a SQLite database
of 50,000 rows, then one large file to show the archive streams (peak memory stays
flat whatever the file's size). Prints figures, the last line a JSON object.

    .venv/bin/python bench/backup_speed.py [--files 1000] [--file-kb 200] [--big-mb 512]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet

from nabz.backup.archive import Locations, create, restore
from nabz.backup.database import Database


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _instance(root: Path, files: int, file_kb: int) -> Locations:
    root.mkdir(parents=True)
    db = root / "nabz.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE content_post (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
        conn.executemany(
            "INSERT INTO content_post (title, body) VALUES (?, ?)",
            ((f"post {n}", "A synthetic post body. " * 20) for n in range(50_000)),
        )
    media = root / "media" / "library"
    media.mkdir(parents=True)
    for n in range(files):
        folder = media / str(n % 20)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:05d}.jpg").write_bytes(os.urandom(file_kb * 1024))
    (root / "private").mkdir()
    return Locations(Database("sqlite", {"NAME": str(db)}), root / "media", root / "private")


def _timed_round_trip(where: Locations, work: Path, fernet: MultiFernet, label: str) -> dict:
    archive = work / f"{label}.nabzbak"
    started = time.perf_counter()
    with archive.open("wb") as out:
        summary = create(out, where, fernet)
    backup_s = time.perf_counter() - started
    target = Locations(
        Database("sqlite", {"NAME": str(work / f"{label}-restored.sqlite3")}),
        work / f"{label}-restored" / "media",
        work / f"{label}-restored" / "private",
    )
    started = time.perf_counter()
    with archive.open("rb") as source:
        restore(source, target, fernet, force=False)
    restore_s = time.perf_counter() - started
    return {
        "files": summary.files,
        "input_mb": round(summary.bytes / 1e6, 1),
        "archive_mb": round(archive.stat().st_size / 1e6, 1),
        "backup_s": round(backup_s, 2),
        "restore_s": round(restore_s, 2),
        "backup_mb_per_s": round(summary.bytes / 1e6 / backup_s, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--file-kb", type=int, default=200)
    parser.add_argument("--big-mb", type=int, default=512)
    options = parser.parse_args()
    fernet = MultiFernet([Fernet(Fernet.generate_key())])
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="nabz-bench-backup-") as scratch:
        work = Path(scratch)
        where = _instance(work / "media-instance", options.files, options.file_kb)
        figures["media"] = _timed_round_trip(where, work, fernet, "media")
        print(
            f"{options.files} media files of {options.file_kb} KB + 50,000-row SQLite:",
            figures["media"],
        )
        big_root = work / "big-instance"
        big = _instance(big_root, 0, 0)
        with (big_root / "media" / "video.bin").open("wb") as out:
            for _ in range(options.big_mb):
                out.write(os.urandom(1024 * 1024))
        figures["one_large_file"] = _timed_round_trip(big, work, fernet, "big")
        print(f"one {options.big_mb} MB file:", figures["one_large_file"])
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
