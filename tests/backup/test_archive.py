"""The archive itself: round trip, checksums, keys, damage, and what restore refuses."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, MultiFernet

from nabz.backup import frames
from nabz.backup.archive import Locations, create, restore
from nabz.backup.database import Database
from nabz.backup.frames import ArchiveError, DecryptingReader, EncryptingWriter

KEY = Fernet.generate_key()


def _fernet(*keys: bytes) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys or (KEY,)])


def _instance(root: Path, *, rows: int = 3) -> Locations:
    root.mkdir(parents=True, exist_ok=True)
    db = root / "nabz.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO django_migrations (name) VALUES ('0001_initial')")
        conn.execute("CREATE TABLE content_post (id INTEGER PRIMARY KEY, title TEXT)")
        conn.executemany(
            "INSERT INTO content_post (title) VALUES (?)", [(f"post {n}",) for n in range(rows)]
        )
    (root / "media" / "library" / "1").mkdir(parents=True)
    (root / "media" / "library" / "1" / "ward.jpg").write_bytes(b"\xff\xd8\xff" + b"j" * 5000)
    (root / "private" / "consent-forms" / "1").mkdir(parents=True)
    (root / "private" / "consent-forms" / "1" / "f00d.enc").write_bytes(b"gAAAA-sealed-form")
    return Locations(
        database=Database("sqlite", {"NAME": str(db)}),
        media_root=root / "media",
        private_root=root / "private",
    )


def _empty(root: Path) -> Locations:
    root.mkdir(parents=True, exist_ok=True)
    return Locations(
        database=Database("sqlite", {"NAME": str(root / "nabz.sqlite3")}),
        media_root=root / "media",
        private_root=root / "private",
    )


def _titles(where: Locations) -> list[str]:
    with sqlite3.connect(where.database.settings["NAME"]) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM content_post ORDER BY id")]


def _backup(where: Locations, fernet: MultiFernet | None = None) -> bytes:
    out = io.BytesIO()
    create(out, where, fernet or _fernet())
    return out.getvalue()


def test_a_backup_round_trips_the_database_media_and_signed_forms(tmp_path):
    source = _instance(tmp_path / "a")
    archive = _backup(source)
    assert b"ward.jpg" not in archive and b"post 1" not in archive  # encrypted throughout
    target = _empty(tmp_path / "b")
    summary = restore(io.BytesIO(archive), target, _fernet(), force=False)
    assert summary.files == 3
    assert _titles(target) == ["post 0", "post 1", "post 2"]
    ward = target.media_root / "library" / "1" / "ward.jpg"
    assert ward.read_bytes() == b"\xff\xd8\xff" + b"j" * 5000
    form = target.private_root / "consent-forms" / "1" / "f00d.enc"
    assert form.read_bytes() == b"gAAAA-sealed-form"
    names = {entry["name"]: entry for entry in summary.manifest["files"]}
    assert set(names) == {
        "database/nabz.sqlite3",
        "media/library/1/ward.jpg",
        "private/consent-forms/1/f00d.enc",
    }
    assert len(names["media/library/1/ward.jpg"]["sha256"]) == 64


def test_a_database_in_use_is_not_overwritten_without_force(tmp_path):
    archive = _backup(_instance(tmp_path / "a"))
    target = _instance(tmp_path / "b", rows=1)
    (target.media_root / "mine.jpg").write_bytes(b"keep me")
    with pytest.raises(ArchiveError, match=r"not empty.*--force"):
        restore(io.BytesIO(archive), target, _fernet(), force=False)
    assert _titles(target) == ["post 0"]
    assert (target.media_root / "mine.jpg").read_bytes() == b"keep me"
    restore(io.BytesIO(archive), target, _fernet(), force=True)
    assert _titles(target) == ["post 0", "post 1", "post 2"]
    assert not (target.media_root / "mine.jpg").exists()


def _refused(archive: bytes, tmp_path: Path, fernet: MultiFernet | None = None) -> str:
    target = _instance(tmp_path / "target", rows=1)
    with pytest.raises(ArchiveError) as error:
        restore(io.BytesIO(archive), target, fernet or _fernet(), force=True)
    assert _titles(target) == ["post 0"]  # nothing was overwritten
    assert (target.media_root / "library" / "1" / "ward.jpg").exists()
    assert not list(target.media_root.parent.glob(".nabz-restore-*"))  # staging cleaned up
    return str(error.value)


def test_a_wrong_key_is_refused_and_nothing_changes(tmp_path):
    archive = _backup(_instance(tmp_path / "a"))
    message = _refused(archive, tmp_path, _fernet(Fernet.generate_key()))
    assert "none of NABZ_ENCRYPTION_KEYS opens this backup" in message


def test_an_older_key_still_opens_a_backup_after_rotation(tmp_path):
    archive = _backup(_instance(tmp_path / "a"))
    rotated = _fernet(Fernet.generate_key(), KEY)
    restore(io.BytesIO(archive), _empty(tmp_path / "b"), rotated, force=False)


def test_a_corrupted_byte_is_refused_and_nothing_changes(tmp_path):
    archive = bytearray(_backup(_instance(tmp_path / "a")))
    archive[len(archive) // 2] ^= 0x01
    assert "damaged" in _refused(bytes(archive), tmp_path)


def test_a_cut_archive_is_refused(tmp_path):
    archive = _backup(_instance(tmp_path / "a"))
    assert "cut short" in _refused(archive[: len(archive) - 100], tmp_path)


def test_something_else_is_not_taken_for_a_backup(tmp_path):
    assert "not a Nabz backup" in _refused(b"PK\x03\x04 a zip file", tmp_path)


def test_a_file_that_does_not_match_its_manifest_is_refused(tmp_path, monkeypatch):
    # The archive is sealed, so only its writer can get this wrong: a file changed
    # between being hashed and being stored. Forge it by corrupting the manifest.
    from nabz.backup import archive as module

    original = module._add

    def lying(tar, path, name):  # type: ignore[no-untyped-def]
        entry = original(tar, path, name)
        return {**entry, "sha256": "0" * 64} if name.startswith("media/") else entry

    monkeypatch.setattr(module, "_add", lying)
    archive = _backup(_instance(tmp_path / "a"))
    monkeypatch.setattr(module, "_add", original)
    assert "does not match its checksum" in _refused(archive, tmp_path)


def test_frames_stream_in_chunks_and_refuse_reordering(monkeypatch):
    monkeypatch.setattr(frames, "CHUNK", 1000)
    out = io.BytesIO()
    writer = EncryptingWriter(out, _fernet())
    payload = bytes(range(256)) * 20  # 5,120 bytes: six frames
    for start in range(0, len(payload), 300):
        writer.write(payload[start : start + 300])
    writer.close()
    raw = out.getvalue()
    reader = DecryptingReader(io.BytesIO(raw), _fernet())
    assert reader.read(7) + reader.read() == payload and reader.finished()
    # Split into frames and swap two: each is intact, the order is not.
    body, cut = raw[len(frames.MAGIC) :], []
    while body:
        length = int.from_bytes(body[:4], "big")
        cut.append(body[: 4 + length])
        body = body[4 + length :]
    assert len(cut) == 6
    cut[1], cut[2] = cut[2], cut[1]
    swapped = DecryptingReader(io.BytesIO(frames.MAGIC + b"".join(cut)), _fernet())
    with pytest.raises(ArchiveError, match="out of order"):
        swapped.read()
    dropped_last = DecryptingReader(io.BytesIO(frames.MAGIC + b"".join(cut[:5])), _fernet())
    with pytest.raises(ArchiveError):
        dropped_last.read()


def test_a_missing_pg_dump_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("NABZ_PG_BIN", str(tmp_path))  # a folder without the tools
    database = Database("postgresql", {"NAME": "nabz", "HOST": "127.0.0.1"})
    with pytest.raises(ArchiveError, match=r"^pg_dump was not found: install"):
        database.dump(tmp_path / "dump")
