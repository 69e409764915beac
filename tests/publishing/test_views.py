"""Accounts, the Sandbox feed, crisis pause and resume, takedown — through the UI."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nabz.audit.models import AuditEntry
from nabz.content.models import Post, State
from nabz.publishing.models import Account, Publication, SandboxPost
from nabz.workspaces.roles import Role
from tests.conftest import signed_in


@pytest.mark.django_db(transaction=True)
def test_admin_adds_a_sandbox_and_a_post_goes_out(due_post, people, workspace):  # type: ignore[no-untyped-def]
    admin = signed_in(people[Role.ADMIN])
    assert admin.post(f"/w/{workspace.slug}/settings/accounts/sandbox/").status_code == 302
    account = Account.objects.get()
    assert account.network == "sandbox" and account.remote_id == str(account.pk)
    call_command("nabz_worker", "--batch")
    call_command("nabz_worker", "--batch")
    feed = signed_in(people[Role.VIEWER]).get(f"/w/{workspace.slug}/sandbox/").content.decode()
    assert "Our flu clinic opens on Monday at 9." in feed
    detail = admin.get(f"/w/{workspace.slug}/posts/{due_post.pk}/").content.decode()
    assert "Published" in detail


def test_crisis_pause_shows_a_banner_and_resume_asks_about_held_posts(due_post, people, workspace):  # type: ignore[no-untyped-def]
    officer = signed_in(people[Role.COMPLIANCE_OFFICER])
    refused = officer.post(f"/w/{workspace.slug}/crisis/", {"action": "pause", "reason": ""})
    assert refused.status_code == 400
    officer.post(f"/w/{workspace.slug}/crisis/", {"action": "pause", "reason": "Outbreak news"})
    workspace.refresh_from_db()
    assert workspace.crisis_paused_at is not None
    page = signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/posts/").content.decode()
    assert "Crisis pause" in page
    resume_page = officer.get(f"/w/{workspace.slug}/crisis/").content.decode()
    assert due_post.title in resume_page
    officer.post(
        f"/w/{workspace.slug}/crisis/", {"action": "resume", f"post-{due_post.pk}": "review"}
    )
    workspace.refresh_from_db()
    due_post.refresh_from_db()
    assert workspace.crisis_paused_at is None and due_post.state == State.IN_REVIEW
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "workspace.crisis_paused" in actions and "workspace.crisis_resumed" in actions


@pytest.mark.django_db(transaction=True)
def test_takedown_from_the_post_page(due_post, sandbox, people, workspace):  # type: ignore[no-untyped-def]
    call_command("nabz_worker", "--batch")
    call_command("nabz_worker", "--batch")
    officer = signed_in(people[Role.COMPLIANCE_OFFICER])
    officer.post(f"/w/{workspace.slug}/posts/{due_post.pk}/takedown/", {"reason": "Family asked"})
    assert Publication.objects.get().state == Publication.State.DELETING
    call_command("nabz_worker", "--batch")
    assert SandboxPost.objects.get().deleted_at is not None


def test_disconnect_deletes_the_tokens(sandbox, people, workspace):  # type: ignore[no-untyped-def]
    from nabz.publishing.connectors.base import Credentials

    sandbox.store_credentials(Credentials(access_token="secret-token-value"))
    sandbox.save()
    assert "secret-token-value" not in sandbox.sealed_secrets  # sealed, not plain
    signed_in(people[Role.ADMIN]).post(
        f"/w/{workspace.slug}/settings/accounts/{sandbox.pk}/disconnect/"
    )
    sandbox.refresh_from_db()
    assert sandbox.status == "disabled" and sandbox.sealed_secrets == ""


def test_key_rotation_reseals_with_the_newest_key(sandbox, settings):  # type: ignore[no-untyped-def]
    from cryptography.fernet import Fernet

    from nabz.publishing import crypto
    from nabz.publishing.connectors.base import Credentials

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.NABZ_ENCRYPTION_KEYS = [old]
    sandbox.store_credentials(Credentials(access_token="tok-1"))
    sandbox.save()
    settings.NABZ_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_encryption_keys")
    settings.NABZ_ENCRYPTION_KEYS = [new]
    sandbox.refresh_from_db()
    assert sandbox.credentials().access_token == "tok-1"
    settings.NABZ_ENCRYPTION_KEYS = [old]
    import pytest

    with pytest.raises(crypto.SecretUnreadable):
        sandbox.credentials()


@pytest.mark.django_db(transaction=True)
def test_demo_posts_go_out_to_the_sandbox():  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    call_command("load_demo")
    soonest = Post.objects.filter(state=State.SCHEDULED).order_by("scheduled_at").first()
    assert soonest.scheduled_at < timezone.now() + dt.timedelta(minutes=5)
    Post.objects.filter(pk=soonest.pk).update(scheduled_at=timezone.now())
    call_command("nabz_worker", "--batch")
    call_command("nabz_worker", "--batch")
    soonest.refresh_from_db()
    assert soonest.state == State.PUBLISHED
    assert SandboxPost.objects.filter(text=soonest.text).count() == 1
