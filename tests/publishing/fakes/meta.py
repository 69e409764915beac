"""A fake Meta Graph API on 127.0.0.1: Facebook Pages and Instagram, which share
graph.facebook.com, plus the Facebook Login dialog (www.facebook.com/{version}/dialog/oauth).

It keeps an app, users (with the permissions they granted), Pages (posts, photos),
Instagram professional accounts (media containers, media, publish times), tokens and
authorization codes, and answers with the Graph API's shapes: ``{"id": ...}``,
``{"data": [...], "paging": {...}}``, ``{"success": true}`` and errors as
``{"error": {"message", "type", "code", "error_subcode", "error_user_title",
"error_user_msg", "is_transient", "fbtrace_id"}}``. Rate-limit usage goes out in
``X-App-Usage`` and ``X-Business-Use-Case-Usage`` headers.

What it refuses the way the Graph API does: a missing, unknown, expired (#190/463) or
invalidated (#190/460…) token; a permission the person did not grant (#10, #200); a field
that does not exist on the node (#100); another account's objects (#100/33); an upload
that is not an image (#324); the same status twice in a row (#506); an ``image_url``
Instagram cannot fetch (#9004/2207052, "Media download has failed"); publishing a
container that is not ready (#9007/2207027) or unknown (#24/2207008); a 51st Instagram
post within 24 hours (#9/2207042).

Instagram containers are ``IN_PROGRESS`` for ``processing_reads`` status reads, then
``FINISHED`` (or ``ERROR`` when queued with ``fail_next_container``).

Route names for fault injection: ``oauth_dialog``, ``access_token``, ``me_accounts``,
``page_feed``, ``page_photos``, ``page_posts``, ``insights``, ``ig_create_container``,
``ig_list_media``, ``ig_media_publish``, ``ig_publishing_limit``, ``get_node``,
``delete_node``.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.publishing.fakes.server import FakeNetwork, Fault, Request, Response

VERSION = r"/v(?P<version>\d+\.\d+)"
NODE = r"(?P<node>[A-Za-z0-9_]+)"

FACEBOOK_SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_manage_posts",
    "read_insights",
)
INSTAGRAM_SCOPES = (
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_insights",
    "instagram_manage_contents",
)
ALL_TASKS = ("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE")

LONG_LIVED_SECONDS = 5_183_944  # about 60 days, as Facebook answers
SHORT_LIVED_SECONDS = 5_400
QUOTA_TOTAL = 50
QUOTA_SECONDS = 86_400
CONTAINER_LIFETIME = 86_400

PAGE_FIELDS = {
    "id",
    "name",
    "access_token",
    "instagram_business_account",
    "category",
    "link",
    "fan_count",
}
POST_FIELDS = {
    "id",
    "message",
    "created_time",
    "updated_time",
    "permalink_url",
    "shares",
    "comments",
    "reactions",
    "is_published",
    "status_type",
}
PHOTO_FIELDS = {"id", "alt_text_custom", "name", "created_time", "link"}
CONTAINER_FIELDS = {"id", "status_code", "status"}
MEDIA_FIELDS = {
    "id",
    "caption",
    "permalink",
    "timestamp",
    "like_count",
    "comments_count",
    "media_type",
    "media_url",
    "media_product_type",
    "username",
    "shortcode",
}
IG_USER_FIELDS = {"id", "username", "name", "media_count", "followers_count"}
ACCOUNT_FIELDS = {"id", "name", "access_token", "tasks", "category"}
LIMIT_FIELDS = {"quota_usage", "config"}
POST_METRICS = {
    "post_media_view",
    "post_total_media_view_unique",
    "post_clicks",
    "post_reactions_by_type_total",
}
MEDIA_METRICS = {"views", "reach", "likes", "comments", "shares", "saved", "total_interactions"}

TOKEN_SUBCODE_MESSAGES = {
    458: "Error validating access token: The user has not authorized application {app}.",
    459: "Error validating access token: You cannot access the app till you log in to "
    "www.facebook.com and follow the instructions given.",
    460: "Error validating access token: The session has been invalidated because the user "
    "changed their password or Facebook has changed the session for security reasons.",
    464: "Error validating access token: Sessions for the user are not allowed because the "
    "user is not a confirmed user.",
    467: "Error validating access token: The user has logged out.",
}


@dataclass
class Token:
    value: str
    kind: str  # "user" or "page"
    user_id: str
    scopes: frozenset[str]
    page_id: str = ""
    expires_at: float | None = None
    invalid_subcode: int | None = None


@dataclass
class App:
    client_id: str
    secret: str
    redirect_uris: set[str]


@dataclass
class User:
    id: str
    name: str
    granted: set[str] = field(default_factory=set)


@dataclass
class Photo:
    id: str
    page_id: str
    filename: str
    content: bytes
    content_type: str
    alt_text: str
    published: bool
    created: float
    post_id: str = ""


@dataclass
class PagePost:
    id: str
    page_id: str
    message: str
    link: str
    created: float
    photo_ids: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    shares: int = 0
    comments: int = 0
    reactions: int = 0


@dataclass
class Page:
    id: str
    name: str
    admins: dict[str, tuple[str, ...]]  # user id -> tasks
    instagram_id: str = ""
    category: str = "Hospital"


@dataclass
class Container:
    id: str
    ig_user_id: str
    media_type: str  # IMAGE or CAROUSEL
    image_url: str
    caption: str
    alt_text: str
    is_carousel_item: bool
    children: list[str]
    created: float
    reads_left: int
    final_status: str = "FINISHED"
    error_status: str = ""
    published_media_id: str = ""


@dataclass
class Media:
    id: str
    ig_user_id: str
    media_type: str  # IMAGE or CAROUSEL_ALBUM
    caption: str
    permalink: str
    created: float
    image_urls: list[str]
    alt_texts: list[str]
    container_id: str
    metrics: dict[str, int] = field(default_factory=dict)
    like_count: int = 0
    comments_count: int = 0


@dataclass
class InstagramUser:
    id: str
    username: str
    page_id: str
    publishes: list[float] = field(default_factory=list)


class GraphFailure(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def parse_fields(spec: str) -> dict[str, dict[str, Any] | None]:
    """Graph's ``fields`` syntax: ``a,b.limit(0).summary(true),c{d,e}`` → names (with
    subfields for ``{...}``)."""
    result: dict[str, dict[str, Any] | None] = {}
    depth, start = 0, 0
    items = []
    for index, char in enumerate(spec + ","):
        if char in "({":
            depth += 1
        elif char in ")}":
            depth -= 1
        elif char == "," and depth == 0:
            items.append(spec[start:index].strip())
            start = index + 1
    for item in items:
        if not item:
            continue
        name = re.match(r"[A-Za-z_]+", item)
        if not name:
            continue
        sub = None
        if "{" in item and item.endswith("}"):
            sub = parse_fields(item[item.index("{") + 1 : -1])
        result[name.group(0)] = sub
    return result


def graph_time(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(seconds))


def looks_like_image(content: bytes) -> bool:
    return (
        content.startswith(b"\xff\xd8\xff")
        or content.startswith(b"\x89PNG\r\n\x1a\n")
        or content[:6] in (b"GIF87a", b"GIF89a")
        or (content[:4] == b"RIFF" and content[8:12] == b"WEBP")
    )


class FakeMeta(FakeNetwork):
    name = "meta"

    APP_ID = "940000000000001"
    APP_SECRET = "fake-app-secret-1"
    REDIRECT_URI = "https://nabz.example/w/sample/accounts/facebook/callback"
    USER_ID = "100000000000001"
    USER_NAME = "Sam Sample"
    PAGE_ID = "104000000000001"
    PAGE_NAME = "Sample Hospital"
    OTHER_PAGE_ID = "104000000000002"
    OTHER_PAGE_NAME = "Sample Clinic"
    IG_USER_ID = "17841400000000001"
    IG_USERNAME = "samplehospital"

    def __init__(self, *, seed: int = 7) -> None:
        self.seed = seed
        self._init_state()
        super().__init__(seed=seed)
        self._seed_world()

    def reset(self) -> None:
        """A fresh world on the same running server (cheaper than a new server per test)."""
        with self.lock:
            self._init_state()
            self.faults.clear()
            self.random_faults.clear()
            self.requests.clear()
            self.random.seed(self.seed)
            self._seed_world()

    def _init_state(self) -> None:
        self.clock_offset = 0.0
        self.apps: dict[str, App] = {}
        self.users: dict[str, User] = {}
        self.pages: dict[str, Page] = {}
        self.page_posts: dict[str, PagePost] = {}
        self.photos: dict[str, Photo] = {}
        self.ig_users: dict[str, InstagramUser] = {}
        self.containers: dict[str, Container] = {}
        self.media: dict[str, Media] = {}
        self.tokens: dict[str, Token] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.sequence = 0
        self.traces = 0
        # Knobs for tests.
        self.processing_reads = 1  # status reads a container stays IN_PROGRESS
        self.container_failures: list[str] = []  # statuses for the next containers: ERROR
        self.unreachable_urls: set[str] = set()
        self.refuse_private_hosts = False  # Instagram cannot fetch from localhost/LAN
        self.usage_percent = 3
        self.throttled: dict[str, Any] | None = None
        self.consenting_user = self.USER_ID
        self.declined_scopes: set[str] = set()
        self.internal_errors: list[str] = []

    # --- the world ------------------------------------------------------------------------
    def _seed_world(self) -> None:
        self.add_app(self.APP_ID, self.APP_SECRET, {self.REDIRECT_URI})
        self.add_user(self.USER_ID, self.USER_NAME, set(FACEBOOK_SCOPES + INSTAGRAM_SCOPES))
        self.add_page(
            self.PAGE_ID,
            self.PAGE_NAME,
            {self.USER_ID: ALL_TASKS},
            instagram=(self.IG_USER_ID, self.IG_USERNAME),
        )
        self.add_page(self.OTHER_PAGE_ID, self.OTHER_PAGE_NAME, {self.USER_ID: ALL_TASKS})

    def now(self) -> float:
        return time.time() + self.clock_offset

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.clock_offset += seconds

    def add_app(self, client_id: str, secret: str, redirect_uris: set[str]) -> App:
        self.apps[client_id] = App(client_id, secret, set(redirect_uris))
        return self.apps[client_id]

    def add_user(self, user_id: str, name: str, granted: set[str]) -> User:
        self.users[user_id] = User(user_id, name, set(granted))
        return self.users[user_id]

    def add_page(
        self,
        page_id: str,
        name: str,
        admins: dict[str, tuple[str, ...]],
        *,
        instagram: tuple[str, str] | None = None,
    ) -> Page:
        page = Page(page_id, name, dict(admins))
        if instagram:
            page.instagram_id = instagram[0]
            self.ig_users[instagram[0]] = InstagramUser(instagram[0], instagram[1], page_id)
        self.pages[page_id] = page
        return page

    def user_token(
        self,
        user_id: str | None = None,
        *,
        scopes: set[str] | None = None,
        expires_in: float | None = LONG_LIVED_SECONDS,
    ) -> str:
        user = self.users[user_id or self.USER_ID]
        granted = frozenset(user.granted if scopes is None else scopes)
        return self._issue("user", user.id, granted, expires_in=expires_in)

    def page_token(
        self,
        page_id: str | None = None,
        user_id: str | None = None,
        *,
        scopes: set[str] | None = None,
    ) -> str:
        """A Page access token as /me/accounts gives it (no expiry)."""
        user = self.users[user_id or self.USER_ID]
        granted = frozenset(user.granted if scopes is None else scopes)
        return self._issue(
            "page", user.id, granted, page_id=page_id or self.PAGE_ID, expires_in=None
        )

    def expire(self, token: str) -> None:
        with self.lock:
            self.tokens[token].expires_at = self.now() - 1

    def revoke(self, token: str, subcode: int = 460) -> None:
        with self.lock:
            self.tokens[token].invalid_subcode = subcode

    def throttle(self, kind: str = "pages", minutes: int = 3) -> None:
        """Every authenticated call fails as throttled: ``pages`` (#80001), ``instagram``
        (#80002) with Meta's estimate in the Business Use Case header, or ``app`` (#4)."""
        self.throttled = {"kind": kind, "minutes": minutes}

    def unthrottle(self) -> None:
        self.throttled = None

    def fail_next_container(
        self,
        status: str = "Error: Media upload has failed with error code 2207026",
        *,
        final: str = "ERROR",
    ) -> None:
        self.container_failures.append(f"{final}|{status}")

    def record_publishes(self, ig_user_id: str, count: int, *, at: float | None = None) -> None:
        """Count ``count`` earlier publishes (for the 24-hour quota)."""
        with self.lock:
            self.ig_users[ig_user_id].publishes.extend([at or self.now()] * count)

    def posts_of(self, page_id: str | None = None) -> list[PagePost]:
        return [p for p in self.page_posts.values() if p.page_id == (page_id or self.PAGE_ID)]

    def media_of(self, ig_user_id: str | None = None) -> list[Media]:
        return [m for m in self.media.values() if m.ig_user_id == (ig_user_id or self.IG_USER_ID)]

    def _issue(
        self,
        kind: str,
        user_id: str,
        scopes: frozenset[str],
        *,
        page_id: str = "",
        expires_in: float | None,
    ) -> str:
        value = ("EAAG" if kind == "page" else "EAAB") + secrets.token_urlsafe(30)
        expires = self.now() + expires_in if expires_in else None
        self.tokens[value] = Token(value, kind, user_id, scopes, page_id, expires)
        return value

    def _next_id(self, base: int) -> str:
        self.sequence += 1
        return str(base + self.sequence)

    # --- routes -----------------------------------------------------------------------
    def setup_routes(self) -> None:
        routes: list[tuple[str, str, str, Callable[..., Response]]] = [
            ("GET", rf"{VERSION}/dialog/oauth", "oauth_dialog", self.oauth_dialog),
            ("GET", rf"{VERSION}/oauth/access_token", "access_token", self.access_token),
            ("POST", rf"{VERSION}/oauth/access_token", "access_token", self.access_token),
            ("GET", rf"{VERSION}/me/accounts", "me_accounts", self.me_accounts),
            ("POST", rf"{VERSION}/{NODE}/feed", "page_feed", self.page_feed),
            ("POST", rf"{VERSION}/{NODE}/photos", "page_photos", self.page_photos),
            ("GET", rf"{VERSION}/{NODE}/posts", "page_posts", self.list_page_posts),
            ("GET", rf"{VERSION}/{NODE}/insights", "insights", self.insights),
            ("POST", rf"{VERSION}/{NODE}/media", "ig_create_container", self.create_container),
            ("GET", rf"{VERSION}/{NODE}/media", "ig_list_media", self.list_media),
            ("POST", rf"{VERSION}/{NODE}/media_publish", "ig_media_publish", self.media_publish),
            (
                "GET",
                rf"{VERSION}/{NODE}/content_publishing_limit",
                "ig_publishing_limit",
                self.publishing_limit,
            ),
            ("GET", rf"{VERSION}/{NODE}", "get_node", self.get_node),
            ("DELETE", rf"{VERSION}/{NODE}", "delete_node", self.delete_node),
        ]
        for method, pattern, name, handler in routes:
            self.route(method, pattern, name, self._wrap(handler))
        for method in ("GET", "POST", "DELETE", "PUT", "PATCH"):
            self.route(method, r"/.*", "unknown_path", self._wrap(self.unknown_path))

    def _wrap(self, handler: Callable[..., Response]) -> Callable[[Request], Response]:
        def run(request: Request) -> Response:
            try:
                args = {k: v for k, v in request.params.items() if k != "version"}
                return handler(request, **args)
            except GraphFailure as failure:
                return failure.response
            except Exception as exc:  # a bug in the fake: answer like Graph, and remember
                self.internal_errors.append(f"{type(exc).__name__}: {exc}")
                return self._error(500, "An unknown error has occurred.", 1, transient=True)

        return run

    # --- faults in Graph's shapes -------------------------------------------------------
    def error(self, fault: Fault) -> Response:
        if fault.kind == "status":
            if fault.body is not None:
                return Response(fault.status, fault.body)
            if fault.status in (502, 504):
                return Response(
                    fault.status,
                    b"<html><body><h1>Bad Gateway</h1></body></html>",
                    {"content-type": "text/html"},
                )
            if fault.status == 503:
                return self._error(503, "Service temporarily unavailable", 2, transient=True)
            if fault.status >= 500:
                return self._error(
                    fault.status, "An unknown error has occurred.", 1, transient=True
                )
            return self._error(fault.status, "(#100) Invalid parameter", 100)
        if fault.kind == "rate_limited":
            usage = {"call_count": 100, "total_cputime": 40, "total_time": 60}
            return self._error(
                400,
                "(#4) Application request limit reached",
                4,
                transient=True,
                headers={"x-app-usage": json.dumps(usage)},
            )
        if fault.kind == "expired_token":
            return self._expired_error()
        if fault.kind == "revoked_token":
            return self._error(400, TOKEN_SUBCODE_MESSAGES[460], 190, 460)
        if fault.kind == "rejected":
            return self._error(
                400,
                "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
                368,
                1390008,
                user_title="Your content couldn't be shared",
                user_msg=fault.message,
            )
        return super().error(fault)

    def _expired_error(self) -> Response:
        stamp = time.strftime("%A, %d-%b-%y %H:%M:%S UTC", time.gmtime(self.now()))
        return self._error(
            400,
            f"Error validating access token: Session has expired on "
            f"{stamp}. The current time is {stamp}.",
            190,
            463,
        )

    def _error(
        self,
        status: int,
        message: str,
        code: int,
        subcode: int | None = None,
        *,
        kind: str = "OAuthException",
        user_title: str = "",
        user_msg: str = "",
        transient: bool = False,
        headers: dict[str, str] | None = None,
    ) -> Response:
        self.traces += 1
        error: dict[str, Any] = {"message": message, "type": kind, "code": code}
        if subcode is not None:
            error["error_subcode"] = subcode
        error["is_transient"] = transient
        if user_title:
            error["error_user_title"] = user_title
        if user_msg:
            error["error_user_msg"] = user_msg
        error["fbtrace_id"] = f"A{self.traces:06d}fAkEtRaCe"
        return Response(status, {"error": error}, dict(headers or {}))

    def _fail(self, *args: Any, **kwargs: Any) -> GraphFailure:
        return GraphFailure(self._error(*args, **kwargs))

    def _missing(self, node: str, verb: str = "get") -> GraphFailure:
        return self._fail(
            400,
            f"Unsupported {verb} request. Object with ID '{node}' does not exist, cannot "
            "be loaded due to missing permissions, or does not support this operation. Please "
            "read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
            100,
            33,
            kind="GraphMethodException",
        )

    def _no_permission(self) -> GraphFailure:
        return self._fail(400, "(#10) Application does not have permission for this action", 10)

    # --- request plumbing ---------------------------------------------------------------
    def _params(self, request: Request) -> tuple[dict[str, str], dict[str, tuple[str, bytes, str]]]:
        params = {key: values[-1] for key, values in request.query.items()}
        files: dict[str, tuple[str, bytes, str]] = {}
        content_type = request.headers.get("content-type", "")
        if request.body and content_type.startswith("application/x-www-form-urlencoded"):
            form = parse_qs(request.body.decode(), keep_blank_values=True)
            params.update({key: values[-1] for key, values in form.items()})
        elif request.body and content_type.startswith("application/json"):
            data = request.json()
            if isinstance(data, dict):
                params.update(
                    {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
                )
        elif request.body and content_type.startswith("multipart/form-data"):
            head = f"Content-Type: {content_type}\r\n\r\n".encode()
            message = BytesParser(policy=policy.HTTP).parsebytes(head + request.body)
            for part in message.iter_parts():  # type: ignore[attr-defined]
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if part.get_filename() is not None:
                    files[name] = (part.get_filename(), payload, part.get_content_type())
                else:
                    params[name] = payload.decode()
        return params, files

    def _token(self, request: Request, params: dict[str, str]) -> Token:
        header = request.headers.get("authorization", "")
        value = params.get("access_token") or request.bearer
        if not value and header.lower().startswith("oauth "):
            value = header[6:]
        if not value:
            raise self._fail(400, "An access token is required to request this resource.", 104)
        token = self.tokens.get(value)
        if token is None:
            raise self._fail(400, "Invalid OAuth access token - Cannot parse access token", 190)
        if token.invalid_subcode:
            message = TOKEN_SUBCODE_MESSAGES.get(
                token.invalid_subcode, "Error validating access token: The session is invalid."
            ).format(app=self.APP_ID)
            raise self._fail(400, message, 190, token.invalid_subcode)
        if token.expires_at is not None and self.now() >= token.expires_at:
            raise GraphFailure(self._expired_error())
        if self.throttled:
            raise GraphFailure(self._throttled(token))
        return token

    def _throttled(self, token: Token) -> Response:
        kind, minutes = self.throttled["kind"], self.throttled["minutes"]  # type: ignore[index]
        if kind == "app":
            usage = {"call_count": 100, "total_cputime": 30, "total_time": 45}
            return self._error(
                400,
                "(#4) Application request limit reached",
                4,
                transient=True,
                headers={"x-app-usage": json.dumps(usage)},
            )
        owner = token.page_id or self.PAGE_ID
        if kind == "instagram":
            owner = self.pages[owner].instagram_id or owner
        usage = {
            owner: [
                {
                    "type": kind,
                    "call_count": 100,
                    "total_cputime": 20,
                    "total_time": 25,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
        code, what = (80002, "Instagram") if kind == "instagram" else (80001, "Page")
        return self._error(
            400,
            f"(#{code}) There have been too many calls to this {what} account. Wait a bit "
            "and try again. For more info, please refer to "
            "https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
            code,
            transient=True,
            headers={"x-business-use-case-usage": json.dumps(usage)},
        )

    def _ok(
        self, body: Any, token: Token | None = None, *, owner: str = "", kind: str = "pages"
    ) -> Response:
        headers: dict[str, str] = {}
        if token is not None:
            pct = self.usage_percent
            headers["x-app-usage"] = json.dumps(
                {"call_count": pct, "total_cputime": pct // 2, "total_time": pct // 2}
            )
            owner = owner or token.page_id
            if owner:
                headers["x-business-use-case-usage"] = json.dumps(
                    {
                        owner: [
                            {
                                "type": kind,
                                "call_count": pct,
                                "total_cputime": pct // 2,
                                "total_time": pct // 2,
                                "estimated_time_to_regain_access": 0,
                            }
                        ]
                    }
                )
        return Response(200, body, headers)

    def _fields(
        self,
        params: dict[str, str],
        allowed: set[str],
        node_type: str,
        default: tuple[str, ...] = ("id",),
    ) -> dict[str, dict[str, Any] | None]:
        spec = params.get("fields")
        fields = parse_fields(spec) if spec else dict.fromkeys(default)
        for name in fields:
            if name not in allowed:
                raise self._fail(
                    400,
                    f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})",
                    100,
                )
        return fields

    def _require(self, token: Token, *scopes: str) -> None:
        if not set(scopes) <= token.scopes:
            raise self._no_permission()

    def _page_access(self, token: Token, page_id: str) -> bool:
        page = self.pages.get(page_id)
        if page is None:
            return False
        if token.kind == "page":
            return token.page_id == page_id
        return token.user_id in page.admins

    def _ig_access(self, token: Token, ig_user_id: str) -> InstagramUser:
        ig = self.ig_users.get(ig_user_id)
        if ig is None or not self._page_access(token, ig.page_id):
            raise self._missing(ig_user_id, "get")
        self._require(token, "instagram_basic")
        return ig

    def _paged(
        self,
        request: Request,
        params: dict[str, str],
        items: list[Any],
        token: Token,
        default_limit: int = 25,
    ) -> tuple[list[Any], dict[str, Any]]:
        try:
            limit = max(1, min(100, int(params.get("limit", default_limit))))
            offset = (
                int(base64.urlsafe_b64decode(params["after"]).decode())
                if (params.get("after"))
                else 0
            )
        except (ValueError, TypeError):
            raise self._fail(400, "(#100) Invalid pagination parameters", 100) from None
        chunk = items[offset : offset + limit]
        paging: dict[str, Any] = {}
        if chunk:
            paging["cursors"] = {
                "before": base64.urlsafe_b64encode(str(offset).encode()).decode(),
                "after": base64.urlsafe_b64encode(str(offset + len(chunk)).encode()).decode(),
            }
            if offset + len(chunk) < len(items):
                # Like Graph, the next link carries the access token in its query.
                following = {k: v[-1] for k, v in request.query.items()}
                following.update(
                    access_token=token.value, limit=str(limit), after=paging["cursors"]["after"]
                )
                paging["next"] = f"{self.url}{request.path}?{urlencode(following)}"
        return chunk, paging

    @staticmethod
    def _window(params: dict[str, str], created: float) -> bool:
        try:
            since = float(params["since"]) if params.get("since") else None
            until = float(params["until"]) if params.get("until") else None
        except ValueError:
            return True
        return (since is None or created >= since) and (until is None or created <= until)

    # --- Facebook Login ---------------------------------------------------------------
    def oauth_dialog(self, request: Request) -> Response:
        params, _files = self._params(request)
        app = self.apps.get(params.get("client_id", ""))
        if app is None:
            return Response(400, b"<html>Invalid App ID</html>", {"content-type": "text/html"})
        redirect_uri = params.get("redirect_uri", "")
        if redirect_uri not in app.redirect_uris:
            return Response(
                400,
                b"<html>URL Blocked: This redirect failed because the redirect "
                b"URI is not whitelisted in the app's Client OAuth Settings.</html>",
                {"content-type": "text/html"},
            )
        joiner = "&" if "?" in redirect_uri else "?"
        state = params.get("state", "")
        if params.get("response_type", "code") != "code":
            return Response(
                400, b"<html>Unsupported response_type</html>", {"content-type": "text/html"}
            )
        user = self.users[self.consenting_user]
        requested = {s for s in params.get("scope", "").split(",") if s}
        granted = requested - self.declined_scopes
        if requested and not granted:
            query = urlencode(
                {
                    "error": "access_denied",
                    "error_code": 200,
                    "error_description": "Permissions error",
                    "error_reason": "user_denied",
                    "state": state,
                }
            )
            return Response(302, b"", {"location": f"{redirect_uri}{joiner}{query}#_=_"})
        user.granted |= granted
        code = "AQ" + secrets.token_urlsafe(40)
        self.codes[code] = {
            "client_id": app.client_id,
            "redirect_uri": redirect_uri,
            "user_id": user.id,
            "used": False,
            "challenge": params.get("code_challenge", ""),
        }
        query = urlencode({"code": code, "state": state})
        return Response(302, b"", {"location": f"{redirect_uri}{joiner}{query}#_=_"})

    def access_token(self, request: Request) -> Response:
        params, _files = self._params(request)
        app = self.apps.get(params.get("client_id", ""))
        if app is None:
            raise self._fail(400, "Error validating application. Invalid application ID.", 101)
        if not secrets.compare_digest(params.get("client_secret", ""), app.secret):
            raise self._fail(400, "Error validating client secret.", 1)
        if params.get("grant_type") == "fb_exchange_token":
            old = self.tokens.get(params.get("fb_exchange_token", ""))
            if old is None or old.kind != "user" or old.invalid_subcode:
                raise self._fail(400, "Invalid OAuth access token - Cannot parse access token", 190)
            if old.expires_at is not None and self.now() >= old.expires_at:
                raise GraphFailure(self._expired_error())
            token = self._issue("user", old.user_id, old.scopes, expires_in=LONG_LIVED_SECONDS)
            return Response(
                200,
                {"access_token": token, "token_type": "bearer", "expires_in": LONG_LIVED_SECONDS},
            )
        if not params.get("redirect_uri"):
            raise self._fail(400, "Missing redirect_uri parameter.", 191)
        grant = self.codes.get(params.get("code", ""))
        if grant is None or grant["client_id"] != app.client_id:
            raise self._fail(400, "Invalid verification code format.", 100, 36007)
        if grant["used"]:
            raise self._fail(400, "This authorization code has been used.", 100, 36009)
        if grant["redirect_uri"] != params["redirect_uri"]:
            raise self._fail(
                400,
                "Error validating verification code. Please make sure your "
                "redirect_uri is identical to the one you used in the OAuth "
                "dialog request",
                100,
                36008,
            )
        if grant["challenge"]:
            digest = hashlib.sha256(params.get("code_verifier", "").encode()).digest()
            expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
            if not secrets.compare_digest(expected, grant["challenge"]):
                raise self._fail(400, "Invalid code verifier.", 100)
        grant["used"] = True
        user = self.users[grant["user_id"]]
        token = self._issue(
            "user", user.id, frozenset(user.granted), expires_in=SHORT_LIVED_SECONDS
        )
        return Response(
            200, {"access_token": token, "token_type": "bearer", "expires_in": SHORT_LIVED_SECONDS}
        )

    def me_accounts(self, request: Request) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        if token.kind == "page":
            raise self._fail(
                400, "(#100) Tried accessing nonexisting field (accounts) on node type (Page)", 100
            )
        fields = self._fields(
            params,
            ACCOUNT_FIELDS,
            "Page",
            default=("access_token", "category", "name", "id", "tasks"),
        )
        pages = (
            []
            if "pages_show_list" not in token.scopes
            else [page for page in self.pages.values() if token.user_id in page.admins]
        )
        chunk, paging = self._paged(request, params, pages, token)
        data = []
        for page in chunk:
            row: dict[str, Any] = {}
            for name in fields:
                if name == "access_token":
                    row[name] = self._page_token_for(token.user_id, page.id)
                elif name == "tasks":
                    row[name] = list(page.admins[token.user_id])
                else:
                    row[name] = getattr(page, name)
            data.append(row)
        return self._ok({"data": data, "paging": paging}, token)

    def _page_token_for(self, user_id: str, page_id: str) -> str:
        """The Page token for a person (the same one while it stays valid)."""
        user = self.users[user_id]
        for token in self.tokens.values():
            if (
                token.kind == "page"
                and token.page_id == page_id
                and token.user_id == user_id
                and not token.invalid_subcode
                and (token.expires_at is None or token.expires_at > self.now())
                and token.scopes == frozenset(user.granted)
            ):
                return token.value
        return self._issue(
            "page", user_id, frozenset(user.granted), page_id=page_id, expires_in=None
        )

    # --- Facebook Pages -------------------------------------------------------------------
    def _page_publisher(self, request: Request, params: dict[str, str], page_id: str) -> Token:
        token = self._token(request, params)
        if page_id not in self.pages:
            raise self._missing(page_id, "post")
        if (
            token.kind != "page"
            or token.page_id != page_id
            or not {"pages_manage_posts", "pages_read_engagement"} <= token.scopes
        ):
            raise self._fail(
                400,
                "(#200) If posting to a page, requires both "
                "pages_read_engagement and pages_manage_posts as an admin with "
                "sufficient administrative permission",
                200,
                kind="OAuthException",
            )
        return token

    def page_feed(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._page_publisher(request, params, node)
        message, link = params.get("message", ""), params.get("link", "")
        attached: list[tuple[int, str]] = []
        for key, value in params.items():
            match = re.fullmatch(r"attached_media\[(\d+)\]", key)
            if match:
                try:
                    attached.append((int(match.group(1)), str(json.loads(value)["media_fbid"])))
                except (ValueError, KeyError, TypeError):
                    raise self._fail(
                        400, f"(#100) param {key} must be a JSON object with media_fbid", 100
                    ) from None
        photo_ids = [photo for _index, photo in sorted(attached)]
        if not message and not link and not photo_ids:
            raise self._fail(400, "(#100) Missing message or attachment", 100)
        if len(message) > 63_206:
            raise self._fail(400, "(#100) The message is too long", 100)
        if link and urlsplit(link).scheme not in ("http", "https"):
            raise self._fail(400, "(#100) The parameter link is not a valid URL", 100)
        for index, photo_id in enumerate(photo_ids):
            photo = self.photos.get(photo_id)
            if photo is None or photo.page_id != node or photo.published or photo.post_id:
                raise self._fail(
                    400, f"(#100) param attached_media[{index}] has an invalid media_fbid", 100
                )
        newest = max(self.posts_of(node), key=lambda p: p.created, default=None)
        if (
            newest is not None
            and not photo_ids
            and not newest.photo_ids
            and newest.message == message
            and newest.link == link
        ):
            raise self._fail(
                400,
                "(#506) Duplicate status message",
                506,
                user_title="Duplicate post",
                user_msg="This status update is identical to the last one you "
                "posted. Try posting something different, or delete your "
                "previous update.",
            )
        post = self._create_post(node, message, link, photo_ids)
        return self._ok({"id": post.id}, token)

    def _create_post(self, page_id: str, message: str, link: str, photo_ids: list[str]) -> PagePost:
        post = PagePost(
            f"{page_id}_{self._next_id(122_100_000_000_000_000)}",
            page_id,
            message,
            link,
            self.now(),
            list(photo_ids),
        )
        for photo_id in photo_ids:
            self.photos[photo_id].post_id = post.id
            self.photos[photo_id].published = True
        self.page_posts[post.id] = post
        return post

    def page_photos(self, request: Request, node: str) -> Response:
        params, files = self._params(request)
        token = self._page_publisher(request, params, node)
        source = files.get("source")
        if source is None and not params.get("url"):
            raise self._fail(400, "(#324) Requires upload file", 324)
        if source is not None and not looks_like_image(source[1]):
            raise self._fail(400, "(#324) Missing or invalid image file", 324)
        if source is None and urlsplit(params["url"]).scheme not in ("http", "https"):
            raise self._fail(400, "(#100) url should represent a valid URL", 100)
        published = params.get("published", "true").lower() != "false"
        filename, content, content_type = source or (params["url"], b"", "image/jpeg")
        photo = Photo(
            self._next_id(122_200_000_000_000_000),
            node,
            filename,
            content,
            content_type,
            params.get("alt_text_custom", ""),
            False,
            self.now(),
        )
        self.photos[photo.id] = photo
        if not published:
            return self._ok({"id": photo.id}, token)
        post = self._create_post(node, params.get("message", ""), "", [photo.id])
        return self._ok({"id": photo.id, "post_id": post.id}, token)

    def list_page_posts(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        if not self._page_access(token, node):
            raise self._missing(node)
        self._require(token, "pages_read_engagement")
        fields = self._fields(
            params, POST_FIELDS, "PagePost", default=("created_time", "message", "id")
        )
        posts = sorted(
            (p for p in self.posts_of(node) if self._window(params, p.created)),
            key=lambda p: p.created,
            reverse=True,
        )
        chunk, paging = self._paged(request, params, posts, token)
        return self._ok(
            {"data": [self._post_json(p, fields) for p in chunk], "paging": paging}, token
        )

    def _post_json(self, post: PagePost, fields: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name in fields:
            if name == "id":
                row["id"] = post.id
            elif name == "message" and post.message:
                row["message"] = post.message
            elif name in ("created_time", "updated_time"):
                row[name] = graph_time(post.created)
            elif name == "permalink_url":
                page_id, _, story = post.id.partition("_")
                row[name] = f"https://www.facebook.com/{page_id}/posts/{story}"
            elif name == "shares" and post.shares:
                row["shares"] = {"count": post.shares}
            elif name == "comments":
                row["comments"] = {
                    "data": [],
                    "summary": {
                        "order": "ranked",
                        "total_count": post.comments,
                        "can_comment": True,
                    },
                }
            elif name == "reactions":
                row["reactions"] = {
                    "data": [],
                    "summary": {"total_count": post.reactions, "viewer_reaction": "NONE"},
                }
            elif name == "is_published":
                row[name] = True
            elif name == "status_type":
                row[name] = "added_photos" if post.photo_ids else "mobile_status_update"
        return row

    # --- nodes ----------------------------------------------------------------------------
    def get_node(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        if node in self.pages:
            return self._page_json(token, params, self.pages[node])
        if node in self.page_posts:
            post = self.page_posts[node]
            if not self._page_access(token, post.page_id):
                raise self._missing(node)
            fields = self._fields(
                params, POST_FIELDS, "PagePost", default=("created_time", "message", "id")
            )
            return self._ok(self._post_json(post, fields), token)
        if node in self.photos:
            photo = self.photos[node]
            if not self._page_access(token, photo.page_id):
                raise self._missing(node)
            fields = self._fields(params, PHOTO_FIELDS, "Photo")
            row = {
                "id": photo.id,
                "alt_text_custom": photo.alt_text,
                "name": "",
                "created_time": graph_time(photo.created),
                "link": "",
            }
            return self._ok({k: row[k] for k in fields}, token)
        if node in self.containers:
            container = self.containers[node]
            self._ig_access(token, container.ig_user_id)
            fields = self._fields(params, CONTAINER_FIELDS, "ShadowIGMediaBuilder")
            status_code, status = self._read_status(container)
            row = {"id": container.id, "status_code": status_code, "status": status}
            return self._ok(
                {k: row[k] for k in fields}, token, owner=container.ig_user_id, kind="instagram"
            )
        if node in self.media:
            media = self.media[node]
            self._ig_access(token, media.ig_user_id)
            fields = self._fields(params, MEDIA_FIELDS, "IGMedia")
            return self._ok(
                self._media_json(media, fields), token, owner=media.ig_user_id, kind="instagram"
            )
        if node in self.ig_users:
            ig = self._ig_access(token, node)
            fields = self._fields(params, IG_USER_FIELDS, "IGUser")
            row = {
                "id": ig.id,
                "username": ig.username,
                "name": ig.username,
                "media_count": len(self.media_of(ig.id)),
                "followers_count": 0,
            }
            return self._ok({k: row[k] for k in fields}, token, owner=ig.id, kind="instagram")
        raise self._missing(node)

    def _page_json(self, token: Token, params: dict[str, str], page: Page) -> Response:
        if not self._page_access(token, page.id):
            # Public Page fields are readable by anyone; the rest needs a role.
            fields = self._fields(params, {"id", "name"}, "Page", default=("name", "id"))
            return self._ok({k: getattr(page, k) for k in fields}, token)
        fields = self._fields(params, PAGE_FIELDS, "Page", default=("name", "id"))
        row: dict[str, Any] = {}
        for name, sub in fields.items():
            if name == "access_token":
                row[name] = (
                    token.value
                    if token.kind == "page"
                    else self._page_token_for(token.user_id, page.id)
                )
            elif name == "instagram_business_account":
                if page.instagram_id:
                    ig = self.ig_users[page.instagram_id]
                    wanted = sub or {"id": None}
                    for key in wanted:
                        if key not in ("id", "username", "name"):
                            raise self._fail(
                                400,
                                f"(#100) Tried accessing nonexisting field "
                                f"({key}) on node type (IGUser)",
                                100,
                            )
                    full = {"id": ig.id, "username": ig.username, "name": ig.username}
                    row[name] = {k: full[k] for k in wanted}
            elif name == "link":
                row[name] = f"https://www.facebook.com/{page.id}"
            elif name == "fan_count":
                row[name] = 0
            else:
                row[name] = getattr(page, name)
        return self._ok(row, token)

    def delete_node(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        if node in self.page_posts:
            post = self.page_posts[node]
            if not self._page_access(token, post.page_id):
                raise self._missing(node, "delete")
            if token.kind != "page" or "pages_manage_posts" not in token.scopes:
                raise self._fail(400, "(#200) Permissions error", 200)
            del self.page_posts[node]
            for photo_id in post.photo_ids:
                self.photos.pop(photo_id, None)
            return self._ok({"success": True}, token)
        if node in self.media:
            media = self.media[node]
            ig = self.ig_users[media.ig_user_id]
            if not self._page_access(token, ig.page_id):
                raise self._missing(node, "delete")
            self._require(token, "instagram_basic", "instagram_manage_contents")
            del self.media[node]
            return self._ok({"success": True}, token, owner=ig.id, kind="instagram")
        raise self._missing(node, "delete")

    def insights(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        metrics = [m for m in params.get("metric", "").split(",") if m]
        if node in self.page_posts:
            post = self.page_posts[node]
            if not self._page_access(token, post.page_id):
                raise self._missing(node)
            if not {"read_insights", "pages_read_engagement"} <= token.scopes:
                raise self._fail(
                    400, "(#10) This endpoint requires the 'read_insights' permission", 10
                )
            allowed, values, owner, kind = POST_METRICS, post.metrics, "", "pages"
        elif node in self.media:
            media = self.media[node]
            self._ig_access(token, media.ig_user_id)
            self._require(token, "instagram_manage_insights")
            allowed, values = MEDIA_METRICS, media.metrics
            owner, kind = media.ig_user_id, "instagram"
        else:
            raise self._missing(node)
        if not metrics:
            raise self._fail(400, "(#100) The parameter metric is required", 100)
        for metric in metrics:
            if metric not in allowed:
                raise self._fail(400, "(#100) The value must be a valid insights metric", 100)
        data = [
            {
                "name": metric,
                "period": "lifetime",
                "values": [{"value": values.get(metric, 0)}],
                "title": metric.replace("_", " ").title(),
                "description": "",
                "id": f"{node}/insights/{metric}/lifetime",
            }
            for metric in metrics
        ]
        return self._ok({"data": data}, token, owner=owner, kind=kind)

    # --- Instagram --------------------------------------------------------------------
    def _ig_publisher(
        self, request: Request, params: dict[str, str], node: str
    ) -> tuple[Token, InstagramUser]:
        token = self._token(request, params)
        ig = self.ig_users.get(node)
        if ig is None or not self._page_access(token, ig.page_id):
            raise self._missing(node, "post")
        self._require(token, "instagram_basic", "instagram_content_publish")
        return token, ig

    def _fetchable(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        if url in self.unreachable_urls:
            return False
        if self.refuse_private_hosts:
            host = parts.hostname
            if host == "localhost" or host.endswith(".local"):
                return False
            try:
                address = ipaddress.ip_address(host)
            except ValueError:
                return True
            return address.is_global
        return True

    def create_container(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token, ig = self._ig_publisher(request, params, node)
        media_type = params.get("media_type", "").upper()
        caption = params.get("caption", "")
        alt_text = params.get("alt_text", "")
        if len(caption) > 2_200:
            raise self._fail(
                400, "(#100) The caption is too long. Captions are limited to 2200 characters.", 100
            )
        if len(re.findall(r"(?<!\w)#\w", caption)) > 30:
            raise self._fail(400, "(#100) A caption can contain at most 30 hashtags.", 100)
        if len(alt_text) > 1_000:
            raise self._fail(
                400, "(#100) Param alt_text must be at most 1000 characters long.", 100
            )
        children: list[str] = []
        image_url = ""
        if media_type == "CAROUSEL":
            children = [c for c in params.get("children", "").split(",") if c]
            if not 2 <= len(children) <= 10:
                raise self._fail(400, "(#100) A carousel takes between 2 and 10 children.", 100)
            for child in children:
                item = self.containers.get(child)
                if (
                    item is None
                    or item.ig_user_id != ig.id
                    or not item.is_carousel_item
                    or item.final_status != "FINISHED"
                ):
                    raise self._fail(
                        400,
                        "(#100) Invalid parameter",
                        100,
                        2207008,
                        user_title="Media builder not found",
                        user_msg=f"The carousel item {child} does not exist or cannot be used.",
                    )
        elif media_type in ("", "IMAGE"):
            image_url = params.get("image_url", "")
            if not image_url:
                raise self._fail(400, "(#100) The parameter image_url is required.", 100)
            if not self._fetchable(image_url):
                raise self._fail(
                    400,
                    "Only photo or video can be accepted as media type.",
                    9004,
                    2207052,
                    user_title="Media download has failed.",
                    user_msg=f"The media could not be fetched from this URI: {image_url}. "
                    "Please check the URI and try again.",
                )
            media_type = "IMAGE"
        else:
            raise self._fail(400, f"(#100) media_type {media_type} is not served by this fake", 100)
        final, _, error_status = (
            self.container_failures.pop(0).partition("|")
            if self.container_failures
            else ("FINISHED", "", "")
        )
        container = Container(
            self._next_id(17_900_000_000_000_000),
            ig.id,
            media_type,
            image_url,
            caption,
            alt_text,
            params.get("is_carousel_item", "false").lower() == "true",
            children,
            self.now(),
            self.processing_reads,
            final,
            error_status,
        )
        self.containers[container.id] = container
        return self._ok({"id": container.id}, token, owner=ig.id, kind="instagram")

    def _read_status(self, container: Container) -> tuple[str, str]:
        if container.published_media_id:
            return "PUBLISHED", "Published"
        if self.now() - container.created > CONTAINER_LIFETIME:
            return "EXPIRED", "Expired"
        if container.reads_left > 0:
            container.reads_left -= 1
            return "IN_PROGRESS", "In Progress"
        if container.final_status != "FINISHED":
            return container.final_status, container.error_status
        return "FINISHED", "Finished"

    def media_publish(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token, ig = self._ig_publisher(request, params, node)
        creation_id = params.get("creation_id", "")
        if not creation_id:
            raise self._fail(400, "(#100) The parameter creation_id is required.", 100)
        container = self.containers.get(creation_id)
        if container is None or container.ig_user_id != ig.id or container.is_carousel_item:
            raise self._fail(
                400,
                "The requested resource does not exist",
                24,
                2207008,
                user_title="Media builder not found",
                user_msg=f"The media builder with creation id = {creation_id} does "
                "not exist or has expired.",
            )
        window = [t for t in ig.publishes if self.now() - t < QUOTA_SECONDS]
        if len(window) >= QUOTA_TOTAL:
            raise self._fail(
                400,
                "Application request limit reached",
                9,
                2207042,
                user_title="Maximum posts published",
                user_msg="You reached maximum number of posts that is allowed to "
                "be published by Content Publishing API.",
            )
        if container.published_media_id:
            raise self._fail(400, "(#100) The container has already been published", 100)
        if self.now() - container.created > CONTAINER_LIFETIME:
            raise self._fail(
                400,
                "The media you are trying to access has expired. Please try to upload again.",
                -2,
                2207020,
            )
        if container.reads_left > 0 or container.final_status != "FINISHED":
            raise self._fail(
                400,
                "Media ID is not available",
                9007,
                2207027,
                user_title="Media not ready for publishing",
                user_msg="The media is not ready for publishing, please wait for a moment",
            )
        items = (
            [self.containers[c] for c in container.children]
            if container.media_type == "CAROUSEL"
            else [container]
        )
        media_id = self._next_id(18_000_000_000_000_000)
        shortcode = base64.urlsafe_b64encode(hashlib.sha1(media_id.encode()).digest()).decode()[:11]
        media = Media(
            media_id,
            ig.id,
            "CAROUSEL_ALBUM" if container.media_type == "CAROUSEL" else "IMAGE",
            container.caption,
            f"https://www.instagram.com/p/{shortcode}/",
            self.now(),
            [i.image_url for i in items],
            [i.alt_text for i in items],
            container.id,
        )
        self.media[media_id] = media
        container.published_media_id = media_id
        for item in items:
            item.published_media_id = item.published_media_id or media_id
        ig.publishes.append(self.now())
        return self._ok({"id": media_id}, token, owner=ig.id, kind="instagram")

    def _media_json(self, media: Media, fields: dict[str, Any]) -> dict[str, Any]:
        full: dict[str, Any] = {
            "id": media.id,
            "caption": media.caption,
            "permalink": media.permalink,
            "timestamp": graph_time(media.created),
            "like_count": media.like_count,
            "comments_count": media.comments_count,
            "media_type": media.media_type,
            "media_url": media.image_urls[0] if media.image_urls else "",
            "media_product_type": "FEED",
            "username": self.ig_users[media.ig_user_id].username,
            "shortcode": media.permalink.rstrip("/").rsplit("/", 1)[-1],
        }
        return {k: full[k] for k in fields if not (k == "caption" and not media.caption)}

    def list_media(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        ig = self._ig_access(token, node)
        fields = self._fields(params, MEDIA_FIELDS, "IGMedia")
        items = sorted(
            (m for m in self.media_of(ig.id) if self._window(params, m.created)),
            key=lambda m: m.created,
            reverse=True,
        )
        chunk, paging = self._paged(request, params, items, token)
        return self._ok(
            {"data": [self._media_json(m, fields) for m in chunk], "paging": paging},
            token,
            owner=ig.id,
            kind="instagram",
        )

    def publishing_limit(self, request: Request, node: str) -> Response:
        params, _files = self._params(request)
        token = self._token(request, params)
        ig = self._ig_access(token, node)
        self._require(token, "instagram_content_publish")
        fields = self._fields(
            params, LIMIT_FIELDS, "ContentPublishingLimit", default=("quota_usage",)
        )
        start = self.now() - QUOTA_SECONDS
        if params.get("since"):
            try:
                start = max(start, float(params["since"]))
            except ValueError:
                raise self._fail(400, "(#100) since must be a unix timestamp", 100) from None
        row: dict[str, Any] = {}
        if "quota_usage" in fields:
            row["quota_usage"] = sum(1 for t in ig.publishes if t >= start)
        if "config" in fields:
            row["config"] = {"quota_total": QUOTA_TOTAL, "quota_duration": QUOTA_SECONDS}
        return self._ok({"data": [row]}, token, owner=ig.id, kind="instagram")

    def unknown_path(self, request: Request) -> Response:
        raise self._fail(400, f"Unknown path components: {request.path}", 2500)
