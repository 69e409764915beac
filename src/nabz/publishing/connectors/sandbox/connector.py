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
    Metrics,
    OutgoingPost,
    PublishError,
    RemotePost,
)
from nabz.trust.platforms import NETWORK_SPECS

MAX_CHARACTERS = NETWORK_SPECS["sandbox"].limit  # declared in network.toml


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
