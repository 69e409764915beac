"""An author fixes a patient's phone number the Trust Gate found; a reviewer approves;
the post is scheduled and moved on the calendar by drag and drop. Once in English,
once in the Arabic interface."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from nabz.content.models import Post, State
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.e2e.conftest import screenshot, wait_until

PASSWORD = "a long demo passphrase 1"
TEXT = {
    "en": "Visiting hours on our heart ward change on Monday. For a lift, our patient in "
    "bed 4 says call her son on +1 202 555 0143.",
    "ar": "تتغير مواعيد الزيارة في قسم القلب يوم الاثنين. مريضتنا في السرير ٤ تطلب منكم "
    "الاتصال بابنها على ‎+966 50 123 4567.",
}
PHONE_DIGITS = {"en": "0143", "ar": "4567"}
ENGLISH_LABELS = {
    "sign_in": "Sign in",
    "username": "Username",
    "password": "Password",
    "save_review": "Save and send to review",
    "approve": "Approve (clinical)",
    "title": "Working title",
    "text": "Text",
    "schedule": "Schedule",
}


def labels_in(language: str) -> dict[str, str]:
    """The interface's own words in ``language``, from its translation catalogue."""
    from django.utils import translation

    with translation.override(language):
        return {key: translation.gettext(text) for key, text in ENGLISH_LABELS.items()}


def _sign_in(page, username: str, language: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    origin = urlsplit(page.url)
    page.context.add_cookies(
        [{"name": "nabz_language", "value": language, "url": f"{origin.scheme}://{origin.netloc}/"}]
    )
    page.goto("/account/login/")
    labels = labels_in(language)
    page.get_by_label(labels["username"]).fill(username)
    page.get_by_label(labels["password"]).fill(PASSWORD)
    page.get_by_role("button", name=labels["sign_in"]).click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_fix_review_schedule_and_move(page, live_server, language):  # type: ignore[no-untyped-def]
    labels = labels_in(language)
    if language != "en":
        assert labels["approve"] != ENGLISH_LABELS["approve"], "the catalogue is not translated"
    ws = Workspace.objects.create(
        name="Sunrise", slug="sunrise", timezone="UTC", default_language=language
    )
    for name, role in (("sam", Role.AUTHOR), ("lee", Role.CLINICAL_REVIEWER)):
        user = User.objects.create_user(name, password=PASSWORD, language=language)
        Membership.objects.create(user=user, workspace=ws, role=role)

    page.goto(f"{live_server.url}/account/login/")
    _sign_in(page, "sam", language)
    page.goto("/w/sunrise/posts/new/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.get_by_label(labels["title"]).fill("Discharge day")
    page.get_by_label(labels["text"], exact=True).fill(TEXT[language])
    digits = PHONE_DIGITS[language]
    phone = page.locator("#trust-panel mark.finding.block", has_text=digits).first
    phone.wait_for()
    screenshot(page, f"10-editor-finding-{language}")
    page.locator(f"#trust-panel .apply-fix[data-text*='{digits}']").first.click()
    wait_until(
        page,
        "!document.querySelector('#trust-panel mark.finding.block')"
        " || !/[0-9]{3}/.test(document.querySelector('[data-trust-text=master]').value)",
    )
    assert "555 0143" not in page.locator("[data-trust-text=master]").input_value()
    assert "123 4567" not in page.locator("[data-trust-text=master]").input_value()
    page.get_by_role("button", name=labels["save_review"]).click()
    page.wait_for_url("**/posts/*/")
    post = Post.objects.get()
    assert post.state == State.IN_REVIEW, post.state

    _sign_in(page, "lee", language)
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    with page.expect_navigation():  # the approval redirects back to the post
        page.get_by_role("button", name=labels["approve"]).click()
    post.refresh_from_db()
    assert post.state == State.APPROVED, page.locator("main").inner_text()[:1500]

    when = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0) + dt.timedelta(days=3)
    _sign_in(page, "sam", language)
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    if language == "en":
        page.locator("#schedule-at").fill(when.strftime("%Y-%m-%dT%H:%M"))
        page.locator("#schedule-at").press("Enter")
    else:  # Arabic: the picker with the Hijri date beside each day
        local = timezone.localtime(when, timezone.get_fixed_timezone(0))
        picker = page.locator(".date-picker[data-picker-for='schedule-at']")
        while picker.locator(f".picker-day[data-date='{local.date().isoformat()}']").count() == 0:
            picker.locator(".picker-nav").last.click()
        picker.locator(f".picker-day[data-date='{local.date().isoformat()}']").click()
        picker.locator(".picker-time").fill(local.strftime("%H:%M"))
        page.get_by_role("button", name=labels["schedule"]).click()
    page.wait_for_load_state()
    post.refresh_from_db()
    assert post.state == State.SCHEDULED

    page.set_viewport_size({"width": 1280, "height": 1800})  # the whole month in view
    page.goto(f"/w/sunrise/calendar/?date={when.date().isoformat()}")
    chip = page.locator(f"[data-post='{post.pk}']")
    assert chip.count() == 1
    target_day = when.date() + dt.timedelta(days=1)
    cell = page.locator(f"td[data-date='{target_day.isoformat()}']")
    if cell.count() == 0:  # the next day is past the grid's end: use the day before instead
        target_day = when.date() - dt.timedelta(days=1)
        cell = page.locator(f"td[data-date='{target_day.isoformat()}']")
    chip.drag_to(cell)
    moved = f"td[data-date='{target_day.isoformat()}'] [data-post='{post.pk}']"
    wait_until(page, f'document.querySelector("{moved}")')
    post.refresh_from_db()
    assert post.scheduled_at.date() == target_day
    assert (post.scheduled_at.hour, post.scheduled_at.minute) == (9, 30)
    screenshot(page, f"11-calendar-moved-{language}")
