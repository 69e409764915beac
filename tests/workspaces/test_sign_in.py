"""Sign-in, two-factor enrolment and verification, recovery codes, throttling."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit.models import AuditEntry
from nabz.workspaces.models import Membership, User
from nabz.workspaces.roles import Role
from tests.conftest import PASSWORD


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/account/login/", {"username": username, "password": password})


def test_author_signs_in_with_password_only(people, workspace):  # type: ignore[no-untyped-def]
    client = Client()
    response = _login(client, "bob")
    assert response.status_code == 302
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == f"/w/{workspace.slug}/"
    assert AuditEntry.objects.filter(action="auth.login", actor_label="bob").exists()


def test_wrong_password_is_refused_and_logged_without_the_password(people):  # type: ignore[no-untyped-def]
    response = _login(Client(), "bob", "not the password")
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert "not the password" not in str(entry.payload)


def test_admin_must_enrol_two_factor_before_anything_else(workspace):  # type: ignore[no-untyped-def]
    admin = User.objects.create_user("newadmin", password=PASSWORD)
    Membership.objects.create(user=admin, workspace=workspace, role=Role.ADMIN)
    client = Client()
    _login(client, "newadmin")
    for url in (f"/w/{workspace.slug}/", f"/w/{workspace.slug}/settings/members/", "/account/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/account/two-factor/setup/", url
    page = client.get("/account/two-factor/setup/")
    assert b"<svg" in page.content  # the QR code
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    bad = client.post(
        "/account/two-factor/setup/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert bad.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a failed code makes the device wait a moment before the next
    done = client.post("/account/two-factor/setup/", {"token": _code(device)})
    assert done.status_code == 200
    assert "recovery" in done.content.decode().lower()
    assert client.get(f"/w/{workspace.slug}/").status_code == 200
    assert AuditEntry.objects.filter(
        action="auth.two_factor_enabled", actor_label="newadmin"
    ).exists()


def test_enrolled_user_must_verify_after_password(people, workspace):  # type: ignore[no-untyped-def]
    client = Client()
    _login(client, "alice")
    response = client.get(f"/w/{workspace.slug}/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/")
    device = TOTPDevice.objects.get(user=people[Role.ADMIN])
    response = client.post(
        "/account/two-factor/", {"token": _code(device), "next": f"/w/{workspace.slug}/"}
    )
    assert response.status_code == 302 and response.url == f"/w/{workspace.slug}/"
    assert client.get(f"/w/{workspace.slug}/").status_code == 200


def test_recovery_code_works_once(people, workspace):  # type: ignore[no-untyped-def]
    from nabz.workspaces.views.two_factor import _new_recovery_codes

    codes = _new_recovery_codes(people[Role.COMPLIANCE_OFFICER])
    assert len(codes) == 10 and len(set(codes)) == 10
    first = Client()
    _login(first, "dan")
    assert first.post("/account/two-factor/", {"token": codes[0]}).status_code == 302
    assert first.get(f"/w/{workspace.slug}/").status_code == 200
    second = Client()
    _login(second, "dan")
    assert second.post("/account/two-factor/", {"token": codes[0]}).status_code == 400


@pytest.mark.parametrize("token", ["", "abc", "1" * 40, "' OR 1=1 --"])
def test_bad_codes_get_a_clear_error(people, token):  # type: ignore[no-untyped-def]
    client = Client()
    _login(client, "alice")
    response = client.post("/account/two-factor/", {"token": token})
    assert response.status_code == 400
    assert b'role="alert"' in response.content


def test_login_is_throttled_after_repeated_failures(people, settings):  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "bob", "wrong password")
    locked = _login(client, "bob")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    other = _login(Client(), "carol")  # other accounts are not affected
    assert other.status_code == 302


def test_passwords_are_hashed_with_argon2():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from nabz import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("a long passphrase", hasher.salt())
    assert encoded.startswith("argon2$argon2id$") and hasher.verify("a long passphrase", encoded)
