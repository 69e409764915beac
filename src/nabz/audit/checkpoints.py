"""Signed checkpoints: the chain's head, kept by the operator outside the database.

An HMAC chain stops anyone without the key from editing, inserting, deleting or
reordering entries, but not from cutting entries off the end and moving the
head back: what remains is a shorter, sound chain. A checkpoint is one JSON
line, written by ``nabz manage audit_checkpoint`` to a file, a mail or syslog,
that records the entry count, the head hash and the time, signed with the audit
key. ``nabz manage verify_audit --checkpoint FILE`` then refuses a chain that
is shorter than a checkpoint (a cut tail) or whose entry at a checkpoint's
count has another hash (a rewritten chain).

The line (keys sorted, no whitespace)::

    {"entries": 42, "entry_time": "...", "head": "<hash of entry 42>",
     "key_id": "...", "kind": "nabz.audit.checkpoint", "signature": "<hex>",
     "version": 1, "written_at": "..."}

``signature`` is HMAC-SHA256 under the key ``key_id`` over the bytes
``nabz.audit.checkpoint\\n`` followed by the canonical JSON of every other field.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import router
from django.utils import timezone

from nabz.audit.canonical import GENESIS_HASH, canonical_json, format_time
from nabz.audit.chain import VerificationResult, verify
from nabz.audit.keys import find_key, signing_key
from nabz.audit.models import AuditEntry

KIND = "nabz.audit.checkpoint"
VERSION = 1
_DOMAIN = KIND.encode() + b"\n"

TRUNCATED = "cut tail"
REWRITTEN = "checkpoint mismatch"
BAD_CHECKPOINT = "checkpoint signature"


class ChainNotSound(Exception):
    """The chain does not verify, so it is not checkpointed (that would bless the damage)."""

    def __init__(self, result: VerificationResult) -> None:
        super().__init__(result.describe())
        self.result = result


@dataclass(frozen=True)
class Checkpoint:
    entries: int
    head: str
    entry_time: str | None
    written_at: str
    key_id: str
    kind: str = KIND
    version: int = VERSION

    def signed_fields(self) -> dict[str, object]:
        return asdict(self)

    def signature_with(self, secret: bytes) -> str:
        message = _DOMAIN + canonical_json(self.signed_fields()).encode("utf-8")
        return hmac.new(secret, message, hashlib.sha256).hexdigest()

    def line(self) -> str:
        key = find_key(self.key_id)
        if key is None:
            raise ValueError(f"audit key {self.key_id!r} is not configured")
        signature = self.signature_with(key.secret)
        return canonical_json({**self.signed_fields(), "signature": signature})


@dataclass(frozen=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    signature: str
    line_number: int

    def signature_ok(self) -> bool:
        key = find_key(self.checkpoint.key_id)
        if key is None:
            return False
        return hmac.compare_digest(self.checkpoint.signature_with(key.secret), self.signature)


def take(using: str | None = None) -> Checkpoint:
    """A checkpoint of the chain as it is now; raises ChainNotSound if it does not verify."""
    using = using or router.db_for_read(AuditEntry)
    result = verify(using)
    if not result.ok:
        raise ChainNotSound(result)
    last = (
        AuditEntry.objects.using(using)
        .filter(sequence__lte=result.checked)
        .order_by("-sequence")
        .first()
    )
    return Checkpoint(
        entries=last.sequence if last else 0,
        head=last.hash if last else GENESIS_HASH,
        entry_time=format_time(last.created_at) if last else None,
        written_at=format_time(timezone.now()),
        key_id=signing_key().id,
    )


def parse(lines: Iterable[str]) -> list[SignedCheckpoint]:
    """Every checkpoint line of a file (blank lines and ``#`` comments skipped)."""
    found = []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        # A line kept by syslog or pasted from a mail may carry a prefix or a trailing NUL.
        if "{" in text and "}" in text:
            text = text[text.find("{") : text.rfind("}") + 1]
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("kind") != KIND:
                raise ValueError("not a Nabz audit checkpoint")
            if data.get("version") != VERSION:
                raise ValueError(f"unsupported checkpoint version {data.get('version')!r}")
            checkpoint = Checkpoint(
                entries=int(data["entries"]),
                head=str(data["head"]),
                entry_time=None if data["entry_time"] is None else str(data["entry_time"]),
                written_at=str(data["written_at"]),
                key_id=str(data["key_id"]),
            )
            found.append(SignedCheckpoint(checkpoint, str(data["signature"]), number))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {number} is not an audit checkpoint: {error}") from error
    return found


def check(
    checkpoints: list[SignedCheckpoint], result: VerificationResult, using: str | None = None
) -> VerificationResult:
    """``result`` (a sound chain from verify()) held against every checkpoint, oldest first."""
    using = using or router.db_for_read(AuditEntry)
    entries = AuditEntry.objects.using(using)
    for signed in checkpoints:
        point = signed.checkpoint
        where = f"checkpoint of {point.written_at} (line {signed.line_number})"
        if not signed.signature_ok():
            return _failed(
                result,
                point.entries,
                BAD_CHECKPOINT,
                f"The {where} has a signature no configured audit key makes: the checkpoint "
                "was edited or forged, or its key was removed from NABZ_AUDIT_KEYS.",
            )
        if result.checked < point.entries:
            first = result.checked + 1
            cut = f"entry {first}" if first == point.entries else f"entries {first}–{point.entries}"
            return _failed(
                result,
                first,
                TRUNCATED,
                f"The {where} recorded {point.entries} entries; the chain now has "
                f"{result.checked}: {cut} were cut off the end.",
            )
        if point.entries == 0:
            continue
        entry = entries.filter(sequence=point.entries).first()
        if entry is None or not hmac.compare_digest(entry.hash, point.head):
            return _failed(
                result,
                point.entries,
                REWRITTEN,
                f"Entry {point.entries} is not the one the {where} recorded: the chain was "
                "rewritten and re-hashed since.",
                entry,
            )
    return result


def _failed(
    result: VerificationResult,
    sequence: int,
    reason: str,
    detail: str,
    entry: AuditEntry | None = None,
) -> VerificationResult:
    return VerificationResult(
        ok=False,
        checked=min(result.checked, max(sequence - 1, 0)),
        sequence=sequence,
        reason=reason,
        detail=detail,
        created_at=format_time(entry.created_at) if entry else None,
        action=entry.action if entry else None,
    )
