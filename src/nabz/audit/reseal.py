"""Keying a chain written before the audit key existed (migration ``audit.0003``).

The old entries carry plain SHA-256 hashes, which anyone who can write the
database can recompute. Leaving them as they are and chaining new, keyed entries
after them would let such a person rewrite the old part as a fresh unkeyed
chain, so verify() accepts no unkeyed entry at all. Instead, once, the old chain
is checked as it stands and every entry is re-signed in place with the newest
audit key; then one ``audit.chain_keyed`` entry is appended that records how
many entries were re-signed and the old head's SHA-256 hash, so an export taken
before the upgrade can still be matched against the re-signed log.

A chain that is already broken is not re-signed silently (that would launder
the tampering): the migration stops with the entry and the reason, and changes
nothing. ``NABZ_AUDIT_RESEAL_BROKEN=1`` re-signs it anyway, and the appended
entry records where the old chain broke.
"""

from __future__ import annotations

import os
from typing import Any

from django.utils import timezone

from nabz.audit.canonical import (
    GENESIS_HASH,
    compute_hash,
    entry_fields,
    legacy_hash,
)
from nabz.audit.keys import signing_key

RESEAL_BROKEN = "NABZ_AUDIT_RESEAL_BROKEN"


class BrokenLegacyChain(Exception):
    """The unkeyed chain does not verify; re-signing it would hide that."""


def legacy_problem(entries: list[Any]) -> str:
    """The first fault of an unkeyed chain, in words, or "" when it holds."""
    expected_sequence, expected_prev, last_time = 1, GENESIS_HASH, None
    for entry in entries:
        fields = {name: value for name, value in entry_fields(entry).items() if name != "key_id"}
        where = f"entry {entry.sequence} ({entry.action})"
        if entry.sequence != expected_sequence:
            return f"{where}: expected sequence {expected_sequence}"
        if entry.prev_hash != expected_prev:
            return f"{where}: it does not link to the entry before it"
        if legacy_hash(fields) != entry.hash:
            return f"{where}: its contents do not match its hash"
        if last_time is not None and entry.created_at < last_time:
            return f"{where}: it is dated before the entry before it"
        expected_sequence, expected_prev, last_time = (
            entry.sequence + 1,
            entry.hash,
            entry.created_at,
        )
    return ""


def reseal(entry_model: Any, head_model: Any, using: str) -> int:
    """Re-sign every unkeyed entry and append the anchoring entry; the count re-signed."""
    entries = list(entry_model.objects.using(using).filter(key_id="").order_by("sequence"))
    if not entries:
        return 0
    if entry_model.objects.using(using).exclude(key_id="").exists():
        raise BrokenLegacyChain(
            "the audit log holds both keyed and unkeyed entries; it was keyed already, and "
            "unkeyed entries were added behind the application's back"
        )
    problem = legacy_problem(entries)
    if problem and os.environ.get(RESEAL_BROKEN) != "1":
        raise BrokenLegacyChain(
            f"the audit chain is broken at {problem}, so it was not re-signed and nothing "
            f"changed; investigate, then set {RESEAL_BROKEN}=1 to re-sign it anyway (the "
            "log will then record where it broke)"
        )
    key = signing_key()
    legacy_head = entries[-1].hash
    prev = GENESIS_HASH
    for entry in entries:
        entry.prev_hash, entry.key_id = prev, key.id
        entry.hash = compute_hash(entry_fields(entry), key.secret)
        entry_model.objects.using(using).filter(pk=entry.pk).update(
            prev_hash=entry.prev_hash, key_id=entry.key_id, hash=entry.hash
        )
        prev = entry.hash
    last = entries[-1]
    anchor = entry_model(
        sequence=last.sequence + 1,
        created_at=max(timezone.now(), last.created_at),
        action="audit.chain_keyed",
        actor_label="system:migration",
        payload={
            "resigned_entries": len(entries),
            "legacy_head_sequence": last.sequence,
            "legacy_head_sha256": legacy_head,
            "legacy_chain_verified": not problem,
            **({"legacy_chain_problem": problem} if problem else {}),
        },
        prev_hash=prev,
        key_id=key.id,
    )
    anchor.hash = compute_hash(entry_fields(anchor), key.secret)
    anchor.save(using=using)
    head_model.objects.using(using).update_or_create(
        pk=1,
        defaults={
            "last_sequence": anchor.sequence,
            "last_hash": anchor.hash,
            "last_created_at": anchor.created_at,
            "last_key_id": key.id,
        },
    )
    return len(entries)
