"""A new admin signs in, enrols two-factor with a real TOTP, and tries all three languages."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp

from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.e2e.conftest import screenshot, wait_until

NAV = {
    "ar": [
        "لوحة المتابعة",
        "التقويم",
        "المنشورات",
        "صندوق الوارد",
        "الموافقات",
        "التقارير",
        "الإعدادات",
    ],
    "fa": ["پیشخوان", "تقویم", "پست‌ها", "صندوق پیام", "رضایت‌نامه‌ها", "گزارش‌ها", "تنظیمات"],
}


def _code_for(secret_text: str) -> str:
    key = base64.b32decode(
        secret_text.replace(" ", "") + "=" * (-len(secret_text.replace(" ", "")) % 8)
    )
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


@pytest.mark.django_db(transaction=True)
def test_sign_in_enrol_two_factor_and_switch_languages(page):  # type: ignore[no-untyped-def]
    ws = Workspace.objects.create(
        name="Sunrise General Hospital", slug="sunrise", timezone="Asia/Tehran"
    )
    admin = User.objects.create_user("avery", password="a long demo passphrase 1")
    Membership.objects.create(user=admin, workspace=ws, role=Role.ADMIN)

    page.goto("/")
    page.get_by_label("Username").fill("avery")
    page.get_by_label("Password").fill("a long demo passphrase 1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/setup/")
    assert page.locator("figure.qr svg").count() == 1
    screenshot(page, "01-two-factor-setup")

    secret = page.locator("[data-totp-secret]").inner_text()
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(
        _code_for(secret)
    )
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    codes = page.locator("ol.codes li")
    assert codes.count() == 10
    page.get_by_role("link", name="I have saved them — continue").click()
    page.wait_for_url("**/w/sunrise/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").count()
    screenshot(page, "02-dashboard-en")

    for language, name in (("ar", "03-dashboard-ar"), ("fa", "04-dashboard-fa")):
        page.select_option("#language-select", language)
        wait_until(page, f"document.documentElement.lang === '{language}'")
        assert page.locator("html").get_attribute("dir") == "rtl"
        nav_text = page.locator("nav.sidebar").inner_text()
        for label in NAV[language]:
            assert label in nav_text, (language, label)
        # Mirrored layout: the sidebar sits on the right in RTL.
        box = page.locator("nav.sidebar").bounding_box()
        assert box is not None and box["x"] > 600
        screenshot(page, name)

    # Keyboard: the skip link is the first stop and moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
