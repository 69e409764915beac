"""Writing, checking, reviewing and scheduling posts through the UI."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nabz.audit.models import AuditEntry
from nabz.content import workflow
from nabz.content.models import Approval, Override, Post, State
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

PHONE_POST = (
    "We said goodbye to our patient Mrs. Parvin Rostami today. "
    "Call her daughter on +98 912 345 6789 to send wishes."
)


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "title": "Discharge day",
        "language": "en",
        "pillar": "behind_the_scenes",
        "text": "Our new MRI suite opens on Monday.",
        "networks": ["x", "facebook"],
        "tags": "mri, radiology",
        "variant_x": "",
        "variant_facebook": "",
    }
    data.update(overrides)
    return data


def test_author_creates_a_post_with_variants(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post(
        f"/w/{workspace.slug}/posts/new/", _form(variant_x="MRI suite opens Monday.")
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.author == people[Role.AUTHOR] and post.state == State.DRAFT
    assert {v.network: v.text for v in post.variants.all()} == {
        "x": "MRI suite opens Monday.",
        "facebook": "",
    }
    assert post.tags == ["mri", "radiology"]
    assert post.trust_score is not None


def test_bad_input_keeps_everything_typed(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post(
        f"/w/{workspace.slug}/posts/new/",
        _form(title="", text="Keep this sentence.", pillar="gossip", scheduled_at="next tuesday"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Keep this sentence." in page
    assert page.count('role="alert"') >= 3
    assert not Post.objects.exists()


def test_live_check_highlights_the_exact_span(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    response = client.post(
        f"/w/{workspace.slug}/posts/check/",
        _form(text="Ask about the 100% guaranteed cure!!!", networks=["x"]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Main text" in page and "X" in page
    assert "/ 280" in page  # the X counter in its own unit


def test_live_check_counts_x_weighted_length(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    text = "a" * 270 + " https://www.who.int/news-room/fact-sheets/detail/diabetes"
    page = client.post(
        f"/w/{workspace.slug}/posts/check/", _form(text=text, networks=["x"])
    ).content.decode()
    assert "294 / 280" in page  # 270 + space + a URL counted as 23
    assert 'class="counter over"' in page


def _post(workspace, author, text="Our flu clinic opens on Monday.", pillar="behind_the_scenes"):  # type: ignore[no-untyped-def]
    return Post.objects.create(
        workspace=workspace, author=author, title="T", text=text, pillar=pillar
    )


def test_author_cannot_approve_own_post_and_viewer_cannot_approve(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people[Role.CLINICAL_REVIEWER])
    post.state = State.IN_REVIEW
    post.save()
    own = signed_in(people[Role.CLINICAL_REVIEWER]).post(
        f"/w/{workspace.slug}/posts/{post.pk}/approve/", {"kind": "clinical"}, follow=True
    )
    assert own.redirect_chain == [(f"/w/{workspace.slug}/posts/{post.pk}/", 302)]
    assert "your own post" in own.content.decode()  # the reason, as a message
    viewer = signed_in(people[Role.VIEWER]).post(
        f"/w/{workspace.slug}/posts/{post.pk}/approve/", {"kind": "clinical"}
    )
    assert viewer.status_code == 403
    author = signed_in(people[Role.AUTHOR]).post(
        f"/w/{workspace.slug}/posts/{post.pk}/approve/", {"kind": "clinical"}
    )
    assert author.status_code == 403
    assert not Approval.objects.exists()


def test_review_then_schedule_end_to_end(people, workspace):  # type: ignore[no-untyped-def]
    from nabz.publishing.models import Account

    for network in ("x", "facebook"):
        Account.objects.create(workspace=workspace, network=network, name=network)
    author = signed_in(people[Role.AUTHOR])
    author.post(f"/w/{workspace.slug}/posts/new/", _form(submit_for_review="1"))
    post = Post.objects.get()
    assert post.state == State.IN_REVIEW
    reviewer = signed_in(people[Role.CLINICAL_REVIEWER])
    assert (
        reviewer.post(
            f"/w/{workspace.slug}/posts/{post.pk}/approve/", {"kind": "clinical"}
        ).status_code
        == 302
    )
    post.refresh_from_db()
    assert post.state == State.APPROVED
    when = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = author.post(f"/w/{workspace.slug}/posts/{post.pk}/schedule/", {"scheduled_at": when})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    actions = list(
        AuditEntry.objects.filter(object_id=str(post.pk)).values_list("action", flat=True)
    )
    assert [a for a in actions if a != "post.edited"] == [
        "post.submitted",
        "post.approved",
        "post.fully_approved",
        "post.scheduled",
    ]


def test_edit_after_approval_returns_to_review(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people[Role.AUTHOR])
    workflow.submit(post, people[Role.AUTHOR])
    workflow.approve(post, people[Role.CLINICAL_REVIEWER], "clinical")
    post.refresh_from_db()
    assert post.state == State.APPROVED
    client = signed_in(people[Role.AUTHOR])
    client.post(
        f"/w/{workspace.slug}/posts/{post.pk}/edit/",
        _form(text="Our flu clinic opens on Tuesday instead."),
    )
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW
    assert not post.approvals.filter(active=True).exists()
    assert AuditEntry.objects.filter(action="post.returned_to_review").exists()


def test_blocking_finding_needs_a_written_override_by_compliance(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people[Role.AUTHOR], text=PHONE_POST, pillar="patient_story")
    workflow.submit(post, people[Role.AUTHOR])
    from nabz.content import gate

    result = gate.run(post)
    assert result.unresolved, "a patient's phone number must block"
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(post, people[Role.COMPLIANCE_OFFICER], "compliance")
    key, finding = result.unresolved[0]
    officer = signed_in(people[Role.COMPLIANCE_OFFICER])
    short = officer.post(
        f"/w/{workspace.slug}/posts/{post.pk}/override/",
        {"code": finding.code, "matched_text": finding.text, "network": key, "reason": "ok"},
    )
    assert short.status_code == 400 and not Override.objects.exists()
    author_try = signed_in(people[Role.AUTHOR]).post(
        f"/w/{workspace.slug}/posts/{post.pk}/override/",
        {
            "code": finding.code,
            "matched_text": finding.text,
            "network": key,
            "reason": "The family asked us to share this number publicly.",
        },
    )
    assert author_try.status_code == 403


def test_post_list_and_review_queue_have_no_n_plus_one(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.CLINICAL_REVIEWER])

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        p = _post(workspace, people[Role.AUTHOR], text=f"Flu clinic news {i}.")
        p.variants.create(network="x")
        Post.objects.filter(pk=p.pk).update(
            state=State.IN_REVIEW, scheduled_at=timezone.now() + dt.timedelta(days=1)
        )
    few = {
        u: queries(u)
        for u in (
            f"/w/{workspace.slug}/posts/",
            f"/w/{workspace.slug}/posts/review/",
            f"/w/{workspace.slug}/calendar/",
        )
    }
    for i in range(12):
        p = _post(workspace, people[Role.AUTHOR], text=f"More flu clinic news {i}.")
        p.variants.create(network="facebook")
        Post.objects.filter(pk=p.pk).update(
            state=State.IN_REVIEW, scheduled_at=timezone.now() + dt.timedelta(days=1)
        )
    for url, before in few.items():
        assert queries(url) == before, url


def test_calendar_move_keeps_the_time_of_day(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people[Role.AUTHOR])
    when = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    Post.objects.filter(pk=post.pk).update(scheduled_at=when, state=State.SCHEDULED)
    client = signed_in(people[Role.AUTHOR])
    target = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = client.post(
        f"/w/{workspace.slug}/calendar/move/",
        {"post": post.pk, "date": target},
        headers={"Accept": "application/json"},
    )
    assert response.json() == {"ok": True, "post": post.pk, "date": target}
    post.refresh_from_db()
    import zoneinfo

    local = post.scheduled_at.astimezone(zoneinfo.ZoneInfo(workspace.timezone))
    assert local.date().isoformat() == target
    assert local.time() == when.astimezone(zoneinfo.ZoneInfo(workspace.timezone)).time()
    bad = client.post(
        f"/w/{workspace.slug}/calendar/move/",
        {"post": post.pk, "date": "soon"},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 400 and bad.json()["ok"] is False


def test_calendar_shows_observances_and_prefills_a_post(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    page = client.get(f"/w/{workspace.slug}/calendar/?date=2026-04-01").content.decode()
    assert "World Health Day" in page
    link = "?observance=world-health-day@2026-04-07"
    assert link in page
    form = client.get(f"/w/{workspace.slug}/posts/new/{link}").content.decode()
    assert "#WorldHealthDay" in form and 'value="2026-04-07T09:00"' in form


def test_persian_calendar_is_a_jalali_month(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    client.post("/account/language/", {"language": "fa"})
    page = client.get(f"/w/{workspace.slug}/calendar/?date=2026-03-25").content.decode()
    assert "فروردین ۱۴۰۵" in page
    assert 'data-date="2026-03-21"' in page  # 1 Farvardin is in the grid
    assert "نوروز" in page


def test_length_counters_speak_the_interface_language(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    client.post("/account/language/", {"language": "fa"})
    page = client.post(
        f"/w/{workspace.slug}/posts/check/", _form(text="سلام", networks=["x", "bluesky"])
    ).content.decode()
    assert "نویسهٔ وزن‌دار" in page and "نویسهٔ نمایشی" in page
    assert "weighted characters" not in page
