"""What Facebook Pages and Instagram share: Meta's Graph API.

Both networks live on graph.facebook.com under a pinned version (``GRAPH_VERSION``),
answer errors as ``{"error": {"message", "type", "code", "error_subcode",
"error_user_title", "error_user_msg", "is_transient", "fbtrace_id"}}`` and report
rate-limit usage in the ``X-App-Usage``, ``X-Page-Usage`` and
``X-Business-Use-Case-Usage`` headers (JSON, percentages, and for the last two an
``estimated_time_to_regain_access`` in minutes).

Error codes, as Meta documents them (developers.facebook.com/docs/graph-api/guides/
error-handling and the Instagram Platform error-code table):

- 190 / 102 access token: subcode 463 (expired) or none → the token expired, refresh;
  458 (app removed), 459 (checkpoint), 460 (password changed), 464 (unconfirmed),
  467 (logged out), 466/492 (session invalidated) → revoked, reconnect.
- 10, 200–299: a permission is missing or was removed → reconnect granting it.
- 4, 17, 32, 613, 341 and the Business Use Case codes 80001 (Pages), 80002 (Instagram),
  80006 → throttled: try again after the time the usage headers give.
- 1, 2, -1, -2, 9007 (media not ready), ``is_transient`` → temporary.
- 368 (blocked for policy), 506 (duplicate post), 1609005 (link), 100 (bad parameter),
  324 (bad image), 9004 / 2207052 (media could not be fetched), 36000–36004 (media
  format) → permanent, with Meta's own words.
- 9 / 2207042: Instagram's 24-hour publishing limit reached → try again later.
- 4 / 2207051: Instagram restricted the account's activity → permanent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from nabz.publishing.connectors.base import (
    Connector,
    Credentials,
    Metrics,
    OutgoingPost,
    PublishError,
    RemotePost,
    TokenExpired,
    retry_after_seconds,
)

GRAPH_VERSION = "v21.0"
GRAPH_API = "https://graph.facebook.com"
FACEBOOK_WWW = "https://www.facebook.com"

TOKEN_CODES = frozenset({102, 190})
EXPIRED_SUBCODES = frozenset({463})
THROTTLE_CODES = frozenset({4, 17, 32, 341, 613, 80001, 80002, 80006})
TRANSIENT_CODES = frozenset({1, 2, -1, -2, 9007})
TRANSIENT_SUBCODES = frozenset({2207001, 2207003, 2207027, 2207032})
PERMANENT_SUBCODES = frozenset({2207051})  # "we restrict certain activity" on Instagram
DAILY_LIMIT_SUBCODES = frozenset({2207042})

THROTTLE_WAIT = 300.0  # seconds, when Meta throttles without saying for how long
DAILY_LIMIT_WAIT = 3600.0
NEAR_LIMIT_PERCENT = 95  # usage above this: tell the worker to slow down
USAGE_HEADERS = ("x-business-use-case-usage", "x-page-usage", "x-app-usage", "x-ad-account-usage")


@dataclass(frozen=True, slots=True)
class GraphError:
    code: int | None
    subcode: int | None
    message: str
    type: str = ""
    user_title: str = ""
    user_message: str = ""
    is_transient: bool | None = None
    fbtrace_id: str = ""

    @property
    def reason(self) -> str:
        """Meta's words for a person when it gave some, else its message."""
        if self.user_message:
            title = f"{self.user_title}: " if self.user_title else ""
            return f"{title}{self.user_message}"[:500]
        return self.message[:500]

    @property
    def label(self) -> str:
        if self.code is None:
            return ""
        return f"#{self.code}" + (f"/{self.subcode}" if self.subcode else "")


