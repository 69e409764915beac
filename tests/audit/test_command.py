"""``verify_audit``: what an operator sees, and the exit code a cron job checks."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nabz.audit import record
from nabz.audit.canonical import format_time
from tests.audit import helpers

pytestmark = pytest.mark.django_db


def test_an_intact_chain_prints_ok_and_exits_zero(capsys):
    for number in range(3):
        record("post.approved", payload={"n": number})
    call_command("verify_audit")
    captured = capsys.readouterr()
    assert captured.out.strip() == "Audit chain OK: 3 entries"
    assert captured.err == ""


def test_an_empty_log_is_ok(capsys):
    call_command("verify_audit")
    assert capsys.readouterr().out.strip() == "Audit chain OK: 0 entries"


def test_a_broken_chain_names_the_entry_and_the_reason_and_exits_one(capsys):
    entries = [record("post.approved", payload={"n": number}) for number in range(3)]
    record("member.role_changed", payload={"to": "admin"})
    helpers.set_payload(4, {"to": "viewer"})
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit")
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "BROKEN at entry 4" in captured.err
    assert "member.role_changed" in captured.err
    assert format_time(entries[0].created_at)[:10] in captured.err
    assert "hash mismatch" in captured.err


def test_a_deletion_is_reported_as_a_sequence_gap(capsys):
    for number in range(4):
        record("post.approved", payload={"n": number})
    helpers.delete(2)
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "entry 3" in err and "sequence gap" in err and "entry 2 is missing" in err
