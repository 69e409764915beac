"""The one small contract every network connector keeps.

A connector turns an :class:`OutgoingPost` into a post on its network and back:
``publish`` returns a :class:`RemotePost`, ``delete`` removes one, ``metrics``
reads its numbers, and ``find`` looks a post up by the idempotency key it was
published with (to reconcile an attempt whose outcome is unknown). Anything that
goes wrong is a :class:`PublishError` that says whether trying again can help.

Reading (the inbox): ``fetch_incoming(cursor)`` returns one page of comments,
mentions and messages newer than ``cursor`` and the cursor to store with them;
``gone(ids)`` says which of them the network no longer shows (deleted there).
Answering: ``reply_public``, ``reply_private``, ``find_reply`` (the reply sent with
an idempotency key, to reconcile), ``hide``/``unhide`` and ``delete_reply``. A network
that does not allow one raises :class:`NotSupported`; each folder's ``network.toml``
declares what its network allows (``[inbox]``, read by ``connectors.inbox``).

Retries, backoff, rate limits and idempotency live once, in the publishing
worker — never in a connector.
"""

from __future__ import annotations

import abc
import datetime as dt
import email.utils
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)


class PublishError(Exception):
    """A failed call. ``permanent``: trying again cannot help (revoked token, content
    rejected). ``retry_after``: seconds the network asked us to wait. ``ambiguous``:
    the request may have been applied (timeout or dropped connection after sending)."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        ambiguous: bool = False,
        status: int | None = None,
        reason: str = "",
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
        self.ambiguous = ambiguous
        self.status = status
        self.reason = reason  # the network's own words, shown to the author

    def __str__(self) -> str:
        return self.args[0] if self.args else "publishing failed"


class TokenExpired(PublishError):
    """The access token expired: refresh it (if the network allows) and try again."""

    def __init__(self, message: str = "the access token expired", **kwargs: Any) -> None:
        kwargs.setdefault("permanent", False)
        super().__init__(message, **kwargs)


class NotSupported(PublishError):
    """The network (or this connector, so far) does not offer this call."""

    def __init__(self, network: str, action: str) -> None:
        super().__init__(
            f"{network}: {action} is not available",
            permanent=True,
            reason=f"{network} does not allow {action.replace('_', ' ')} through its API.",
        )
        self.action = action


@dataclass(frozen=True, slots=True)
class IncomingAuthor:
    """Who wrote an incoming message, as the network names them."""

    id: str  # the network's stable id (account id, DID, PSID...)
    handle: str = ""
    display_name: str = ""


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One comment, mention or direct message as read from the network.

    ``thread_id`` groups messages the network itself groups (a DM conversation);
    empty means "the thread of ``parent_id`` if we know it, else a new one".
    ``extra`` keeps what a reply needs later (Bluesky's cid and root reference).
    """

    id: str
    kind: str  # "comment", "mention" or "dm"
    text: str
    author: IncomingAuthor
    created_at: dt.datetime
    thread_id: str = ""
    parent_id: str = ""
    url: str = ""
    language: str = ""
    edited_at: dt.datetime | None = None
    deleted: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutgoingReply:
    """Our answer to an incoming message (public under it, or private to its author)."""

    text: str
    idempotency_key: str  # fixed when the attempt is recorded; the same on every retry
    in_reply_to: str  # the network id of the message answered
    author: IncomingAuthor | None = None
    thread_id: str = ""
    language: str = "en"
    extra: Mapping[str, Any] = field(default_factory=dict)  # the answered message's extra


INCOMING_KINDS = ("comment", "mention", "dm")


@dataclass(frozen=True, slots=True)
class OutgoingMedia:
    filename: str
    content: bytes
    mime_type: str
    alt_text: str = ""
    public_url: str = ""  # Instagram fetches images from a public URL


@dataclass(frozen=True, slots=True)
class OutgoingPost:
    text: str
    idempotency_key: str  # stable for this variant on this account, across retries
    language: str = "en"
    media: tuple[OutgoingMedia, ...] = ()
    link: str = ""
    # A thread: these go out after ``text``, each as a reply to the one before it
    # (only connectors whose network has threads are given any: X, Bluesky).
    replies: tuple[str, ...] = ()


