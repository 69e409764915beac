"""A fake Mastodon instance: apps, OAuth, accounts, media, statuses, with the real shapes.

It keeps what a real instance keeps for these calls and refuses what a real one
refuses: unknown or revoked tokens (401 ``{"error": ...}``), missing scopes (403),
blank or too long statuses, too many or unprocessed attachments (422
``Validation failed: ...``), per-account status limits (429 with ``X-RateLimit-*``
headers and an ISO 8601 reset, no ``Retry-After``). ``Idempotency-Key`` is
remembered per account for an hour and looked up *before* the status is validated,
as ``PostStatusService`` does.

Reading (the inbox): other accounts write with :meth:`FakeMastodon.visitor_says` (a
reply, a mention or a ``direct`` status), :meth:`edit_status` and
:meth:`delete_by_author`; our account gets a ``mention`` (or ``update``) notification
for each, and a deleted status takes its notifications with it, as Mastodon does.
``GET /api/v1/notifications`` pages with ``max_id`` / ``since_id`` / ``min_id`` and a
``Link`` header (``limit`` 40 by default, at most 80), filtered by ``types[]``.

Route names for fault injection: ``register_app``, ``authorize``, ``token``,
``verify_credentials``, ``instance``, ``upload_media``, ``get_media``, ``create_post``,
``get_status``, ``status_source``, ``delete_status``, ``account_statuses``,
``notifications``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import itertools
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from tests.publishing.fakes.server import FakeNetwork, Fault, Request, Response

IDEMPOTENCY_TTL = 3600.0
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/avif")
_URL = re.compile(r"https?://[^\s<>\"]+")
_MENTION = re.compile(r"(?<![\w@])@(\w+)(?:@([\w.-]+\.\w+))?")
_HASHTAG = re.compile(r"(?<![\w&/#])#(\w*[^\W\d_]\w*)")
_REMOTE_MENTION = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\.\w+")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass
class Account:
    id: str
    username: str
    password: str = "synthetic-password"


@dataclass
class Token:
    value: str
    account_id: str
    client_id: str
    scopes: set[str]
    revoked: bool = False


@dataclass
class Media:
    id: str
    account_id: str
    mime_type: str
    size: int
    description: str
    polls_left: int
    status_id: str | None = None


@dataclass
class Status:
    id: str
    account_id: str
    text: str
    language: str
    visibility: str
    media_ids: list[str]
    created_at: str
    application: str
    replies_count: int = 0
    reblogs_count: int = 0
    favourites_count: int = 0
    in_reply_to_id: str | None = None
    edited_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Notification:
    id: str
    type: str
    account_id: str  # whose notification it is
    from_account_id: str
    status_id: str
    created_at: str


class FakeMastodon(FakeNetwork):
    name = "mastodon"

    def __init__(
        self,
        *,
        seed: int = 7,
        max_characters: int = 500,
        max_media: int = 4,
        processing_polls: int = 0,
        status_limit: int = 300,
        status_window: float = 3 * 3600.0,
    ) -> None:
        self.max_characters = max_characters
        self.max_media = max_media
        self.processing_polls = processing_polls  # GETs answering 206 before media is ready
        self.status_limit = status_limit
        self.status_window = status_window
        self.apps: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, Token] = {}
        self.accounts: dict[str, Account] = {}
        self.media: dict[str, Media] = {}
        self.statuses: dict[str, Status] = {}
        self.deleted: set[str] = set()
        self.idempotency: dict[tuple[str, str], tuple[str, float]] = {}
        self.posted_at: dict[str, list[float]] = {}
        self.notifications: dict[str, Notification] = {}
        self._ids = itertools.count(110_000_000_000_000_001)
        super().__init__(seed=seed)
        self.account = self.add_account("sunrise_hospital")

    # --- test helpers -------------------------------------------------------------------
    def add_account(self, username: str) -> Account:
        account = Account(id=self._next_id(), username=username)
        self.accounts[account.id] = account
        return account

    def issue_token(self, account: Account | None = None, scopes: str = "read write") -> str:
        """A token for ``account`` as if it had gone through OAuth (tests that skip it)."""
        value = secrets.token_urlsafe(32)
        self.tokens[value] = Token(
            value, (account or self.account).id, "test-client", set(scopes.split())
        )
        return value

    def revoke(self, token: str) -> None:
        self.tokens[token].revoked = True

    def forget_idempotency_keys(self) -> None:
        """As if more than an hour had passed since the posts were sent."""
        self.idempotency.clear()

    def live_statuses(self, account: Account | None = None) -> list[Status]:
        owner = (account or self.account).id
        return [s for s in self.statuses.values() if s.account_id == owner]

    def visitor_says(
        self,
        text: str,
        *,
        username: str = "layla",
        in_reply_to: str | None = None,
        visibility: str = "public",
        language: str = "en",
    ) -> Status:
        """Another account writes, mentioning our account: we get a notification."""
        author = next((a for a in self.accounts.values() if a.username == username), None)
        author = author or self.add_account(username)
        status = Status(
            self._next_id(),
            author.id,
            f"@{self.account.username} {text}",
            language,
            visibility,
            [],
            _now(),
            "Web",
            in_reply_to_id=in_reply_to,
        )
        self.statuses[status.id] = status
        self._notify("mention", author.id, status.id)
        return status

    def edit_status(self, status_id: str, text: str) -> None:
        status = self.statuses[status_id]
        status.text = f"@{self.account.username} {text}"
        status.edited_at = _now()
        self._notify("update", status.account_id, status_id)

    def delete_by_author(self, status_id: str) -> None:
        """The author deletes their status: it and its notifications are gone."""
        self.statuses.pop(status_id, None)
        self.deleted.add(status_id)
        for key in [k for k, n in self.notifications.items() if n.status_id == status_id]:
            del self.notifications[key]

    def replies_to(self, status_id: str) -> list[Status]:
        return [s for s in self.statuses.values() if s.in_reply_to_id == status_id]

    def _notify(self, kind: str, from_account: str, status_id: str) -> None:
        note = Notification(self._next_id(), kind, self.account.id, from_account, status_id, _now())
        self.notifications[note.id] = note

    @property
    def host(self) -> str:
        return self.url.split("://", 1)[1]

    # --- shapes --------------------------------------------------------------------------
    def error(self, fault: Fault) -> Response:
        if fault.kind == "expired_token":
            return Response(401, {"error": "The access token expired"})
        if fault.kind == "revoked_token":
            return Response(401, {"error": "The access token was revoked"})
        if fault.kind == "rejected":
            return Response(422, {"error": f"Validation failed: {fault.message}"})
        if fault.kind == "rate_limited":
            return self._too_many(time.time() + fault.seconds, limit=300)
        if fault.kind == "status":
            if fault.body is not None:
                return Response(fault.status, fault.body)
            if fault.status in (502, 504):  # the proxy in front answers, in HTML
                page = f"<html><body><h1>{fault.status}</h1></body></html>".encode()
                return Response(fault.status, page, {"content-type": "text/html"})
            if fault.status == 503:
                return Response(
                    503,
                    {
                        "error": "There was a temporary problem serving your "
                        "request, please try again"
                    },
                )
            return Response(fault.status, {"error": "We're sorry, but something went wrong"})
        return super().error(fault)

    def _too_many(self, reset: float, *, limit: int) -> Response:
        when = dt.datetime.fromtimestamp(reset, dt.UTC).isoformat(timespec="microseconds")
        return Response(
            429,
            {"error": "Too many requests"},
            {
                "x-ratelimit-limit": str(limit),
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": when.replace("+00:00", "Z"),
            },
        )

    def account_json(self, account: Account) -> dict[str, Any]:
        return {
            "id": account.id,
            "username": account.username,
            "acct": account.username,
            "display_name": "Sunrise Hospital"
            if account is self.account
            else account.username.title(),
            "url": f"{self.url}/@{account.username}",
            "locked": False,
            "bot": False,
            "created_at": "2023-01-01T00:00:00.000Z",
        }

    def media_json(self, media: Media) -> dict[str, Any]:
        ready = media.polls_left <= 0
        url = f"{self.url}/system/media_attachments/files/{media.id}/original.jpg"
        return {
            "id": media.id,
            "type": "image",
            "url": url if ready else None,
            "preview_url": f"{self.url}/system/media_attachments/files/{media.id}/small.jpg",
            "remote_url": None,
            "text_url": None,
            "meta": {},
            "description": media.description or None,
            "blurhash": "UFBWY:8_0Jxv",
        }

    def status_json(self, status: Status) -> dict[str, Any]:
        account = self.accounts[status.account_id]
        return {
            "id": status.id,
            "created_at": status.created_at,
            "in_reply_to_id": status.in_reply_to_id,
            "in_reply_to_account_id": (
                self.statuses[status.in_reply_to_id].account_id
                if status.in_reply_to_id in self.statuses
                else None
            ),
            "sensitive": False,
            "spoiler_text": "",
            "visibility": status.visibility,
            "language": status.language,
            "uri": f"{self.url}/users/{account.username}/statuses/{status.id}",
            "url": f"{self.url}/@{account.username}/{status.id}",
            "replies_count": status.replies_count,
            "reblogs_count": status.reblogs_count,
            "favourites_count": status.favourites_count,
            "edited_at": status.edited_at,
            "content": render(status.text, self.url),
            "reblog": None,
            "application": {"name": status.application, "website": None},
            "account": self.account_json(account),
            "media_attachments": [self.media_json(self.media[m]) for m in status.media_ids],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
        }

    # --- routes ----------------------------------------------------------------------------
    def setup_routes(self) -> None:
        self.route("POST", "/api/v1/apps", "register_app", self.register_app)
        self.route("GET", "/oauth/authorize", "authorize", self.authorize)
        self.route("POST", "/oauth/token", "token", self.token)
        self.route(
            "GET",
            "/api/v1/accounts/verify_credentials",
            "verify_credentials",
            self.verify_credentials,
        )
        self.route("GET", "/api/v2/instance", "instance", self.instance)
        self.route("POST", "/api/v2/media", "upload_media", self.upload_media)
        self.route("GET", r"/api/v1/media/(?P<id>\w+)", "get_media", self.get_media)
        self.route("POST", "/api/v1/statuses", "create_post", self.create_status)
        self.route(
            "GET", r"/api/v1/statuses/(?P<id>\w+)/source", "status_source", self.status_source
        )
        self.route("GET", r"/api/v1/statuses/(?P<id>\w+)", "get_status", self.get_status)
        self.route("DELETE", r"/api/v1/statuses/(?P<id>\w+)", "delete_status", self.delete_status)
        self.route(
            "GET",
            r"/api/v1/accounts/(?P<id>\w+)/statuses",
            "account_statuses",
            self.account_statuses,
        )
        self.route("GET", "/api/v1/notifications", "notifications", self.list_notifications)

    def _next_id(self) -> str:
        return str(next(self._ids))

    def _auth(self, request: Request, scope: str) -> tuple[Token | None, Response | None]:
        token = self.tokens.get(request.bearer)
        if token is None:
            return None, Response(401, {"error": "The access token is invalid"})
        if token.revoked:
            return None, Response(401, {"error": "The access token was revoked"})
        family = scope.split(":")[0]
        if scope not in token.scopes and family not in token.scopes:
            return None, Response(403, {"error": "This action is outside the authorized scopes"})
        return token, None

    @staticmethod
    def _params(request: Request) -> dict[str, Any]:
        """JSON, form or query parameters, as Rails reads them (``media_ids[]`` → a list)."""
        content_type = request.headers.get("content-type", "")
        if "json" in content_type:
            body = request.json()
            return body if isinstance(body, dict) else {}
        if "multipart/form-data" in content_type:
            return parse_multipart(request.body, content_type)
        raw = parse_qs(request.body.decode()) if request.body else dict(request.query)
        params: dict[str, Any] = {}
        for key, values in raw.items():
            if key.endswith("[]"):
                params[key[:-2]] = values
            else:
                params[key] = values[-1]
        return params

    def register_app(self, request: Request) -> Response:
        params = self._params(request)
        missing = [k for k in ("client_name", "redirect_uris") if not params.get(k)]
        if missing:
            return Response(
                422,
                {
                    "error": "Validation failed: "
                    + ", ".join(
                        f"{k.replace('_', ' ').capitalize()} can't be blank" for k in missing
                    )
                },
            )
        uris = params["redirect_uris"]
        uris = uris if isinstance(uris, list) else str(uris).split()
        scopes = str(params.get("scopes") or "read")
        client_id, client_secret = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.apps[client_id] = {
            "client_secret": client_secret,
            "redirect_uris": uris,
            "scopes": set(scopes.split()),
            "name": params["client_name"],
            "website": params.get("website"),
        }
        return Response(
            200,
            {
                "id": self._next_id(),
                "name": params["client_name"],
                "website": params.get("website"),
                "scopes": scopes.split(),
                "redirect_uri": " ".join(uris),
                "redirect_uris": uris,
                "client_id": client_id,
                "client_secret": client_secret,
                "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5",
            },
        )

    def authorize(self, request: Request) -> Response:
        """The consent page, approved at once by the fake's account: redirect with a code."""
        query = {k: v[-1] for k, v in request.query.items()}
        app = self.apps.get(query.get("client_id", ""))
        if app is None:
            return Response(
                401,
                b"<html><body>Client authentication failed</body></html>",
                {"content-type": "text/html"},
            )
        if query.get("redirect_uri") not in app["redirect_uris"]:
            return Response(
                400,
                b"<html><body>The redirect uri included is not valid.</body></html>",
                {"content-type": "text/html"},
            )
        scopes = set((query.get("scope") or "read").split())
        if query.get("response_type") != "code" or not scopes <= app["scopes"]:
            location = (
                query["redirect_uri"]
                + "?"
                + urlencode(
                    {
                        "error": "invalid_scope"
                        if query.get("response_type") == "code"
                        else "unsupported_response_type",
                        "state": query.get("state", ""),
                    }
                )
            )
            return Response(302, b"", {"location": location})
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "client_id": query["client_id"],
            "redirect_uri": query["redirect_uri"],
            "scopes": scopes,
            "account_id": self.account.id,
            "challenge": query.get("code_challenge"),
            "method": query.get("code_challenge_method"),
        }
        location = (
            query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
        )
        return Response(302, b"", {"location": location})

    def token(self, request: Request) -> Response:
        params = self._params(request)
        app = self.apps.get(str(params.get("client_id", "")))
        if app is None or app["client_secret"] != params.get("client_secret"):
            return Response(
                401,
                {
                    "error": "invalid_client",
                    "error_description": (
                        "Client authentication failed due to unknown client, no client "
                        "authentication included, or unsupported authentication method."
                    ),
                },
            )
        if params.get("grant_type") != "authorization_code":
            return Response(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": (
                        "The authorization grant type is not supported by the authorization server."
                    ),
                },
            )
        grant = self.codes.pop(str(params.get("code", "")), None)
        invalid = {
            "error": "invalid_grant",
            "error_description": (
                "The provided authorization grant is invalid, expired, revoked, does not match the "
                "redirection URI used in the authorization request, or was issued to another "
                "client."
            ),
        }
        if grant is None or grant["client_id"] != params["client_id"]:
            return Response(400, invalid)
        if grant["redirect_uri"] != params.get("redirect_uri"):
            return Response(400, invalid)
        if grant["challenge"]:
            verifier = str(params.get("code_verifier") or "")
            digest = hashlib.sha256(verifier.encode()).digest()
            expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
            if not verifier or expected != grant["challenge"]:
                return Response(400, invalid)
        value = secrets.token_urlsafe(32)
        self.tokens[value] = Token(
            value, grant["account_id"], str(params["client_id"]), grant["scopes"]
        )
        return Response(
            200,
            {
                "access_token": value,
                "token_type": "Bearer",
                "scope": " ".join(sorted(grant["scopes"])),
                "created_at": int(time.time()),
            },
        )

    def verify_credentials(self, request: Request) -> Response:
        token, refused = self._auth(request, "read:accounts")
        if refused:
            return refused
        assert token is not None
        body = self.account_json(self.accounts[token.account_id])
        body["followers_count"] = self.followers.get(token.account_id, 0)  # metrics block below
        return Response(200, body)

    def instance(self, request: Request) -> Response:
        return Response(
            200,
            {
                "domain": self.host,
                "title": "Fake Mastodon",
                "version": "4.3.0",
                "source_url": "https://github.com/mastodon/mastodon",
                "configuration": {
                    "urls": {"streaming": "wss://" + self.host},
                    "accounts": {"max_featured_tags": 10},
                    "statuses": {
                        "max_characters": self.max_characters,
                        "max_media_attachments": self.max_media,
                        "characters_reserved_per_url": 23,
                    },
                    "media_attachments": {
                        "supported_mime_types": list(IMAGE_TYPES),
                        "image_size_limit": 16777216,
                        "image_matrix_limit": 33177600,
                        "video_size_limit": 103809024,
                    },
                    "polls": {"max_options": 4},
                },
                "registrations": {"enabled": False, "approval_required": False},
            },
        )

    def upload_media(self, request: Request) -> Response:
        token, refused = self._auth(request, "write:media")
        if refused:
            return refused
        assert token is not None
        if "multipart/form-data" not in request.headers.get("content-type", ""):
            return Response(422, {"error": "Validation failed: File can't be blank"})
        params = parse_multipart(request.body, request.headers["content-type"])
        upload = params.get("file")
        if not isinstance(upload, UploadedFile) or not upload.content:
            return Response(422, {"error": "Validation failed: File can't be blank"})
        if upload.content_type not in IMAGE_TYPES:
            return Response(
                422,
                {
                    "error": "Validation failed: File content type is invalid, "
                    "File file type is not allowed"
                },
            )
        description = str(params.get("description") or "")
        if len(description) > 1500:
            return Response(
                422,
                {
                    "error": "Validation failed: Description is too long "
                    "(maximum is 1500 characters)"
                },
            )
        media = Media(
            self._next_id(),
            token.account_id,
            upload.content_type,
            len(upload.content),
            description,
            self.processing_polls,
        )
        self.media[media.id] = media
        return Response(202 if media.polls_left > 0 else 200, self.media_json(media))

    def get_media(self, request: Request) -> Response:
        token, refused = self._auth(request, "write:media")
        if refused:
            return refused
        assert token is not None
        media = self.media.get(request.params["id"])
        if media is None or media.account_id != token.account_id:
            return Response(404, {"error": "Record not found"})
        if media.polls_left > 0:
            media.polls_left -= 1
            return Response(206, self.media_json(media))
        return Response(200, self.media_json(media))

    def create_status(self, request: Request) -> Response:
        token, refused = self._auth(request, "write:statuses")
        if refused:
            return refused
        assert token is not None
        params = self._params(request)
        key = request.headers.get("idempotency-key", "")
        now = time.time()
        if key:
            remembered = self.idempotency.get((token.account_id, key))
            if remembered and now - remembered[1] < IDEMPOTENCY_TTL:
                status = self.statuses.get(remembered[0])
                if status is None:
                    return Response(404, {"error": "Record not found"})
                return Response(200, self.status_json(status))
        text = str(params.get("status") or "")
        media_ids = [str(m) for m in (params.get("media_ids") or [])]
        if len(media_ids) > self.max_media:
            return Response(
                422,
                {"error": f"Validation failed: You can't attach more than {self.max_media} files"},
            )
        attached = [self.media.get(m) for m in media_ids]
        if any(m is None or m.account_id != token.account_id or m.status_id for m in attached):
            return Response(
                422, {"error": "Validation failed: Some of the media could not be found"}
            )
        if any(m.polls_left > 0 for m in attached if m):
            return Response(
                422,
                {
                    "error": "Cannot attach files that have not finished "
                    "processing. Try again in a moment!"
                },
            )
        if not text.strip() and not media_ids:
            return Response(422, {"error": "Validation failed: Text can't be blank"})
        if mastodon_length(text) > self.max_characters:
            return Response(
                422,
                {
                    "error": f"Validation failed: Text character limit of "
                    f"{self.max_characters} exceeded"
                },
            )
        visibility = str(params.get("visibility") or "public")
        if visibility not in ("public", "unlisted", "private", "direct"):
            return Response(
                422, {"error": "Validation failed: Visibility is not included in the list"}
            )
        language = str(params.get("language") or "")
        if language and not _LANGUAGE.fullmatch(language):
            language = ""
        in_reply_to = str(params.get("in_reply_to_id") or "") or None
        if in_reply_to and in_reply_to not in self.statuses:
            return Response(404, {"error": "Record not found"})
        recent = [
            t for t in self.posted_at.get(token.account_id, []) if now - t < self.status_window
        ]
        if len(recent) >= self.status_limit:
            return self._too_many(recent[0] + self.status_window, limit=self.status_limit)
        self.posted_at[token.account_id] = [*recent, now]
        app = self.apps.get(token.client_id, {}).get("name", "Nabz")
        status = Status(
            self._next_id(),
            token.account_id,
            text,
            language or "en",
            visibility,
            media_ids,
            dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            app,
            in_reply_to_id=in_reply_to,
        )
        for media in attached:
            assert media is not None
            media.status_id = status.id
        self.statuses[status.id] = status
        if key:
            self.idempotency[(token.account_id, key)] = (status.id, now)
        return Response(200, self.status_json(status))

    def get_status(self, request: Request) -> Response:
        if request.bearer:
            _token, refused = self._auth(request, "read:statuses")
            if refused:
                return refused
        status = self.statuses.get(request.params["id"])
        if status is None:
            return Response(404, {"error": "Record not found"})
        return Response(200, self.status_json(status))

    def status_source(self, request: Request) -> Response:
        token, refused = self._auth(request, "read:statuses")
        if refused:
            return refused
        assert token is not None
        status = self.statuses.get(request.params["id"])
        if status is None or status.account_id != token.account_id:
            return Response(404, {"error": "Record not found"})
        return Response(200, {"id": status.id, "text": status.text, "spoiler_text": ""})

    def delete_status(self, request: Request) -> Response:
        token, refused = self._auth(request, "write:statuses")
        if refused:
            return refused
        assert token is not None
        status = self.statuses.get(request.params["id"])
        if status is None or status.account_id != token.account_id:
            return Response(404, {"error": "Record not found"})
        body = {**self.status_json(status), "text": status.text}
        del self.statuses[status.id]
        self.deleted.add(status.id)
        return Response(200, body)

    def account_statuses(self, request: Request) -> Response:
        if request.bearer:
            _token, refused = self._auth(request, "read:statuses")
            if refused:
                return refused
        owner = request.params["id"]
        if owner not in self.accounts:
            return Response(404, {"error": "Record not found"})
        limit = min(int((request.query.get("limit") or ["20"])[-1]), 40)
        mine = sorted(
            (s for s in self.statuses.values() if s.account_id == owner),
            key=lambda s: int(s.id),
            reverse=True,
        )
        return Response(200, [self.status_json(s) for s in mine[:limit]])

    def list_notifications(self, request: Request) -> Response:
        token, refused = self._auth(request, "read:notifications")
        if refused:
            return refused
        assert token is not None
        query = request.query
        try:
            limit = max(1, min(int((query.get("limit") or ["40"])[-1]), 80))
        except ValueError:
            limit = 40
        types = set(query.get("types[]") or [])
        excluded = set(query.get("exclude_types[]") or [])
        mine = [
            n
            for n in self.notifications.values()
            if n.account_id == token.account_id
            and (not types or n.type in types)
            and n.type not in excluded
        ]
        mine.sort(key=lambda n: int(n.id), reverse=True)  # newest first, always
        max_id = (query.get("max_id") or [""])[-1]
        since_id = (query.get("since_id") or [""])[-1]
        min_id = (query.get("min_id") or [""])[-1]
        if max_id:
            mine = [n for n in mine if int(n.id) < int(max_id)]
        if min_id:  # the page immediately newer than min_id, still sent newest first
            newer = sorted((n for n in mine if int(n.id) > int(min_id)), key=lambda n: int(n.id))
            page = list(reversed(newer[:limit]))
        else:
            if since_id:
                mine = [n for n in mine if int(n.id) > int(since_id)]
            page = mine[:limit]
        body = []
        for note in page:
            status = self.statuses.get(note.status_id)
            if status is None:
                continue
            body.append(
                {
                    "id": note.id,
                    "type": note.type,
                    "created_at": note.created_at,
                    "group_key": f"ungrouped-{note.id}",
                    "account": self.account_json(self.accounts[note.from_account_id]),
                    "status": self.status_json(status),
                }
            )
        headers = {}
        if page:
            base = f"{self.url}/api/v1/notifications"
            headers["link"] = (
                f'<{base}?{urlencode({"max_id": page[-1].id})}>; rel="next", '
                f'<{base}?{urlencode({"min_id": page[0].id})}>; rel="prev"'
            )
        return Response(200, body, headers)

    # --- metrics (analytics): figures that change as time passes ----------------------
    @property
    def followers(self) -> dict[str, int]:
        if not hasattr(self, "_followers"):
            self._followers: dict[str, int] = {self.account.id: 1200}
        return self._followers

    def time_passes(self, hours: float = 1.0) -> None:
        """Visitors favourite, boost and answer our statuses; the audience grows."""
        with self.lock:
            for status in self.live_statuses():
                status.favourites_count += self.random.randint(0, int(6 * hours) + 1)
                status.reblogs_count += self.random.randint(0, int(2 * hours) + 1)
                status.replies_count += self.random.randint(0, int(hours) + 1)
            self.followers[self.account.id] = self.followers.get(self.account.id, 0) + (
                self.random.randint(0, int(5 * hours) + 1)
            )


