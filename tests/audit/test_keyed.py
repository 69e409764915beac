"""Tampering by someone who can write the database but does not hold the audit key.

Each attack ends the way a careful forger ends it: every link and hash after the
change recomputed, and the chain head moved. Against the unkeyed SHA-256 chain
each of these passed ``verify_audit``; with the HMAC chain each is named.
"""

from __future__ import annotations

import hashlib
import hmac

import pytest

from nabz.audit import record, verify
from nabz.audit.canonical import canonical_json, entry_fields
from nabz.audit.chain import HASH_MISMATCH, UNKNOWN_KEY
from nabz.audit.keys import key_id, signing_key
from nabz.audit.models import AuditEntry
from tests.audit import helpers

pytestmark = pytest.mark.django_db

GUESSED_KEY = "a-key-the-forger-made-up-himself-0123456789"


def plain_sha256(fields: dict) -> str:
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


def hmac_with_a_guessed_key(fields: dict) -> str:
    message = canonical_json(fields).encode()
    return hmac.new(GUESSED_KEY.encode(), message, hashlib.sha256).hexdigest()


FORGERS = [plain_sha256, hmac_with_a_guessed_key]


@pytest.fixture
def chain() -> list[AuditEntry]:
    return [record("post.approved", obj=("trust.post", n), payload={"n": n}) for n in range(1, 11)]


@pytest.mark.parametrize("forger", FORGERS)
def test_an_edited_and_rehashed_entry_is_named(chain, forger):
    helpers.set_payload(4, {"n": 40})
    helpers.rechain(forger, start=4)
    result = verify()
    assert (result.ok, result.sequence, result.reason, result.checked) == (
        False,
        4,
        HASH_MISMATCH,
        3,
    )


@pytest.mark.parametrize("forger", FORGERS)
def test_a_deleted_entry_with_the_rest_renumbered_and_rehashed_is_named(chain, forger):
    helpers.delete(5)
    helpers.renumber_after_delete(5)
    helpers.rechain(forger, start=5)
    assert AuditEntry.objects.count() == 9
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 5, HASH_MISMATCH)


@pytest.mark.parametrize("forger", FORGERS)
def test_an_inserted_entry_with_the_chain_rehashed_is_named(chain, forger):
    helpers.shift_from(5)
    helpers.insert(
        sequence=5,
        created_at=chain[3].created_at,
        actor_ref="",
        actor_label="",
        workspace_ref="",
        workspace_label="",
        action="post.approved",
        object_type="trust.post",
        object_id="999",
        payload={"forged": True},
        prev_hash="",
        key_id=signing_key().id,  # the forger copies a genuine key id
        hash="",
    )
    helpers.rechain(forger, start=5)
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 5, HASH_MISMATCH)


@pytest.mark.parametrize("forger", FORGERS)
def test_reordered_entries_with_times_kept_in_order_and_rehashed_are_named(chain, forger):
    helpers.swap(3, 4)
    helpers.set_time(3, chain[2].created_at)
    helpers.set_time(4, chain[3].created_at)
    helpers.rechain(forger, start=3)
    assert AuditEntry.objects.get(sequence=3).payload == {"n": 4}
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 3, HASH_MISMATCH)


def test_a_whole_chain_rehashed_with_another_key_and_its_own_key_id_is_refused(chain):
    helpers.execute("UPDATE {table} SET key_id = %s", [key_id(GUESSED_KEY)])
    helpers.rechain(hmac_with_a_guessed_key)
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 1, UNKNOWN_KEY)
    assert key_id(GUESSED_KEY) in result.detail


def test_a_chain_turned_back_into_an_unkeyed_one_is_refused(chain):
    # A downgrade: drop the key ids and hash the way the chain did before it was keyed.
    helpers.execute("UPDATE {table} SET key_id = ''")
    helpers.rechain(lambda fields: plain_sha256({k: v for k, v in fields.items() if k != "key_id"}))
    result = verify()
    assert (result.ok, result.sequence, result.reason) == (False, 1, UNKNOWN_KEY)
    assert "no audit key id" in result.detail


def test_every_entry_names_the_key_that_signed_it(chain):
    assert {entry.key_id for entry in AuditEntry.objects.all()} == {signing_key().id}
    entry = AuditEntry.objects.get(sequence=2)
    assert entry.key_id == key_id(signing_key().secret.decode())
    assert entry.hash != plain_sha256(entry_fields(entry))
