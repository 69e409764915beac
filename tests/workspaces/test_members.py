"""Invitations by link, role changes and their audit entries."""

from __future__ import annotations

from django.core import mail
from django.test import Client

from nabz.audit.models import AuditEntry
from nabz.workspaces.models import Invitation, Membership, User
from nabz.workspaces.roles import Role
from tests.conftest import signed_in


def test_invitation_link_creates_an_account_with_the_role(people, workspace):  # type: ignore[no-untyped-def]
    admin = signed_in(people[Role.ADMIN])
    response = admin.post(
        f"/w/{workspace.slug}/settings/members/invite/",
        {"email": "Nurse.Joy@Example.org", "role": "author"},
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nurse.joy@example.org"]
    link = response.context["link"]
    assert link in mail.outbox[0].body
    path = link.split("8000", 1)[1]
    newcomer = Client()
    form = newcomer.get(path)
    assert form.status_code == 200
    weak = newcomer.post(path, {"username": "joy", "new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 400 and b"joy" in weak.content  # the form keeps what was typed
    ok = newcomer.post(
        path,
        {
            "username": "joy",
            "new_password1": "a long passphrase 42",
            "new_password2": "a long passphrase 42",
        },
    )
    assert ok.status_code == 302
    joy = User.objects.get(username="joy")
    assert Membership.objects.get(user=joy, workspace=workspace).role == Role.AUTHOR
    assert Client().get(path).status_code == 404  # links work once
    assert AuditEntry.objects.filter(action="member.joined", actor_label="joy").exists()


def test_invalid_invitation_input_keeps_the_form(people, workspace):  # type: ignore[no-untyped-def]
    admin = signed_in(people[Role.ADMIN])
    response = admin.post(
        f"/w/{workspace.slug}/settings/members/invite/",
        {"email": "not-an-email", "role": "emperor"},
    )
    assert response.status_code == 400
    assert b"not-an-email" in response.content
    assert not Invitation.objects.exists()


def test_role_change_is_audited(people, workspace):  # type: ignore[no-untyped-def]
    admin = signed_in(people[Role.ADMIN])
    membership = Membership.objects.get(user=people[Role.VIEWER])
    admin.post(f"/w/{workspace.slug}/settings/members/{membership.pk}/role/", {"role": "author"})
    membership.refresh_from_db()
    assert membership.role == Role.AUTHOR
    entry = AuditEntry.objects.get(action="member.role_changed")
    assert entry.payload == {"user": "erin", "from": "viewer", "to": "author"}
    assert entry.actor_label == "alice"


def test_last_admin_cannot_be_demoted_or_removed(people, workspace):  # type: ignore[no-untyped-def]
    admin = signed_in(people[Role.ADMIN])
    own = Membership.objects.get(user=people[Role.ADMIN])
    admin.post(f"/w/{workspace.slug}/settings/members/{own.pk}/role/", {"role": "viewer"})
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_api_tokens_are_shown_once_and_stored_hashed(people):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post("/account/tokens/", {"name": "CI drafts"})
    secret = response.context["secret"]
    assert secret.startswith("nabz_")
    token = people[Role.AUTHOR].api_tokens.get()
    assert secret not in token.token_hash and len(token.token_hash) == 64
    assert secret not in client.get("/account/").content.decode()
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/me").json()["username"] == "bob"
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert api.get("/api/me").status_code == 401
    assert (
        Client(headers={"Authorization": "Bearer nabz_forged_token"}).get("/api/me").status_code
        == 401
    )


def test_empty_token_name_is_a_clear_error(people):  # type: ignore[no-untyped-def]
    response = signed_in(people[Role.AUTHOR]).post("/account/tokens/", {"name": ""})
    assert response.status_code == 400
    assert b'role="alert"' in response.content
