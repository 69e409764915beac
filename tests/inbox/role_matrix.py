"""Role-matrix rows for the inbox (collected by tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from django.utils import timezone

from nabz.inbox.models import Conversation, Message
from nabz.publishing.models import Account, SandboxComment
from nabz.workspaces.roles import Action

UI_ROWS = [
    ("get", "/w/{ws}/inbox/{conversation}/", Action.VIEW_INBOX, None),
    ("post", "/w/{ws}/inbox/{conversation}/check/", Action.REPLY_INBOX, {"text": "Thank you!"}),
    (
        "post",
        "/w/{ws}/inbox/{conversation}/reply/",
        Action.REPLY_INBOX,
        {"text": "Thank you for your kind words!", "visibility": "public"},
    ),
    ("post", "/w/{ws}/inbox/{conversation}/state/", Action.TRIAGE_INBOX, {"state": "done"}),
    (
        "post",
        "/w/{ws}/inbox/{conversation}/messages/{message}/hide/",
        Action.HIDE_MESSAGE,
        {"hidden": "1"},
    ),
    ("post", "/w/{ws}/inbox/{conversation}/notes/", Action.TRIAGE_INBOX, {"text": "Called back."}),
    ("post", "/w/{ws}/inbox/{conversation}/round-robin/", Action.TRIAGE_INBOX, None),
    ("post", "/w/{ws}/inbox/bulk/", Action.TRIAGE_INBOX, None),
    ("post", "/w/{ws}/inbox/duty/", Action.REPLY_INBOX, None),
    ("post", "/w/{ws}/inbox/views/", Action.VIEW_INBOX, {"name": "Mine"}),
    ("post", "/w/{ws}/inbox/views/{conversation}/delete/", Action.VIEW_INBOX, None),
    ("get", "/w/{ws}/inbox/saved-replies/", Action.VIEW_INBOX, None),
    ("post", "/w/{ws}/inbox/{conversation}/ask-consent/", Action.REPLY_INBOX, None),
    ("post", "/w/{ws}/inbox/{conversation}/move-private/", Action.REPLY_INBOX, None),
]


def placeholders(workspace, people):  # type: ignore[no-untyped-def]
    account = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    account.remote_id = str(account.pk)
    account.save()
    comment = SandboxComment.objects.create(
        account=account, author_id="v1", author_handle="visitor", text="Lovely staff, thanks!"
    )
    conversation = Conversation.objects.create(
        workspace=workspace,
        account=account,
        network="sandbox",
        thread_key=str(comment.pk),
        kind="comment",
    )
    message = Message.objects.create(
        account=account,
        conversation=conversation,
        remote_id=str(comment.pk),
        kind="comment",
        text=comment.text,
        sent_at=timezone.now(),
    )
    return {"conversation": conversation.pk, "message": message.pk}
