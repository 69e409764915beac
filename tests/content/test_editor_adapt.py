""" "Adapt for each network" in the editor, and threads checked part by part by the gate."""

from __future__ import annotations

from nabz.content import gate, workflow
from nabz.content.adapt import THREAD_BREAK
from nabz.content.models import Post
from nabz.trust.platforms import measure
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

LONG = (
    "Flu season is here and our clinics are ready for you. "
    "Free flu shots are offered every weekday from 8 to 6 at the main entrance. "
    "Bring your insurance card if you have one; if not, you are still welcome. "
    "Children from six months old can be vaccinated, and pregnant women are advised to "
    "get the shot too. Read what the vaccine does at https://www.example.org/flu-facts."
)


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "title": "Flu season",
        "language": "en",
        "pillar": "behind_the_scenes",
        "text": LONG,
        "tags": "flu shots, public health",
        "networks": ["x", "instagram", "bluesky"],
        "adapt": "1",
    }
    data.update(overrides)
    return data


def _box(page: str, network: str) -> str:
    start = page.index(f'data-trust-text="{network}"')
    body = page[page.index(">", start) + 1 :]
    import html

    return html.unescape(body[: body.index("</textarea>")]).removeprefix("\n")


def test_adapt_fills_each_ticked_box_to_fit_and_saves_nothing(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post(f"/w/{workspace.slug}/posts/new/", _form())
    assert response.status_code == 200 and not Post.objects.exists()
    page = response.content.decode()
    x = _box(page, "x")
    assert x and not measure(x, "x").over and "#FluShots" in x
    instagram = _box(page, "instagram")
    assert "(link in bio)" in instagram and "https://" not in instagram
    assert _box(page, "facebook") == ""  # not ticked: left alone
    assert "Adapted the text for" in page


def test_adapt_leaves_a_box_the_author_wrote_in(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    page = client.post(
        f"/w/{workspace.slug}/posts/new/", _form(variant_x="My own words for X.")
    ).content.decode()
    assert _box(page, "x") == "My own words for X."
    assert "Left as you wrote them: X" in page


def test_adapt_as_a_thread_is_checked_part_by_part(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    text = LONG + " " + LONG
    page = client.post(
        f"/w/{workspace.slug}/posts/new/", _form(text=text, thread=["x"], networks=["x"])
    ).content.decode()
    thread = _box(page, "x")
    assert THREAD_BREAK.strip() in thread
    panel = client.post(
        f"/w/{workspace.slug}/posts/check/", _form(text=text, networks=["x"], variant_x=thread)
    ).content.decode()
    assert "X, part 2 of the thread" in panel
    assert 'class="counter over"' not in panel  # each part fits


def test_a_saved_thread_variant_gets_a_report_per_part(people, workspace):  # type: ignore[no-untyped-def]
    author = people[Role.AUTHOR]
    post = Post.objects.create(workspace=workspace, author=author, title="T", text=LONG)
    thread = THREAD_BREAK.join(["Part one. (1/3)", "Part two. (2/3)", "Part three. (3/3)"])
    workflow.edit(post, author, variants={"x": thread, "facebook": thread})
    reports = gate.run(post).reports
    assert [reports[k].text for k in ("x", "x/2", "x/3")] == [
        "Part one. (1/3)",
        "Part two. (2/3)",
        "Part three. (3/3)",
    ]
    assert reports["facebook"].text == thread  # no threads on Facebook: one post
    assert gate.part_label("x/2") == "X, part 2 of the thread"


def test_a_long_thread_is_kept_when_each_part_is_within_the_bound(people, workspace):  # type: ignore[no-untyped-def]
    from nabz.content.adapt import adapt
    from nabz.content.limits import variant_cap, variant_error

    thread = adapt(LONG * 8, "x", thread=True)
    assert thread.is_thread and len(thread.text) > variant_cap("x")
    assert variant_error("x", thread.text) is None  # each part fits; the whole may be long
    assert variant_error("facebook", thread.text) is None
    too_long_part = THREAD_BREAK.join(["Short first part.", "a " * 2500])
    assert variant_error("x", too_long_part) is not None
