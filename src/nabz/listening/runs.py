"""Running the listening queries on a schedule, through each network's search.

``dispatch()`` runs with the publishing dispatcher and the inbox in every worker: each
running query that is due is handed to the task queue (``run``). ``run_query`` claims the
query with a lease (two workers never run one query at once), then for each network it
searches (its ``network.toml`` ``[search]`` says whether it may; a connected account of
the workspace speaks for us) and for each term to ask for (``query.probes``) reads page
after page from that term's stored cursor. Each page is matched by the fast matcher,
checked by the Trust Gate (``marks``) and stored together with the cursor that follows it
in one transaction (``store``), so a failure half way keeps the pages before it and reads
the rest next time: nothing lost, nothing twice (a result is unique per query by network
and network id). Errors follow publishing's rules: 429 waits what the network asks, 5xx,
dropped connections and malformed pages back off with jitter, a refused token marks the
account for reconnecting. After the reading, the alerts are looked for (``alerts``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from nabz.listening import marks as marking
from nabz.listening.models import ListeningQuery, Result, SearchCursor, Volume
from nabz.listening.query import (
    Matcher,
    Node,
    Post,
    QueryError,
    Term,
    compile_query,
    features,
    key,
    parse,
    probes,
)
from nabz.publishing.connectors import NETWORKS, connector_for
from nabz.publishing.connectors.base import Connector, PublishError, TokenExpired
from nabz.publishing.connectors.search import FoundPost, SearchTerm, available, searcher, support
from nabz.publishing.models import Account
from nabz.publishing.worker import backoff

log = logging.getLogger("nabz.listening")

MAX_PAGES = 5  # pages per term per run; the rest waits for the next run
MAX_PROBES = 12  # terms asked of one network per query (the editor refuses more)
LEASE = dt.timedelta(minutes=5)
BACKOFF_CAP = 30 * 60.0


def searchable_networks() -> list[str]:
    return [name for name in NETWORKS if available(name)]


def networks_of(query: ListeningQuery) -> list[str]:
    chosen = [n for n in (query.networks or []) if n in NETWORKS]
    return chosen or list(NETWORKS)


@dataclass
class RunReport:
    state: str = "done"  # done, busy, invalid
    pages: int = 0
    seen: int = 0
    stored: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Compiled:
    """A query ready to test texts: its tree, matcher and the filters kept beside it."""

    tree: Node
    matcher: Matcher
    languages: frozenset[str]
    excluded: frozenset[str]

    def matches(self, post: Post) -> bool:
        if self.languages and post.language not in self.languages:
            return False
        if self.excluded and key(post.author.lstrip("@")) in self.excluded:
            return False
        return self.matcher(features(post))


def compiled(query: ListeningQuery) -> Compiled:
    tree = parse(query.query, NETWORKS)
    return Compiled(
        tree,
        compile_query(tree),
        frozenset(query.languages or ()),
        frozenset(query.excluded()),
    )


def search_terms(tree: Node) -> list[SearchTerm]:
    terms: list[SearchTerm] = []
    for term in probes(tree) or []:
        item = _as_search(term)
        if item not in terms:
            terms.append(item)
    return terms[:MAX_PROBES]


def _as_search(term: Term) -> SearchTerm:
    if term.kind == "hashtag":
        return SearchTerm("hashtag", term.value)
    if term.kind == "mention":
        return SearchTerm("text", f"@{term.value}")
    return SearchTerm("text", term.value)


def probe_key(term: SearchTerm) -> str:
    return f"{term.kind}:{term.value}"[:300]


# --- the schedule ------------------------------------------------------------------------
def due(now: dt.datetime) -> list[int]:
    return list(
        ListeningQuery.objects.filter(active=True, next_run_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    )


def dispatch(now: dt.datetime | None = None, *, inline: bool = False) -> int:
    """Hand every query that is due to the queue (or run it here, ``inline``)."""
    now = now or timezone.now()
    queries = due(now)
    if inline:
        for pk in queries:
            run_query(pk, now=now)
        return len(queries)
    from nabz.listening.tasks import run

    for pk in queries:
        run.enqueue(pk)
    return len(queries)


def _interval(networks: list[str]) -> int:
    seconds = [support(n).poll_seconds for n in networks if available(n)]
    return min(seconds, default=300)


def run_query(
    query_id: int,
    *,
    now: dt.datetime | None = None,
    connectors: dict[str, Connector] | None = None,
) -> RunReport:
    """Read every network's search for one query; see the module docstring."""
    now = now or timezone.now()
    report = RunReport()
    claimed = (
        ListeningQuery.objects.filter(pk=query_id, active=True, next_run_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )
    if not claimed:
        report.state = "busy"
        return report
    query = ListeningQuery.objects.select_related("workspace").get(pk=query_id)
    networks = networks_of(query)
    try:
        ready = compiled(query)
    except QueryError as exc:  # saved before a rule changed: it waits for an edit
        report.state = "invalid"
        report.errors.append(exc.code)
        ListeningQuery.objects.filter(pk=query.pk).update(
            lease_until=None, next_run_at=now + dt.timedelta(hours=1)
        )
        return report
    terms = search_terms(ready.tree)
    for network in networks:
        _run_network(query, network, ready, terms, now, report, (connectors or {}).get(network))
    ListeningQuery.objects.filter(pk=query.pk).update(
        lease_until=None,
        last_run_at=now,
        next_run_at=now + dt.timedelta(seconds=_interval(networks)),
    )
    from nabz.listening import alerts

    alerts.look(query, now)
    return report


def _cursor(query: ListeningQuery, network: str, probe: str, now: dt.datetime) -> SearchCursor:
    row, _ = SearchCursor.objects.get_or_create(
        query=query, network=network, probe=probe, defaults={"next_run_at": now}
    )
    return row


def _run_network(
    query: ListeningQuery,
    network: str,
    ready: Compiled,
    terms: list[SearchTerm],
    now: dt.datetime,
    report: RunReport,
    connector: Connector | None,
) -> None:
    if not available(network):
        if query.networks:  # asked for by name: say so on the page
            _state_all(query, network, SearchCursor.State.UNSUPPORTED, now)
        return
    search = searcher(network)
    assert search is not None
    account = (
        Account.objects.filter(
            workspace=query.workspace, network=network, status=Account.Status.ACTIVE
        )
        .order_by("pk")
        .first()
    )
    if account is None:
        _state_all(query, network, SearchCursor.State.NO_ACCOUNT, now)
        return
    allowed = support(network).terms
    for term in terms:
        if term.kind not in allowed:
            continue
        cursor = _cursor(query, network, probe_key(term), now)
        if cursor.next_run_at > now:
            continue
        try:
            if connector is None:
                from nabz.publishing.worker import http_client

                connector = connector_for(network, account.credentials(), client=http_client())
            for _page in range(MAX_PAGES):
                before = cursor.cursor
                found, following = _refreshing(connector, account, search, term, before)
                report.pages += 1
                report.seen += len(found)
                report.stored += store(query, network, found, ready, cursor, following, now)
                if not found or following == before:
                    break
        except PublishError as exc:
            report.errors.append(f"{network}: {exc.reason or exc}")
            if exc.permanent and exc.status == 403:  # e.g. X: the API tier has no search
                _refused(cursor, exc, now)
                return
            _failed(cursor, account, exc, now)
            if isinstance(exc, TokenExpired) or exc.status == 401:
                return
            continue
        except Exception as exc:  # storing failed: that page's transaction rolled back
            log.exception("listening: query %s on %s failed", query.pk, network)
            _failed(cursor, account, PublishError(type(exc).__name__, retry_after=30.0), now)
            continue
        SearchCursor.objects.filter(pk=cursor.pk).update(
            state=SearchCursor.State.OK, failures=0, last_error="", last_run_at=now
        )


def _state_all(query: ListeningQuery, network: str, state: str, now: dt.datetime) -> None:
    row, _ = SearchCursor.objects.get_or_create(query=query, network=network, probe="")
    SearchCursor.objects.filter(pk=row.pk).update(state=state, last_run_at=now)


def _refreshing(connector, account: Account, search, term: SearchTerm, cursor: str):  # type: ignore[no-untyped-def]
    """Read a page; on an expired token refresh once, store it sealed, and read again."""
    try:
        return search(connector, term, cursor)
    except TokenExpired:
        fresh = connector.refresh()
        if fresh is None:
            raise
        account.store_credentials(fresh)
        account.save(update_fields=["sealed_secrets", "token_expires_at", "remote_id", "handle"])
        connector.credentials = fresh
        return search(connector, term, cursor)


def _refused(cursor: SearchCursor, exc: PublishError, now: dt.datetime) -> None:
    """The network refuses this account search (its plan does not include it): said on
    the page, asked again a day later in case the plan changed."""
    SearchCursor.objects.filter(pk=cursor.pk).update(
        state=SearchCursor.State.UNSUPPORTED,
        last_error=(exc.reason or str(exc))[:500],
        next_run_at=now + dt.timedelta(days=1),
    )


def _failed(cursor: SearchCursor, account: Account, exc: PublishError, now: dt.datetime) -> None:
    reason = (exc.reason or str(exc))[:500]
    failures = cursor.failures + 1
    if isinstance(exc, TokenExpired) or (exc.status == 401 and exc.permanent):
        Account.objects.filter(pk=account.pk).update(
            status=Account.Status.NEEDS_RECONNECT, status_reason=reason
        )
    wait = max(exc.retry_after or 0.0, min(BACKOFF_CAP, backoff(failures)))
    SearchCursor.objects.filter(pk=cursor.pk).update(
        state=SearchCursor.State.FAILED,
        failures=min(failures, 1000),
        last_error=reason,
        next_run_at=now + dt.timedelta(seconds=wait),
    )
    log.info("listening: %s search failed (%s), next in %.0fs", account.network, reason, wait)


# --- storing -------------------------------------------------------------------------------
def hour_of(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def build(query: ListeningQuery, network: str, post: FoundPost, now: dt.datetime) -> Result:
    language = marking.language_of(post.text, post.language)
    marks = marking.check(post.text, language)
    from nabz.listening.query import _HASHTAG

    tags = sorted({m.group(1) for m in _HASHTAG.finditer(key(post.text))})
    return Result(
        workspace_id=query.workspace_id,
        query=query,
        network=network,
        remote_id=post.id[:300],
        author_id=post.author.id[:200],
        author_handle=post.author.handle[:200],
        author_name=post.author.display_name[:200],
        text=post.text,
        language=language,
        url=post.url[:500],
        posted_at=post.created_at,
        found_at=now,
        myth=marks.myth,
        myth_id=marks.myth_id,
        emergency=marks.emergency,
        health=marks.health,
        findings=marks.findings,
        hashtags=tags,
    )


def store(
    query: ListeningQuery,
    network: str,
    found: list[FoundPost],
    ready: Compiled,
    cursor: SearchCursor | None,
    following: str,
    now: dt.datetime,
) -> int:
    """Match, check and keep one page, with the cursor that follows it, in one transaction.
    Returns how many results are new."""
    keep: dict[str, FoundPost] = {}
    for post in found:
        language = marking.language_of(post.text, post.language)
        candidate = Post(post.text, language, network, post.author.handle)
        if ready.matches(candidate):
            keep.setdefault(post.id[:300], post)
    with transaction.atomic():
        known = set(
            Result.objects.filter(
                query=query, network=network, remote_id__in=list(keep)
            ).values_list("remote_id", flat=True)
        )
        rows = [build(query, network, p, now) for rid, p in keep.items() if rid not in known]
        try:
            with transaction.atomic():
                Result.objects.bulk_create(rows)
        except IntegrityError:  # another worker stored some of them meanwhile: one by one
            rows = [r for r in rows if _create_once(r)]
        _count(query, rows)
        if cursor is not None:
            SearchCursor.objects.filter(pk=cursor.pk).update(cursor=following[:500])
            cursor.cursor = following[:500]
    return len(rows)


def _create_once(row: Result) -> bool:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return False
    return True


def _count(query: ListeningQuery, rows: list[Result]) -> None:
    buckets: dict[dt.datetime, list[int]] = {}
    for row in rows:
        bucket = buckets.setdefault(hour_of(row.posted_at), [0, 0])
        bucket[0] += 1
        bucket[1] += int(row.myth)
    for hour, (count, myths) in buckets.items():
        updated = Volume.objects.filter(query=query, hour=hour).update(
            count=F("count") + count, myths=F("myths") + myths
        )
        if not updated:
            try:
                with transaction.atomic():
                    Volume.objects.create(query=query, hour=hour, count=count, myths=myths)
            except IntegrityError:
                Volume.objects.filter(query=query, hour=hour).update(
                    count=F("count") + count, myths=F("myths") + myths
                )
