"""An encrypted byte stream in frames, so archives of any size stream through memory.

Fernet authenticates one whole message, so a large archive is cut into chunks of
:data:`CHUNK` bytes, each sealed as its own Fernet token (with the workspace keys,
MultiFernet). A frame on disk is a 4-byte big-endian length and the token; the
sealed plaintext starts with the frame's 8-byte number and a 1-byte "last" flag,
so frames that are dropped, repeated, reordered or cut off the end are refused,
not just frames whose bytes changed. Tokens are stored as their raw bytes (the
base64 Fernet speaks is undone on write and redone on read), so an archive is
barely larger than what it holds. The file starts with :data:`MAGIC`.
"""

from __future__ import annotations

import base64
import struct
from typing import BinaryIO

from cryptography.fernet import InvalidToken, MultiFernet

MAGIC = b"NABZ-BACKUP-v1\n\x00"
CHUNK = 1024 * 1024
_LENGTH = struct.Struct(">I")
_HEADER = struct.Struct(">QB")
MAX_TOKEN = CHUNK + 4096  # a chunk plus Fernet's overhead, with room


class ArchiveError(Exception):
    """The archive is not a Nabz backup, is damaged, or needs a key we do not have."""


class EncryptingWriter:
    """A write-only file object: what is written comes out as sealed frames in ``sink``."""

    def __init__(self, sink: BinaryIO, fernet: MultiFernet) -> None:
        self._sink, self._fernet = sink, fernet
        self._buffer = bytearray()
        self._index = 0
        self._closed = False
        sink.write(MAGIC)

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def close(self) -> None:
        if not self._closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        token = self._fernet.encrypt(_HEADER.pack(self._index, int(last)) + chunk)
        raw = base64.urlsafe_b64decode(token)
        self._sink.write(_LENGTH.pack(len(raw)) + raw)
        self._index += 1


class DecryptingReader:
    """A read-only file object over the frames of ``source``; raises ArchiveError on damage."""

    def __init__(self, source: BinaryIO, fernet: MultiFernet) -> None:
        self._source, self._fernet = source, fernet
        self._buffer = b""
        self._index = 0
        self._done = False
        if source.read(len(MAGIC)) != MAGIC:
            raise ArchiveError("this file is not a Nabz backup (it does not start like one)")

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._buffer += self._next_frame()
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def _next_frame(self) -> bytes:
        raw = self._source.read(_LENGTH.size)
        if len(raw) < _LENGTH.size:
            raise ArchiveError(f"the archive is cut short: frame {self._index} is missing")
        (length,) = _LENGTH.unpack(raw)
        if length > MAX_TOKEN:
            raise ArchiveError(f"the archive is damaged at frame {self._index} (bad length)")
        raw = self._source.read(length)
        if len(raw) < length:
            raise ArchiveError(f"the archive is cut short inside frame {self._index}")
        try:
            plain = self._fernet.decrypt(base64.urlsafe_b64encode(raw))
        except InvalidToken:
            if self._index == 0:
                raise ArchiveError(
                    "none of NABZ_ENCRYPTION_KEYS opens this backup (a different instance's "
                    "keys, or a key removed since), or its first bytes are damaged"
                ) from None
            raise ArchiveError(f"the archive is damaged at frame {self._index}") from None
        index, last = _HEADER.unpack_from(plain)
        if index != self._index:
            raise ArchiveError(
                f"the archive's frames are out of order (frame {index} where {self._index} belongs)"
            )
        self._index += 1
        if last:
            self._done = True
            if self._source.read(1):
                raise ArchiveError("the archive has data after its last frame")
        return plain[_HEADER.size :]

    def finished(self) -> bool:
        return self._done and not self._buffer
