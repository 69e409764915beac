"""Rotating the audit key: old entries keep verifying, a retired key never signs again."""

from __future__ import annotations

import pytest

from nabz.audit import record, verify
from nabz.audit.canonical import compute_hash
from nabz.audit.chain import RETIRED_KEY, UNKNOWN_KEY
from nabz.audit.keys import key_id, parse_keys
from nabz.audit.models import AuditEntry
from tests.audit import helpers

pytestmark = pytest.mark.django_db

OLD = "old-audit-key-0123456789abcdefghijklmnopqrstuvwxyz"
NEW = "new-audit-key-0123456789abcdefghijklmnopqrstuvwxyz"


def _write(count: int) -> None:
    for n in range(count):
        record("post.approved", payload={"n": n})


def test_after_rotation_new_entries_use_the_new_key_and_old_ones_still_verify(settings):
    settings.NABZ_AUDIT_KEYS = [OLD]
    _write(3)
    settings.NABZ_AUDIT_KEYS = [NEW, OLD]
    _write(3)
    ids = list(AuditEntry.objects.values_list("key_id", flat=True))
    assert ids == [key_id(OLD)] * 3 + [key_id(NEW)] * 3
    assert verify().ok
    settings.NABZ_AUDIT_KEYS = [NEW]  # the old key removed too early
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 1, UNKNOWN_KEY)


def test_a_leaked_retired_key_cannot_append(settings):
    settings.NABZ_AUDIT_KEYS = [OLD]
    _write(2)
    settings.NABZ_AUDIT_KEYS = [NEW, OLD]
    _write(2)
    last = AuditEntry.objects.get(sequence=4)
    fields = {**last.canonical(), "sequence": 5, "prev_hash": last.hash, "key_id": key_id(OLD)}
    fields["payload"] = {"forged": True}
    helpers.insert(
        sequence=5,
        created_at=last.created_at,
        actor_ref="",
        actor_label="",
        workspace_ref="",
        workspace_label="",
        action=fields["action"],
        object_type="",
        object_id="",
        payload=fields["payload"],
        prev_hash=last.hash,
        key_id=key_id(OLD),
        hash=compute_hash(fields, OLD.encode()),
    )
    helpers.set_head(5, compute_hash(fields, OLD.encode()))
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 5, RETIRED_KEY)


def test_a_process_still_on_the_old_order_follows_the_chain_during_a_rolling_restart(settings):
    settings.NABZ_AUDIT_KEYS = [OLD, NEW]  # step 1: the new key added for verification
    _write(2)
    settings.NABZ_AUDIT_KEYS = [NEW, OLD]  # step 2 reached one process
    _write(1)
    settings.NABZ_AUDIT_KEYS = [OLD, NEW]  # another process not restarted yet
    _write(1)
    ids = list(AuditEntry.objects.values_list("key_id", flat=True))
    assert ids == [key_id(OLD)] * 2 + [key_id(NEW)] * 2
    assert verify().ok


def test_short_keys_are_refused_with_a_clear_line():
    with pytest.raises(ValueError, match="key 2 has 5 characters"):
        parse_keys(f"{NEW},short")
    assert parse_keys(f"{NEW}\n{OLD}\n") == [NEW, OLD]
