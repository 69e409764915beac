"""Exports for the audit page: CSV for spreadsheets, JSON Lines that verify on their own."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from nabz.audit import filter_entries, iter_csv, iter_jsonl, record, verify_export
from nabz.audit.canonical import GENESIS_HASH, compute_hash
from nabz.audit.chain import HASH_MISMATCH
from nabz.audit.exports import CSV_COLUMNS
from nabz.audit.keys import signing_key
from nabz.audit.models import AuditEntry
from nabz.workspaces.models import User, Workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(workspace) -> list[AuditEntry]:
    alice = User.objects.create_user("alice", password="x" * 12)
    mallory = User.objects.create_user("=HYPERLINK(1)", password="x" * 12)
    other = Workspace.objects.create(name="Other Clinic", slug="other")
    return [
        record("auth.login", actor=alice),
        record(
            "post.approved",
            actor=alice,
            workspace=workspace,
            obj=("trust.post", 7),
            payload={"note": "تایید، ۱۴۰۵", "quote": 'say "hi",\nthen'},
        ),
        record(
            "member.role_changed",
            actor=alice,
            workspace=workspace,
            obj=("workspaces.membership", 3),
            payload={"from": "viewer", "to": "author"},
        ),
        record("post.approved", actor=mallory, workspace=other, obj=("trust.post", 8)),
    ]


def test_json_lines_parse_back_to_each_entrys_hashed_fields_and_hash(log):
    lines = list(iter_jsonl(AuditEntry.objects.all()))
    assert len(lines) == 4 and all(line.endswith("\n") for line in lines)
    for line, entry in zip(lines, log, strict=True):
        data = json.loads(line)
        assert data == {**entry.canonical(), "hash": entry.hash}
        stored_hash = data.pop("hash")
        assert data["key_id"] == signing_key().id
        assert compute_hash(data, signing_key().secret) == stored_hash
    assert json.loads(lines[0])["prev_hash"] == GENESIS_HASH
    assert json.loads(lines[1])["payload"]["note"] == "تایید، ۱۴۰۵"


def test_a_json_lines_export_verifies_on_its_own_and_shows_edits(log):
    lines = list(iter_jsonl(AuditEntry.objects.all()))
    assert verify_export(lines).ok
    edited = json.loads(lines[2])
    edited["payload"]["to"] = "admin"
    lines[2] = json.dumps(edited, ensure_ascii=False) + "\n"
    result = verify_export(lines)
    assert (result.ok, result.sequence, result.reason) == (False, 3, HASH_MISMATCH)


def test_a_contiguous_slice_verifies_too(log):
    lines = list(iter_jsonl(AuditEntry.objects.filter(sequence__gte=2)))
    assert verify_export(lines).checked == 3


def test_csv_parses_back_with_every_column(log):
    text = "".join(iter_csv(AuditEntry.objects.all()))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [int(row["sequence"]) for row in rows] == [1, 2, 3, 4]
    approved = rows[1]
    assert approved["action"] == "post.approved"
    assert approved["actor_label"] == "alice"
    assert approved["workspace_label"] == "Sunrise Hospital"
    assert (approved["object_type"], approved["object_id"]) == ("trust.post", "7")
    assert json.loads(approved["payload"]) == log[1].payload  # commas, quotes, newlines survive
    assert approved["hash"] == log[1].hash and approved["prev_hash"] == log[0].hash
    assert dt.datetime.fromisoformat(approved["created_at"]) == log[1].created_at
    assert rows[0]["workspace_id"] == "" and rows[0]["workspace_label"] == ""


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_defused(log):
    rows = list(csv.DictReader(io.StringIO("".join(iter_csv(AuditEntry.objects.all())))))
    assert rows[3]["actor_label"] == "'=HYPERLINK(1)"


def test_exports_come_in_chain_order_whatever_the_querysets_order(log):
    lines = list(iter_jsonl(AuditEntry.objects.order_by("-sequence")))
    assert [json.loads(line)["sequence"] for line in lines] == [1, 2, 3, 4]


def test_filters(log, workspace):
    alice = User.objects.get(username="alice")
    everything = AuditEntry.objects.all()

    def sequences(**filters) -> list[int]:  # type: ignore[no-untyped-def]
        return list(filter_entries(everything, **filters).values_list("sequence", flat=True))

    assert sequences() == [1, 2, 3, 4]
    assert sequences(actor=alice) == [1, 2, 3]
    assert sequences(actor=alice.pk) == [1, 2, 3]
    assert sequences(actor="=HYPERLINK(1)") == [4]
    assert sequences(action="post.approved") == [2, 4]
    assert sequences(action="post.") == [2, 4]
    assert sequences(action="member.*") == [3]
    assert sequences(action="post") == []
    assert sequences(workspace=workspace) == [2, 3]
    assert sequences(workspace=workspace.pk, action="post.approved") == [2]
    assert sequences(object_type="trust.post") == [2, 4]
    assert sequences(actor="", action="", object_type="") == [1, 2, 3, 4]


def test_filters_by_time(log):
    everything = AuditEntry.objects.all()
    today = timezone.localdate(log[0].created_at)
    assert filter_entries(everything, since=today, until=today).count() == 4
    assert filter_entries(everything, until=today - dt.timedelta(days=1)).count() == 0
    assert filter_entries(everything, since=today + dt.timedelta(days=1)).count() == 0
    middle = log[2].created_at
    after = filter_entries(everything, since=middle)
    before = filter_entries(everything, until=middle)
    assert list(after.values_list("sequence", flat=True)) == [3, 4]
    assert list(before.values_list("sequence", flat=True)) == [1, 2]


def test_deleted_users_are_still_found_by_name(log):
    User.objects.get(username="alice").delete()
    assert filter_entries(AuditEntry.objects.all(), actor="alice").count() == 3
