"""Meta's webhooks (Facebook Pages and Instagram): comments and messages pushed to us.

``GET /hooks/meta/``: Meta's set-up handshake. With ``hub.mode=subscribe`` and our
``hub.verify_token`` we answer ``hub.challenge`` as plain text; anything else is 403.

``POST /hooks/meta/``: one delivery, signed ``X-Hub-Signature-256: sha256=<hex>``, the
HMAC-SHA256 of the raw body with our app secret. The signature is compared in constant
time (``hmac.compare_digest``); a missing or wrong one is 403 and nothing is read, let
alone stored. A good delivery is stored through ``ingest.store`` — by network id, so
Meta's retries (it re-sends until it gets a 200) and a poll of the same comment never
make a second message. Entries for pages we do not know are acknowledged and ignored.

Shapes (Graph API webhooks): ``object: "page"`` with ``entry[].changes[]`` of field
``feed`` (``value.item == "comment"``, ``verb`` add / edited / remove, ``comment_id``,
``post_id``, ``parent_id``, ``from {id, name}``, ``message``, ``created_time``) and
``entry[].messaging[]`` (Messenger: ``sender.id``, ``recipient.id``, ``timestamp`` in
ms, ``message {mid, text}``); ``object: "instagram"`` with field ``comments``
(``value {id, text, from {id, username}, media {id}, parent_id}``) and ``messaging[]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from nabz.inbox.ingest import store
from nabz.publishing.connectors.base import IncomingAuthor, IncomingMessage
from nabz.publishing.models import Account

log = logging.getLogger("nabz.inbox")
NETWORK_OF_OBJECT = {"page": "facebook", "instagram": "instagram"}
MAX_BODY = 1_000_000


def signature_ok(body: bytes, header: str, secret: str) -> bool:
    """``header`` is ``sha256=<hex>`` of HMAC-SHA256(body, secret); compared in constant time."""
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header[7:].strip().lower().encode())


@csrf_exempt
@require_http_methods(["GET", "POST"])
def meta(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _handshake(request)
    body = request.body
    secret = str(getattr(settings, "NABZ_META_APP_SECRET", "") or "")
    if len(body) > MAX_BODY or not signature_ok(
        body, request.headers.get("X-Hub-Signature-256", ""), secret
    ):
        return HttpResponse("signature does not match", status=403, content_type="text/plain")
    try:
        payload = json.loads(body)
    except ValueError:
        return JsonResponse({"detail": "the body is not JSON"}, status=400)
    if not isinstance(payload, dict) or payload.get("object") not in NETWORK_OF_OBJECT:
        return JsonResponse({"detail": "object must be page or instagram"}, status=400)
    network = NETWORK_OF_OBJECT[payload["object"]]
    stored = 0
    for entry in payload.get("entry") or []:
        if not isinstance(entry, dict):
            continue
        account = (
            Account.objects.select_related("workspace")
            .filter(network=network, remote_id=str(entry.get("id", "")), status="active")
            .first()
        )
        if account is None:
            continue  # not one of ours (or disconnected): acknowledged, not kept
        messages = list(_messages(network, account, entry))
        if messages:
            stored += store(account, messages).created
    return JsonResponse({"stored": stored})


def _handshake(request: HttpRequest) -> HttpResponse:
    token = str(getattr(settings, "NABZ_META_VERIFY_TOKEN", "") or "")
    given = request.GET.get("hub.verify_token", "")
    if (
        request.GET.get("hub.mode") == "subscribe"
        and token
        and hmac.compare_digest(token.encode(), given.encode())
    ):
        return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
    return HttpResponse("verify token does not match", status=403, content_type="text/plain")


def _messages(
    network: str, account: Account, entry: Mapping[str, Any]
) -> Iterator[IncomingMessage]:
    for change in entry.get("changes") or []:
        if not isinstance(change, dict):
            continue
        value = change.get("value") or {}
        field = change.get("field")
        if network == "facebook" and field == "feed" and value.get("item") == "comment":
            message = _page_comment(value, account)
        elif network == "instagram" and field == "comments":
            message = _instagram_comment(value)
        else:
            message = None
        if message is not None:
            yield message
    for event in entry.get("messaging") or []:
        if isinstance(event, dict):
            message = _private_message(event, account)
            if message is not None:
                yield message


def _page_comment(value: Mapping[str, Any], account: Account) -> IncomingMessage | None:
    comment_id = str(value.get("comment_id") or "")
    author = value.get("from") or {}
    if not comment_id or str(author.get("id", "")) == account.remote_id:
        return None  # our own comments come back too
    parent = str(value.get("parent_id") or "")
    post = str(value.get("post_id") or "")
    return IncomingMessage(
        id=comment_id,
        kind="comment",
        text=str(value.get("message") or ""),
        author=IncomingAuthor(
            id=str(author.get("id", "")), display_name=str(author.get("name", ""))
        ),
        created_at=_epoch(value.get("created_time")),
        parent_id="" if parent == post else parent,
        deleted=value.get("verb") == "remove",
        edited_at=_epoch(value.get("created_time")) if value.get("verb") == "edited" else None,
        extra={"post_id": post},
    )


def _instagram_comment(value: Mapping[str, Any]) -> IncomingMessage | None:
    comment_id = str(value.get("id") or "")
    if not comment_id:
        return None
    author = value.get("from") or {}
    return IncomingMessage(
        id=comment_id,
        kind="comment",
        text=str(value.get("text") or ""),
        author=IncomingAuthor(id=str(author.get("id", "")), handle=str(author.get("username", ""))),
        created_at=dt.datetime.now(dt.UTC),
        parent_id=str(value.get("parent_id") or ""),
        extra={"media_id": str((value.get("media") or {}).get("id", ""))},
    )


def _private_message(event: Mapping[str, Any], account: Account) -> IncomingMessage | None:
    message = event.get("message") or {}
    sender = str((event.get("sender") or {}).get("id", ""))
    if not message.get("mid") or message.get("is_echo") or sender == account.remote_id:
        return None
    return IncomingMessage(
        id=str(message["mid"]),
        kind="dm",
        text=str(message.get("text") or ""),
        author=IncomingAuthor(id=sender),
        created_at=_epoch(event.get("timestamp")),
        thread_id=f"dm-{sender}",
    )


def _epoch(value: object) -> dt.datetime:
    """Graph times: seconds (feed) or milliseconds (messaging) since the epoch."""
    if isinstance(value, int | float) and value > 0:
        seconds = value / 1000 if value > 10_000_000_000 else value
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    return dt.datetime.now(dt.UTC)
