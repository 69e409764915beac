"""An Arabic myth starts spreading on the Sandbox network: the listening query finds it, an
alert appears, and the author drafts a myth-busting post from it in one click. On the way,
the query editor shows what a query matches as the author types."""

from __future__ import annotations

import pytest

from nabz.listening import runs
from nabz.listening.models import Alert, ListeningQuery
from nabz.publishing.models import Account, SandboxPublicPost
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.e2e.conftest import screenshot, wait_until

PASSWORD = "a long demo passphrase 1"
MYTH = "اللقاحات تسبب التوحد، انشروا قبل أن يحذفوها"


@pytest.mark.django_db(transaction=True)
def test_an_arabic_myth_spreads_and_is_answered(page, live_server):  # type: ignore[no-untyped-def]
    ws = Workspace.objects.create(name="Sunrise", slug="sunrise", timezone="UTC")
    user = User.objects.create_user("sam", password=PASSWORD)
    Membership.objects.create(user=user, workspace=ws, role=Role.AUTHOR)
    sandbox = Account.objects.create(workspace=ws, network="sandbox", name="Sandbox")
    sandbox.remote_id = str(sandbox.pk)
    sandbox.save()

    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    # The editor: the preview marks what matches while the author types.
    page.goto("/w/sunrise/listening/new/")
    page.get_by_label("Name").fill("Vaccines")
    page.locator("#id_query").fill("لقاح OR اللقاحات OR vaccine")
    page.locator("#sample").fill(f"{MYTH}\nالجو جميل اليوم")
    wait_until(page, "document.querySelectorAll('.preview-lines li.match').length === 1")
    assert page.locator(".preview-lines li.no-match").count() == 1
    assert page.locator(".preview-lines mark").first.inner_text() == "اللقاحات"
    page.locator("input[name=networks][value=sandbox]").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert ListeningQuery.objects.get().networks == ["sandbox"]

    # The myth starts spreading; the worker's run finds it and raises the alert.
    for who in ("samir", "huda", "omar"):
        SandboxPublicPost.objects.create(
            author_id=f"sandbox-{who}", author_handle=who, text=MYTH, language="ar"
        )
    runs.dispatch(inline=True)
    alert = Alert.objects.get(kind=Alert.Kind.MYTH)
    assert alert.results.count() == 3

    page.goto("/w/sunrise/listening/")
    link = page.locator("#alerts a").first
    assert "spreading" in link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.locator(".listening-results li.result.myth").count() == 3
    screenshot(page, "listening-alert")
    page.get_by_role("button", name="Draft a myth-busting post").click()
    page.wait_for_load_state()
    assert "/posts/" in page.url and page.url.endswith("/edit/")
    text = page.locator("textarea[name=text]").input_value()
    assert alert.details["fact"] in text and alert.details["source"] in text
    screenshot(page, "listening-draft")