def graph_error(response: httpx.Response) -> GraphError | None:
    """The ``error`` object of a Graph answer, if the body has one."""
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    return GraphError(
        code=_int(error.get("code")),
        subcode=_int(error.get("error_subcode")),
        message=str(error.get("message") or ""),
        type=str(error.get("type") or ""),
        user_title=str(error.get("error_user_title") or ""),
        user_message=str(error.get("error_user_msg") or ""),
        is_transient=error.get("is_transient")
        if isinstance(error.get("is_transient"), bool)
        else None,
        fbtrace_id=str(error.get("fbtrace_id") or ""),
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _usage_entries(headers: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every usage object in Meta's rate-limit headers, flattened."""
    entries: list[dict[str, Any]] = []
    for name in USAGE_HEADERS:
        raw = headers.get(name)
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        if name in ("x-business-use-case-usage",) and isinstance(data, dict):
            # {"<business-object-id>": [{"type": "pages", "call_count": 80, ...}]}
            for value in data.values():
                if isinstance(value, list):
                    entries.extend(item for item in value if isinstance(item, dict))
        elif isinstance(data, dict):
            entries.append(data)
    return entries


def usage_percent(headers: Mapping[str, str]) -> int:
    """The highest usage percentage Meta reports in the response headers (0 if none)."""
    highest = 0
    for entry in _usage_entries(headers):
        for key in ("call_count", "total_cputime", "total_time", "acc_id_util_pct"):
            value = _int(entry.get(key))
            if value is not None:
                highest = max(highest, value)
    return highest


def usage_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait according to the usage headers: Meta's own estimate of when access
    comes back, or a default pause when usage is at or near 100 %."""
    estimate = 0
    for entry in _usage_entries(headers):
        minutes = _int(entry.get("estimated_time_to_regain_access"))
        if minutes:
            estimate = max(estimate, minutes)
    if estimate:
        return estimate * 60.0
    if usage_percent(headers) >= NEAR_LIMIT_PERCENT:
        return THROTTLE_WAIT
    return None


def header_wait(headers: Mapping[str, str]) -> float | None:
    """Retry-After when the answer has one, else what the usage headers imply."""
    explicit = retry_after_seconds(headers)
    if explicit is not None:
        return explicit
    return usage_retry_after(headers)


def classify(
    network: str, error: GraphError, status: int, headers: Mapping[str, str]
) -> PublishError:
    """Turn a Graph error into the PublishError the worker understands (with Meta's code
    and subcode kept on it as ``graph_code`` / ``graph_subcode``)."""
    result = _classify(network, error, status, headers)
    result.graph_code = error.code  # type: ignore[attr-defined]
    result.graph_subcode = error.subcode  # type: ignore[attr-defined]
    return result


def _classify(
    network: str, error: GraphError, status: int, headers: Mapping[str, str]
) -> PublishError:
    reason = error.reason or f"HTTP {status}"
    trace = f" (fbtrace_id {error.fbtrace_id})" if error.fbtrace_id else ""
    label = f" [{error.label}]" if error.label else ""
    message = f"{network}: {reason}{label}{trace}"
    code, subcode = error.code, error.subcode
    wait = header_wait(headers)

    if code in TOKEN_CODES:
        if subcode is None or subcode in EXPIRED_SUBCODES:
            return TokenExpired(message, status=status, reason=reason)
        return PublishError(
            f"{message} — the login behind this connection was revoked; reconnect the account.",
            permanent=True,
            status=401,
            reason=reason,
        )
    if code == 10 or (code is not None and 200 <= code <= 299):
        return PublishError(
            f"{message} — a permission is missing; reconnect the account and grant it.",
            permanent=True,
            status=401,
            reason=reason,
        )
    if subcode in PERMANENT_SUBCODES or error.message.startswith("Error validating"):
        # Also #1 "Error validating client secret." from the token endpoint: our app's
        # configuration is wrong, retrying cannot help.
        return PublishError(message, permanent=True, status=status, reason=reason)
    if subcode in DAILY_LIMIT_SUBCODES:
        return PublishError(
            message, retry_after=wait or DAILY_LIMIT_WAIT, status=status, reason=reason
        )
    if code in THROTTLE_CODES:
        return PublishError(
            message, retry_after=wait or THROTTLE_WAIT, status=status, reason=reason
        )
    if (
        code in TRANSIENT_CODES
        or subcode in TRANSIENT_SUBCODES
        or error.is_transient
        or status >= 500
    ):
        return PublishError(message, retry_after=wait, status=status, reason=reason)
    return PublishError(message, permanent=True, status=status, reason=reason)


def graph_codes(error: PublishError) -> tuple[int | None, int | None]:
    return getattr(error, "graph_code", None), getattr(error, "graph_subcode", None)


def is_gone(error: PublishError) -> bool:
    """Meta's "Object with ID ... does not exist" (#100/33): for delete, a post already
    gone counts as deleted."""
    return error.permanent and graph_codes(error) == (100, 33)


def same_text(a: str | None, b: str | None) -> bool:
    """Compare post texts the way the network stores them (line ends and outer space)."""
    return _normal(a) == _normal(b)


def _normal(text: str | None) -> str:
    return "\n".join(
        line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")
    ).strip()


class GraphConnector(Connector):
    """Graph API plumbing shared by the Facebook and Instagram connectors.

    The access token travels in an ``Authorization: Bearer`` header, never in a URL, so
    it cannot end up in a log line or an exception message.
    """

    default_api_base = GRAPH_API
    version = GRAPH_VERSION
    find_pages = 3  # pages of recent posts find() reads at most

    def insights(
        self, remote_id: str, metrics: tuple[str, ...], raw: dict[str, Any]
    ) -> dict[str, int]:
        """A post's insight values by metric name; without the insights permission the
        other counts still come back (the refusal is noted in ``raw``)."""
        values: dict[str, int] = {}
        try:
            insights = self.call(
                "GET", self.path(remote_id, "insights"), params={"metric": ",".join(metrics)}
            )
        except PublishError as exc:
            if not exc.permanent:
                raise
            raw["insights_error"] = exc.reason  # e.g. the insights permission not granted
            return values
        raw["insights"] = insights
        for item in insights.get("data") or []:
            value = insight_value(item)
            if value is not None:
                values[str(item.get("name"))] = value
        return values

    def path(self, *parts: str) -> str:
        return "/" + "/".join((self.version, *parts))

    def call(
        self, method: str, path: str, *, token: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        return self.call_full(method, path, token=token, **kwargs)[0]

    def call_full(
        self, method: str, path: str, *, token: str | None = None, **kwargs: Any
    ) -> tuple[dict[str, Any], httpx.Response]:
        """Send a Graph request; the JSON body and the response (for its headers)."""
        bearer = self.credentials.access_token if token is None else token
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        response = self.request(method, path, headers=headers, **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise PublishError(
                f"{self.network}: unreadable answer from the Graph API",
                ambiguous=method != "GET",
                status=response.status_code,
                reason="The network sent an answer that is not JSON.",
            )
        if "error" in body:
            raise self.error_for(response)
        return body, response

    def error_for(self, response: httpx.Response) -> PublishError:
        error = graph_error(response)
        if error is None:
            fallback = super().error_for(response)
            wait = header_wait(response.headers)
            if wait is not None and not fallback.permanent:
                fallback.retry_after = wait
            return fallback
        return classify(self.network, error, response.status_code, response.headers)

    def reason_of(self, response: httpx.Response) -> str:
        error = graph_error(response)
        return error.reason if error else super().reason_of(response)

    def rate_limit_extra(self, response: httpx.Response) -> dict[str, Any]:
        """What a successful answer says about usage, for RemotePost.extra: when usage is
        near the limit, the seconds the worker should wait before the next call."""
        wait = usage_retry_after(response.headers)
        if wait is None:
            return {}
        return {
            "rate_limit_percent": usage_percent(response.headers),
            "rate_limit_retry_after": wait,
        }

    def list_recent(self, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Read up to ``find_pages`` pages of an edge, following ``paging.next``.

        Graph's ``next`` links carry the access token in their query: the connector keeps
        only the link's path and other parameters, drops the token (it travels in the
        header) and always calls its own API base, so no token ends up in a URL or a log
        line and the token is never sent to another host.
        """
        items: list[dict[str, Any]] = []
        url: str | None = path
        query: Any = params
        for _page in range(self.find_pages):
            if url is None:
                break
            body = self.call("GET", url, params=query)
            data = body.get("data")
            if isinstance(data, list):
                items.extend(item for item in data if isinstance(item, dict))
            paging = body.get("paging")
            following = paging.get("next") if isinstance(paging, dict) else None
            url, query = None, None
            if isinstance(following, str) and data:
                parts = urlsplit(following)
                url = parts.path
                query = [(k, v) for k, v in parse_qsl(parts.query) if k != "access_token"]
        return items

    def page_token_from(self, user_token: str, page_id: str) -> str:
        """A fresh Page access token, read with the user token the Page was connected with."""
        try:
            body = self.call(
                "GET", self.path(page_id), token=user_token, params={"fields": "access_token"}
            )
        except TokenExpired as exc:
            raise PublishError(
                f"{self.network}: the Facebook login behind this connection expired; "
                "reconnect the account.",
                permanent=True,
                status=401,
                reason=exc.reason,
            ) from None
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise PublishError(
                f"{self.network}: Facebook gave no Page access token; the person who connected "
                "the account may have lost their role on the Page. Reconnect the account.",
                permanent=True,
                status=401,
                reason="No Page access token in the answer.",
            )
        return token


class GraphSession(GraphConnector):
    """A Graph client for calls outside publishing (connecting an account)."""

    network = "facebook"

    def __init__(
        self,
        token: str,
        *,
        api_base: str = "",
        network: str = "facebook",
        client: httpx.Client | None = None,
    ) -> None:
        super().__init__(Credentials(access_token=token, api_base=api_base), client=client)
        self.network = network

    # Connecting an account only reads: the publishing calls belong to the real connectors.
    def _not_a_publisher(self) -> PublishError:
        return PublishError(
            f"{self.network}: this client connects accounts, it does not publish", permanent=True
        )

    def publish(self, post: OutgoingPost) -> RemotePost:
        raise self._not_a_publisher()

    def delete(self, remote_id: str) -> None:
        raise self._not_a_publisher()

    def metrics(self, remote_id: str) -> Metrics:
        raise self._not_a_publisher()

    def find(self, post: OutgoingPost) -> RemotePost | None:
        raise self._not_a_publisher()


def int_or_none(value: Any) -> int | None:
    """An int from the JSON, or None (booleans and strings are not counts)."""
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def insight_value(item: Any) -> int | None:
    """The number in one insights entry: its first period's value, else its total."""
    if not isinstance(item, dict):
        return None
    values = item.get("values")
    if isinstance(values, list) and values and isinstance(values[0], dict):
        value = int_or_none(values[0].get("value"))
        if value is not None:
            return value
    total = item.get("total_value")
    return int_or_none(total.get("value")) if isinstance(total, dict) else None
