"""A session past the password but not the second step may only verify.

The attack this guards against: sign in with a stolen password, then enrol a fresh
authenticator (or regenerate recovery codes) to verify the session without ever
holding the victim's second factor.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit.models import AuditEntry
from nabz.workspaces.models import User
from nabz.workspaces.roles import Role
from nabz.workspaces.views.two_factor import _new_recovery_codes
from tests.conftest import PASSWORD, signed_in


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_only(username: str) -> Client:
    client = Client()
    response = client.post("/account/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _is_verified(client: Client, workspace) -> bool:  # type: ignore[no-untyped-def]
    return client.get(f"/w/{workspace.slug}/settings/members/").status_code == 200


def _tokens(user: User) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


@pytest.fixture
def alice(people) -> User:  # type: ignore[no-untyped-def]
    admin = people[Role.ADMIN]
    _new_recovery_codes(admin)
    return admin


def test_enrolling_a_new_authenticator_cannot_replace_the_second_step(alice, workspace):  # type: ignore[no-untyped-def]
    client = _password_only("alice")
    codes_before = _tokens(alice)
    page = client.get("/account/two-factor/setup/")
    assert page.status_code == 302 and page.url.startswith("/account/two-factor/?")
    # Even a device the attacker made some other way cannot be confirmed from here.
    rogue = TOTPDevice.objects.create(user=alice, name="authenticator", confirmed=False)
    posted = client.post("/account/two-factor/setup/", {"token": _code(rogue)})
    assert posted.status_code == 302 and posted.url.startswith("/account/two-factor/?")
    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert not _is_verified(client, workspace)
    assert client.get(f"/w/{workspace.slug}/audit/export.csv").status_code != 200
    assert _tokens(alice) == codes_before
    assert not AuditEntry.objects.filter(action="auth.two_factor_enabled").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/account/two-factor/recovery-codes/",
        "/account/two-factor/disable/",
        "/account/tokens/",
    ],
)
def test_an_unverified_session_changes_nothing(alice, workspace, url):  # type: ignore[no-untyped-def]
    client = _password_only("alice")
    codes_before = _tokens(alice)
    response = client.post(url, {"password": PASSWORD, "name": "x"})
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/")
    assert _tokens(alice) == codes_before
    assert TOTPDevice.objects.filter(user=alice, confirmed=True).count() == 1
    assert not alice.api_tokens.exists()
    assert not _is_verified(client, workspace)


def test_the_view_itself_refuses_an_unverified_session(alice, rf):  # type: ignore[no-untyped-def]
    """Defence in depth: the views check too, not only the middleware."""
    from django.contrib.sessions.backends.db import SessionStore

    from nabz.workspaces.views import two_factor

    for view, path in (
        (two_factor.setup, "/account/two-factor/setup/"),
        (two_factor.regenerate_recovery_codes, "/account/two-factor/recovery-codes/"),
        (two_factor.disable, "/account/two-factor/disable/"),
    ):
        request = rf.post(path, {"password": PASSWORD, "token": "123456"})
        request.user = alice
        alice.is_verified = lambda: False  # type: ignore[method-assign]
        request.session = SessionStore()
        request._messages = []  # type: ignore[attr-defined]
        response = view(request)
        assert response.status_code == 302 and "/account/two-factor/" in response.url, path
    assert TOTPDevice.objects.filter(user=alice, confirmed=True).count() == 1


def test_verify_and_recovery_codes_still_work_unverified(alice, workspace):  # type: ignore[no-untyped-def]
    client = _password_only("alice")
    assert client.get("/account/two-factor/").status_code == 200
    code = _new_recovery_codes(alice)[0]
    assert client.post("/account/two-factor/", {"token": code}).status_code == 302
    assert _is_verified(client, workspace)


def test_a_verified_user_replaces_the_authenticator_with_the_password(alice, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(alice)
    old = TOTPDevice.objects.get(user=alice, confirmed=True)
    assert client.get("/account/two-factor/setup/").status_code == 200
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    no_password = client.post("/account/two-factor/setup/", {"token": _code(new)})
    assert no_password.status_code == 400
    assert "password" in no_password.content.decode().lower()
    new.refresh_from_db()
    assert not new.confirmed
    wrong = client.post("/account/two-factor/setup/", {"token": _code(new), "password": "nope"})
    assert wrong.status_code == 400
    assert AuditEntry.objects.filter(action="auth.reauthentication_failed").exists()
    new.refresh_from_db()
    new.throttle_reset()
    mail.outbox.clear()
    done = client.post("/account/two-factor/setup/", {"token": _code(new), "password": PASSWORD})
    assert done.status_code == 200 and "recovery" in done.content.decode().lower()
    assert "no-store" in done["Cache-Control"]
    new.refresh_from_db()
    assert new.confirmed
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()  # replaced, not added
    entry = AuditEntry.objects.get(action="auth.two_factor_enabled")
    assert entry.payload["replaced"] is True
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.org"]
    assert "authenticator" in mail.outbox[0].body.lower()


def test_first_enrolment_is_audited_and_mailed(workspace, people):  # type: ignore[no-untyped-def]
    from nabz.workspaces.models import Membership

    newcomer = User.objects.create_user("nora", password=PASSWORD, email="nora@example.org")
    Membership.objects.create(user=newcomer, workspace=workspace, role=Role.COMPLIANCE_OFFICER)
    client = _password_only("nora")
    assert client.get("/account/two-factor/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=newcomer)
    mail.outbox.clear()
    done = client.post("/account/two-factor/setup/", {"token": _code(device)})
    assert done.status_code == 200
    entry = AuditEntry.objects.get(action="auth.two_factor_enabled", actor_label="nora")
    assert entry.payload["replaced"] is False
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]


def test_regenerating_recovery_codes_needs_the_password(alice):  # type: ignore[no-untyped-def]
    client = signed_in(alice)
    before = _tokens(alice)
    refused = client.post("/account/two-factor/recovery-codes/", {"password": "nope"})
    assert refused.status_code == 302 and _tokens(alice) == before
    mail.outbox.clear()
    done = client.post("/account/two-factor/recovery-codes/", {"password": PASSWORD})
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    assert _tokens(alice) != before
    assert len(mail.outbox) == 1


def test_turning_off_needs_a_verified_session_and_the_password(people):  # type: ignore[no-untyped-def]
    author = people[Role.AUTHOR]
    device = TOTPDevice.objects.create(user=author, name="authenticator", confirmed=True)
    client = signed_in(author)
    refused = client.post("/account/two-factor/disable/", {"password": "nope"})
    assert refused.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    done = client.post("/account/two-factor/disable/", {"password": PASSWORD})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=author).exists()
