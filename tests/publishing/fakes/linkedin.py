"""A fake LinkedIn: OAuth 2.0, organisation ACLs, the Images API, the Posts API and share
statistics, with LinkedIn's paths, headers, status codes and error bodies.

It refuses what LinkedIn refuses: a missing or sunset ``LinkedIn-Version``, a missing
``X-Restli-Protocol-Version: 2.0.0``, an unknown, expired or revoked token (each with its
own ``serviceErrorCode``), a missing scope or page role (403 ACCESS_DENIED), a post missing
a required field or pointing at an image that was never uploaded (422), a page's duplicate
text (422 "Content is a duplicate of ..."). Like LinkedIn, it silently cuts commentary at
the first unescaped *little* reserved character, and returns hashtags as templates.

Route names for fault injection: authorize, token, organization_acls, organization,
initialize_upload, upload_image, create_post, find_posts, get_post, delete_post,
share_statistics.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlencode

from tests.publishing.fakes.server import FakeNetwork, Fault, Request, Response

CLIENT_ID = "li-client-id"
CLIENT_SECRET = "li-client-secret"
MEMBER = "urn:li:person:Xk2mQ9a"
ORGANIZATION = "urn:li:organization:2414183"
OTHER_ORGANIZATION = "urn:li:organization:5590012"  # the member is only an analyst there
ALL_SCOPES = {
    "w_organization_social",
    "r_organization_social",
    "rw_organization_admin",
    "r_organization_admin",
    "w_member_social",
    "openid",
    "profile",
}
ACTIVE_VERSIONS = (202511, 202612)  # older: sunset (426); newer: not released (426)
RESERVED = set("\\|{}@[]()<>#*_~")
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _error(status: int, message: str, code: str = "", service_code: int | None = None) -> Response:
    body: dict[str, Any] = {"message": message, "status": status}
    if code:
        body["code"] = code
    if service_code is not None:
        body["serviceErrorCode"] = service_code
    return Response(status, body)


@dataclass
class Token:
    member: str
    scopes: set[str]
    expires_at: float
    revoked: bool = False


@dataclass
class Image:
    urn: str
    owner: str
    upload_id: str
    content: bytes | None = None
    content_type: str = ""


@dataclass
class Post:
    urn: str
    author: str
    commentary: str  # as stored: little text, cut at the first unescaped reserved char
    body: dict[str, Any]
    created_at: int = field(default_factory=_now_ms)
    deleted: bool = False


def parse_little(commentary: str) -> str:
    """What LinkedIn keeps of ``commentary``: everything up to the first unescaped reserved
    character that is neither a hashtag nor inside a link."""
    i = 0
    while i < len(commentary):
        char = commentary[i]
        if char == "\\" and i + 1 < len(commentary):
            i += 2
            continue
        url = _URL.match(commentary, i)
        if url and (i == 0 or not commentary[i - 1].isalnum()):
            i = url.end()
            continue
        if (
            char == "#"
            and i + 1 < len(commentary)
            and (commentary[i + 1].isalnum() or commentary[i + 1] == "_")
        ):
            i += 1
            while i < len(commentary) and (commentary[i].isalnum() or commentary[i] == "_"):
                i += 1
            continue
        if char in RESERVED:
            return commentary[:i]
        i += 1
    return commentary


def as_templates(commentary: str) -> str:
    """Hashtags as LinkedIn returns them: ``{hashtag|\\#|tag}``."""
    out: list[str] = []
    i = 0
    while i < len(commentary):
        char = commentary[i]
        if char == "\\" and i + 1 < len(commentary):
            out.append(commentary[i : i + 2])
            i += 2
            continue
        url = _URL.match(commentary, i)
        if url and (i == 0 or not commentary[i - 1].isalnum()):
            out.append(url.group())
            i = url.end()
            continue
        if (
            char == "#"
            and i + 1 < len(commentary)
            and (commentary[i + 1].isalnum() or commentary[i + 1] == "_")
        ):
            end = i + 1
            while end < len(commentary) and (commentary[end].isalnum() or commentary[end] == "_"):
                end += 1
            out.append("{hashtag|\\#|" + commentary[i + 1 : end] + "}")
            i = end
            continue
        out.append(char)
        i += 1
    return "".join(out)


class FakeLinkedIn(FakeNetwork):
    name = "linkedin"

    def setup_routes(self) -> None:
        self.ids = itertools.count(7_300_000_000_000_000_000)
        self.clients = {CLIENT_ID: CLIENT_SECRET}
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, Token] = {}
        self.refresh_tokens: dict[str, Token] = {}
        self.roles: dict[str, dict[str, str]] = {
            MEMBER: {ORGANIZATION: "ADMINISTRATOR", OTHER_ORGANIZATION: "ANALYST"}
        }
        self.organizations = {
            ORGANIZATION: {"localizedName": "Sunrise Hospital", "vanityName": "sunrise-hospital"},
            OTHER_ORGANIZATION: {"localizedName": "Partner Clinic", "vanityName": "partner"},
        }
        self.images: dict[str, Image] = {}
        self.uploads: dict[str, str] = {}  # upload id -> image urn
        self.posts: dict[str, Post] = {}
        self.statistics: dict[str, dict[str, Any]] = {}

        self.route("GET", "/oauth/v2/authorization", "authorize", self.authorize)
        self.route("POST", "/oauth/v2/accessToken", "token", self.token)
        self.route("GET", "/rest/organizationAcls", "organization_acls", self.organization_acls)
        self.route("GET", r"/rest/organizations/(?P<id>\d+)", "organization", self.organization)
        self.route("POST", "/rest/images", "initialize_upload", self.initialize_upload)
        self.route(
            "PUT",
            r"/dms-uploads/(?P<upload>[^/]+)/uploaded-image/0",
            "upload_image",
            self.upload_image,
        )
        self.route("POST", "/rest/posts", "create_post", self.create_post)
        self.route("GET", "/rest/posts", "find_posts", self.find_posts)
        self.route("GET", r"/rest/posts/(?P<urn>[^/]+)", "get_post", self.get_post)
        self.route("DELETE", r"/rest/posts/(?P<urn>[^/]+)", "delete_post", self.delete_post)
        self.route(
            "GET",
            "/rest/organizationalEntityShareStatistics",
            "share_statistics",
            self.share_statistics,
        )

    # --- test helpers ------------------------------------------------------------------
    def issue_token(
        self, member: str = MEMBER, scopes: set[str] | None = None, expires_in: int = 5_184_000
    ) -> tuple[str, str]:
        """An access and a refresh token, as if the member had gone through OAuth."""
        granted = set(
            scopes
            if scopes is not None
            else {"w_organization_social", "r_organization_social", "rw_organization_admin"}
        )
        access, refresh = "AQV" + secrets.token_urlsafe(24), "AQX" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[access] = Token(member, granted, time.time() + expires_in)
            self.refresh_tokens[refresh] = Token(member, granted, time.time() + 31_536_000)
        return access, refresh

    def add_organization(
        self, urn: str, name: str, *, member: str = MEMBER, role: str = "ADMINISTRATOR"
    ) -> None:
        """Another page, with ``member`` holding ``role`` on it (for several accounts)."""
        with self.lock:
            self.organizations[urn] = {"localizedName": name, "vanityName": urn.rsplit(":", 1)[-1]}
            self.roles.setdefault(member, {})[urn] = role

    def expire_tokens(self) -> None:
        with self.lock:
            for token in self.tokens.values():
                token.expires_at = time.time() - 1

    def revoke_tokens(self) -> None:
        """The member removed our app: every access and refresh token stops working."""
        with self.lock:
            for token in [*self.tokens.values(), *self.refresh_tokens.values()]:
                token.revoked = True

    def live_posts(self) -> list[Post]:
        return [post for post in self.posts.values() if not post.deleted]

    # --- errors --------------------------------------------------------------------------
    def error(self, fault: Fault) -> Response:
        if fault.kind == "expired_token":
            self.expire_tokens()
            return _error(
                401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65602
            )
        if fault.kind == "revoked_token":
            self.revoke_tokens()
            return _error(
                401,
                "The token used in the request has been revoked by the user",
                "REVOKED_ACCESS_TOKEN",
                65601,
            )
        if fault.kind == "rejected":
            return _error(422, fault.message)
        if fault.kind in ("rate_limited",) or fault.status == 429:
            return _error(
                429,
                "Resource level throttle APPLICATION DAY limit for calls to "
                "this resource is reached.",
                "TOO_MANY_REQUESTS",
            )
        if fault.body is not None:
            return Response(fault.status, fault.body)
        if fault.status in (502, 503, 504):
            page = f"<html><body><h1>{fault.status} Service Unavailable</h1></body></html>"
            return Response(fault.status, page.encode(), {"content-type": "text/html"})
        return _error(fault.status or 500, "Internal Server Error", "INTERNAL_SERVER_ERROR")

    # --- OAuth ---------------------------------------------------------------------------
    def authorize(self, request: Request) -> Response:
        query = {key: values[0] for key, values in request.query.items()}
        if query.get("response_type") != "code" or query.get("client_id") not in self.clients:
            return Response(400, b"<html>Invalid request</html>", {"content-type": "text/html"})
        redirect, state = query.get("redirect_uri", ""), query.get("state", "")
        scopes = set(query.get("scope", "").split())
        if not redirect or not scopes:
            return Response(400, b"<html>Invalid request</html>", {"content-type": "text/html"})
        if not scopes <= ALL_SCOPES:
            params = {
                "error": "invalid_scope",
                "error_description": "Scope not authorized",
                "state": state,
            }
            return Response(302, b"", {"location": f"{redirect}?{urlencode(params)}"})
        code = "AQT" + secrets.token_urlsafe(16)
        self.codes[code] = {
            "member": MEMBER,
            "redirect_uri": redirect,
            "scopes": scopes,
            "client_id": query["client_id"],
            "expires": time.time() + 1800,
        }
        query_string = urlencode({"code": code, "state": state})
        return Response(302, b"", {"location": f"{redirect}?{query_string}"})

    def token(self, request: Request) -> Response:
        form = {key: values[0] for key, values in request.form().items()}
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        if self.clients.get(client_id) != secret or not secret:
            return Response(
                401,
                {"error": "invalid_client", "error_description": "Client authentication failed"},
            )
        grant = form.get("grant_type")
        if grant == "authorization_code":
            issued = self.codes.pop(form.get("code", ""), None)
            if (
                issued is None
                or issued["expires"] < time.time()
                or issued["redirect_uri"] != form.get("redirect_uri")
                or issued["client_id"] != client_id
            ):
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Unable to retrieve access token: appid/redirect uri/"
                        "code verifier does not match authorization code. Or authorization code "
                        "expired.",
                    },
                )
            access, refresh = self.issue_token(issued["member"], issued["scopes"])
        elif grant == "refresh_token":
            old = self.refresh_tokens.get(form.get("refresh_token", ""))
            if old is None or old.revoked or old.expires_at < time.time():
                return Response(
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "The provided refresh token is "
                        "invalid, expired or revoked.",
                    },
                )
            access = "AQV" + secrets.token_urlsafe(24)
            self.tokens[access] = Token(old.member, set(old.scopes), time.time() + 5_184_000)
            refresh = form["refresh_token"]  # LinkedIn keeps the same refresh token
        else:
            return Response(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": "grant_type is not supported",
                },
            )
        token = self.tokens[access]
        return Response(
            200,
            {
                "access_token": access,
                "expires_in": 5_184_000,
                "refresh_token": refresh,
                "refresh_token_expires_in": int(
                    self.refresh_tokens[refresh].expires_at - time.time()
                ),
                "scope": ",".join(sorted(token.scopes)),
            },
        )

    # --- REST guard -----------------------------------------------------------------------
    def guard(self, request: Request, scope: str | None = None) -> Token | Response:
        version = request.headers.get("linkedin-version", "")
        if not version:
            return _error(
                400,
                "A version must be present. Please specify a version by adding "
                "the LinkedIn-Version header.",
                "VERSION_MISSING",
            )
        if not (
            version.isdigit()
            and len(version) == 6
            and ACTIVE_VERSIONS[0] <= int(version) <= ACTIVE_VERSIONS[1]
        ):
            return _error(426, f"Requested version {version} is not active", "NONEXISTENT_VERSION")
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return _error(
                400,
                "Rest.li protocol version 2.0.0 is required for this resource",
                "ILLEGAL_ARGUMENT",
            )
        token = self.tokens.get(request.bearer)
        if token is None:
            return _error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600)
        if token.revoked:
            return _error(
                401,
                "The token used in the request has been revoked by the user",
                "REVOKED_ACCESS_TOKEN",
                65601,
            )
        if token.expires_at < time.time():
            return _error(
                401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65602
            )
        if scope and scope not in token.scopes:
            return _error(403, f"Not enough permissions to access: {scope}", "ACCESS_DENIED", 100)
        return token

    def role(self, token: Token, organization: str) -> str:
        return self.roles.get(token.member, {}).get(organization, "")

    def can_post(self, token: Token, organization: str) -> bool:
        return self.role(token, organization) in (
            "ADMINISTRATOR",
            "CONTENT_ADMINISTRATOR",
            "DIRECT_SPONSORED_CONTENT_POSTER",
        )

    # --- organisations ----------------------------------------------------------------------
    def organization_acls(self, request: Request) -> Response:
        token = self.guard(request)
        if isinstance(token, Response):
            return token
        if request.query.get("q") != ["roleAssignee"]:
            return _error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT")
        role = request.query.get("role", [""])[0]
        elements = [
            {
                "roleAssignee": token.member,
                "state": "APPROVED",
                "role": assigned,
                "organization": organization,
            }
            for organization, assigned in self.roles.get(token.member, {}).items()
            if not role or assigned == role
        ]
        start = int(request.query.get("start", ["0"])[0])
        count = int(request.query.get("count", ["10"])[0])
        page = elements[start : start + count]
        return Response(
            200,
            {
                "paging": {"start": start, "count": count, "total": len(elements), "links": []},
                "elements": page,
            },
        )

    def organization(self, request: Request) -> Response:
        token = self.guard(request)
        if isinstance(token, Response):
            return token
        urn = f"urn:li:organization:{request.params['id']}"
        details = self.organizations.get(urn)
        if details is None:
            return _error(404, f"Organization {urn} not found", "NOT_FOUND")
        return Response(200, {"id": int(request.params["id"]), **details})

    # --- images ----------------------------------------------------------------------------
    def initialize_upload(self, request: Request) -> Response:
        token = self.guard(request, "w_organization_social")
        if isinstance(token, Response):
            return token
        if request.query.get("action") != ["initializeUpload"]:
            return _error(400, "Action parameter is required", "ILLEGAL_ARGUMENT")
        owner = ((request.json() or {}).get("initializeUploadRequest") or {}).get("owner")
        if not owner:
            return _error(
                422,
                "ERROR :: /initializeUploadRequest/owner :: field is required "
                "but not found and has no default value",
            )
        if not self.can_post(token, owner):
            return _error(
                403, f"Not enough permissions to upload images for {owner}", "ACCESS_DENIED", 100
            )
        upload_id = "D4E10AQ" + secrets.token_hex(6)
        image = Image(urn=f"urn:li:image:{upload_id}", owner=owner, upload_id=upload_id)
        self.images[image.urn] = image
        self.uploads[upload_id] = image.urn
        upload_url = (
            f"{self.url}/dms-uploads/{upload_id}/uploaded-image/0?ca=vector_feedshare"
            f"&cn=uploads&m=AQ{secrets.token_hex(4)}&app=201094746&sync=0&v=beta"
        )
        return Response(
            200,
            {
                "value": {
                    "uploadUrlExpiresAt": _now_ms() + 86_400_000,
                    "uploadUrl": upload_url,
                    "image": image.urn,
                }
            },
        )

    def upload_image(self, request: Request) -> Response:
        token = self.tokens.get(request.bearer)
        if token is None or token.revoked or token.expires_at < time.time():
            return _error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600)
        urn = self.uploads.get(request.params["upload"])
        if urn is None or not request.body:
            return _error(400, "Invalid upload", "ILLEGAL_ARGUMENT")
        self.images[urn].content = request.body
        self.images[urn].content_type = request.headers.get("content-type", "")
        return Response(201, b"", {"content-type": "text/plain"})

    # --- posts ------------------------------------------------------------------------------
    def create_post(self, request: Request) -> Response:
        token = self.guard(request, "w_organization_social")
        if isinstance(token, Response):
            return token
        try:
            body = request.json()
        except ValueError:
            return _error(400, "Invalid JSON body", "ILLEGAL_ARGUMENT")
        for name in ("author", "commentary", "visibility", "distribution", "lifecycleState"):
            if name not in body:
                return _error(
                    422,
                    f"ERROR :: /{name} :: field is required but not found and has no default value",
                )
        author = body["author"]
        if not self.can_post(token, author):
            return _error(
                403, f"Member is not authorized to create a post as {author}", "ACCESS_DENIED", 100
            )
        if body["visibility"] not in ("PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"):
            return _error(
                422, f'ERROR :: /visibility :: "{body["visibility"]}" is not an enum symbol'
            )
        if (body["distribution"] or {}).get("feedDistribution") not in ("MAIN_FEED", "NONE"):
            return _error(
                422,
                "ERROR :: /distribution/feedDistribution :: field is required "
                "but not found and has no default value",
            )
        if body["lifecycleState"] not in ("PUBLISHED", "DRAFT"):
            return _error(422, "ERROR :: /lifecycleState :: invalid value")
        problem = self.check_content(body.get("content"), author)
        if problem:
            return _error(422, problem)
        commentary = parse_little(str(body["commentary"]))
        if len(commentary) > 3000:
            return _error(
                422,
                f"ERROR :: /commentary :: length of commentary: "
                f"{len(commentary)} exceeds maximum of 3000",
            )
        for post in self.live_posts():
            if post.author == author and post.commentary == commentary and commentary:
                return _error(422, f"Content is a duplicate of {post.urn}", "DUPLICATE_POST")
        kind = "ugcPost" if "multiImage" in (body.get("content") or {}) else "share"
        urn = f"urn:li:{kind}:{next(self.ids)}"
        self.posts[urn] = Post(urn=urn, author=author, commentary=commentary, body=body)
        return Response(
            201, b"", {"x-restli-id": urn, "x-linkedin-id": urn, "content-type": "application/json"}
        )

    def check_content(self, content: Any, author: str) -> str:
        if not content:
            return ""
        if "media" in content:
            entries, where = [content["media"]], "/content/media"
        elif "multiImage" in content:
            entries = (content["multiImage"] or {}).get("images") or []
            where = "/content/multiImage"
            if not 2 <= len(entries) <= 20:
                return f"ERROR :: {where}/images :: a multi-image post needs 2 to 20 images"
        else:
            return ""
        for entry in entries:
            image = self.images.get(str(entry.get("id", "")))
            if image is None or image.owner != author:
                return f"ERROR :: {where} :: unknown image {entry.get('id')}"
            if image.content is None:
                return f"ERROR :: {where} :: image {image.urn} has not been uploaded"
            if len(str(entry.get("altText", ""))) > 4086:
                return f"ERROR :: {where}/altText :: text is longer than 4086 characters"
        return ""

    def view(self, post: Post) -> dict[str, Any]:
        body = post.body
        return {
            "id": post.urn,
            "author": post.author,
            "commentary": as_templates(post.commentary),
            "visibility": body["visibility"],
            "distribution": body["distribution"],
            "lifecycleState": body["lifecycleState"],
            "lifecycleStateInfo": {"isEditedByAuthor": False},
            "isReshareDisabledByAuthor": body.get("isReshareDisabledByAuthor", False),
            "createdAt": post.created_at,
            "publishedAt": post.created_at,
            "lastModifiedAt": post.created_at,
            **({"content": body["content"]} if body.get("content") else {}),
        }

    def find_posts(self, request: Request) -> Response:
        token = self.guard(request, "r_organization_social")
        if isinstance(token, Response):
            return token
        if request.query.get("q") != ["author"] or "author" not in request.query:
            return _error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT")
        author = request.query["author"][0]
        if not self.role(token, author):
            return _error(
                403, f"Not enough permissions to read posts of {author}", "ACCESS_DENIED", 100
            )
        count = min(int(request.query.get("count", ["10"])[0]), 100)
        posts = sorted(
            (p for p in self.live_posts() if p.author == author),
            key=lambda p: p.created_at,
            reverse=True,
        )
        return Response(
            200,
            {
                "paging": {"start": 0, "count": count, "links": [], "total": len(posts)},
                "elements": [self.view(p) for p in posts[:count]],
            },
        )

    def get_post(self, request: Request) -> Response:
        token = self.guard(request, "r_organization_social")
        if isinstance(token, Response):
            return token
        post = self.posts.get(unquote(request.params["urn"]))
        if post is None or post.deleted:
            return _error(404, "Not Found", "NOT_FOUND")
        return Response(200, self.view(post))

    def delete_post(self, request: Request) -> Response:
        token = self.guard(request, "w_organization_social")
        if isinstance(token, Response):
            return token
        post = self.posts.get(unquote(request.params["urn"]))
        if post is None:
            return _error(404, "Not Found", "NOT_FOUND")
        if not self.can_post(token, post.author):
            return _error(
                403, f"Member is not authorized to delete {post.urn}", "ACCESS_DENIED", 100
            )
        post.deleted = True  # deleting twice answers 204 again
        return Response(204, b"", {"content-type": "application/json"})

    # --- statistics -------------------------------------------------------------------------
    def share_statistics(self, request: Request) -> Response:
        token = self.guard(request, "rw_organization_admin")
        if isinstance(token, Response):
            return token
        organization = request.query.get("organizationalEntity", [""])[0]
        if request.query.get("q") != ["organizationalEntity"] or not organization:
            return _error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT")
        if self.role(token, organization) != "ADMINISTRATOR":
            return _error(
                403,
                "Not enough permissions to access: "
                "organizationalEntityShareStatistics.FINDER-organizationalEntity",
                "ACCESS_DENIED",
                100,
            )
        elements = []
        for key in ("shares", "ugcPosts"):
            for value in request.query.get(key, []):
                if not (value.startswith("List(") and value.endswith(")")):
                    return _error(400, f"Invalid value for {key}", "ILLEGAL_ARGUMENT")
                for urn in value[5:-1].split(","):
                    post = self.posts.get(urn)
                    if post is None or post.author != organization:
                        continue
                    stats = {
                        "uniqueImpressionsCount": 0,
                        "shareCount": 0,
                        "engagement": 0.0,
                        "clickCount": 0,
                        "likeCount": 0,
                        "impressionCount": 0,
                        "commentCount": 0,
                        **self.statistics.get(urn, {}),
                    }
                    elements.append(
                        {
                            "totalShareStatistics": stats,
                            ("share" if key == "shares" else "ugcPost"): urn,
                            "organizationalEntity": organization,
                        }
                    )
        return Response(
            200, {"paging": {"start": 0, "count": 10, "links": []}, "elements": elements}
        )