# A thread's remote id holds every part's id, first part first, separated by this (neither
# tweet ids nor at:// URIs hold a space). Metrics read the first; a takedown deletes all.
THREAD_ID_SEP = " "


def thread_ids(remote_id: str) -> list[str]:
    return [part for part in remote_id.split(THREAD_ID_SEP) if part]


@dataclass(frozen=True, slots=True)
class RemotePost:
    id: str
    url: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Metrics:
    impressions: int | None = None
    reach: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Credentials:
    """What a connector needs to act for an account. Tokens are decrypted only here."""

    access_token: str = ""
    refresh_token: str = ""
    expires_at: dt.datetime | None = None
    account_id: str = ""  # page id, ig-user id, organisation URN, user id, DID...
    handle: str = ""
    api_base: str = ""  # the network's API root; tests point it at a local fake server
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. Mastodon client id/secret


@dataclass(frozen=True, slots=True)
class Quota:
    """A publishing quota the network reports (e.g. Instagram's 50 posts per 24 hours)."""

    used: int
    total: int
    window_seconds: int


class Connector(abc.ABC):
    """Base class: subclasses set ``network`` and implement the four calls."""

    network: str = ""
    default_api_base: str = ""

    def __init__(self, credentials: Credentials, *, client: httpx.Client | None = None) -> None:
        self.credentials = credentials
        self.api_base = (credentials.api_base or self.default_api_base).rstrip("/")
        self.client = client or httpx.Client(timeout=DEFAULT_TIMEOUT, follow_redirects=False)

    # --- the contract ------------------------------------------------------------
    @abc.abstractmethod
    def publish(self, post: OutgoingPost) -> RemotePost:
        """Publish ``post``; the network's id and public URL of the new post."""

    @abc.abstractmethod
    def delete(self, remote_id: str) -> None:
        """Delete a published post (a post already gone counts as deleted)."""

    @abc.abstractmethod
    def metrics(self, remote_id: str) -> Metrics:
        """The post's numbers as the network reports them."""

    @abc.abstractmethod
    def find(self, post: OutgoingPost) -> RemotePost | None:
        """The post published with ``post.idempotency_key``, or None if there is none."""

    def quota(self) -> Quota | None:
        """A publishing quota the network reports, if it has one."""
        return None

    def refresh(self) -> Credentials | None:
        """New credentials from the refresh token, or None if the network has no refresh."""
        return None

    # --- reading and answering (the inbox); NotSupported unless a connector offers it ---
    def fetch_incoming(self, cursor: str) -> tuple[list[IncomingMessage], str]:
        """Messages newer than ``cursor`` (oldest first, at most one page) and the cursor
        that follows them. An empty ``cursor`` starts from what the network shows now."""
        raise NotSupported(self.network, "reading")

    def gone(self, remote_ids: list[str]) -> set[str]:
        """Which of these incoming messages the network no longer shows (deleted)."""
        raise NotSupported(self.network, "following deletions")

    def reply_public(self, reply: OutgoingReply) -> RemotePost:
        raise NotSupported(self.network, "reply_public")

    def reply_private(self, reply: OutgoingReply) -> RemotePost:
        raise NotSupported(self.network, "reply_private")

    def find_reply(self, reply: OutgoingReply) -> RemotePost | None:
        """The reply sent with ``reply.idempotency_key``, or None (to reconcile)."""
        raise NotSupported(self.network, "find_reply")

    def hide(self, remote_id: str) -> None:
        raise NotSupported(self.network, "hide")

    def unhide(self, remote_id: str) -> None:
        raise NotSupported(self.network, "unhide")

    def delete_reply(self, remote_id: str) -> None:
        raise NotSupported(self.network, "delete_reply")

    # --- shared HTTP handling -------------------------------------------------------
    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send a request and turn transport failures into PublishErrors.

        A timeout or a dropped connection while reading the answer is *ambiguous*:
        the network may have applied the request, so the worker reconciles with
        ``find`` before trying again.
        """
        full = url if url.startswith("http") else f"{self.api_base}{url}"
        try:
            response = self.client.request(method, full, **kwargs)
        except httpx.ConnectTimeout as exc:
            raise PublishError(f"{self.network}: could not connect (timeout)") from exc
        except httpx.ConnectError as exc:
            raise PublishError(f"{self.network}: could not connect") from exc
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout) as exc:
            raise PublishError(f"{self.network}: no answer in time", ambiguous=True) from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise PublishError(f"{self.network}: the connection dropped", ambiguous=True) from exc
        if response.status_code >= 400:
            raise self.error_for(response)
        return response

    def error_for(self, response: httpx.Response) -> PublishError:
        """Map an error answer to a PublishError. Connectors refine ``reason_of``."""
        status = response.status_code
        reason = self.reason_of(response)
        retry_after = retry_after_seconds(response.headers)
        message = f"{self.network}: {status} {reason}".strip()
        if status == 401:
            return TokenExpired(message, status=status, reason=reason)
        if status == 429:
            return PublishError(
                message, retry_after=retry_after or 60.0, status=status, reason=reason
            )
        if status >= 500 or status == 408:
            return PublishError(message, retry_after=retry_after, status=status, reason=reason)
        # 400, 403, 404, 409, 413, 422 ...: the request itself is the problem.
        return PublishError(message, permanent=True, status=status, reason=reason)

    def reason_of(self, response: httpx.Response) -> str:
        try:
            body = response.json()
        except ValueError:
            return response.text[:300]
        if isinstance(body, dict):
            for key in ("error_description", "message", "detail", "error", "title"):
                value = body.get(key)
                if isinstance(value, dict):
                    value = value.get("message") or value.get("error_user_msg")
                if value:
                    return str(value)[:300]
        return str(body)[:300]


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from Retry-After (seconds or an HTTP date) or a reset header."""
    raw = headers.get("retry-after")
    if raw:
        raw = raw.strip()
        if raw.isdigit():
            return float(raw)
        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    for name in ("x-rate-limit-reset", "x-ratelimit-reset", "ratelimit-reset"):
        value = headers.get(name)
        if value and value.replace(".", "", 1).isdigit():
            number = float(value)
            now = dt.datetime.now(dt.UTC).timestamp()
            # An epoch time (X, Mastodon's ISO is handled above) or a delta in seconds.
            return max(0.0, number - now) if number > 1_000_000_000 else number
    return None


