"""What the editor and a post's page say is true: one reason for refused text, a
confirmation after each review step, held and taken-down posts named as such, and the
networks nobody connected an account for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.content import workflow
from nabz.content.models import Post, State
from nabz.publishing.models import Account, Publication
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

P = Publication.State


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "title": "Flu clinic",
        "language": "en",
        "pillar": "behind_the_scenes",
        "text": "Our flu clinic opens on Monday.",
        "networks": ["sandbox"],
    }
    data.update(overrides)
    return data


def _approved(workspace, people, networks=("sandbox",)):  # type: ignore[no-untyped-def]
    author = people[Role.AUTHOR]
    post = Post.objects.create(
        workspace=workspace, author=author, title="Flu clinic", pillar="behind_the_scenes"
    )
    post = workflow.edit(
        post,
        author,
        text="Our flu clinic opens on Monday at 9.",
        variants={n: "" for n in networks},
    )
    workflow.submit(post, author)
    workflow.approve(post, people[Role.CLINICAL_REVIEWER], "clinical")
    post.refresh_from_db()
    return post


# --- 6. one true reason for refused text -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "reason"),
    [("a" * 192_000, "too long: 192000 characters"), ("Flu\x00 clinic", "cannot be stored")],
)
def test_a_refused_text_gets_its_own_reason_and_no_second_one(people, workspace, text, reason):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    saved = client.post(f"/w/{workspace.slug}/posts/new/", _form(text=text))
    assert saved.status_code == 400 and not Post.objects.exists()
    page = saved.content.decode()
    assert reason in page
    assert "Write the text of the post" not in page
    panel = client.post(f"/w/{workspace.slug}/posts/check/", _form(text=text)).content.decode()
    assert reason in panel
    assert "Nothing found" not in panel and "score-good" not in panel
    assert "/ 10000" not in panel  # no counter for a text that was not measured


def test_a_nul_in_a_variant_or_title_is_named_too(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    page = client.post(
        f"/w/{workspace.slug}/posts/check/", _form(title="Flu\x00", variant_sandbox="Hi\x00")
    ).content.decode()
    assert "The working title contains a character that cannot be stored" in page
    assert "The text for Sandbox contains a character that cannot be stored" in page


# --- 7. confirmations and redirects ----------------------------------------------------------
def _messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


def test_submit_approve_and_reject_confirm_with_a_message(people, workspace):  # type: ignore[no-untyped-def]
    author = signed_in(people[Role.AUTHOR])
    saved = author.post(
        f"/w/{workspace.slug}/posts/new/", _form(submit_for_review="1"), follow=True
    )
    assert any("sent to review" in m for m in _messages(saved))
    post = Post.objects.get()
    reviewer = signed_in(people[Role.CLINICAL_REVIEWER])
    sent_back = reviewer.post(
        f"/w/{workspace.slug}/posts/{post.pk}/reject/", {"comment": "Add the opening hours."}
    )
    assert sent_back.status_code == 302 and sent_back["Location"].endswith(f"/posts/{post.pk}/")
    assert any("Sent back" in m for m in _messages(reviewer.get(sent_back["Location"])))
    submitted = author.post(f"/w/{workspace.slug}/posts/{post.pk}/submit/", follow=True)
    assert any("Sent to review" in m for m in _messages(submitted))
    approved = reviewer.post(
        f"/w/{workspace.slug}/posts/{post.pk}/approve/", {"kind": "clinical"}, follow=True
    )
    assert approved.redirect_chain[-1][0].endswith(f"/posts/{post.pk}/")
    assert any("clinical approval is recorded" in m for m in _messages(approved))


def test_a_refused_approval_goes_back_to_the_post_with_the_reason(people, workspace):  # type: ignore[no-untyped-def]
    post = Post.objects.create(
        workspace=workspace,
        author=people[Role.CLINICAL_REVIEWER],
        title="T",
        text="Our flu clinic opens on Monday.",
        state=State.IN_REVIEW,
    )
    client = signed_in(people[Role.CLINICAL_REVIEWER])
    refused = client.post(f"/w/{workspace.slug}/posts/{post.pk}/approve/", {"kind": "clinical"})
    assert refused.status_code == 302
    assert refused["Location"].endswith(f"/w/{workspace.slug}/posts/{post.pk}/")
    page = client.get(refused["Location"])
    assert any("your own post" in m for m in _messages(page))
    # the API still answers with its own status
    api = client.post(
        f"/api/workspaces/{workspace.slug}/posts/{post.pk}/approve",
        {"kind": "clinical"},
        content_type="application/json",
    )
    assert api.status_code in (403, 409)


# --- 5. held and taken-down posts ------------------------------------------------------------
def _calendar_chip(client, workspace, post) -> str:  # type: ignore[no-untyped-def]
    """The calendar chip of ``post``, in the month of its publishing time."""
    post.refresh_from_db()
    day = timezone.localtime(post.scheduled_at).date().isoformat()
    page = client.get(f"/w/{workspace.slug}/calendar/", {"date": day}).content.decode()
    link = f"/w/{workspace.slug}/posts/{post.pk}/"
    before, after = page.split(link, 1)
    return (
        '<div class="chip' + before.rsplit('<div class="chip', 1)[1] + after.split("</div>", 1)[0]
    )


def test_a_held_post_does_not_say_scheduled(people, workspace):  # type: ignore[no-untyped-def]
    Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    post = _approved(workspace, people)
    workflow.schedule(post, people[Role.AUTHOR], timezone.now() + dt.timedelta(days=2))
    workspace.crisis_paused_at = timezone.now()
    workspace.save()
    client = signed_in(people[Role.AUTHOR])
    page = client.get(f"/w/{workspace.slug}/posts/{post.pk}/").content.decode()
    header = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "Held: publishing is paused" in header and "Scheduled" not in header
    listing = client.get(f"/w/{workspace.slug}/posts/").content.decode()
    assert "Held: publishing is paused" in listing
    dashboard = client.get(f"/w/{workspace.slug}/").content.decode()
    scheduled_card = dashboard.split('id="sched-h"', 1)[1].split("</section>", 1)[0]
    assert post.title not in scheduled_card
    held_card = dashboard.split('id="held-h"', 1)[1].split("</section>", 1)[0]
    assert post.title in held_card
    chip = _calendar_chip(client, workspace, post)
    assert 'class="chip held"' in chip and "Held: publishing is paused" in chip
    assert "Scheduled" not in chip


def test_a_taken_down_post_does_not_say_published(people, workspace):  # type: ignore[no-untyped-def]
    account = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    post = _approved(workspace, people)
    Post.objects.filter(pk=post.pk).update(state=State.PUBLISHED)
    pub = Publication.objects.create(
        post=post, network="sandbox", account=account, text=post.text, state=P.DELETED
    )
    client = signed_in(people[Role.AUTHOR])
    header = (
        client.get(f"/w/{workspace.slug}/posts/{post.pk}/")
        .content.decode()
        .split("<h1>", 1)[1]
        .split("</h1>", 1)[0]
    )
    assert "Taken down" in header and "Published" not in header
    Post.objects.filter(pk=post.pk).update(scheduled_at=timezone.now())
    chip = _calendar_chip(client, workspace, post)
    assert 'class="chip taken_down"' in chip and "Taken down" in chip
    assert "Published" not in chip
    Publication.objects.filter(pk=pub.pk).update(state=P.SENT)
    header = client.get(f"/w/{workspace.slug}/posts/{post.pk}/").content.decode().split("<h1>")[1]
    assert "Published" in header.split("</h1>")[0]


# --- 1. networks nobody connected ------------------------------------------------------------
def test_the_editor_names_networks_without_an_account(people, workspace):  # type: ignore[no-untyped-def]
    Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    admin_page = signed_in(people[Role.ADMIN]).get(f"/w/{workspace.slug}/posts/new/")
    page = admin_page.content.decode()
    assert 'data-no-account="x"' in page and 'data-no-account="sandbox"' not in page
    assert f"/w/{workspace.slug}/settings/accounts/" in page.split('data-no-account="x"')[1][:400]


def test_scheduling_to_a_network_without_an_account_is_refused_with_the_reason(people, workspace):  # type: ignore[no-untyped-def]
    Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    post = _approved(workspace, people, networks=("sandbox", "x", "instagram"))
    client = signed_in(people[Role.AUTHOR])
    page = client.get(f"/w/{workspace.slug}/posts/{post.pk}/").content.decode()
    assert "No account is connected for Instagram, X" in page  # shown before scheduling
    when = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(
        f"/w/{workspace.slug}/posts/{post.pk}/schedule/", {"scheduled_at": when}, follow=True
    )
    post.refresh_from_db()
    assert post.state == State.APPROVED
    assert any("No account is connected for Instagram, X" in m for m in _messages(refused))
    # the author unticks them: after review again it can be scheduled
    workflow.edit(post, people[Role.AUTHOR], variants={"sandbox": ""})
    workflow.approve(post, people[Role.CLINICAL_REVIEWER], "clinical")
    done = client.post(f"/w/{workspace.slug}/posts/{post.pk}/schedule/", {"scheduled_at": when})
    post.refresh_from_db()
    assert done.status_code == 302 and post.state == State.SCHEDULED


def test_retry_and_drop_a_network_from_the_post_page(people, workspace):  # type: ignore[no-untyped-def]
    sandbox = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    post = _approved(workspace, people, networks=("sandbox", "x", "mastodon"))
    Post.objects.filter(pk=post.pk).update(state=State.FAILED)
    Publication.objects.create(
        post=post, network="sandbox", account=sandbox, text=post.text, state=P.SENT
    )
    failed = Publication.objects.create(
        post=post,
        network="mastodon",
        account=Account.objects.create(workspace=workspace, network="mastodon", name="M"),
        text=post.text,
        state=P.FAILED,
        last_error="Server said no",
    )
    held = Publication.objects.create(post=post, network="x", text=post.text, state=P.HELD)
    viewer_page = signed_in(people[Role.VIEWER]).get(f"/w/{workspace.slug}/posts/{post.pk}/")
    assert "Drop X from this post" not in viewer_page.content.decode()
    author = signed_in(people[Role.AUTHOR])
    page = author.get(f"/w/{workspace.slug}/posts/{post.pk}/").content.decode()
    assert "Retry Mastodon" in page and "Drop Mastodon from this post" in page
    assert "Drop X from this post" in page
    # no X account yet: the retry says so and changes nothing
    still = author.post(
        f"/w/{workspace.slug}/posts/{post.pk}/retry/", {"publication": held.pk}, follow=True
    )
    assert any("Still no connected account for X" in m for m in _messages(still))
    held.refresh_from_db()
    assert held.state == P.HELD
    # X connected: the held one is queued on it
    x = Account.objects.create(workspace=workspace, network="x", name="X")
    author.post(f"/w/{workspace.slug}/posts/{post.pk}/retry/", {"publication": held.pk})
    held.refresh_from_db()
    assert held.state == P.QUEUED and held.account == x
    # dropping the failed network settles the post: nothing failed any more
    Publication.objects.filter(pk=held.pk).update(state=P.SENT)
    dropped = author.post(
        f"/w/{workspace.slug}/posts/{post.pk}/drop-network/",
        {"publication": failed.pk},
        follow=True,
    )
    assert any("Dropped Mastodon" in m for m in _messages(dropped))
    failed.refresh_from_db()
    post.refresh_from_db()
    assert failed.state == P.DROPPED and post.state == State.PUBLISHED


# --- 3. the working title is checked where the author sees it -----------------------------
def test_a_patients_name_in_the_working_title_shows_in_the_editor_and_on_the_page(
    people, workspace
):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    title = "Mrs. Parvin Rostami goes home, call +98 912 345 6789"
    panel = client.post(f"/w/{workspace.slug}/posts/check/", _form(title=title)).content.decode()
    section = panel.split('data-key="title"', 1)[1].split("</section>", 1)[0]
    assert "Working title" in section and "PHI1" in section and "<mark" in section
    client.post(f"/w/{workspace.slug}/posts/new/", _form(title=title))
    post = Post.objects.get()
    page = client.get(f"/w/{workspace.slug}/posts/{post.pk}/").content.decode()
    assert 'aria-label="Working title"' in page and "PHI1" in page
