"""Emoji in a post's title show as emoji, not empty boxes, on a machine with no emoji font
of its own: the page brings Twemoji as a colour font (vendored from npm))."""

from __future__ import annotations

import pytest

from nabz.content.models import Post
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
from tests.e2e.conftest import screenshot
from tests.e2e.test_post_flow import PASSWORD, _sign_in

EMOJI_FONT_LOADED = """
async () => {
  await document.fonts.ready;
  return [...document.fonts]
    .filter((f) => f.family.replace(/["']/g, "") === "Nabz Emoji" && f.status === "loaded")
    .length > 0;
}
"""


EMOJI_WIDTHS = """
() => {
  const probe = (text) => {
    const span = document.createElement("span");
    span.textContent = text;
    span.style.fontSize = "40px";
    document.querySelector("h1").append(span);
    const width = span.getBoundingClientRect().width;
    span.remove();
    return width;
  };
  return { emoji: probe("🩺"), em: probe("M") };
}
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_emoji_render_from_the_shipped_font(page, live_server, language):  # type: ignore[no-untyped-def]
    ws = Workspace.objects.create(name="Sunrise", slug="sunrise", timezone="UTC")
    user = User.objects.create_user("sam", password=PASSWORD, language=language)
    Membership.objects.create(user=user, workspace=ws, role=Role.AUTHOR)
    title = "💉 Flu shots 🩺" if language == "en" else "💉 واکسن آنفلوانزا 🩺"
    post = Post.objects.create(workspace=ws, author=user, title=title, text="Walk in any day.")

    page.goto(f"{live_server.url}/account/login/")
    _sign_in(page, "sam", language)
    page.goto(f"/w/sunrise/posts/{post.pk}/")
    assert title in page.locator("h1").inner_text()
    assert page.evaluate(EMOJI_FONT_LOADED)
    # Drawn by the shipped font, not by a text font's empty box: as wide as an emoji.
    widths = page.evaluate(EMOJI_WIDTHS)
    assert widths["emoji"] > 0.9 * widths["em"], widths
    screenshot(page, f"30-emoji-{language}")
