"""A fake Bluesky PDS: sessions, blobs, records, handle resolution, post views.

It answers the XRPC calls the connector makes with the real shapes and refuses
what a PDS refuses, as ``{"error": "<Name>", "message": "..."}``:

- sessions: ``createSession`` needs a known handle/email and its app password (401
  ``AuthenticationRequired``); access JWTs expire (400 ``ExpiredToken``); a refresh
  JWT works only on ``refreshSession`` and is rotated by it; revoked app passwords end
  the session (``ExpiredToken`` "Token has been revoked" on refresh, ``InvalidToken``
  on use); a refresh JWT used as an access token is ``InvalidToken``;
- ``createRecord`` validates the post record as the lexicon does (text ≤ 300
  graphemes and 3,000 bytes, ≤ 3 langs, ≤ 4 images with ``alt``, blobs that were
  uploaded, are images and ≤ 1,000,000 bytes), checks the rkey syntax (posts need a
  TID) and every facet: byte ranges on UTF-8 boundaries inside the text, and the
  bytes they cover matching the feature (the link's URI, ``@handle`` of the DID, the
  ``#tag``). A taken rkey answers 500 ``InternalServerError``, as today's PDS does;
- writes cost points (createRecord 3, deleteRecord 1) against an hourly budget; over
  it: 429 ``RateLimitExceeded`` with ``ratelimit-*`` headers (reset in epoch seconds).

Reading (the inbox): :meth:`FakeBluesky.visitor_posts` has another account reply to,
mention or quote ours (a record in their repository and a notification for us);
:meth:`delete_by_author` removes the record and, as the AppView does, its notification.
``app.bsky.notification.listNotifications`` answers newest first, ``limit`` 1–100
(default 50), with an opaque ``cursor`` to the next, older page.

Route names for fault injection: ``create_session``, ``refresh_session``,
``resolve_handle``, ``upload_blob``, ``create_post``, ``get_record``,
``delete_record``, ``get_posts``, ``list_notifications``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import regex

from tests.publishing.fakes.server import FakeNetwork, Fault, Request, Response

POST = "app.bsky.feed.post"
TID = regex.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
RKEY = regex.compile(r"[A-Za-z0-9._:~-]{1,512}")
GRAPHEME = regex.compile(r"\X")
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
ACCESS_SCOPE = "com.atproto.appPass"
REFRESH_SCOPE = "com.atproto.refresh"


@dataclass
class Account:
    did: str
    handle: str
    email: str
    app_passwords: set[str]


@dataclass
class Session:
    did: str
    app_password: str
    expires: float
    refresh: bool = False
    revoked: bool = False


@dataclass
class Blob:
    did: str
    mime_type: str
    size: int
    cid: str


@dataclass
class Record:
    did: str
    rkey: str
    cid: str
    value: dict[str, Any]
    counts: dict[str, int] = field(
        default_factory=lambda: {"likeCount": 0, "repostCount": 0, "replyCount": 0, "quoteCount": 0}
    )


def cid_for(data: bytes, codec: int = 0x55) -> str:
    """A CIDv1 (raw or dag-cbor codec, sha2-256), base32 — the form Bluesky shows."""
    digest = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(digest).decode().lower().rstrip("=")


class FakeBluesky(FakeNetwork):
    name = "bluesky"

    def __init__(
        self, *, seed: int = 7, access_ttl: float = 7200.0, write_points_per_hour: int = 5000
    ) -> None:
        self.access_ttl = access_ttl
        self.write_points_per_hour = write_points_per_hour
        self.accounts: dict[str, Account] = {}
        self.sessions: dict[str, Session] = {}
        self.blobs: dict[str, Blob] = {}
        self.records: dict[tuple[str, str, str], Record] = {}
        self.points: dict[str, list[tuple[float, int]]] = {}
        self.notifications: list[dict[str, Any]] = []  # for self.account, oldest first
        self._indexed = 0
        self._clock = 0
        super().__init__(seed=seed)
        self.account = self.add_account("sunrisehospital.bsky.social", "abcd-efgh-ijkl-mnop")

    # --- test helpers -------------------------------------------------------------------
    def add_account(self, handle: str, app_password: str = "") -> Account:
        did = (
            "did:plc:"
            + base64.b32encode(hashlib.sha256(handle.encode()).digest()[:15]).decode().lower()
        )
        account = Account(
            did,
            handle,
            f"{handle.split('.')[0]}@example.org",
            {app_password} if app_password else set(),
        )
        self.accounts[did] = account
        return account

    def expire_access_tokens(self) -> None:
        for session in self.sessions.values():
            if not session.refresh:
                session.expires = time.time() - 1

    def revoke_app_password(self, app_password: str) -> None:
        """Settings → App passwords → delete: its sessions end."""
        for account in self.accounts.values():
            account.app_passwords.discard(app_password)
        for session in self.sessions.values():
            if session.app_password == app_password:
                session.revoked = True

    def posts(self, account: Account | None = None) -> list[Record]:
        did = (account or self.account).did
        return [r for (d, c, _k), r in self.records.items() if d == did and c == POST]

    def visitor_posts(
        self,
        text: str,
        *,
        handle: str = "noor.bsky.social",
        reply_to: str | None = None,
        reason: str = "reply",
        langs: tuple[str, ...] = ("en",),
    ) -> str:
        """Another account replies to ``reply_to`` (an at:// uri), mentions or quotes us."""
        author = self._account_for(handle) or self.add_account(handle)
        record: dict[str, Any] = {
            "$type": POST,
            "text": text if reason != "mention" else f"@{self.account.handle} {text}",
            "createdAt": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")[:-6] + "Z",
            "langs": list(langs),
        }
        if reply_to:
            parent = self._by_uri(reply_to)
            assert parent is not None, reply_to
            root = (parent.value.get("reply") or {}).get("root") or {
                "uri": reply_to,
                "cid": parent.cid,
            }
            record["reply"] = {"root": root, "parent": {"uri": reply_to, "cid": parent.cid}}
        rkey = self._next_tid()
        cid = cid_for(json.dumps(record, sort_keys=True).encode(), codec=0x71)
        self.records[(author.did, POST, rkey)] = Record(author.did, rkey, cid, record)
        uri = f"at://{author.did}/{POST}/{rkey}"
        self._indexed += 1
        indexed = dt.datetime.now(dt.UTC) + dt.timedelta(microseconds=self._indexed * 1000)
        self.notifications.append(
            {
                "uri": uri,
                "cid": cid,
                "author": {
                    "did": author.did,
                    "handle": author.handle,
                    "displayName": author.handle.split(".")[0].title(),
                    "labels": [],
                },
                "reason": reason,
                "reasonSubject": reply_to or "",
                "record": record,
                "isRead": False,
                "indexedAt": indexed.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "labels": [],
            }
        )
        return uri

    def delete_by_author(self, uri: str) -> None:
        parts = uri.removeprefix("at://").split("/")
        self.records.pop((parts[0], parts[1], parts[2]), None)
        self.notifications = [n for n in self.notifications if n["uri"] != uri]

    def replies_to(self, uri: str) -> list[Record]:
        return [
            r
            for r in self.records.values()
            if ((r.value.get("reply") or {}).get("parent") or {}).get("uri") == uri
        ]

    def _by_uri(self, uri: str) -> Record | None:
        parts = uri.removeprefix("at://").split("/")
        return self.records.get((parts[0], parts[1], parts[2])) if len(parts) == 3 else None

    # --- shapes --------------------------------------------------------------------------
    @staticmethod
    def xrpc(
        status: int, error: str, message: str, headers: dict[str, str] | None = None
    ) -> Response:
        return Response(status, {"error": error, "message": message}, headers or {})

    def error(self, fault: Fault) -> Response:
        if fault.kind == "expired_token":
            return self.xrpc(400, "ExpiredToken", "Token has expired")
        if fault.kind == "revoked_token":
            return self.xrpc(400, "InvalidToken", "Token has been revoked")
        if fault.kind == "rejected":
            return self.xrpc(400, "InvalidRequest", fault.message)
        if fault.kind == "rate_limited":
            return self._limited(int(time.time() + fault.seconds))
        if fault.kind == "status":
            if fault.body is not None:
                return Response(fault.status, fault.body)
            names = {
                500: "InternalServerError",
                502: "UpstreamFailure",
                503: "NotEnoughResources",
                504: "UpstreamTimeout",
            }
            return self.xrpc(
                fault.status,
                names.get(fault.status, "InternalServerError"),
                {500: "Internal Server Error"}.get(fault.status, "Service Unavailable"),
            )
        return super().error(fault)

    def _limited(self, reset: int) -> Response:
        return self.xrpc(
            429,
            "RateLimitExceeded",
            "Rate Limit Exceeded",
            {
                "ratelimit-limit": str(self.write_points_per_hour),
                "ratelimit-remaining": "0",
                "ratelimit-reset": str(reset),
                "ratelimit-policy": f"{self.write_points_per_hour};w=3600",
            },
        )

    def did_doc(self, account: Account) -> dict[str, Any]:
        return {
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": account.did,
            "alsoKnownAs": [f"at://{account.handle}"],
            "service": [
                {
                    "id": "#atproto_pds",
                    "type": "AtprotoPersonalDataServer",
                    "serviceEndpoint": self.url,
                }
            ],
        }

    # --- routes ----------------------------------------------------------------------------
    def setup_routes(self) -> None:
        x = "/xrpc/"
        self.route(
            "POST", x + "com.atproto.server.createSession", "create_session", self.create_session
        )
        self.route(
            "POST", x + "com.atproto.server.refreshSession", "refresh_session", self.refresh_session
        )
        self.route(
            "GET", x + "com.atproto.identity.resolveHandle", "resolve_handle", self.resolve_handle
        )
        self.route("POST", x + "com.atproto.repo.uploadBlob", "upload_blob", self.upload_blob)
        self.route("POST", x + "com.atproto.repo.createRecord", "create_post", self.create_record)
        self.route("GET", x + "com.atproto.repo.getRecord", "get_record", self.get_record)
        self.route("POST", x + "com.atproto.repo.deleteRecord", "delete_record", self.delete_record)
        self.route("GET", x + "app.bsky.feed.getPosts", "get_posts", self.get_posts)
        self.route(
            "GET",
            x + "app.bsky.notification.listNotifications",
            "list_notifications",
            self.list_notifications,
        )
        self.setup_metrics_routes()

    def _jwt(self, did: str, scope: str, expires: float) -> str:
        def part(data: dict[str, Any]) -> str:
            return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

        claims = {
            "scope": scope,
            "sub": did,
            "aud": "did:web:fake.pds",
            "iat": int(time.time()),
            "exp": int(expires),
            "jti": secrets.token_hex(8),
        }
        return (
            f"{part({'typ': 'at+jwt', 'alg': 'ES256K'})}.{part(claims)}."
            + secrets.token_urlsafe(32)
        )

    def _new_session(self, account: Account, app_password: str) -> dict[str, Any]:
        expires = time.time() + self.access_ttl
        access = self._jwt(account.did, ACCESS_SCOPE, expires)
        refresh = self._jwt(account.did, REFRESH_SCOPE, time.time() + 90 * 86400)
        self.sessions[access] = Session(account.did, app_password, expires)
        self.sessions[refresh] = Session(
            account.did, app_password, time.time() + 90 * 86400, refresh=True
        )
        return {
            "accessJwt": access,
            "refreshJwt": refresh,
            "handle": account.handle,
            "did": account.did,
            "didDoc": self.did_doc(account),
            "email": account.email,
            "emailConfirmed": True,
            "active": True,
        }

    def _session(
        self, request: Request, *, refresh: bool = False
    ) -> tuple[Session | None, Response | None]:
        if not request.bearer:
            return None, self.xrpc(401, "AuthenticationRequired", "Authentication Required")
        session = self.sessions.get(request.bearer)
        if session is None:
            return None, self.xrpc(400, "InvalidToken", "Token could not be verified")
        if session.refresh != refresh:
            return None, self.xrpc(400, "InvalidToken", "Bad token scope")
        if refresh and session.revoked:
            return None, self.xrpc(400, "ExpiredToken", "Token has been revoked")
        if session.revoked:
            return None, self.xrpc(400, "InvalidToken", "Token has been revoked")
        if session.expires < time.time():
            return None, self.xrpc(400, "ExpiredToken", "Token has expired")
        return session, None

    def _spend(self, did: str, points: int) -> Response | None:
        now = time.time()
        spent = [(t, p) for t, p in self.points.get(did, []) if now - t < 3600]
        if sum(p for _t, p in spent) + points > self.write_points_per_hour:
            return self._limited(int(spent[0][0] + 3600) if spent else int(now + 3600))
        self.points[did] = [*spent, (now, points)]
        return None

    def _input(
        self, request: Request, required: tuple[str, ...]
    ) -> tuple[dict[str, Any], Response | None]:
        if "application/json" not in request.headers.get("content-type", ""):
            return {}, self.xrpc(
                400,
                "InvalidRequest",
                "Wrong request encoding (Content-Type): "
                + (request.headers.get("content-type") or "none"),
            )
        try:
            body = request.json()
        except ValueError:
            return {}, self.xrpc(400, "InvalidRequest", "Request body is not valid JSON")
        if not isinstance(body, dict):
            return {}, self.xrpc(400, "InvalidRequest", "Input must be an object")
        for name in required:
            if name not in body:
                return {}, self.xrpc(
                    400, "InvalidRequest", f'Input must have the property "{name}"'
                )
        return body, None

    def _account_for(self, identifier: str) -> Account | None:
        identifier = identifier.lower()
        for account in self.accounts.values():
            if identifier in (account.handle, account.did, account.email):
                return account
        return None

    def create_session(self, request: Request) -> Response:
        body, refused = self._input(request, ("identifier", "password"))
        if refused:
            return refused
        account = self._account_for(str(body["identifier"]))
        if account is None or body["password"] not in account.app_passwords:
            return self.xrpc(401, "AuthenticationRequired", "Invalid identifier or password")
        return Response(200, self._new_session(account, str(body["password"])))

    def refresh_session(self, request: Request) -> Response:
        session, refused = self._session(request, refresh=True)
        if refused:
            return refused
        assert session is not None
        session.revoked = True  # rotated: the old refresh JWT is spent
        account = self.accounts[session.did]
        fresh = self._new_session(account, session.app_password)
        return Response(
            200,
            {k: fresh[k] for k in ("accessJwt", "refreshJwt", "handle", "did", "didDoc", "active")},
        )

    def resolve_handle(self, request: Request) -> Response:
        handle = (request.query.get("handle") or [""])[-1].lower()
        if not handle:
            return self.xrpc(400, "InvalidRequest", 'Params must have the property "handle"')
        for account in self.accounts.values():
            if account.handle == handle:
                return Response(200, {"did": account.did})
        return self.xrpc(400, "InvalidRequest", "Unable to resolve handle")

    def upload_blob(self, request: Request) -> Response:
        session, refused = self._session(request)
        if refused:
            return refused
        assert session is not None
        mime = request.headers.get("content-type", "")
        if not mime or mime.startswith("application/json"):
            return self.xrpc(400, "InvalidRequest", "Wrong request encoding (Content-Type)")
        if not request.body:
            return self.xrpc(400, "InvalidRequest", "Request body is empty")
        if len(request.body) > 50_000_000:
            return self.xrpc(413, "PayloadTooLarge", "request entity too large")
        cid = cid_for(request.body)
        self.blobs[cid] = Blob(session.did, mime, len(request.body), cid)
        return Response(
            200,
            {
                "blob": {
                    "$type": "blob",
                    "ref": {"$link": cid},
                    "mimeType": mime,
                    "size": len(request.body),
                }
            },
        )

    def _next_tid(self) -> str:
        self._clock += 1
        value = (int(time.time() * 1_000_000) << 10) | (self._clock & 0x3FF)
        return "".join(TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))

    def create_record(self, request: Request) -> Response:
        session, refused = self._session(request)
        if refused:
            return refused
        assert session is not None
        body, refused = self._input(request, ("repo", "collection", "record"))
        if refused:
            return refused
        account = self._account_for(str(body["repo"]))
        if account is None:
            return self.xrpc(400, "InvalidRequest", f"Could not find repo: {body['repo']}")
        if account.did != session.did:
            return self.xrpc(401, "AuthenticationRequired", "Authentication Required")
        collection = str(body["collection"])
        rkey = body.get("rkey") or self._next_tid()
        if not isinstance(rkey, str) or not RKEY.fullmatch(rkey) or rkey in (".", ".."):
            return self.xrpc(400, "InvalidRequest", f"Invalid record key: {rkey}")
        if collection == POST and not TID.fullmatch(rkey):
            return self.xrpc(400, "InvalidRequest", f"Invalid TID: {rkey}")
        problem = self.validate_post(body["record"], session.did) if collection == POST else ""
        if problem:
            return self.xrpc(400, "InvalidRequest", f"Invalid {POST} record: {problem}")
        limited = self._spend(session.did, 3)
        if limited:
            return limited
        if (session.did, collection, rkey) in self.records:
            # Today's PDS: the MST refuses a second value at the key → an unhandled 500.
            return self.xrpc(500, "InternalServerError", "Internal Server Error")
        record = body["record"]
        cid = cid_for(json.dumps(record, sort_keys=True).encode(), codec=0x71)
        self.records[(session.did, collection, rkey)] = Record(session.did, rkey, cid, record)
        uri = f"at://{session.did}/{collection}/{rkey}"
        return Response(
            200,
            {
                "uri": uri,
                "cid": cid,
                "commit": {"cid": cid_for(uri.encode(), 0x71), "rev": self._next_tid()},
                "validationStatus": "valid",
            },
        )

    def validate_post(self, record: object, did: str) -> str:
        """What the lexicon (and this fake's facet checks) find wrong with a post record."""
        if not isinstance(record, dict):
            return "Record must be an object"
        if record.get("$type") != POST:
            return f"Record/$type must be {POST}"
        text = record.get("text")
        if not isinstance(text, str):
            return 'Record must have the property "text"'
        data = text.encode("utf-8")
        if len(data) > 3000:
            return "Record/text must not be longer than 3000 characters"
        if len(GRAPHEME.findall(text)) > 300:
            return "Record/text must not be longer than 300 graphemes"
        created = record.get("createdAt")
        try:
            dt.datetime.fromisoformat(str(created).replace("Z", "+00:00"))
        except ValueError:
            return "Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)"
        langs = record.get("langs", [])
        if not isinstance(langs, list) or len(langs) > 3:
            return "Record/langs must not have more than 3 elements"
        if not all(
            isinstance(lang, str) and regex.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*", lang)
            for lang in langs
        ):
            return "Record/langs must be valid language codes"
        for i, facet in enumerate(record.get("facets") or []):
            problem = self.validate_facet(facet, data)
            if problem:
                return f"Record/facets/{i}/{problem}"
        reply = record.get("reply")
        if reply is not None:
            problem = self.validate_reply(reply)
            if problem:
                return problem
        embed = record.get("embed")
        if embed is not None:
            return self.validate_images(embed, did)
        return ""

    def validate_reply(self, reply: object) -> str:
        """A reply names its thread's root and its parent, each a strong ref (uri + cid).

        Stricter than a PDS (which checks only the shape; the app view drops a reply to a
        post that is not there): here the post must exist with that cid, so a test sees a
        thread chained wrongly."""
        if not isinstance(reply, dict):
            return "Record/reply must be an object"
        for name in ("root", "parent"):
            ref = reply.get(name)
            if not isinstance(ref, dict) or not {"uri", "cid"} <= set(ref):
                return f'Record/reply/{name} must have the properties "uri" and "cid"'
            uri = str(ref["uri"])
            if not uri.startswith("at://") or len(uri[5:].split("/")) != 3:
                return f"Record/reply/{name}/uri must be a valid at-uri"
            did, collection, rkey = uri[5:].split("/")
            target = self.records.get((did, collection, rkey))
            if target is None or target.cid != ref["cid"]:
                return f"Record/reply/{name} does not refer to an existing post"
        return ""

    def validate_facet(self, facet: object, data: bytes) -> str:
        if not isinstance(facet, dict):
            return "must be an object"
        index, features = facet.get("index"), facet.get("features")
        if not isinstance(index, dict) or not isinstance(features, list) or not features:
            return 'must have the properties "index" and "features"'
        start, end = index.get("byteStart"), index.get("byteEnd")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            return "index must have byteStart < byteEnd, both non-negative integers"
        if end > len(data):
            return "index is past the end of the text"
        for offset in (start, end):
            if offset < len(data) and data[offset] & 0xC0 == 0x80:
                return f"index {offset} is inside a UTF-8 character"
        covered = data[start:end].decode("utf-8")
        for feature in features:
            kind = feature.get("$type") if isinstance(feature, dict) else None
            if kind == "app.bsky.richtext.facet#link":
                uri = str(feature.get("uri") or "")
                if not regex.match(r"[a-z][a-z0-9+.-]*:", uri) or uri not in (
                    covered,
                    f"https://{covered}",
                    f"http://{covered}",
                ):
                    return f"features/0 link {uri!r} does not match the text {covered!r}"
            elif kind == "app.bsky.richtext.facet#mention":
                account = self.accounts.get(str(feature.get("did")))
                if account is None or covered.lower() != f"@{account.handle}":
                    return f"features/0 mention does not match the text {covered!r}"
            elif kind == "app.bsky.richtext.facet#tag":
                tag = str(feature.get("tag") or "")
                if not tag or len(tag.encode()) > 640 or covered not in (f"#{tag}", f"＃{tag}"):
                    return f"features/0 tag {tag!r} does not match the text {covered!r}"
            else:
                return f"features/0 has an unknown $type {kind!r}"
        return ""

    def validate_images(self, embed: object, did: str) -> str:
        if not isinstance(embed, dict) or embed.get("$type") != "app.bsky.embed.images":
            return "Record/embed must be app.bsky.embed.images here"
        images = embed.get("images")
        if not isinstance(images, list) or not 1 <= len(images) <= 4:
            return "Record/embed/images must have between 1 and 4 elements"
        for i, image in enumerate(images):
            where = f"Record/embed/images/{i}"
            if not isinstance(image, dict) or not isinstance(image.get("alt"), str):
                return f'{where} must have the property "alt"'
            ref = image.get("image")
            link = ref.get("ref", {}).get("$link") if isinstance(ref, dict) else None
            blob = self.blobs.get(str(link))
            if blob is None or blob.did != did or ref.get("$type") != "blob":
                return f"{where}/image could not find blob: {link}"
            if not blob.mime_type.startswith("image/"):
                return f"{where}/image has the wrong mime type: {blob.mime_type}"
            if blob.size > 1_000_000:
                return f"{where}/image file too big (max 1000000 bytes)"
            ratio = image.get("aspectRatio")
            if ratio is not None and not (
                isinstance(ratio, dict)
                and all(
                    isinstance(ratio.get(k), int) and ratio[k] >= 1 for k in ("width", "height")
                )
            ):
                return f"{where}/aspectRatio must have width and height of at least 1"
        return ""

    def get_record(self, request: Request) -> Response:
        query = {k: v[-1] for k, v in request.query.items()}
        for name in ("repo", "collection", "rkey"):
            if not query.get(name):
                return self.xrpc(400, "InvalidRequest", f'Params must have the property "{name}"')
        account = self._account_for(query["repo"])
        if account is None:
            return self.xrpc(400, "InvalidRequest", f"Could not find repo: {query['repo']}")
        uri = f"at://{account.did}/{query['collection']}/{query['rkey']}"
        record = self.records.get((account.did, query["collection"], query["rkey"]))
        if record is None:
            return self.xrpc(400, "RecordNotFound", f"Could not locate record: {uri}")
        return Response(200, {"uri": uri, "cid": record.cid, "value": record.value})

    def delete_record(self, request: Request) -> Response:
        session, refused = self._session(request)
        if refused:
            return refused
        assert session is not None
        body, refused = self._input(request, ("repo", "collection", "rkey"))
        if refused:
            return refused
        account = self._account_for(str(body["repo"]))
        if account is None or account.did != session.did:
            return self.xrpc(401, "AuthenticationRequired", "Authentication Required")
        limited = self._spend(session.did, 1)
        if limited:
            return limited
        self.records.pop((session.did, str(body["collection"]), str(body["rkey"])), None)
        return Response(
            200, {"commit": {"cid": cid_for(secrets.token_bytes(8), 0x71), "rev": self._next_tid()}}
        )

    def get_posts(self, request: Request) -> Response:
        _session, refused = self._session(request)
        if refused:
            return refused
        uris = request.query.get("uris") or []
        if len(uris) > 25:
            return self.xrpc(400, "InvalidRequest", "uris must not have more than 25 elements")
        posts = []
        for uri in uris:
            parts = uri.removeprefix("at://").split("/")
            record = self.records.get(tuple(parts)) if len(parts) == 3 else None  # type: ignore[arg-type]
            if record is None:
                continue
            account = self.accounts[record.did]
            posts.append(
                {
                    "uri": uri,
                    "cid": record.cid,
                    "author": {"did": account.did, "handle": account.handle},
                    "record": record.value,
                    "indexedAt": record.value.get("createdAt"),
                    **record.counts,
                }
            )
        return Response(200, {"posts": posts})

    def list_notifications(self, request: Request) -> Response:
        session, refused = self._session(request)
        if refused:
            return refused
        assert session is not None
        query = {k: v[-1] for k, v in request.query.items()}
        try:
            limit = int(query.get("limit") or 50)
        except ValueError:
            return self.xrpc(400, "InvalidRequest", "limit must be an integer")
        if not 1 <= limit <= 100:
            return self.xrpc(400, "InvalidRequest", "limit must be between 1 and 100")
        mine = [] if session.did != self.account.did else list(reversed(self.notifications))
        cursor = query.get("cursor") or ""
        if cursor:
            try:
                before = base64.urlsafe_b64decode(cursor.encode()).decode()
            except ValueError:
                return self.xrpc(400, "InvalidRequest", "Malformed cursor")
            mine = [n for n in mine if n["indexedAt"] < before]
        page = mine[:limit]
        body: dict[str, Any] = {"notifications": page, "priority": False}
        if len(mine) > limit:
            body["cursor"] = base64.urlsafe_b64encode(page[-1]["indexedAt"].encode()).decode()
        return Response(200, body)

    # --- metrics (analytics): the profile's followers and counts that change ----------------
    def setup_metrics_routes(self) -> None:
        self.route("GET", "/xrpc/app.bsky.actor.getProfile", "get_profile", self.get_profile)
        self.followers: dict[str, int] = {}

    def get_profile(self, request: Request) -> Response:
        _session, refused = self._session(request)
        if refused:
            return refused
        actor = (request.query.get("actor") or [""])[0]
        account = self.accounts.get(actor)
        if account is None:
            return self.xrpc(400, "InvalidRequest", "Profile not found")
        return Response(
            200,
            {
                "did": actor,
                "handle": account.handle,
                "followersCount": self.followers.get(actor, 340),
                "followsCount": 12,
                "postsCount": sum(1 for key in self.records if key[0] == actor),
            },
        )

    def time_passes(self, hours: float = 1.0) -> None:
        with self.lock:
            for record in self.records.values():
                for name, rate in (
                    ("likeCount", 5),
                    ("repostCount", 2),
                    ("replyCount", 1),
                    ("quoteCount", 1),
                ):
                    record.counts[name] += self.random.randint(0, int(rate * hours) + 1)
            for did in self.accounts:
                self.followers[did] = self.followers.get(did, 340) + self.random.randint(0, 4)
