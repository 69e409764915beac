"""Signed checkpoints catch what no key can: a cut tail, and a chain rewritten since."""

from __future__ import annotations

import json
import socket

import pytest
from django.core import mail
from django.core.management import call_command

from nabz.audit import record
from nabz.audit.canonical import compute_hash
from nabz.audit.checkpoints import BAD_CHECKPOINT, REWRITTEN, TRUNCATED
from nabz.audit.keys import signing_key
from nabz.audit.models import AuditEntry
from tests.audit import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain() -> list[AuditEntry]:
    return [record("post.approved", obj=("trust.post", n), payload={"n": n}) for n in range(1, 11)]


def _verify(path, capsys) -> tuple[int, str]:
    try:
        call_command("verify_audit", checkpoint=str(path))
    except SystemExit as exit_:
        return int(exit_.code), capsys.readouterr().err
    return 0, capsys.readouterr().out


def test_a_checkpoint_line_records_the_head_and_verifies(chain, tmp_path, capsys):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", output=str(path))
    call_command("audit_checkpoint", output=str(path))
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    data = json.loads(lines[0])
    assert (data["entries"], data["head"], data["key_id"]) == (10, chain[-1].hash, signing_key().id)
    assert len(data["signature"]) == 64
    capsys.readouterr()
    record("post.approved", payload={"n": 11})  # the chain may grow past a checkpoint
    code, out = _verify(path, capsys)
    assert code == 0
    assert out.startswith("Audit chain OK: 11 entries; matches 2 checkpoints")


def test_a_cut_tail_with_the_head_moved_back_passes_alone_but_not_against_a_checkpoint(
    chain, tmp_path, capsys
):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", output=str(path))
    helpers.delete(10)
    helpers.delete(9)
    helpers.set_head(8, chain[7].hash)
    call_command("verify_audit")  # the shorter chain is sound on its own
    assert "OK: 8 entries" in capsys.readouterr().out
    code, err = _verify(path, capsys)
    assert code == 1
    assert TRUNCATED in err and "recorded 10 entries" in err and "entries 9–10 were cut" in err


def test_a_chain_rewritten_with_the_key_itself_disagrees_with_the_checkpoint(
    chain, tmp_path, capsys
):
    # The worst case, a forger who also stole the key: verify() cannot tell, the
    # checkpoint the operator kept can.
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", output=str(path))
    helpers.set_payload(4, {"n": 40})
    helpers.rechain(lambda fields: compute_hash(fields, signing_key().secret), start=4)
    call_command("verify_audit")
    capsys.readouterr()
    code, err = _verify(path, capsys)
    assert code == 1
    assert REWRITTEN in err and "BROKEN at entry 10" in err


def test_a_rehash_with_the_wrong_key_fails_before_the_checkpoint_is_looked_at(
    chain, tmp_path, capsys
):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", output=str(path))
    helpers.rechain(lambda fields: compute_hash(fields, b"w" * 40))
    code, err = _verify(path, capsys)
    assert code == 1 and "BROKEN at entry 1" in err and "hash mismatch" in err


def test_an_edited_checkpoint_is_refused(chain, tmp_path, capsys):
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", output=str(path))
    data = json.loads(path.read_text())
    data["entries"] = 8  # lower the bar to hide a cut tail
    data["head"] = chain[7].hash
    path.write_text(json.dumps(data) + "\n")
    code, err = _verify(path, capsys)
    assert code == 1 and BAD_CHECKPOINT in err


def test_a_broken_chain_gets_no_checkpoint(chain, tmp_path, capsys):
    helpers.set_payload(3, {"n": 30})
    path = tmp_path / "checkpoints.jsonl"
    with pytest.raises(SystemExit) as exit_:
        call_command("audit_checkpoint", output=str(path))
    assert exit_.value.code == 1
    assert "No checkpoint written" in capsys.readouterr().err
    assert not path.exists()


def test_a_missing_or_malformed_checkpoint_file_is_one_clear_line(chain, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot read checkpoint file"):
        call_command("verify_audit", checkpoint=str(tmp_path / "none.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "something else"}\n')
    with pytest.raises(CommandError, match="line 1 is not an audit checkpoint"):
        call_command("verify_audit", checkpoint=str(bad))


def test_a_checkpoint_goes_to_syslog(chain, tmp_path, capsys):
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", 0))
    server.settimeout(5)
    port = server.getsockname()[1]
    try:
        call_command("audit_checkpoint", syslog=True, syslog_address=f"127.0.0.1:{port}")
        datagram = server.recv(65536).decode()
    finally:
        server.close()
    assert "nabz-audit-checkpoint:" in datagram
    path = tmp_path / "from-syslog.log"
    path.write_text(f"Dec  7 10:00:00 host {datagram.strip()}\n")  # as the log file keeps it
    capsys.readouterr()
    assert _verify(path, capsys)[0] == 0


def test_a_checkpoint_is_mailed(chain, tmp_path, capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("audit_checkpoint", email=["dan@example.org"])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dan@example.org"]
    line = next(text for text in mail.outbox[0].body.splitlines() if text.startswith("{"))
    path = tmp_path / "mailed.jsonl"
    path.write_text(line + "\n")
    capsys.readouterr()
    assert _verify(path, capsys)[0] == 0