# --- helpers ------------------------------------------------------------------------------
def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    content: bytes


def parse_multipart(body: bytes, content_type: str) -> dict[str, Any]:
    """multipart/form-data → {name: str or UploadedFile}; refuses a body without a boundary."""
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        return {}
    boundary = b"--" + match.group(1).encode()
    fields: dict[str, Any] = {}
    for part in body.split(boundary)[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.lstrip(b"\r\n").partition(b"\r\n\r\n")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name_match = re.search(r'\bname="([^"]*)"', disposition)
        if not name_match:
            continue
        file_match = re.search(r'filename="([^"]*)"', disposition)
        if file_match:
            fields[name_match.group(1)] = UploadedFile(
                file_match.group(1),
                headers.get("content-type", "application/octet-stream"),
                content,
            )
        else:
            fields[name_match.group(1)] = content.decode("utf-8")
    return fields


def mastodon_length(text: str) -> int:
    """Characters as Mastodon counts them: a URL is 23, ``@user@domain`` counts as ``@user``."""
    text = _REMOTE_MENTION.sub(r"\1", text)
    return len(_URL.sub("x" * 23, text))


def render(text: str, base: str) -> str:
    """The status HTML Mastodon's formatter makes: paragraphs, breaks, links, mentions, tags."""

    def inline(chunk: str) -> str:
        out, pos = [], 0
        tokens = sorted(
            [(m.start(), m.end(), "url", m) for m in _URL.finditer(chunk)]
            + [(m.start(), m.end(), "mention", m) for m in _MENTION.finditer(chunk)]
            + [(m.start(), m.end(), "tag", m) for m in _HASHTAG.finditer(chunk)],
            key=lambda t: t[0],
        )
        for start, end, kind, m in tokens:
            if start < pos:
                continue
            out.append(html.escape(chunk[pos:start], quote=False))
            if kind == "url":
                url = m.group(0)
                scheme, _, rest = url.partition("://")
                out.append(
                    f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener'
                    f' noreferrer"><span class="invisible">{scheme}://</span><span class'
                    f'="ellipsis">{html.escape(rest[:30])}</span><span class="invisible">'
                    f"{html.escape(rest[30:])}</span></a>"
                )
            elif kind == "mention":
                user, domain = m.group(1), m.group(2) or base.split("://", 1)[1]
                out.append(
                    f'<span class="h-card" translate="no"><a href="https://{domain}/@'
                    f'{user}" class="u-url mention">@<span>{user}</span></a></span>'
                )
            else:
                tag = m.group(1)
                out.append(
                    f'<a href="{base}/tags/{tag}" class="mention hashtag" rel="tag">#'
                    f"<span>{html.escape(tag)}</span></a>"
                )
            pos = end
        out.append(html.escape(chunk[pos:], quote=False))
        return "".join(out)

    paragraphs = [p for p in re.split(r"\n{2,}", text.strip()) if p]
    return "".join(
        "<p>" + "<br />".join(inline(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
