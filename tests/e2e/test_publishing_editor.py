"""What a person sees while writing, reviewing and scheduling: networks nobody connected,
"Adapt for each network", the picker in their calendar, true states, one true reason for
refused text, and a confirmation after each review step. Desktop and phone width (390 px),
left-to-right and right-to-left."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation

from nabz.content import workflow
from nabz.content.models import Post, State
from nabz.core.calendars import JALALI_MONTHS
from nabz.publishing.models import Account, Publication
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.e2e.conftest import screenshot, wait_until

PASSWORD = "a long demo passphrase 1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LONG = {
    "en": "Flu season is here and our clinics are ready for you. Free flu shots are offered "
    "every weekday from 8 to 6 at the main entrance. Bring your insurance card if you have "
    "one; if not, you are still welcome. Children from six months old can be vaccinated, "
    "and pregnant women are advised to get the shot too. Read what the vaccine does at "
    "https://www.example.org/flu-facts.",
    "fa": "فصل آنفولانزا رسیده و درمانگاه‌های ما آماده‌اند. واکسن رایگان آنفولانزا هر روز "
    "کاری از ساعت ۸ تا ۱۸ کنار ورودی اصلی زده می‌شود. کارت بیمه را اگر دارید بیاورید؛ اگر "
    "ندارید هم خوش آمدید. کودکان از شش‌ماهگی می‌توانند واکسن بزنند و به مادران باردار هم "
    "توصیه می‌شود. درباره کار واکسن در https://www.example.org/flu-facts بخوانید.",
}


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _world(language: str) -> Workspace:
    ws = Workspace.objects.create(
        name="Sunrise", slug="sunrise", timezone="UTC", default_language=language
    )
    for name, role in (
        ("sam", Role.AUTHOR),
        ("lee", Role.CLINICAL_REVIEWER),
        ("ada", Role.ADMIN),
    ):
        user = User.objects.create_user(name, password=PASSWORD, language=language)
        Membership.objects.create(user=user, workspace=ws, role=role)
    Account.objects.create(workspace=ws, network="sandbox", name="Sunrise sandbox")
    return ws


def _sign_in(page, live_server, username: str, language: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/account/login/")
    page.context.clear_cookies()
    origin = urlsplit(page.url)
    page.context.add_cookies(
        [{"name": "nabz_language", "value": language, "url": f"{origin.scheme}://{origin.netloc}/"}]
    )
    page.goto("/account/login/")
    page.get_by_label(tr(language, "Username")).fill(username)
    page.get_by_label(tr(language, "Password")).fill(PASSWORD)
    page.get_by_role("button", name=tr(language, "Sign in")).click()
    page.wait_for_load_state()


def _both_widths(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


def _approved(
    ws: Workspace, networks: tuple[str, ...], text: str = "Our flu clinic opens on Monday."
) -> Post:
    author, reviewer = User.objects.get(username="sam"), User.objects.get(username="lee")
    post = Post.objects.create(
        workspace=ws, author=author, title="Flu clinic", pillar="behind_the_scenes"
    )
    post = workflow.edit(post, author, text=text, variants={n: "" for n in networks})
    workflow.submit(post, author)
    workflow.approve(post, reviewer, "clinical")
    post.refresh_from_db()
    return post


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_networks_without_an_account_are_named_and_not_scheduled(page, live_server, language):  # type: ignore[no-untyped-def]
    ws = _world(language)
    _sign_in(page, live_server, "sam", language)
    page.goto("/w/sunrise/posts/new/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    note = page.locator("[data-no-account='x']")
    assert note.is_visible() and page.locator("[data-no-account='sandbox']").count() == 0
    _both_widths(page, f"20-editor-no-account-{language}")

    post = _approved(ws, ("sandbox", "x"))
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    warning = page.locator("[data-unconnected]")
    assert warning.is_visible()
    when = timezone.now() + dt.timedelta(days=2)
    if language == "en":
        page.locator("#schedule-at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    else:
        picker = page.locator(".date-picker[data-picker-for='schedule-at']")
        while picker.locator(f".picker-day[data-date='{when.date().isoformat()}']").count() == 0:
            picker.locator(".picker-nav").last.click()
        picker.locator(f".picker-day[data-date='{when.date().isoformat()}']").click()
    page.get_by_role("button", name=tr(language, "Schedule"), exact=True).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/w/sunrise/posts/{post.pk}/"
    message = page.locator(".messages .message.error")
    assert message.is_visible() and tr(language, "X") in message.inner_text()
    post.refresh_from_db()
    assert post.state == State.APPROVED
    _both_widths(page, f"21-schedule-refused-no-account-{language}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_adapt_for_each_network_fills_the_boxes_to_fit(page, live_server, language):  # type: ignore[no-untyped-def]
    _world(language)
    _sign_in(page, live_server, "sam", language)
    page.goto("/w/sunrise/posts/new/")
    page.get_by_label(tr(language, "Working title")).fill("Flu season")
    page.get_by_label(tr(language, "Text"), exact=True).fill(LONG[language])
    page.get_by_label(tr(language, "Tags")).fill("flu shots, public health")
    for network in ("x", "instagram", "bluesky"):
        page.locator(f"input[name=networks][value={network}]").check()
    page.get_by_role("button", name=tr(language, "Adapt for each network")).click()
    page.wait_for_load_state()
    x = page.locator("[data-trust-text=x]").input_value()
    instagram = page.locator("[data-trust-text=instagram]").input_value()
    assert x and "#FluShots" in x
    assert "https://" not in instagram
    assert ("لینک در بیو" if language == "fa" else "link in bio") in instagram
    assert not Post.objects.exists()  # nothing saved yet
    counter = page.locator("#trust-panel [data-counter=x]")
    counter.wait_for()
    assert "over" not in (counter.get_attribute("class") or "")
    page.locator(".variant[data-network=x]").scroll_into_view_if_needed()
    _both_widths(page, f"22-adapted-variants-{language}")
    page.get_by_role("button", name=tr(language, "Save draft")).click()
    page.wait_for_url("**/posts/*/")
    saved = Post.objects.get().variants.get(network="x").text
    assert saved.replace("\r\n", "\n") == x.replace("\r\n", "\n")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["fa", "ar"])
def test_the_publish_time_picker_is_in_the_readers_calendar(page, live_server, language):  # type: ignore[no-untyped-def]
    _world(language)
    _sign_in(page, live_server, "sam", language)
    page.goto("/w/sunrise/posts/new/")
    picker = page.locator(".date-picker[data-picker-for='id_scheduled_at']")
    picker.locator(".picker-ui").wait_for()
    caption = picker.locator(".picker-caption").inner_text()
    if language == "fa":
        assert any(month in caption for month in JALALI_MONTHS)
    else:
        assert "هـ" in caption and picker.locator(".picker-day .beside").count() >= 28
    assert not any(ch in "0123456789" for ch in caption)  # local digits
    assert page.locator("#id_scheduled_at").get_attribute("type") == "hidden"
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    while picker.locator(f".picker-day[data-date='{day}']").count() == 0:
        picker.locator(".picker-nav").last.click()
    picker.locator(f".picker-day[data-date='{day}']").click()
    picker.locator(".picker-time").fill("10:30")
    wait_until(page, f"document.getElementById('id_scheduled_at').value === '{day}T10:30'")
    chosen = picker.locator(".picker-chosen").inner_text()
    assert chosen and not any(ch in "0123456789" for ch in chosen)
    picker.scroll_into_view_if_needed()
    _both_widths(page, f"23-publish-picker-{language}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_held_and_taken_down_posts_say_so(page, live_server, language):  # type: ignore[no-untyped-def]
    ws = _world(language)
    post = _approved(ws, ("sandbox",))
    workflow.schedule(post, User.objects.get(username="sam"), timezone.now() + dt.timedelta(days=1))
    ws.crisis_paused_at = timezone.now()
    ws.save()
    _sign_in(page, live_server, "sam", language)
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    badge = page.locator("h1 .state").inner_text()
    assert badge == tr(language, "Held: publishing is paused")
    assert tr(language, "Scheduled") not in page.locator("h1").inner_text()
    _both_widths(page, f"24-held-post-{language}")
    page.goto("/w/sunrise/")
    assert page.locator("#held-h").is_visible()
    _both_widths(page, f"25-dashboard-held-{language}")

    ws.crisis_paused_at = None
    ws.save()
    Post.objects.filter(pk=post.pk).update(state=State.PUBLISHED)
    Publication.objects.create(
        post=post,
        network="sandbox",
        account=Account.objects.get(),
        text=post.text,
        state=Publication.State.DELETED,
    )
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    assert page.locator("h1 .state").inner_text() == tr(language, "Taken down")
    _both_widths(page, f"26-taken-down-post-{language}")


@pytest.mark.django_db(transaction=True)
def test_a_huge_text_gets_one_true_reason(page, live_server):  # type: ignore[no-untyped-def]
    _world("en")
    _sign_in(page, live_server, "sam", "en")
    page.goto("/w/sunrise/posts/new/")
    page.get_by_label("Working title").fill("Huge")
    page.evaluate(
        "() => { const f = document.querySelector('[data-trust-text=master]');"
        " f.value = 'a'.repeat(192000); f.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    wait_until(page, "document.querySelector('#trust-panel').innerText.includes('too long')")
    panel = page.locator("#trust-panel").inner_text()
    assert "192000" in panel and "Nothing found" not in panel and "/ 5000" not in panel
    screenshot(page, "27-huge-text-panel-desktop")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    errors = page.locator("[role=alert]").all_inner_texts()
    assert any("too long" in e for e in errors)
    assert not any("Write the text of the post" in e for e in errors)
    assert not Post.objects.exists()
    _both_widths(page, "28-huge-text-saved")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_review_steps_confirm_and_a_refusal_comes_back_to_the_post(page, live_server, language):  # type: ignore[no-untyped-def]
    ws = _world(language)
    author = User.objects.get(username="sam")
    post = Post.objects.create(
        workspace=ws, author=author, title="Flu clinic", text="Our flu clinic opens on Monday."
    )
    post.variants.create(network="sandbox")
    _sign_in(page, live_server, "sam", language)
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    page.get_by_role("button", name=tr(language, "Send to review")).click()
    page.wait_for_load_state()
    assert page.locator(".messages .message.success").is_visible()
    _both_widths(page, f"29-submitted-message-{language}")

    _sign_in(page, live_server, "lee", language)
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    page.get_by_role("button", name=tr(language, "Approve (clinical)")).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/w/sunrise/posts/{post.pk}/"
    success = page.locator(".messages .message.success").inner_text()
    assert success == tr(language, "Your clinical approval is recorded.")
    _both_widths(page, f"30-approved-message-{language}")

    own = Post.objects.create(
        workspace=ws,
        author=User.objects.get(username="lee"),
        title="Own post",
        text="Our flu clinic opens on Monday.",
        state=State.IN_REVIEW,
    )
    page.goto(f"/w/sunrise/posts/{own.pk}/")
    response = page.request.post(
        f"/w/sunrise/posts/{own.pk}/approve/",
        form={
            "kind": "clinical",
            "csrfmiddlewaretoken": page.locator("[name=csrfmiddlewaretoken]").first.input_value(),
        },
        headers={"Referer": page.url},
        max_redirects=0,
    )
    assert response.status == 302
    assert urlsplit(response.headers["location"]).path == f"/w/sunrise/posts/{own.pk}/"
    page.goto(response.headers["location"])
    assert (
        tr(language, "You cannot approve your own post.") in page.locator(".messages").inner_text()
    )
    _both_widths(page, f"31-refused-approval-{language}")
