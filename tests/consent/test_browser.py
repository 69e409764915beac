"""Journeys 3 and 6 in a real browser, in Arabic: register a consent with its form, revoke it."""

from __future__ import annotations

import datetime as dt

import pytest

from nabz.consent.models import Consent, TakedownRequest
from nabz.consent.services import workspace_today
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.factories import PDF, make_post
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(browser_page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(user)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    browser_page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            },
            {"name": "nabz_language", "value": "ar", "domain": host, "path": "/"},
        ]
    )


def test_register_and_revoke_a_consent_in_arabic(page, live_server, workspace, people, tmp_path):  # type: ignore[no-untyped-def]
    _sign_in(page, live_server, people[Role.COMPLIANCE_OFFICER])
    today = workspace_today(workspace)
    form_file = tmp_path / "نموذج-موافقة.pdf"
    form_file.write_bytes(PDF)

    page.goto(f"/w/{workspace.slug}/consent/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator('input[name="subject"]').fill("قصة مريض 2026-07")
    page.locator('input[name="signed_form"]').set_input_files(str(form_file))
    page.locator("#id_language").select_option("ar")
    page.locator('input[name="signed_on"]').fill(today.isoformat())
    page.locator('input[name="expires_on"]').fill((today + dt.timedelta(days=365)).isoformat())
    for value in ("instagram", "facebook"):
        page.locator(f'input[name="networks"][value="{value}"]').check()
    for value in ("story", "photo"):
        page.locator(f'input[name="content_kinds"][value="{value}"]').check()
    screenshot(page, "consent-01-register-ar")
    page.locator("form.consent-form button[type=submit]").click()
    page.wait_for_url("**/consent/*/")
    assert "سُجّلت الموافقة." in page.content()
    consent = Consent.objects.get()
    assert consent.networks == ["facebook", "instagram"] and consent.has_signed_form
    screenshot(page, "consent-02-detail-ar")

    response = page.request.get(f"/w/{workspace.slug}/consent/{consent.pk}/signed-form/")
    assert response.status == 200 and response.body() == PDF

    post = make_post(workspace, people[Role.AUTHOR], state="published", title="قصة سلمى")
    consent.posts.add(post)
    page.goto(f"/w/{workspace.slug}/consent/{consent.pk}/revoke/")
    page.locator('textarea[name="reason"]').fill("سحبت المريضة موافقتها برسالة.")
    screenshot(page, "consent-03-revoke-ar")
    page.locator("form.card button.danger").click()
    page.wait_for_url(f"**/consent/{consent.pk}/")
    assert TakedownRequest.objects.get().post == post
    assert "مُبطلة" in page.content()
    screenshot(page, "consent-04-revoked-ar")
