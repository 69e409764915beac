"""In a real browser, with data in both directions (Arabic titles in the English interface,
English ones in the Arabic interface):

- every main page fits a phone (390 px): the document is never wider than the viewport,
  in left-to-right and right-to-left, and the top bar wraps instead of cutting content;
- user text inside interface text keeps its own direction (``<bdi>``), dates do not break
  across lines, Arabic and Persian pages show their own digits, separators and quotes;
- the "Publish at" field and the posts search box are as wide as the other fields.

Screenshots of each page at desktop and phone width, ltr and rtl, go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit import record
from nabz.content import gate, workflow
from nabz.content.models import Notification, Post, State, Variant
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.factories import make_consent
from tests.e2e.conftest import screenshot
from tests.media.helpers import make_item

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
TITLES = {
    "ar": "قصة أمل: مريضة القلب تعود إلى بيتها بعد ١٢ يومًا",
    "en": "Flu shots for everyone over 65 at all our clinics this week",
}
# Which pages get a screenshot at each width (every page is measured).
PICTURED = {"dashboard", "posts", "post", "editor", "calendar", "consent-new", "audit"}


def _world(tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    ws = Workspace.objects.create(
        name="مستشفى الشروق Sunrise", slug="sunrise", timezone="Asia/Tehran"
    )
    admin = User.objects.create_user("avery", password="a long browser passphrase 1")
    Membership.objects.create(user=admin, workspace=ws, role=Role.ADMIN)
    TOTPDevice.objects.create(user=admin, name="authenticator", confirmed=True)
    photo = make_item(ws, admin, title="صورة الجناح", alt_text={"en": "Our ward at dawn."})
    consent = make_consent(ws, subject="قصة مريضة القلب 2026-12")
    now = timezone.now()
    posts = []
    for n, (language, title) in enumerate(
        [("ar", TITLES["ar"]), ("en", TITLES["en"]), ("ar", TITLES["ar"] + " (٢)")], 1
    ):
        post = Post.objects.create(
            workspace=ws,
            author=admin,
            title=title,
            text="Call our patient's son on +1 202 555 0143. #FluShots https://www.cdc.gov/flu"
            if language == "en"
            else "اتصلوا بابن مريضتنا على ‎+966 50 123 4567 اليوم.",
            language=language,
            pillar="education",
            scheduled_at=now + dt.timedelta(days=n),
        )
        for network in ("facebook", "instagram", "x"):
            Variant.objects.create(post=post, network=network, text="")
        post.media.set([photo])
        gate.record_verdict(post)
        posts.append(post)
    Post.objects.filter(pk=posts[1].pk).update(state=State.SCHEDULED)
    record("publication.sent", workspace=ws, obj=posts[0], payload={"network": "sandbox"})
    record("post.approved", actor=admin, workspace=ws, obj=posts[0])
    Notification.saying(
        "“%(title)s” is approved and can be scheduled.",
        {"title": posts[0].title},
        user=admin,
        workspace=ws,
        url=workflow.post_url(posts[0]),
    ).save()
    return SimpleNamespace(ws=ws, admin=admin, posts=posts, photo=photo, consent=consent)


def _sign_in(page, live_server, user, language: str) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def _pages(posts, photo, consent) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ws = "/w/sunrise"
    return {
        "dashboard": f"{ws}/",
        "posts": f"{ws}/posts/",
        "post": f"{ws}/posts/{posts[0].pk}/",
        "editor": f"{ws}/posts/new/",
        "edit": f"{ws}/posts/{posts[1].pk}/edit/",
        "review": f"{ws}/posts/review/",
        "calendar": f"{ws}/calendar/",
        "calendar-week": f"{ws}/calendar/?view=week",
        "calendar-list": f"{ws}/calendar/?view=list",
        "media": f"{ws}/media/",
        "media-item": f"{ws}/media/{photo.pk}/",
        "media-upload": f"{ws}/media/upload/",
        "consent": f"{ws}/consent/",
        "consent-new": f"{ws}/consent/new/",
        "consent-item": f"{ws}/consent/{consent.pk}/",
        "takedowns": f"{ws}/consent/takedowns/",
        "inbox": f"{ws}/inbox/",
        "reports": f"{ws}/reports/",
        "notifications": f"{ws}/notifications/",
        "settings": f"{ws}/settings/",
        "workspace-settings": f"{ws}/settings/workspace/",
        "trust-settings": f"{ws}/settings/trust/",
        "members": f"{ws}/settings/members/",
        "audit": f"{ws}/settings/audit/",
        "accounts": f"{ws}/settings/accounts/",
        "crisis": f"{ws}/crisis/",
        "sandbox": f"{ws}/sandbox/",
        "account": "/account/",
    }


WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1)) {
      const up = el.parentElement.getBoundingClientRect();
      const outermost = up.right <= width + 1 && up.left >= -1;
      const where = `${Math.round(box.left)}..${Math.round(box.right)}`;
      if (outermost) out.push(`${el.tagName.toLowerCase()}.${el.className} ${where}`);
    }
  }
  return out.slice(0, 6);
}"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_main_page_fits_a_phone(page, live_server, tmp_path, language):  # type: ignore[no-untyped-def]
    world = _world(tmp_path)
    _sign_in(page, live_server, world.admin, language)
    direction = "rtl" if language == "ar" else "ltr"
    too_wide: dict[str, object] = {}
    for viewport, width_name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        for name, path in _pages(world.posts, world.photo, world.consent).items():
            response = page.goto(path)
            assert response is not None and response.status == 200, (
                path,
                response and response.status,
            )
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("dir") == direction
            if name in PICTURED:
                screenshot(page, f"20-{name}-{width_name}-{direction}")
            if viewport is PHONE:
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                if scroll > inner:
                    too_wide[name] = (scroll, inner, page.evaluate(WIDEST))
    assert too_wide == {}, too_wide


@pytest.mark.django_db(transaction=True)
def test_the_top_bar_wraps_on_a_phone_in_rtl(page, live_server, tmp_path):  # type: ignore[no-untyped-def]
    world = _world(tmp_path)
    _sign_in(page, live_server, world.admin, "ar")
    page.set_viewport_size(PHONE)
    page.goto("/w/sunrise/")
    boxes = page.evaluate(
        """[...document.querySelectorAll('.topbar > *, .topbar-end > *')].map(e => {
             const b = e.getBoundingClientRect(); return [b.left, b.right]; })"""
    )
    inner = page.evaluate("document.documentElement.clientWidth")
    assert all(left >= -1 and right <= inner + 1 for left, right in boxes), boxes
    screenshot(page, "21-topbar-phone-rtl")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_user_text_keeps_its_own_direction(page, live_server, tmp_path, language):  # type: ignore[no-untyped-def]
    """An Arabic title inside an English line (and the other way round) is isolated: the
    line's own words stay in order around it, and the title reads as one piece."""
    world = _world(tmp_path)
    _sign_in(page, live_server, world.admin, language)
    page.set_viewport_size(DESKTOP)
    page.goto("/w/sunrise/")
    # Every title in the dashboard's lists is in its own isolate.
    titles = page.locator("main li a bdi")
    assert titles.count() >= 2
    isolation = page.evaluate(
        "[...document.querySelectorAll('main li a bdi')].map(e => getComputedStyle(e).unicodeBidi)"
    )
    assert set(isolation) == {"isolate"}, isolation
    # Activity is said as a sentence, with the code beside it for compliance.
    activity = page.locator("#activity-h + ul li").first.inner_text()
    assert "«" in activity if language != "en" else "“" in activity
    assert "publication.sent" in page.locator("#activity-h + ul").inner_text()
    # Dates never break across lines.
    nowrap = page.evaluate(
        "[...document.querySelectorAll('main time')].map(e => getComputedStyle(e).whiteSpace)"
    )
    assert nowrap and set(nowrap) == {"nowrap"}, nowrap
    screenshot(page, f"22-dashboard-bidi-{language}")

    # The consent's label in the editor reads as one right-to-left piece.
    page.goto("/w/sunrise/posts/new/")
    label = page.locator("label", has_text="قصة مريضة القلب").first
    assert label.locator("bdi").count() == 1
    # Notifications: in the reader's language, the title isolated.
    page.goto("/w/sunrise/notifications/")
    text = page.locator("main .activity li").first.inner_text()
    if language == "en":
        assert "is approved and can be scheduled" in text
    else:
        assert "is approved" not in text and "«" in text
    screenshot(page, f"23-notifications-{language}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_fields_are_as_wide_as_the_others(page, live_server, tmp_path, language):  # type: ignore[no-untyped-def]
    world = _world(tmp_path)
    _sign_in(page, live_server, world.admin, language)
    page.set_viewport_size(DESKTOP)
    page.goto("/w/sunrise/posts/new/")
    title = page.locator("#id_title").bounding_box()
    # Arabic and Persian readers get the calendar picker in place of the browser's field.
    publish_at = page.locator("#id_scheduled_at:visible, .picker-ui:visible").first.bounding_box()
    assert title and publish_at and abs(title["width"] - publish_at["width"]) <= 2, (
        title,
        publish_at,
    )
    page.goto("/w/sunrise/posts/")
    search = page.locator("#f-q").bounding_box()
    pillar = page.locator("#f-pillar").bounding_box()
    assert search and pillar and search["width"] >= pillar["width"] - 2, (search, pillar)
    screenshot(page, f"24-post-filters-{'rtl' if language == 'ar' else 'ltr'}")
