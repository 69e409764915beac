"""In a real browser, the main pages run under the strict policy without one violation:
no blocked script or style, the editor's live check (htmx) still works, images still load."""

from __future__ import annotations

import pytest
from django.conf import settings

from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.media.helpers import make_item

PASSWORD = "a long browser test passphrase"
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.django_db(transaction=True)
def test_main_pages_show_no_policy_violations(page, live_server, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    ws = Workspace.objects.create(name="Sunrise", slug="sunrise", timezone="UTC")
    user = User.objects.create_user("sam", password=PASSWORD)
    Membership.objects.create(user=user, workspace=ws, role=Role.AUTHOR)
    item = make_item(ws, user, title="Lobby", alt_text={"en": "The hospital lobby."})

    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.context.add_init_script(RECORD_VIOLATIONS)

    page.goto("/account/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/sunrise/")

    violations: dict[str, list[str]] = {}
    for path in (
        "/w/sunrise/",
        "/w/sunrise/calendar/",
        "/w/sunrise/posts/",
        "/w/sunrise/media/",
        f"/w/sunrise/media/{item.pk}/",
        "/w/sunrise/media/upload/",
        "/w/sunrise/consent/",
        "/w/sunrise/settings/",
        "/account/",
        "/api/docs",
        "/w/sunrise/posts/new/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__violations")
        if found:
            violations[path] = found

    # The editor's live check (htmx) runs under the policy.
    page.get_by_label("Text", exact=True).fill("Call Sara Example on +1 202 555 0143 today.")
    page.locator("#trust-panel mark.finding").first.wait_for()
    found = page.evaluate("window.__violations")
    if found:
        violations["editor live check"] = found

    # The member-only image loads on its page.
    page.goto(f"/w/sunrise/media/{item.pk}/")
    assert page.evaluate("document.querySelector('.media-figure img').naturalWidth") > 0

    assert violations == {}
    assert [line for line in console if "Content Security Policy" in line] == []
