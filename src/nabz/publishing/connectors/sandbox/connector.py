"""The built-in Sandbox network: stores what it receives in Nabz's own database.

It needs no account anywhere, so ``make demo`` shows a post going out end to end;
its feed is a page of the app. It keeps the same contract as the real networks,
including finding a post by its idempotency key.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from nabz.publishing.connectors.base import (
    Connector,
    IncomingAuthor,
    IncomingMessage,
    Metrics,
    OutgoingPost,
    OutgoingReply,
    PublishError,
    RemotePost,
)
from nabz.trust.platforms import NETWORK_SPECS

MAX_CHARACTERS = NETWORK_SPECS["sandbox"].limit  # declared in network.toml
PAGE = 100  # incoming messages per fetch


class SandboxConnector(Connector):
    network = "sandbox"

    def _account(self):  # type: ignore[no-untyped-def]
        from nabz.publishing.models import Account

        account = (
            Account.objects.filter(pk=self.credentials.account_id or 0, network="sandbox")
            .select_related("workspace")
            .first()
        )
        if account is None:
            raise PublishError("sandbox: no such account", permanent=True)
        return account

    def _remote(self, item) -> RemotePost:  # type: ignore[no-untyped-def]
        url = (
            reverse("sandbox_feed", kwargs={"ws": item.account.workspace.slug}) + f"#post-{item.pk}"
        )
        return RemotePost(id=str(item.pk), url=url)

    def publish(self, post: OutgoingPost) -> RemotePost:
        from nabz.publishing.models import SandboxPost

        if len(post.text) > MAX_CHARACTERS:
            raise PublishError(
                f"sandbox: longer than {MAX_CHARACTERS} characters",
                permanent=True,
                reason="The text is too long.",
            )
        account = self._account()
        try:
            with transaction.atomic():
                item = SandboxPost.objects.create(
                    account=account,
                    idempotency_key=post.idempotency_key,
                    text=post.text,
                    media=[{"filename": m.filename, "alt_text": m.alt_text} for m in post.media],
                )
        except IntegrityError:  # published before: the same post, not a second one
            item = SandboxPost.objects.select_related("account__workspace").get(
                idempotency_key=post.idempotency_key
            )
        return self._remote(item)

    def find(self, post: OutgoingPost) -> RemotePost | None:
        from nabz.publishing.models import SandboxPost

        item = (
            SandboxPost.objects.select_related("account__workspace")
            .filter(idempotency_key=post.idempotency_key, deleted_at__isnull=True)
            .first()
        )
        return self._remote(item) if item else None

    def delete(self, remote_id: str) -> None:
        from nabz.publishing.models import SandboxPost

        SandboxPost.objects.filter(pk=remote_id, deleted_at__isnull=True).update(
            deleted_at=timezone.now()
        )

    def metrics(self, remote_id: str) -> Metrics:
        from nabz.publishing.models import SandboxPost

        exists = SandboxPost.objects.filter(pk=remote_id).exists()
        if not exists:
            raise PublishError("sandbox: no such post", permanent=True)
        return Metrics(impressions=0, likes=0, comments=0, shares=0)

    # --- the inbox -----------------------------------------------------------------------
    def fetch_incoming(self, cursor: str) -> tuple[list[IncomingMessage], str]:
        from nabz.publishing.models import SandboxComment

        account = self._account()
        after = int(cursor) if cursor.isdigit() else 0
        rows = list(
            SandboxComment.objects.filter(account=account, pk__gt=after, from_us=False)
            .order_by("pk")
            .select_related("parent")[:PAGE]
        )
        messages = [_incoming(row) for row in rows]
        return messages, (str(rows[-1].pk) if rows else cursor)

    def gone(self, remote_ids: list[str]) -> set[str]:
        from nabz.publishing.models import SandboxComment

        wanted = {int(i) for i in remote_ids if i.isdigit()}
        live = set(
            SandboxComment.objects.filter(pk__in=wanted, deleted_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
        return {str(i) for i in wanted - live} | {i for i in remote_ids if not i.isdigit()}

    def reply_public(self, reply: OutgoingReply) -> RemotePost:
        return self._reply(reply, private=False)

    def reply_private(self, reply: OutgoingReply) -> RemotePost:
        return self._reply(reply, private=True)

    def find_reply(self, reply: OutgoingReply) -> RemotePost | None:
        from nabz.publishing.models import SandboxComment

        row = SandboxComment.objects.filter(
            idempotency_key=reply.idempotency_key, deleted_at__isnull=True
        ).first()
        return RemotePost(id=str(row.pk)) if row else None

    def hide(self, remote_id: str) -> None:
        self._set_hidden(remote_id, True)

    def unhide(self, remote_id: str) -> None:
        self._set_hidden(remote_id, False)

    def delete_reply(self, remote_id: str) -> None:
        from nabz.publishing.models import SandboxComment

        SandboxComment.objects.filter(
            pk=int(remote_id) if remote_id.isdigit() else 0, from_us=True, deleted_at__isnull=True
        ).update(deleted_at=timezone.now())

    def _reply(self, reply: OutgoingReply, *, private: bool) -> RemotePost:
        from nabz.publishing.models import SandboxComment

        if not reply.text.strip():
            raise PublishError("sandbox: empty reply", permanent=True, reason="The reply is empty.")
        if len(reply.text) > MAX_CHARACTERS:
            raise PublishError(
                f"sandbox: longer than {MAX_CHARACTERS} characters",
                permanent=True,
                reason="The reply is too long.",
            )
        account = self._account()
        parent = SandboxComment.objects.filter(
            account=account, pk=int(reply.in_reply_to) if reply.in_reply_to.isdigit() else 0
        ).first()
        if parent is None:
            raise PublishError(
                "sandbox: no such message",
                permanent=True,
                status=404,
                reason="The message is not on the sandbox any more.",
            )
        try:
            with transaction.atomic():
                row = SandboxComment.objects.create(
                    account=account,
                    post=parent.post,
                    parent=parent,
                    kind=SandboxComment.Kind.DM if private else parent.kind,
                    author_id=f"account-{account.pk}",
                    author_handle=account.handle or "sandbox",
                    author_name=account.name,
                    text=reply.text,
                    language=reply.language,
                    from_us=True,
                    idempotency_key=reply.idempotency_key,
                )
        except IntegrityError:  # sent before under this key: the same reply, not a second
            row = SandboxComment.objects.get(idempotency_key=reply.idempotency_key)
        return RemotePost(id=str(row.pk))

    def _set_hidden(self, remote_id: str, hidden: bool) -> None:
        from nabz.publishing.models import SandboxComment

        updated = SandboxComment.objects.filter(
            account=self._account(), pk=int(remote_id) if remote_id.isdigit() else 0
        ).update(hidden=hidden)
        if not updated:
            raise PublishError("sandbox: no such comment", permanent=True, status=404)


def _incoming(row) -> IncomingMessage:  # type: ignore[no-untyped-def]
    return IncomingMessage(
        id=str(row.pk),
        kind=str(row.kind),
        text=row.text,
        author=IncomingAuthor(
            id=row.author_id, handle=row.author_handle, display_name=row.author_name
        ),
        created_at=row.created_at,
        # A private conversation is one thread per person; comments thread by parent.
        thread_id=f"dm-{row.author_id}" if row.kind == "dm" else "",
        parent_id=str(row.parent_id) if row.parent_id else "",
        language=row.language,
        edited_at=row.edited_at,
        deleted=row.deleted_at is not None,
        extra={"post": row.post_id} if row.post_id else {},
    )
