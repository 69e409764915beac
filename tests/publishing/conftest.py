"""Publishing fixtures: a scheduled post and a sandbox account in the shared small world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nabz.content.models import Post, State
from nabz.publishing.models import Account


@pytest.fixture
def sandbox(workspace, people):  # type: ignore[no-untyped-def]
    account = Account.objects.create(
        workspace=workspace, network="sandbox", name="Sandbox", handle="sandbox"
    )
    account.remote_id = str(account.pk)
    account.save()
    return account


@pytest.fixture
def due_post(workspace, people):  # type: ignore[no-untyped-def]
    """An approved post whose time has come, going to the sandbox."""
    from nabz.content import workflow
    from nabz.workspaces.roles import Role

    author = people[Role.AUTHOR]
    post = Post.objects.create(
        workspace=workspace, author=author, title="Flu clinic", pillar="behind_the_scenes"
    )
    post = workflow.edit(
        post, author, text="Our flu clinic opens on Monday at 9.", variants={"sandbox": ""}
    )
    workflow.submit(post, author)
    workflow.approve(post, people[Role.CLINICAL_REVIEWER], "clinical")
    # Scheduled as the schedule step leaves it, but behind its back: some tests connect the
    # account only later (the step itself refuses networks without one; tested on its own).
    Post.objects.filter(pk=post.pk).update(
        state=State.SCHEDULED, scheduled_at=timezone.now() - dt.timedelta(seconds=1)
    )
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    return post
