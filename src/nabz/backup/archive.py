"""Writing and restoring a backup archive.

Inside the encrypted frames (nabz.backup.frames) is a tar stream:
``database/nabz.sqlite3`` (SQLite's online backup) or ``database/nabz.pgdump``
(``pg_dump`` custom format), ``media/...`` (MEDIA_ROOT: uploaded images and
thumbnails), ``private/...`` (signed consent forms, already encrypted at rest)
and, last, ``manifest.json``: every file's name, size and SHA-256. Restoring
unpacks into a staging folder beside the data directory and checks every file
against the manifest before anything in place is touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from cryptography.fernet import MultiFernet

from nabz.backup.database import Database
from nabz.backup.frames import ArchiveError, DecryptingReader, EncryptingWriter

FORMAT = "nabz-backup"
VERSION = 1
MANIFEST = "manifest.json"
_READ = 1024 * 1024


@dataclass(frozen=True)
class Locations:
    """Where the instance keeps what a backup holds."""

    database: Database
    media_root: Path
    private_root: Path

    def folders(self) -> dict[str, Path]:
        return {"media": self.media_root, "private": self.private_root}


@dataclass
class Summary:
    files: int = 0
    bytes: int = 0
    database: str = ""
    manifest: dict[str, object] = field(default_factory=dict)


class _Hashing:
    """Reads through a file, counting and hashing what passes."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def create(output: BinaryIO, where: Locations, fernet: MultiFernet) -> Summary:
    """Write an encrypted backup of ``where`` to ``output``."""
    summary = Summary(database=where.database.engine)
    entries: list[dict[str, object]] = []
    writer = EncryptingWriter(output, fernet)
    with tempfile.TemporaryDirectory(prefix="nabz-backup-") as scratch:
        dump = Path(scratch) / "database"
        where.database.dump(dump)
        with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
            entries.append(_add(tar, dump, where.database.member))
            dump.unlink()
            for prefix, root in where.folders().items():
                for path in _files_under(root):
                    name = f"{prefix}/{path.relative_to(root).as_posix()}"
                    entries.append(_add(tar, path, name))
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": {"engine": where.database.engine, "member": where.database.member},
                "files": entries,
            }
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
    writer.close()
    summary.files = len(entries)
    summary.bytes = sum(int(str(entry["size"])) for entry in entries)
    summary.manifest = manifest
    return summary


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict[str, object]:
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
    with path.open("rb") as handle:
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)  # type: ignore[arg-type]
    if hashing.size != stat.st_size:
        raise ArchiveError(f"{path} changed size while it was backed up; run the backup again")
    return {"name": name, "size": hashing.size, "sha256": hashing.digest.hexdigest()}


# --- restore ---------------------------------------------------------------------------
def unpack(source: BinaryIO, fernet: MultiFernet, staging: Path) -> dict[str, object]:
    """Decrypt and unpack into ``staging``, checking every file; the manifest."""
    reader = DecryptingReader(source, fernet)
    seen: dict[str, tuple[int, str]] = {}
    manifest: dict[str, object] | None = None
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for member in tar:
                name = _safe_name(member)
                if manifest is not None:
                    raise ArchiveError(f"the archive holds {name} after its manifest")
                handle = tar.extractfile(member)
                if handle is None:
                    raise ArchiveError(f"the archive member {name} is not a file")
                if name == MANIFEST:
                    manifest = _manifest(handle.read(16 * 1024 * 1024))
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with target.open("wb") as out:
                    while chunk := handle.read(_READ):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[name] = (size, digest.hexdigest())
    except tarfile.TarError as exc:
        raise ArchiveError(f"the archive's contents are damaged: {exc}") from exc
    # tarfile stops at the end-of-archive marker; the zero padding after it and the
    # last frame are still to be read (and checked, frame by frame).
    while chunk := reader.read(_READ):
        if chunk.strip(b"\0"):
            raise ArchiveError("the archive has data after its manifest")
    if manifest is None or not reader.finished():
        raise ArchiveError("the archive is incomplete: it has no manifest at its end")
    listed = {
        str(entry["name"]): (int(entry["size"]), str(entry["sha256"]))
        for entry in manifest["files"]  # type: ignore[attr-defined]
    }
    for name, expected in listed.items():
        if name not in seen:
            raise ArchiveError(f"{name} is in the manifest but not in the archive")
        if seen[name] != expected:
            raise ArchiveError(f"{name} does not match its checksum in the manifest")
    extra = seen.keys() - listed.keys()
    if extra:
        raise ArchiveError(f"{sorted(extra)[0]} is in the archive but not in its manifest")
    return manifest


def _safe_name(member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    if not member.isfile() or path.is_absolute() or ".." in path.parts or not path.parts:
        raise ArchiveError(f"the archive holds an unsafe entry {member.name!r}")
    if path.parts[0] not in {"database", "media", "private"} and member.name != MANIFEST:
        raise ArchiveError(f"the archive holds an unexpected entry {member.name!r}")
    return path.as_posix()


def _manifest(raw: bytes) -> dict[str, object]:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ArchiveError("the archive's manifest is not JSON") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveError("the archive's manifest is not a Nabz backup manifest")
    if data.get("version") != VERSION:
        raise ArchiveError(f"backup format version {data.get('version')!r} is not supported")
    if not isinstance(data.get("files"), list):
        raise ArchiveError("the archive's manifest lists no files")
    return data


def restore(source: BinaryIO, where: Locations, fernet: MultiFernet, *, force: bool) -> Summary:
    """Check the whole archive, then put the database and the folders in place."""
    base = where.media_root.parent
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".nabz-restore-", dir=base))
    try:
        manifest = unpack(source, fernet, staging)
        database = manifest["database"]
        engine = database["engine"] if isinstance(database, dict) else None
        if engine != where.database.engine:
            raise ArchiveError(
                f"this backup holds a {engine} database; this instance uses "
                f"{where.database.engine} (set DATABASE_URL to match)"
            )
        if not force and where.database.in_use():
            raise ArchiveError(
                "the database is not empty; restoring would overwrite it. Point DATABASE_URL "
                "at an empty database, or pass --force to replace its contents"
            )
        where.database.restore(staging / where.database.member)
        for prefix, root in where.folders().items():
            _swap_in(staging / prefix, root)
        files = manifest["files"]
        assert isinstance(files, list)
        return Summary(
            files=len(files),
            bytes=sum(int(entry["size"]) for entry in files),
            database=str(engine),
            manifest=manifest,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staged: Path, root: Path) -> None:
    """Replace ``root`` with ``staged`` (renames, so a half-copied folder is never left)."""
    if not staged.exists():
        staged.mkdir(parents=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    old = root.with_name(f".{root.name}.before-restore")
    if old.exists():
        shutil.rmtree(old)
    if root.exists():
        root.rename(old)
    shutil.move(str(staged), str(root))
    if old.exists():
        shutil.rmtree(old)
