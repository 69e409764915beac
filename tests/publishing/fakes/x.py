"""A fake X API v2: OAuth 2.0 with PKCE, users/me, v2 media upload and metadata, posts,
the user timeline, with X's paths, problem+json errors and rate-limit headers.

It refuses what X refuses: a code exchanged without the verifier that matches its S256
challenge, a confidential client without HTTP Basic, an unknown/expired/revoked bearer token
(401), a token without the scope an endpoint needs (403), a post over 280 weighted characters
or with media ids that are not the user's (400), the account's duplicate text (403), more than
the daily post cap (429 with ``x-user-limit-24hour-*``). Refresh tokens rotate. Like X, it
shows a post's links as t.co links (with ``entities.urls``), escapes ``&<>`` and appends the
photo link to a post with media.

Route names for fault injection: authorize, token, users_me, media_upload, media_metadata,
create_tweet, delete_tweet, get_tweet, user_tweets.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.parser
import hashlib
import html
import itertools
import re
import secrets
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.publishing.fakes.server import FakeNetwork, Fault, Request, Response

CONFIDENTIAL_CLIENT = "x-confidential-client"
CLIENT_SECRET = "x-client-secret"
PUBLIC_CLIENT = "x-public-client"
USER_ID = "1640911112"
USERNAME = "SunriseHospital"
ALL_SCOPES = {
    "tweet.read",
    "tweet.write",
    "users.read",
    "media.write",
    "offline.access",
    "follows.read",
    "like.read",
}
IMAGE_TYPES = {"image/jpeg", "image/pjpeg", "image/png", "image/webp", "image/bmp", "image/tiff"}
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
PROBLEM = {"content-type": "application/problem+json"}


def problem(
    status: int,
    title: str,
    detail: str,
    kind: str = "about:blank",
    headers: dict[str, str] | None = None,
) -> Response:
    return Response(
        status,
        {"title": title, "detail": detail, "type": kind, "status": status},
        {**PROBLEM, **(headers or {})},
    )


def invalid_request(parameter: str, message: str) -> Response:
    return Response(
        400,
        {
            "errors": [{"parameters": {parameter: []}, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": "https://api.twitter.com/2/problems/invalid-request",
        },
        PROBLEM,
    )


def unauthorized() -> Response:
    return problem(401, "Unauthorized", "Unauthorized")


def weighted_length(text: str) -> int:
    """twitter-text v3 weighting: links 23, most of Latin/Arabic/Persian 1, the rest 2."""
    length, position = 0, 0
    for match in _URL.finditer(text):
        length += _weight(text[position : match.start()]) + 23
        position = match.end()
    return length + _weight(text[position:])


def _weight(text: str) -> int:
    light = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
    return sum(1 if any(lo <= ord(c) <= hi for lo, hi in light) else 2 for c in text)


def tco() -> str:
    return "https://t.co/" + "".join(
        secrets.choice(string.ascii_letters + string.digits) for _ in range(10)
    )


@dataclass
class Token:
    user: str
    scopes: set[str]
    client_id: str
    expires_at: float
    revoked: bool = False


@dataclass
class Media:
    id: str
    owner: str
    content: bytes
    mime_type: str
    alt_text: str = ""

    @property
    def key(self) -> str:
        return f"3_{self.id}"


@dataclass
class Tweet:
    id: str
    author: str
    sent_text: str
    text: str  # as X shows it
    urls: list[dict[str, Any]]
    media_keys: list[str]
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    in_reply_to: str = ""  # the tweet this one answers (a thread's later part)
    deleted: bool = False
    public_metrics: dict[str, int] = field(
        default_factory=lambda: {
            "retweet_count": 0,
            "reply_count": 0,
            "like_count": 0,
            "quote_count": 0,
            "bookmark_count": 0,
            "impression_count": 0,
        }
    )


class FakeX(FakeNetwork):
    name = "x"

    def setup_routes(self) -> None:
        self.ids = itertools.count(1_860_000_000_000_000_000)
        self.clients: dict[str, str | None] = {
            CONFIDENTIAL_CLIENT: CLIENT_SECRET,
            PUBLIC_CLIENT: None,
        }
        self.users = {USER_ID: {"id": USER_ID, "name": "Sunrise Hospital", "username": USERNAME}}
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, Token] = {}
        self.refresh_tokens: dict[str, Token] = {}
        self.media: dict[str, Media] = {}
        self.tweets: dict[str, Tweet] = {}
        self.daily_post_cap = 100
        self.posted_today: dict[str, int] = {}

        limits = {
            "create_tweet": 100,
            "delete_tweet": 50,
            "get_tweet": 900,
            "user_tweets": 900,
            "users_me": 75,
            "media_upload": 500,
            "media_metadata": 500,
        }
        for method, pattern, name, handler in (
            ("GET", "/i/oauth2/authorize", "authorize", self.authorize),
            ("POST", "/2/oauth2/token", "token", self.token),
            ("GET", "/2/users/me", "users_me", self.users_me),
            ("POST", "/2/media/upload", "media_upload", self.media_upload),
            ("POST", "/2/media/metadata", "media_metadata", self.media_metadata),
            ("POST", "/2/tweets", "create_tweet", self.create_tweet),
            ("DELETE", r"/2/tweets/(?P<id>\d+)", "delete_tweet", self.delete_tweet),
            ("GET", r"/2/tweets/(?P<id>\d+)", "get_tweet", self.get_tweet),
            ("GET", r"/2/users/(?P<id>\d+)/tweets", "user_tweets", self.user_tweets),
        ):
            limit = limits.get(name)
            self.route(method, pattern, name, self.limited(handler, limit) if limit else handler)

    # --- test helpers ------------------------------------------------------------------
    def issue_token(
        self,
        user: str = USER_ID,
        scopes: set[str] | None = None,
        client_id: str = CONFIDENTIAL_CLIENT,
        expires_in: int = 7200,
    ) -> tuple[str, str]:
        granted = set(
            scopes
            if scopes is not None
            else {"tweet.read", "tweet.write", "users.read", "media.write", "offline.access"}
        )
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[access] = Token(user, granted, client_id, time.time() + expires_in)
            if "offline.access" in granted:
                self.refresh_tokens[refresh] = Token(
                    user, granted, client_id, time.time() + 180 * 86_400
                )
        return access, refresh

    def add_user(self, user_id: str, username: str, name: str = "") -> None:
        """Another account (then ``issue_token(user_id)``), for several accounts at once."""
        with self.lock:
            self.users[user_id] = {"id": user_id, "name": name or username, "username": username}

    def expire_tokens(self) -> None:
        with self.lock:
            for token in self.tokens.values():
                token.expires_at = time.time() - 1

    def revoke_tokens(self) -> None:
        """The user revoked our app: access and refresh tokens stop working."""
        with self.lock:
            for token in [*self.tokens.values(), *self.refresh_tokens.values()]:
                token.revoked = True

    def live_tweets(self) -> list[Tweet]:
        return [tweet for tweet in self.tweets.values() if not tweet.deleted]

    def limited(
        self, handler: Callable[[Request], Response], limit: int
    ) -> Callable[[Request], Response]:
        """Every answer carries X's 15-minute window headers."""

        def wrapped(request: Request) -> Response:
            response = handler(request)
            response.headers.setdefault("x-rate-limit-limit", str(limit))
            response.headers.setdefault("x-rate-limit-remaining", str(limit - 1))
            response.headers.setdefault("x-rate-limit-reset", str(int(time.time()) + 900))
            return response

        return wrapped

    # --- errors --------------------------------------------------------------------------
    def error(self, fault: Fault) -> Response:
        if fault.kind == "expired_token":
            self.expire_tokens()
            return unauthorized()
        if fault.kind == "revoked_token":
            self.revoke_tokens()
            return unauthorized()
        if fault.kind == "rejected":
            return problem(403, "Forbidden", fault.message)
        if fault.kind == "rate_limited" or fault.status == 429:
            reset = int(time.time() + max(fault.seconds, 1))
            return problem(
                429,
                "Too Many Requests",
                "Too Many Requests",
                headers={
                    "x-rate-limit-limit": "100",
                    "x-rate-limit-remaining": "0",
                    "x-rate-limit-reset": str(reset),
                },
            )
        if fault.body is not None:
            return Response(fault.status, fault.body, dict(PROBLEM))
        titles = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
        title = titles.get(fault.status, "Service Unavailable")
        return problem(fault.status or 503, title, title)

    # --- OAuth 2.0 with PKCE ---------------------------------------------------------------
    def authorize(self, request: Request) -> Response:
        query = {key: values[0] for key, values in request.query.items()}
        redirect, state = query.get("redirect_uri", ""), query.get("state", "")
        if (
            query.get("client_id") not in self.clients
            or query.get("response_type") != "code"
            or not redirect
            or not state
        ):
            return Response(
                400, b"<html>Something went wrong</html>", {"content-type": "text/html"}
            )
        scopes = set(query.get("scope", "").split())
        if (
            not query.get("code_challenge")
            or query.get("code_challenge_method") != "S256"
            or not scopes
            or not scopes <= ALL_SCOPES
        ):
            params = {"error": "invalid_request", "state": state}
            return Response(302, b"", {"location": f"{redirect}?{urlencode(params)}"})
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "user": USER_ID,
            "client_id": query["client_id"],
            "redirect_uri": redirect,
            "scopes": scopes,
            "challenge": query["code_challenge"],
            "expires": time.time() + 30,
        }
        params = {"state": state, "code": code}
        return Response(302, b"", {"location": f"{redirect}?{urlencode(params)}"})

    def token(self, request: Request) -> Response:
        form = {key: values[0] for key, values in request.form().items()}
        client_id = self.authenticate_client(request, form)
        if client_id is None:
            return Response(
                401,
                {
                    "error": "unauthorized_client",
                    "error_description": "Missing valid authorization header",
                },
            )
        grant = form.get("grant_type")
        if grant == "authorization_code":
            issued = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .decode()
                .rstrip("=")
            )
            if (
                issued is None
                or issued["expires"] < time.time()
                or issued["client_id"] != client_id
                or issued["redirect_uri"] != form.get("redirect_uri")
                or not verifier
                or challenge != issued["challenge"]
            ):
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the authorization code was invalid.",
                    },
                )
            access, refresh = self.issue_token(issued["user"], issued["scopes"], client_id)
            scopes = issued["scopes"]
        elif grant == "refresh_token":
            old = self.refresh_tokens.pop(form.get("refresh_token", ""), None)  # rotation
            if old is None or old.revoked or old.client_id != client_id:
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the token was invalid.",
                    },
                )
            access, refresh = self.issue_token(old.user, old.scopes, client_id)
            scopes = old.scopes
        else:
            return Response(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Missing required parameter [grant_type].",
                },
            )
        body = {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": access,
            "scope": " ".join(sorted(scopes)),
        }
        if "offline.access" in scopes:
            body["refresh_token"] = refresh
        return Response(200, body)

    def authenticate_client(self, request: Request, form: dict[str, str]) -> str | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return None
            return client_id if secret and self.clients.get(client_id) == secret else None
        client_id = form.get("client_id", "")
        if client_id in self.clients and self.clients[client_id] is None:
            return client_id  # a public client identifies itself in the body
        return None  # unknown, or a confidential client without its Basic credentials

    # --- API guard --------------------------------------------------------------------------
    def guard(self, request: Request, *scopes: str) -> Token | Response:
        token = self.tokens.get(request.bearer)
        if token is None or token.revoked or token.expires_at < time.time():
            return unauthorized()
        if not set(scopes) <= token.scopes:
            return problem(403, "Forbidden", "Forbidden")
        return token

    def users_me(self, request: Request) -> Response:
        token = self.guard(request, "users.read", "tweet.read")
        if isinstance(token, Response):
            return token
        data = dict(self.users[token.user])
        fields = ",".join(request.query.get("user.fields") or []).split(",")
        if "public_metrics" in fields:  # metrics block below
            data["public_metrics"] = self.user_metrics(token.user)
        return Response(200, {"data": data})

    # --- media ------------------------------------------------------------------------------
    def media_upload(self, request: Request) -> Response:
        token = self.guard(request, "media.write")
        if isinstance(token, Response):
            return token
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            fields = _multipart(content_type, request.body)
            content = fields.get("media", b"")
            category = fields.get("media_category", b"").decode()
            mime = fields.get("media_type", b"").decode()
        elif content_type.startswith("application/json"):
            body = request.json() or {}
            content = base64.b64decode(body.get("media", "") or b"")
            category, mime = body.get("media_category", ""), body.get("media_type", "")
        else:
            return invalid_request("media", "The request body must be multipart/form-data")
        if not content:
            return invalid_request("media", "The `media` parameter can not be empty")
        if category not in ("tweet_image", "dm_image", "subtitles"):
            return invalid_request("media_category", "The `media_category` parameter is invalid")
        if mime and mime not in IMAGE_TYPES:
            return invalid_request("media_type", f"Unsupported media_type {mime}")
        media = Media(
            id=str(next(self.ids)),
            owner=token.user,
            content=content,
            mime_type=mime or "application/octet-stream",
        )
        self.media[media.id] = media
        return Response(
            200,
            {
                "data": {
                    "id": media.id,
                    "media_key": media.key,
                    "size": len(content),
                    "expires_after_secs": 86400,
                }
            },
        )

    def media_metadata(self, request: Request) -> Response:
        token = self.guard(request, "media.write")
        if isinstance(token, Response):
            return token
        body = request.json() or {}
        media = self.media.get(str(body.get("id", "")))
        if media is None or media.owner != token.user:
            return invalid_request("id", "The media id is invalid")
        text = (((body.get("metadata") or {}).get("alt_text")) or {}).get("text", "")
        if not isinstance(text, str) or len(text) > 1000:
            return invalid_request(
                "metadata.alt_text.text", "Alt text must be at most 1000 characters"
            )
        media.alt_text = text
        return Response(
            200, {"data": {"id": media.id, "associated_metadata": {"alt_text": {"text": text}}}}
        )

    # --- posts ------------------------------------------------------------------------------
    def create_tweet(self, request: Request) -> Response:
        token = self.guard(request, "tweet.write", "tweet.read", "users.read")
        if isinstance(token, Response):
            return token
        try:
            body = request.json()
        except ValueError:
            return invalid_request("body", "Request body is not valid JSON")
        if not isinstance(body, dict):
            return invalid_request("body", "Request body must be an object")
        unknown = set(body) - {
            "text",
            "media",
            "reply",
            "quote_tweet_id",
            "poll",
            "reply_settings",
            "for_super_followers_only",
            "direct_message_deep_link",
            "geo",
            "nullcast",
            "community_id",
        }
        if unknown:
            return invalid_request(
                sorted(unknown)[0],
                f"The field [{sorted(unknown)[0]}] is not one of the allowed request fields",
            )
        text = body.get("text", "")
        media_ids = (body.get("media") or {}).get("media_ids") or []
        if not text and not media_ids:
            return invalid_request("text", "Post text or media is required")
        if weighted_length(text) > 280:
            return problem(
                403,
                "Forbidden",
                "Your Tweet text is too long. For more "
                "information on how X counts characters, see the docs.",
            )
        if len(media_ids) > 4:
            return invalid_request("media.media_ids", "At most 4 media ids are allowed")
        reply_to = str((body.get("reply") or {}).get("in_reply_to_tweet_id") or "")
        if body.get("reply") is not None:
            parent = self.tweets.get(reply_to)
            if parent is None or parent.deleted:
                return problem(
                    403,
                    "Forbidden",
                    "The Tweet you are replying to has been deleted or is not visible to you.",
                )
        attached = [self.media.get(str(media_id)) for media_id in media_ids]
        if any(media is None or media.owner != token.user for media in attached):
            return invalid_request("media.media_ids", "Your media IDs are invalid.")
        for tweet in self.live_tweets():
            if tweet.author == token.user and tweet.sent_text == text:
                return problem(
                    403,
                    "Forbidden",
                    "You are not allowed to create a Tweet with duplicate content.",
                )
        posted = self.posted_today.get(token.user, 0)
        reset = str(int(time.time()) + 86_400)
        daily = {
            "x-user-limit-24hour-limit": str(self.daily_post_cap),
            "x-user-limit-24hour-remaining": str(max(self.daily_post_cap - posted - 1, 0)),
            "x-user-limit-24hour-reset": reset,
        }
        if posted >= self.daily_post_cap:
            daily["x-user-limit-24hour-remaining"] = "0"
            return problem(429, "Too Many Requests", "Too Many Requests", headers=daily)
        self.posted_today[token.user] = posted + 1
        tweet = self.render(
            str(next(self.ids)), token.user, text, [media.key for media in attached if media]
        )
        tweet.in_reply_to = reply_to
        self.tweets[tweet.id] = tweet
        return Response(
            201,
            {"data": {"id": tweet.id, "text": tweet.text, "edit_history_tweet_ids": [tweet.id]}},
            daily,
        )

    def render(self, tweet_id: str, user: str, text: str, media_keys: list[str]) -> Tweet:
        """The post as X shows it: t.co links, HTML escapes, the photo link at the end."""
        urls: list[dict[str, Any]] = []
        shown, position = [], 0
        for match in _URL.finditer(text):
            shown.append(html.escape(text[position : match.start()], quote=False))
            link, original = tco(), match.group()
            expanded = original if "://" in original else f"http://{original}"
            urls.append(
                {
                    "url": link,
                    "expanded_url": expanded,
                    "display_url": original.split("://")[-1][:26],
                }
            )
            shown.append(link)
            position = match.end()
        shown.append(html.escape(text[position:], quote=False))
        rendered = "".join(shown)
        if media_keys:
            link = tco()
            username = self.users[user]["username"]
            urls.append(
                {
                    "url": link,
                    "media_key": media_keys[0],
                    "expanded_url": f"https://x.com/{username}/status/{tweet_id}/photo/1",
                    "display_url": "pic.x.com/" + link[-10:],
                }
            )
            rendered = f"{rendered} {link}" if rendered else link
        for url in urls:
            url["start"] = rendered.find(url["url"])
            url["end"] = url["start"] + len(url["url"])
        return Tweet(
            id=tweet_id,
            author=user,
            sent_text=text,
            text=rendered,
            urls=urls,
            media_keys=media_keys,
        )

    def view(self, tweet: Tweet, fields: set[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": tweet.id,
            "text": tweet.text,
            "edit_history_tweet_ids": [tweet.id],
        }
        if "created_at" in fields:
            data["created_at"] = tweet.created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        if "author_id" in fields:
            data["author_id"] = tweet.author
        if "entities" in fields and tweet.urls:
            data["entities"] = {"urls": tweet.urls}
        if "attachments" in fields and tweet.media_keys:
            data["attachments"] = {"media_keys": tweet.media_keys}
        if "public_metrics" in fields:
            data["public_metrics"] = dict(tweet.public_metrics)
        return data

    def delete_tweet(self, request: Request) -> Response:
        token = self.guard(request, "tweet.write", "tweet.read", "users.read")
        if isinstance(token, Response):
            return token
        tweet = self.tweets.get(request.params["id"])
        if tweet is None or tweet.deleted:
            return _not_found(request.params["id"], status=404)
        if tweet.author != token.user:
            return problem(403, "Forbidden", "You are not allowed to delete this Tweet.")
        tweet.deleted = True
        return Response(200, {"data": {"deleted": True}})

    def get_tweet(self, request: Request) -> Response:
        token = self.guard(request, "tweet.read", "users.read")
        if isinstance(token, Response):
            return token
        tweet = self.tweets.get(request.params["id"])
        if tweet is None or tweet.deleted:
            return _not_found(request.params["id"])
        fields = set(",".join(request.query.get("tweet.fields", [])).split(","))
        return Response(200, {"data": self.view(tweet, fields)})

    def user_tweets(self, request: Request) -> Response:
        token = self.guard(request, "tweet.read", "users.read")
        if isinstance(token, Response):
            return token
        max_results = int(request.query.get("max_results", ["10"])[0])
        if not 5 <= max_results <= 100:
            return invalid_request(
                "max_results",
                f"The `max_results` query parameter value [{max_results}] is not between 5 and 100",
            )
        since = None
        if "start_time" in request.query:
            try:
                since = dt.datetime.strptime(
                    request.query["start_time"][0], "%Y-%m-%dT%H:%M:%SZ"
                ).replace(tzinfo=dt.UTC)
            except ValueError:
                return invalid_request("start_time", "Invalid start_time")
        fields = set(",".join(request.query.get("tweet.fields", [])).split(","))
        exclude = set(",".join(request.query.get("exclude", [])).split(","))
        tweets = sorted(
            (
                t
                for t in self.live_tweets()
                if t.author == request.params["id"]
                and (since is None or t.created_at >= since)
                and not ("replies" in exclude and t.in_reply_to)
            ),
            key=lambda t: int(t.id),
            reverse=True,
        )[:max_results]
        if not tweets:
            return Response(200, {"meta": {"result_count": 0}})
        return Response(
            200,
            {
                "data": [self.view(t, fields) for t in tweets],
                "meta": {
                    "result_count": len(tweets),
                    "newest_id": tweets[0].id,
                    "oldest_id": tweets[-1].id,
                },
            },
        )

    # --- metrics (analytics): followers and public metrics that change ------------------
    def user_metrics(self, user: str) -> dict[str, int]:
        if not hasattr(self, "followers"):
            self.followers: dict[str, int] = {}
        return {
            "followers_count": self.followers.get(user, 2100),
            "following_count": 80,
            "tweet_count": sum(1 for t in self.tweets.values() if t.author == user),
            "listed_count": 3,
        }

    def time_passes(self, hours: float = 1.0) -> None:
        with self.lock:
            for tweet in self.tweets.values():
                if tweet.deleted:
                    continue
                m = tweet.public_metrics
                m["impression_count"] += self.random.randint(50, int(400 * hours) + 51)
                m["like_count"] += self.random.randint(0, int(8 * hours) + 1)
                m["retweet_count"] += self.random.randint(0, int(2 * hours) + 1)
                m["reply_count"] += self.random.randint(0, int(hours) + 1)
                m["quote_count"] += self.random.randint(0, 1)
                m["bookmark_count"] += self.random.randint(0, int(hours) + 1)


def _not_found(tweet_id: str, status: int = 200) -> Response:
    error = {
        "value": tweet_id,
        "detail": f"Could not find tweet with id: [{tweet_id}].",
        "title": "Not Found Error",
        "resource_type": "tweet",
        "parameter": "id",
        "resource_id": tweet_id,
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }
    if status == 200:  # lookups answer 200 with an errors list
        return Response(200, {"errors": [error]})
    return problem(status, "Not Found Error", error["detail"], error["type"])


def _multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    message = email.parser.BytesParser().parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, bytes] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str):
            fields[name] = payload if isinstance(payload, bytes) else b""
    return fields
