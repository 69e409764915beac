"""One small world for every test: a hospital workspace with one named user per role.

alice is the admin, bob the author, carol the clinical reviewer, dan the
compliance officer, erin the viewer; mallory belongs to another workspace.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import TWO_FACTOR_REQUIRED, Role

PASSWORD = "correct horse battery staple"
PEOPLE = {
    Role.ADMIN: "alice",
    Role.AUTHOR: "bob",
    Role.CLINICAL_REVIEWER: "carol",
    Role.COMPLIANCE_OFFICER: "dan",
    Role.VIEWER: "erin",
}


@pytest.fixture
def workspace(db) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace.objects.create(name="Sunrise Hospital", slug="sunrise", timezone="Asia/Tehran")


@pytest.fixture
def other_workspace(db) -> Workspace:  # type: ignore[no-untyped-def]
    ws = Workspace.objects.create(name="Other Clinic", slug="other")
    mallory = User.objects.create_user("mallory", password=PASSWORD, email="m@example.org")
    Membership.objects.create(user=mallory, workspace=ws, role=Role.ADMIN)
    TOTPDevice.objects.create(user=mallory, name="authenticator", confirmed=True)
    return ws


@pytest.fixture
def people(workspace) -> dict[str, User]:  # type: ignore[no-untyped-def]
    users = {}
    for role, name in PEOPLE.items():
        user = User.objects.create_user(name, password=PASSWORD, email=f"{name}@example.org")
        Membership.objects.create(user=user, workspace=workspace, role=role)
        if role in TWO_FACTOR_REQUIRED:
            TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        users[role] = user
    return users


def signed_in(user: User) -> Client:
    """A client signed in as ``user``, with two-factor sign-in completed when enrolled."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(people):  # type: ignore[no-untyped-def]
    return lambda role: signed_in(people[role])
