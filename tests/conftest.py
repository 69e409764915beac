"""One small world for every test: a hospital workspace with one named user per role.

alice is the admin, bob the author, carol the clinical reviewer, dan the
compliance officer, erin the viewer; mallory belongs to another workspace.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import TWO_FACTOR_REQUIRED, Role

PASSWORD = "correct horse battery staple"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuse to test an edited trust engine through its old compiled build."""
    from tools.compile_trust import status

    if status() == "stale":
        pytest.exit(
            "the compiled trust engine is older than its source: run `make compile` "
            "(or `.venv/bin/python tools/compile_trust.py --clean` for pure Python)",
            returncode=2,
        )


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


# --- the browser, for end-to-end tests (tests/e2e, and browser tests of each app) -------
# One Playwright instance for the whole run: a second sync instance in the same process
# fails ("Sync API inside the asyncio loop"), so these live here, shared by every folder.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:  # type: ignore[misc]
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Debian's chromium is required for end-to-end tests: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
