"""A finding on the main text and on every variant that inherits it is shown once, with
the networks it concerns: in the editor's live panel, on the post's page and in the API
(whose per-part reports stay complete)."""

from __future__ import annotations

import re

from nabz.content import gate
from nabz.content.models import Post, Variant
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.media.helpers import make_item

STORY = "ابتسامات في جناح الأطفال اليوم مع فريق التمريض."


def _photo(workspace, people):  # type: ignore[no-untyped-def]
    return make_item(
        workspace,
        people[Role.AUTHOR],
        title="صورة الجناح",
        identifiable_person=True,
        alt_text={"ar": "ممرضة مع طفل في جناح الأطفال"},
    )


def _codes(html: str) -> list[str]:
    return re.findall(
        r'<li class="finding-item [a-z]+">\s*<p><span class="badge[^>]*>[^<]*</span>\s*'
        r"<code>([A-Z]+[0-9]+)</code>",
        html,
    )


def _post(workspace, people, photo):  # type: ignore[no-untyped-def]
    post = Post.objects.create(
        workspace=workspace,
        author=people[Role.AUTHOR],
        title="جناح الأطفال",
        text=STORY,
        language="ar",
        pillar="behind_the_scenes",
    )
    post.media.set([photo])
    for network in ("instagram", "facebook"):
        Variant.objects.create(post=post, network=network, text="")
    return post


def test_photo_findings_once_on_the_post_page(people, workspace):  # type: ignore[no-untyped-def]
    photo = _photo(workspace, people)
    post = _post(workspace, people, photo)
    page = signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/posts/{post.pk}/")
    html = page.content.decode()
    codes = _codes(html)
    assert codes.count("PHI114") == 1, codes
    assert codes.count("CON201") == 1, codes
    assert (
        "Concerns" in html
        and "<bdi>Main text</bdi>, <bdi>Facebook</bdi>, <bdi>Instagram</bdi>" in html
    )
    # one blocking finding (CON201), not one per part
    assert "1 blocking finding must be fixed or overridden." in html


def test_photo_findings_once_in_the_live_panel(people, workspace):  # type: ignore[no-untyped-def]
    photo = _photo(workspace, people)
    client = signed_in(people[Role.AUTHOR])
    client.post("/account/language/", {"language": "ar"})
    html = client.post(
        f"/w/{workspace.slug}/posts/check/",
        {
            "title": "جناح الأطفال",
            "language": "ar",
            "pillar": "behind_the_scenes",
            "text": STORY,
            "networks": ["instagram", "facebook"],
            "variant_instagram": "",
            "variant_facebook": "",
            "media": [photo.pk],
        },
    ).content.decode()
    codes = _codes(html)
    assert codes.count("PHI114") == 1, codes
    assert codes.count("CON201") == 1, codes
    concerns = re.findall(r'<p class="concerns">(.*?)</p>', html)
    assert concerns and all("</bdi>، <bdi>" in c for c in concerns), concerns


def test_a_variant_with_its_own_text_keeps_its_own_text_findings(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    html = client.post(
        f"/w/{workspace.slug}/posts/check/",
        {
            "title": "Ward news",
            "language": "en",
            "pillar": "behind_the_scenes",
            "text": "Our patient in bed 4 says call her son on +1 202 555 0143.",
            "networks": ["x", "facebook"],
            "variant_x": "Our patient in bed 4: call her son on +1 202 555 0199.",
            "variant_facebook": "",
        },
    ).content.decode()
    codes = _codes(html)
    # the master's number once (Facebook inherits it), X's own number once
    numbers = re.findall(r'data-text="(\+1 202 555 01\d\d)"', html)
    assert sorted(numbers) == ["+1 202 555 0143", "+1 202 555 0199"], (numbers, codes)


def test_the_api_groups_and_keeps_every_report_complete(people, workspace):  # type: ignore[no-untyped-def]
    photo = _photo(workspace, people)
    post = _post(workspace, people, photo)
    gate.record_verdict(post)
    body = (
        signed_in(people[Role.AUTHOR])
        .get(f"/api/workspaces/{workspace.slug}/posts/{post.pk}")
        .json()
    )
    per_part = [f["code"] for r in body["reports"] for f in r["findings"]]
    assert per_part.count("PHI114") == 3  # the main text, Instagram and Facebook: complete
    grouped = [f for f in body["findings"] if f["code"] == "PHI114"]
    assert len(grouped) == 1
    assert grouped[0]["part"] == "text"
    assert grouped[0]["found_in"] == ["text", "facebook", "instagram"]
    assert grouped[0]["networks"] == ["facebook", "instagram"]
