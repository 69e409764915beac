"""Keying a chain written before the key existed (migration audit.0003)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from nabz.audit import record, verify
from nabz.audit.canonical import legacy_hash
from nabz.audit.models import AuditEntry, AuditHead
from nabz.audit.reseal import RESEAL_BROKEN, BrokenLegacyChain, reseal
from tests.audit import helpers

pytestmark = pytest.mark.django_db


def _historical_models():
    state = MigrationLoader(connection).project_state(("audit", "0003_reseal_chain"))
    return state.apps.get_model("audit", "AuditEntry"), state.apps.get_model("audit", "AuditHead")


def _legacy_chain(count: int) -> str:
    """A chain as the unkeyed version wrote it; its head hash."""
    for n in range(count):
        record("post.approved", payload={"n": n})
    helpers.execute("UPDATE {table} SET key_id = ''")
    helpers.rechain(lambda fields: legacy_hash({k: v for k, v in fields.items() if k != "key_id"}))
    return AuditEntry.objects.order_by("-sequence").first().hash


def test_a_sound_legacy_chain_is_resigned_and_anchored():
    legacy_head = _legacy_chain(5)
    assert not verify().ok  # unkeyed entries are refused
    assert reseal(*_historical_models(), "default") == 5
    result = verify()
    assert (result.ok, result.checked) == (True, 6)
    anchor = AuditEntry.objects.get(sequence=6)
    assert anchor.action == "audit.chain_keyed"
    assert anchor.payload == {
        "resigned_entries": 5,
        "legacy_head_sequence": 5,
        "legacy_head_sha256": legacy_head,
        "legacy_chain_verified": True,
    }
    assert AuditHead.objects.get().last_sequence == 6
    record("post.approved", payload={"after": True})
    assert verify().ok
    assert reseal(*_historical_models(), "default") == 0  # nothing left to do


def test_a_broken_legacy_chain_is_not_resigned_unless_asked(monkeypatch):
    _legacy_chain(4)
    helpers.set_payload(2, {"n": 20})
    before = list(AuditEntry.objects.values_list("hash", flat=True))
    with pytest.raises(BrokenLegacyChain, match=r"entry 2 .* contents do not match"):
        reseal(*_historical_models(), "default")
    assert list(AuditEntry.objects.values_list("hash", flat=True)) == before
    monkeypatch.setenv(RESEAL_BROKEN, "1")
    reseal(*_historical_models(), "default")
    assert verify().ok
    payload = AuditEntry.objects.get(sequence=5).payload
    assert payload["legacy_chain_verified"] is False
    assert "entry 2" in payload["legacy_chain_problem"]
