"""Sign-in, sign-out and failed sign-in attempts land in the audit log."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from nabz.audit import verify
from nabz.audit.models import AuditEntry
from nabz.workspaces.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"


@pytest.fixture
def bob() -> User:
    return User.objects.create_user("bob", password=PASSWORD)


def _attempt(username: str, password: str) -> User | None:
    request = RequestFactory().post("/account/login/", {"username": username})
    return authenticate(request=request, username=username, password=password)


def test_sign_in_and_sign_out_are_recorded_with_the_user(bob):
    client = Client()
    client.force_login(bob)
    client.logout()
    entries = list(AuditEntry.objects.values_list("action", "actor", "actor_label"))
    assert entries == [("auth.login", bob.pk, "bob"), ("auth.logout", bob.pk, "bob")]


def test_a_failed_sign_in_records_the_username_and_never_the_password(bob):
    assert _attempt("bob", "hunter2-wrong-guess") is None
    entry = AuditEntry.objects.get()
    assert entry.action == "auth.login_failed"
    assert entry.actor is None
    assert entry.payload == {"username": "bob"}
    assert "hunter2" not in str(entry.canonical())


def test_each_failed_attempt_is_one_entry_even_when_axes_locks_the_user_out(bob):
    attempts = settings.AXES_FAILURE_LIMIT + 2
    for _number in range(attempts):
        _attempt("bob", "wrong password")
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["auth.login_failed"] * attempts
    locked = [entry.payload.get("locked_out", False) for entry in AuditEntry.objects.all()]
    assert locked[: settings.AXES_FAILURE_LIMIT - 1] == [False] * (settings.AXES_FAILURE_LIMIT - 1)
    assert locked[-1] is True
    # Once locked out, even the right password fails, and is logged once.
    assert _attempt("bob", PASSWORD) is None
    assert AuditEntry.objects.count() == attempts + 1
    assert verify().ok


def test_a_failed_attempt_for_an_unknown_user_is_recorded_too():
    _attempt("nobody", "whatever")
    assert AuditEntry.objects.get().payload == {"username": "nobody"}
