"""Tampering with the table behind the application's back is detected and located."""

from __future__ import annotations

import datetime as dt

import pytest

from nabz.audit import record, verify
from nabz.audit.canonical import compute_hash, format_time
from nabz.audit.chain import (
    HASH_MISMATCH,
    HEAD_MISMATCH,
    OUT_OF_ORDER,
    PREV_HASH_MISMATCH,
    SEQUENCE_GAP,
)
from nabz.audit.keys import signing_key
from nabz.audit.models import AuditEntry, ImmutableAuditEntry
from tests.audit import helpers

# These tests forge with the real key: even someone holding it is caught by the
# links and the head. tests/audit/test_keyed.py tampers without the key.


def _sign(fields: dict) -> str:
    return compute_hash(fields, signing_key().secret)


pytestmark = pytest.mark.django_db


@pytest.fixture
def chain() -> list[AuditEntry]:
    return [record("post.approved", obj=("trust.post", n), payload={"n": n}) for n in range(1, 11)]


def _forged_fields(sequence: int, prev_hash: str) -> dict:
    return {
        "sequence": sequence,
        "created_at": format_time(AuditEntry.objects.get(sequence=sequence - 1).created_at),
        "actor_label": "",
        "actor_id": None,
        "workspace_id": None,
        "workspace_label": "",
        "action": "post.approved",
        "object_type": "trust.post",
        "object_id": "999",
        "payload": {"forged": True},
        "prev_hash": prev_hash,
        "key_id": signing_key().id,
    }


def _insert_forged(fields: dict, hash_: str) -> None:
    helpers.insert(
        sequence=fields["sequence"],
        created_at=dt.datetime.fromisoformat(fields["created_at"]),
        actor_ref="",
        actor_label="",
        workspace_ref="",
        workspace_label="",
        action=fields["action"],
        object_type=fields["object_type"],
        object_id=fields["object_id"],
        payload=fields["payload"],
        prev_hash=fields["prev_hash"],
        key_id=fields["key_id"],
        hash=hash_,
    )


def test_an_untouched_chain_verifies(chain):
    result = verify()
    assert (result.ok, result.checked, result.sequence, result.reason) == (True, 10, None, None)


def test_an_edited_payload_is_a_hash_mismatch_at_that_entry(chain):
    helpers.set_payload(4, {"n": 40})
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 4, HASH_MISMATCH)
    assert result.checked == 3
    assert result.action == "post.approved"
    assert result.created_at == format_time(chain[3].created_at)


def test_an_edited_last_entry_is_caught_too(chain):
    helpers.set_payload(10, {"n": 0})
    result = verify()
    assert (result.sequence, result.reason) == (10, HASH_MISMATCH)


def test_a_deleted_middle_entry_is_a_sequence_gap_at_the_next_one(chain):
    helpers.delete(5)
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 6, SEQUENCE_GAP)
    assert "entry 5 is missing" in result.detail


def test_deleted_entries_at_the_end_are_a_sequence_gap_against_the_head(chain):
    helpers.delete(9)
    helpers.delete(10)
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 9, SEQUENCE_GAP)
    assert result.created_at is None
    assert "entries 9–10 are missing from the end" in result.detail


def test_an_inserted_entry_without_a_valid_hash_is_named(chain):
    helpers.shift_from(5)
    fields = _forged_fields(5, prev_hash="f" * 64)
    _insert_forged(fields, hash_="e" * 64)
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 5, PREV_HASH_MISMATCH)
    assert result.checked == 4


def test_an_inserted_entry_with_a_correct_link_but_no_valid_hash_is_a_hash_mismatch(chain):
    helpers.shift_from(5)
    fields = _forged_fields(5, prev_hash=chain[3].hash)
    _insert_forged(fields, hash_="e" * 64)
    result = verify()
    assert (result.sequence, result.reason) == (5, HASH_MISMATCH)


def test_an_inserted_entry_with_a_recomputed_hash_is_still_named(chain):
    # The forger links the new entry to entry 4 and hashes it correctly: the
    # entry itself is flawless, but entry 6 (the old 5) still links to entry 4.
    helpers.shift_from(5)
    fields = _forged_fields(5, prev_hash=chain[3].hash)
    _insert_forged(fields, hash_=_sign(fields))
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 5, PREV_HASH_MISMATCH)
    assert result.checked == 4
    assert "entries 5–5 were inserted" in result.detail


def test_swapped_entries_are_named_at_the_first_one(chain):
    helpers.swap(3, 4)
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 3, PREV_HASH_MISMATCH)
    assert result.checked == 2


def test_entries_swapped_far_apart_are_named_at_the_first_one(chain):
    helpers.swap(2, 8)
    result = verify()
    assert (result.sequence, result.reason) == (2, PREV_HASH_MISMATCH)


def test_a_rechained_reordering_is_caught_by_its_times(chain):
    # A forger who swaps two entries and recomputes every hash after them leaves
    # a chain whose links all hold; the times then run backwards.
    rows = list(AuditEntry.objects.order_by("sequence"))
    rows[2], rows[3] = rows[3], rows[2]
    helpers.execute("DELETE FROM {table}")
    prev = rows[0].prev_hash
    for sequence, row in enumerate(rows, start=1):
        fields = {**row.canonical(), "sequence": sequence, "prev_hash": prev}
        prev = _sign(fields)
        _insert_forged(fields, hash_=prev)
    helpers.execute("UPDATE audit_audithead SET last_hash = %s", [prev])
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 4, OUT_OF_ORDER)


def test_a_rewritten_last_entry_disagrees_with_the_head(chain):
    fields = {**chain[-1].canonical(), "payload": {"n": 0}}
    helpers.execute(
        "UPDATE {table} SET payload = %s, hash = %s WHERE sequence = 10",
        [helpers.prep("payload", fields["payload"]), _sign(fields)],
    )
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 10, HEAD_MISMATCH)


def test_an_entry_appended_behind_the_applications_back_is_caught(chain):
    fields = _forged_fields(11, prev_hash=chain[-1].hash)
    _insert_forged(fields, hash_=_sign(fields))
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 11, HEAD_MISMATCH)


def test_the_orm_refuses_to_change_or_delete_entries(chain):
    entry = AuditEntry.objects.get(sequence=3)
    entry.payload = {"n": 300}
    with pytest.raises(ImmutableAuditEntry):
        entry.save()
    with pytest.raises(ImmutableAuditEntry):
        entry.delete()
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.filter(sequence=3).update(payload={})
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.all().delete()
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.bulk_update([entry], ["payload"])
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.bulk_create([AuditEntry(sequence=99)])
    assert AuditEntry.objects.count() == 10
    assert AuditEntry.objects.get(sequence=3).payload == {"n": 3}
    assert verify().ok


def test_entries_cannot_be_created_around_record(chain):
    with pytest.raises(ValueError, match="record"):
        AuditEntry.objects.create(sequence=11, action="post.approved", prev_hash=chain[-1].hash)
