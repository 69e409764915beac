"""Checking the chain: every entry in place, unchanged, signed, and linked to the one before.

Each entry's hash is an HMAC under an audit key kept outside the database
(nabz.audit.keys), so whoever edits, inserts, deletes or reorders entries cannot
re-hash the chain to cover it. The checks run in sequence order and stop at the
first entry that fails one:

* ``sequence gap``: numbers are missing before this entry (entries were deleted);
* ``prev_hash mismatch``: the entry does not link to the one before it (an entry
  was inserted, or entries were reordered). When the entry links back to an
  earlier one instead, the entries in between were inserted, and the first of
  them is named;
* ``hash mismatch``: the entry's contents no longer match its hash (it was edited,
  or re-hashed by someone without the key);
* ``unknown key``: the entry names no configured audit key (it was forged, or
  its key was removed from ``NABZ_AUDIT_KEYS`` too early);
* ``retired key``: the entry is signed with a key that the chain had already
  moved on from (a rotated-out key must never sign again);
* ``sequence out of order``: a duplicate number, or a time earlier than the
  entry before it (entries were renumbered and re-hashed);
* ``head mismatch``: the last entry, or entries after it, disagree with the
  chain head that every write updates (the end of the chain was rewritten or
  entries were appended behind the application's back). Entries cut off the
  end are reported as a ``sequence gap``; a tail cut together with the head
  shows only against a signed checkpoint (nabz.audit.checkpoints).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import router
from django.db.models import Subquery

from nabz.audit.canonical import (
    GENESIS_HASH,
    HASHED_FIELDS,
    LEGACY_HASHED_FIELDS,
    compute_hash,
    format_time,
    legacy_hash,
)
from nabz.audit.keys import find_key
from nabz.audit.models import AuditEntry, AuditHead

HASH_MISMATCH = "hash mismatch"
SEQUENCE_GAP = "sequence gap"
PREV_HASH_MISMATCH = "prev_hash mismatch"
OUT_OF_ORDER = "sequence out of order"
HEAD_MISMATCH = "head mismatch"
UNKNOWN_KEY = "unknown key"
RETIRED_KEY = "retired key"

# How far back a broken link is traced to find where an inserted run began.
_LOOKBACK = 10_000


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    checked: int  # entries found intact (all of them when ok)
    sequence: int | None = None  # the first broken entry
    reason: str | None = None
    detail: str = ""
    created_at: str | None = None  # of the first broken entry (ISO 8601 UTC); None if missing
    action: str | None = None

    def describe(self) -> str:
        if self.ok:
            return f"Audit chain OK: {self.checked} entries"
        where = f"{self.created_at}, {self.action}" if self.created_at else "missing"
        return (
            f"Audit chain BROKEN at entry {self.sequence} ({where}): {self.reason}. "
            f"{self.detail} ({self.checked} entries before it verified)"
        )


@dataclass(frozen=True)
class _Link:
    sequence: int
    created_at: str
    action: str
    prev_hash: str
    hash: str
    computed_hash: str  # "" when no configured key has the entry's key id
    key_id: str  # "" for a line of an export made before the chain was keyed


def verify(using: str | None = None) -> VerificationResult:
    """Check the whole audit chain in the database; see the module docstring."""
    using = using or router.db_for_read(AuditEntry)
    # The head is read first: every entry up to it was committed with it, so
    # writers appending meanwhile cannot make a sound chain look broken.
    head = AuditHead.objects.using(using).filter(pk=AuditHead.SINGLETON_ID).first()
    entries = AuditEntry.objects.using(using).order_by("sequence")
    if head is not None:
        entries = entries.filter(sequence__lte=head.last_sequence)
    result = check_links(_entry_links(entries.iterator(chunk_size=2000)))
    if not result.ok:
        return result
    return _check_head(result, head, using)


def verify_export(lines: Iterable[str]) -> VerificationResult:
    """Check a JSON Lines export (see nabz.audit.exports) without the database.

    A full export must verify from entry 1. A contiguous slice of the chain (an
    export filtered by time only) is checked from its first line on.
    """
    return check_links(_export_links(lines), from_start=False, allow_unkeyed=True)


def check_links(
    links: Iterable[_Link], *, from_start: bool = True, allow_unkeyed: bool = False
) -> VerificationResult:
    """``allow_unkeyed``: accept plain SHA-256 lines of an old export, until a signed one."""
    expected_sequence = 1
    expected_prev = GENESIS_HASH
    last_time = ""
    current_key = ""
    retired: dict[str, int] = {}  # key id -> the entry after its last one
    recent: OrderedDict[str, _Link] = OrderedDict()  # hash -> entry, the last _LOOKBACK
    by_sequence: dict[int, _Link] = {}
    checked = 0
    for index, link in enumerate(links):
        if index == 0 and not from_start:
            expected_sequence, expected_prev = link.sequence, link.prev_hash
        if link.sequence > expected_sequence:
            first_missing, last_missing = expected_sequence, link.sequence - 1
            missing = (
                f"entry {first_missing} is"
                if first_missing == last_missing
                else f"entries {first_missing}–{last_missing} are"
            )
            return _broken(link, checked, SEQUENCE_GAP, f"{missing} missing (deleted).")
        if link.sequence < expected_sequence:
            return _broken(link, checked, OUT_OF_ORDER, f"Sequence {link.sequence} appears twice.")
        if link.prev_hash != expected_prev:
            earlier = recent.get(link.prev_hash)
            if earlier is not None:
                first_inserted = by_sequence[earlier.sequence + 1]
                return _broken(
                    first_inserted,
                    first_inserted.sequence - 1,
                    PREV_HASH_MISMATCH,
                    f"Entry {link.sequence} links back to entry {earlier.sequence}, so "
                    f"entries {earlier.sequence + 1}–{link.sequence - 1} were inserted.",
                )
            return _broken(
                link,
                checked,
                PREV_HASH_MISMATCH,
                f"It does not link to entry {link.sequence - 1} (an entry was inserted "
                "or entries were reordered).",
            )
        if not link.key_id and not (allow_unkeyed and not current_key):
            return _broken(
                link,
                checked,
                UNKNOWN_KEY,
                "It carries no audit key id (it was not signed by nabz.audit.record).",
            )
        if link.key_id and not link.computed_hash:
            return _broken(
                link,
                checked,
                UNKNOWN_KEY,
                f"It names audit key {link.key_id!r}, which is not in NABZ_AUDIT_KEYS "
                "(it was forged, or its key was removed too early).",
            )
        if link.key_id in retired:
            return _broken(
                link,
                checked,
                RETIRED_KEY,
                f"It is signed with key {link.key_id!r}, which entry "
                f"{retired[link.key_id]} replaced (a retired key signed it).",
            )
        if link.computed_hash != link.hash:
            return _broken(
                link,
                checked,
                HASH_MISMATCH,
                "Its contents changed after it was written, or it was re-hashed without "
                "the audit key.",
            )
        if link.created_at < last_time:
            return _broken(
                link,
                checked,
                OUT_OF_ORDER,
                f"It is dated before entry {link.sequence - 1} (entries were reordered).",
            )
        checked += 1
        expected_sequence, expected_prev, last_time = link.sequence + 1, link.hash, link.created_at
        if link.key_id != current_key:
            if current_key:
                retired[current_key] = link.sequence
            current_key = link.key_id
        recent[link.hash] = link
        by_sequence[link.sequence] = link
        if len(recent) > _LOOKBACK:
            _, dropped = recent.popitem(last=False)
            del by_sequence[dropped.sequence]
    return VerificationResult(ok=True, checked=checked)


def _check_head(
    result: VerificationResult, head: AuditHead | None, using: str
) -> VerificationResult:
    entries = AuditEntry.objects.using(using)
    if head is None:
        stray = entries.order_by("sequence").first()
        if stray is None:
            return result
        return _broken(_entry_link(stray), 0, HEAD_MISMATCH, "The chain head row is missing.")
    if result.checked < head.last_sequence:
        first, last = result.checked + 1, head.last_sequence
        missing = f"entry {first} is" if first == last else f"entries {first}–{last} are"
        return VerificationResult(
            ok=False,
            checked=result.checked,
            sequence=first,
            reason=SEQUENCE_GAP,
            detail=f"The chain head records {last} entries; {missing} missing from the end.",
        )
    last = entries.filter(sequence=head.last_sequence).first()
    if last is not None and head.last_hash != last.hash:
        return _broken(
            _entry_link(last),
            result.checked - 1,
            HEAD_MISMATCH,
            "Its hash differs from the one the chain head recorded (it was rewritten).",
        )
    # One statement, so an entry and the head update committed together are seen together.
    current_head = AuditHead.objects.using(using).filter(pk=AuditHead.SINGLETON_ID)
    beyond = (
        entries.filter(sequence__gt=Subquery(current_head.values("last_sequence")[:1]))
        .order_by("sequence")
        .first()
    )
    if beyond is not None:
        return _broken(
            _entry_link(beyond),
            result.checked,
            HEAD_MISMATCH,
            "It lies beyond the chain head (it was not written by nabz.audit.record).",
        )
    return result


def _broken(link: _Link, checked: int, reason: str, detail: str) -> VerificationResult:
    return VerificationResult(
        ok=False,
        checked=checked,
        sequence=link.sequence,
        reason=reason,
        detail=detail,
        created_at=link.created_at,
        action=link.action,
    )


def _entry_link(entry: AuditEntry) -> _Link:
    return _Link(
        sequence=entry.sequence,
        created_at=format_time(entry.created_at),
        action=entry.action,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
        computed_hash=entry.compute_hash(),
        key_id=entry.key_id,
    )


def _entry_links(entries: Iterable[AuditEntry]) -> Iterator[_Link]:
    for entry in entries:
        yield _entry_link(entry)


def _export_links(lines: Iterable[str]) -> Iterator[_Link]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            stored_hash = data.pop("hash")
            names = HASHED_FIELDS if "key_id" in data else LEGACY_HASHED_FIELDS
            fields = {name: data[name] for name in names}
            exact = data.keys() == fields.keys()
            key_id = str(fields.get("key_id", ""))
            if not exact:
                computed = "-"  # a stray or missing field: never equal to a hash
            elif not key_id:
                computed = legacy_hash(fields)
            else:
                key = find_key(key_id)
                computed = compute_hash(fields, key.secret) if key else ""
            yield _Link(
                sequence=int(fields["sequence"]),
                created_at=str(fields["created_at"]),
                action=str(fields["action"]),
                prev_hash=str(fields["prev_hash"]),
                hash=str(stored_hash),
                computed_hash=computed,
                key_id=key_id,
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {number} is not an audit export line: {error}") from error