@dataclass(frozen=True, slots=True)
class AppCredentials:
    """Our app's registration with a network (from settings, or per Mastodon instance).

    ``auth_base`` is where the user is sent to authorise, ``api_base`` where tokens
    are exchanged; tests point both at a local fake server.
    """

    client_id: str
    client_secret: str = ""
    auth_base: str = ""
    api_base: str = ""
    scopes: tuple[str, ...] = ()


def app_client(app: AppCredentials | None, credentials: Credentials) -> tuple[str, str]:
    """Client id and secret for a token refresh: the app's registration, else the ones
    kept with the connection when it was made."""
    client_id = (app.client_id if app else "") or str(credentials.extra.get("client_id", ""))
    secret = (app.client_secret if app else "") or str(credentials.extra.get("client_secret", ""))
    return client_id, secret


def connection_lost(exc: PublishError, network: str) -> PublishError:
    """A refresh refused for good (the grant was revoked, expired or already used): the
    account must be connected again. Status 401 tells the worker so."""
    return PublishError(
        str(exc),
        permanent=True,
        status=401,
        reason=f"{network} no longer accepts this connection; connect the account again "
        f"({exc.reason or 'refused'}).",
    )


def pkce_pair() -> tuple[str, str]:
    """A PKCE code verifier and its S256 challenge (RFC 7636)."""
    import base64
    import hashlib
    import secrets

    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
    return verifier, challenge
