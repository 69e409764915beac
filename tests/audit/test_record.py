"""Writing entries: what an entry holds, and that it shares the caller's fate."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from nabz.audit import record, verify
from nabz.audit.canonical import GENESIS_HASH
from nabz.audit.models import AuditEntry, AuditHead
from nabz.workspaces.models import Membership, User, Workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice() -> User:
    return User.objects.create_user("alice", password="x" * 12)


def test_an_entry_records_who_where_what_and_on_which_object(alice, workspace):
    membership = Membership.objects.create(user=alice, workspace=workspace, role="admin")
    entry = record(
        "member.role_changed",
        actor=alice,
        workspace=workspace,
        obj=membership,
        payload={"from": "author", "to": "admin"},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert (entry.sequence, entry.action) == (1, "member.role_changed")
    assert (entry.actor, entry.actor_label) == (alice, "alice")
    assert (entry.workspace, entry.workspace_label) == (workspace, "Sunrise Hospital")
    assert (entry.object_type, entry.object_id) == ("workspaces.membership", str(membership.pk))
    assert entry.payload == {"from": "author", "to": "admin"}
    assert entry.prev_hash == GENESIS_HASH
    assert entry.created_at.utcoffset() == dt.timedelta(0)
    assert abs(timezone.now() - entry.created_at) < dt.timedelta(minutes=1)


def test_each_entry_links_to_the_one_before(alice):
    first = record("auth.login", actor=alice)
    second = record("auth.logout", actor=alice)
    assert second.sequence == first.sequence + 1
    assert second.prev_hash == first.hash
    assert len(first.hash) == 64 and first.hash != second.hash


def test_the_chain_verifies_after_many_entries(alice, workspace):
    for number in range(300):
        record(
            "post.approved",
            actor=alice if number % 3 else None,
            workspace=workspace if number % 2 else None,
            obj=("trust.post", number),
            payload={
                "n": number,
                "ratio": number / 7,
                "note": "تایید شد",
                "when": dt.date(2026, 1, 1),
            },
        )
    result = verify()
    assert result.ok and result.checked == 300
    assert list(AuditEntry.objects.values_list("sequence", flat=True)) == list(range(1, 301))


def test_rolling_back_the_callers_transaction_leaves_no_entry(alice, workspace):
    record("auth.login", actor=alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        workspace.name = "Renamed"
        workspace.save()
        record("workspace.renamed", actor=alice, workspace=workspace)
        raise RuntimeError("the approval failed after the entry was written")
    workspace.refresh_from_db()
    assert workspace.name == "Sunrise Hospital"
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["auth.login"]
    # The head rolled back too, so the next entry takes the next number.
    assert record("auth.logout", actor=alice).sequence == 2
    assert verify().ok


def test_an_entry_commits_with_the_callers_change(alice, workspace):
    with transaction.atomic():
        workspace.name = "Renamed"
        workspace.save()
        record("workspace.renamed", actor=alice, workspace=workspace)
    assert AuditEntry.objects.get().workspace_label == "Renamed"


def test_deleting_the_user_or_workspace_keeps_the_entry_and_the_chain(alice, workspace):
    record("post.approved", actor=alice, workspace=workspace)
    user_id, workspace_id = alice.pk, workspace.pk
    alice.delete()
    workspace.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None and entry.workspace is None
    assert entry.actor_label == "alice" and entry.actor_ref == str(user_id)
    assert entry.workspace_label == "Sunrise Hospital" and entry.workspace_ref == str(workspace_id)
    assert verify().ok


def test_anonymous_and_system_actors():
    assert record("auth.login_failed", actor=AnonymousUser()).actor_label == ""
    system = record("post.published", actor="system:scheduler")
    assert (system.actor, system.actor_label) == (None, "system:scheduler")


@pytest.mark.parametrize(
    "action", ["", "login", "Auth.Login", "auth..login", "auth.login ", "a." * 40]
)
def test_malformed_actions_are_refused(action):
    with pytest.raises(ValueError, match="dotted"):
        record(action)
    assert not AuditEntry.objects.exists()


def test_wrong_kinds_of_actor_workspace_or_object_are_refused(workspace):
    with pytest.raises(TypeError, match="actor"):
        record("post.approved", actor=workspace)
    with pytest.raises(TypeError, match="workspace"):
        record("post.approved", workspace="Sunrise")
    with pytest.raises(ValueError, match="saved"):
        record("post.approved", obj=Workspace(name="unsaved"))
    with pytest.raises(TypeError, match="obj"):
        record("post.approved", obj=42)


def test_payload_values_are_converted_to_json():
    moment = dt.datetime(2026, 3, 20, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    entry = record(
        "post.scheduled",
        payload={
            "at": moment,
            "day": dt.date(2026, 3, 20),
            "id": ident,
            "amount": Decimal("12.50"),
            "ids": (1, 2),
            "whole": 3.0,
            "nested": {"at": moment},
        },
    )
    expected = {
        "at": "2026-03-20T09:00:00.000000+00:00",
        "day": "2026-03-20",
        "id": str(ident),
        "amount": "12.50",
        "ids": [1, 2],
        "whole": 3,
        "nested": {"at": "2026-03-20T09:00:00.000000+00:00"},
    }
    assert entry.payload == expected
    assert AuditEntry.objects.get().payload == expected
    assert verify().ok


@pytest.mark.parametrize(
    ("payload", "error", "message"),
    [
        ({"post": object()}, TypeError, r"payload\.post is a builtins\.object"),
        ({"tags": {"a", "b"}}, TypeError, r"payload\.tags is a builtins\.set"),
        ({"raw": b"bytes"}, TypeError, "payload.raw"),
        ({1: "x"}, TypeError, "keys must be str"),
        ({"score": float("nan")}, ValueError, "NaN"),
        ({"body": "x" * 20_000}, ValueError, "not content"),
        (["not", "a", "dict"], TypeError, "must be a dict"),
    ],
)
def test_payloads_json_cannot_hold_are_refused_with_a_clear_error(payload, error, message):
    with pytest.raises(error, match=message):
        record("post.approved", payload=payload)
    assert not AuditEntry.objects.exists()
    assert AuditHead.objects.filter(last_sequence__gt=0).count() == 0


def test_secret_looking_keys_are_dropped_at_any_depth(caplog):
    entry = record(
        "account.updated",
        payload={
            "password": "hunter2hunter2",
            "new_password1": "hunter3hunter3",
            "api_token": "nabz_abc",
            "Client-Secret": "s3cr3t",
            "settings": {"refresh_token": "r", "channel": "instagram"},
            "devices": [{"otp": 1, "pwd": "p"}],
            "field": "email",
        },
    )
    assert entry.payload == {
        "settings": {"channel": "instagram"},
        "devices": [{"otp": 1}],
        "field": "email",
    }
    stored = str(AuditEntry.objects.get().payload)
    for secret in ("hunter2", "hunter3", "nabz_abc", "s3cr3t"):
        assert secret not in stored
        assert secret not in caplog.text
    assert "password" in caplog.text  # the key is named in the warning, never its value


def test_the_head_is_recreated_from_the_last_entry_if_missing():
    record("auth.login")
    last = record("auth.logout")
    AuditHead.objects.all().delete()
    assert record("auth.login").prev_hash == last.hash
    assert verify().ok
