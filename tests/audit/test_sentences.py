"""Recent activity, a post's history and the audit log say what happened in the reader's
language, with the event's code beside it for compliance; notifications are said in the
reader's language too, whoever caused them."""

from __future__ import annotations

from nabz.audit import record
from nabz.content.models import Notification, Post
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

TITLE = "حملة لقاح الإنفلونزا"


def _post(workspace, people) -> Post:  # type: ignore[no-untyped-def]
    return Post.objects.create(
        workspace=workspace, author=people[Role.AUTHOR], title=TITLE, text="x", language="ar"
    )


def test_recent_activity_is_a_sentence_with_its_code(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people)
    record("publication.sent", workspace=workspace, obj=post, payload={"network": "sandbox"})
    record("post.approved", actor=people[Role.CLINICAL_REVIEWER], workspace=workspace, obj=post)
    client = signed_in(people[Role.ADMIN])
    html = client.get(f"/w/{workspace.slug}/").content.decode()
    assert f"<bdi>Sandbox</bdi> published “<bdi>{TITLE}</bdi>”" in html
    assert f"<bdi>carol</bdi> approved “<bdi>{TITLE}</bdi>”" in html
    assert "publication.sent" in html  # the code is still there, for compliance

    client.post("/account/language/", {"language": "ar"})
    html = client.get(f"/w/{workspace.slug}/").content.decode()
    assert f"نشر <bdi>بيئة تجريبية</bdi> «<bdi>{TITLE}</bdi>»" in html
    assert "approved “" not in html


def test_the_audit_log_shows_sentences_and_codes(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people)
    record("post.scheduled", actor=people[Role.AUTHOR], workspace=workspace, obj=post)
    html = (
        signed_in(people[Role.ADMIN]).get(f"/w/{workspace.slug}/settings/audit/").content.decode()
    )
    assert f"<bdi>bob</bdi> scheduled “<bdi>{TITLE}</bdi>”" in html
    assert "post.scheduled" in html


def test_a_post_history_is_sentences(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people)
    record("post.edited", actor=people[Role.AUTHOR], workspace=workspace, obj=post)
    html = (
        signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/posts/{post.pk}/").content.decode()
    )
    assert f"<bdi>bob</bdi> edited “<bdi>{TITLE}</bdi>”" in html


def test_a_notification_is_said_in_the_readers_language(people, workspace):  # type: ignore[no-untyped-def]
    post = _post(workspace, people)
    Notification.saying(
        "“%(title)s” is approved and can be scheduled.",
        {"title": post.title},
        user=people[Role.AUTHOR],
        workspace=workspace,
        url="/",
    ).save()
    client = signed_in(people[Role.AUTHOR])
    english = client.get(f"/w/{workspace.slug}/notifications/").content.decode()
    assert "is approved and can be scheduled." in english
    client.post("/account/language/", {"language": "ar"})
    arabic = client.get(f"/w/{workspace.slug}/notifications/").content.decode()
    assert "is approved" not in arabic
    assert f"«\u2068{TITLE}\u2069»" in arabic  # the title isolated inside the sentence
