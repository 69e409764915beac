"""Listening's pages: the queries and alerts, the query editor with its live preview, the
results stream of one query (newest first, filtered, a page at a time by keyset so the
millionth result costs what the first does) with its volume and top authors, terms and
hashtags, and an alert with the one-click myth-busting draft.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.audit import record
from nabz.listening.forms import QueryForm
from nabz.listening.models import Alert, ListeningQuery, Result, SearchCursor, Volume
from nabz.listening.query import (
    Post,
    QueryError,
    compile_query,
    features,
    highlights,
    parse,
)
from nabz.publishing.connectors import NETWORKS
from nabz.publishing.connectors.search import available, support
from nabz.trust.text import WORD
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, can

PAGE_SIZE = 50
TOP_SAMPLE = 500  # top authors, terms and hashtags are counted over the latest results
VOLUME_HOURS = 48
# Words too common to be a "top term" (the three languages' most frequent function words).
STOP_WORDS = """
the a an and or of to in on for is are was be it this that with at by from as not we
you i my our your they he she have has do does can will just so but if about all no yes rt
في من على الى الي عن ان هذا هذه التي الذي مع لا ما هل او و يا كل قد
در به از که این را با است برای آن یک تا هم ها می ای نه شد هر
"""
STOP = frozenset(STOP_WORDS.split())
AUDITED = ("name", "query", "networks", "languages", "excluded_authors", "is_brand", "active")


def _networks_table() -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "label": entry.label,
            "can": available(name),
            "note": support(name).note,
        }
        for name, entry in NETWORKS.items()
    ]


@workspace_view(Action.VIEW_LISTENING)
def overview(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    queries = list(ListeningQuery.objects.filter(workspace=ws))
    alerts = Alert.objects.filter(workspace=ws).select_related("query")[:20]
    return render(
        request,
        "listening/overview.html",
        {
            "queries": queries,
            "alerts": alerts,
            "networks": _networks_table(),
            "may_edit": can(request.role, Action.MANAGE_LISTENING),  # type: ignore[attr-defined]
        },
    )


def _changes(before: dict[str, object], query: ListeningQuery) -> dict[str, object]:
    after = {name: getattr(query, name) for name in AUDITED}
    return {k: {"from": before.get(k), "to": v} for k, v in after.items() if before.get(k) != v}


@workspace_view(Action.MANAGE_LISTENING)
def edit_query(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    query = get_object_or_404(ListeningQuery, pk=pk, workspace=ws) if pk else None
    before = {name: getattr(query, name) for name in AUDITED} if query else {}
    if request.method == "POST":
        form = QueryForm(request.POST, instance=query)
        if form.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.workspace = ws
                if query is None:
                    saved.created_by = request.user
                saved.next_run_at = timezone.now()
                saved.save()
                record(
                    "listening.query_created" if query is None else "listening.query_changed",
                    actor=request.user,
                    workspace=ws,
                    obj=saved,
                    payload={"changes": _changes(before, saved)},
                )
            messages.success(request, _("Saved. The query runs within a minute."))
            return redirect("listening_stream", ws=ws.slug, pk=saved.pk)
        status = 400
    else:
        form = QueryForm(instance=query)
        status = 200
    sample = request.POST.get("sample", "") if request.method == "POST" else ""
    return render(
        request,
        "listening/edit.html",
        {"form": form, "item": query, "sample": sample, "networks": _networks_table()},
        status=status,
    )


def _marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


@workspace_view(Action.VIEW_LISTENING)
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """What the query matches in the sample lines, as the author types (htmx)."""
    text = request.POST.get("query", "")
    sample = request.POST.get("sample", "")
    lines = [line for line in sample.splitlines() if line.strip()][:50]
    context: dict[str, object] = {"lines": []}
    try:
        tree = parse(text, NETWORKS)
    except QueryError as exc:
        context["error"] = exc.message()
        context["error_at"] = exc.position
        return render(request, "listening/partials/preview.html", context)
    matcher = compile_query(tree)
    context["lines"] = [
        {
            "html": _marked(line, highlights(tree, line)),
            "matches": matcher(features(Post(line))),
        }
        for line in lines
    ]
    return render(request, "listening/partials/preview.html", context)


@workspace_view(Action.MANAGE_LISTENING)
@require_POST
def delete_query(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    query = get_object_or_404(ListeningQuery, pk=pk, workspace=ws)
    with transaction.atomic():
        record(
            "listening.query_deleted",
            actor=request.user,
            workspace=ws,
            obj=query,
            payload={"name": query.name, "query": query.query},
        )
        query.delete()
    messages.success(request, _("The query and its results were deleted."))
    return redirect("listening", ws=ws.slug)


MARKS = {"myth": "myth", "emergency": "emergency", "health": "health"}


@workspace_view(Action.VIEW_LISTENING)
def stream(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    query = get_object_or_404(ListeningQuery, pk=pk, workspace=ws)
    rows = Result.objects.filter(query=query)
    chosen = {k: request.GET.get(k, "") for k in ("network", "language", "mark", "before")}
    if chosen["network"] in NETWORKS:
        rows = rows.filter(network=chosen["network"])
    if chosen["language"] in ("en", "ar", "fa"):
        rows = rows.filter(language=chosen["language"])
    if chosen["mark"] in MARKS:
        rows = rows.filter(**{MARKS[chosen["mark"]]: True})
    before_time, before_id = _keyset(chosen["before"])
    if before_time is not None:
        rows = rows.filter(posted_at__lte=before_time).exclude(
            posted_at=before_time, pk__gte=before_id
        )
    page = list(rows.order_by("-posted_at", "-pk")[: PAGE_SIZE + 1])
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    older = f"{page[-1].posted_at.isoformat()},{page[-1].pk}" if more and page else ""
    now = timezone.now()
    since = (now - dt.timedelta(hours=VOLUME_HOURS)).replace(minute=0, second=0, microsecond=0)
    volume = list(
        Volume.objects.filter(query=query, hour__gte=since)
        .order_by("hour")
        .values("hour", "count", "myths")
    )
    peak = max((v["count"] for v in volume), default=0) or 1
    for v in volume:
        v["height"] = round(100 * v["count"] / peak)
    latest = list(
        Result.objects.filter(query=query)
        .order_by("-posted_at", "-pk")
        .values_list("author_handle", "text", "hashtags")[:TOP_SAMPLE]
    )
    authors = Counter(a for a, _t, _h in latest if a).most_common(10)
    tags = Counter(t for _a, _t, h in latest for t in (h or [])).most_common(10)
    terms: Counter[str] = Counter()
    for _a, text, _h in latest:
        terms.update(
            {
                w
                for w in WORD.findall(text.lower())
                if len(w) > 2 and w not in STOP and not w.isdigit()
            }
        )
    states = SearchCursor.objects.filter(query=query).values("network", "state", "last_error")
    by_network: dict[str, dict[str, str]] = {}
    for s in states:
        current = by_network.get(s["network"])
        if current is None or s["state"] != SearchCursor.State.OK:
            by_network[s["network"]] = s
    context = {
        "item": query,
        "results": page,
        "older": older,
        "chosen": chosen,
        "volume": volume,
        "authors": authors,
        "tags": tags,
        "terms": terms.most_common(10),
        "sample_size": len(latest),
        "network_states": [
            {**row, "label": NETWORKS[n].label if n in NETWORKS else n}
            for n, row in by_network.items()
        ],
        "networks": _networks_table(),
        "alerts": query.alerts.all()[:10],
        "may_edit": can(request.role, Action.MANAGE_LISTENING),  # type: ignore[attr-defined]
        "network_choices": [(n, e.label) for n, e in NETWORKS.items()],
    }
    if request.headers.get("HX-Request") and request.GET.get("partial") == "results":
        return render(request, "listening/partials/results.html", context)
    return render(request, "listening/stream.html", context)


def _keyset(raw: str) -> tuple[dt.datetime | None, int]:
    when, _sep, pk = raw.rpartition(",")
    parsed = parse_datetime(when) if when else None
    if parsed is None or not pk.isdigit() or len(pk) > 18:
        return None, 0
    return parsed, int(pk)


@workspace_view(Action.VIEW_LISTENING)
def alert(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    item = get_object_or_404(Alert.objects.select_related("query"), pk=pk, workspace=ws)
    return render(
        request,
        "listening/alert.html",
        {
            "alert": item,
            "results": item.results.order_by("-posted_at")[:50],
            "may_draft": can(request.role, Action.CREATE_POST),  # type: ignore[attr-defined]
        },
    )


DRAFTS = {
    "en": (
        "Fact check: {myth}",
        "A claim is going round: “{myth}”\n\nThe facts: {fact}\n\nSource: {source}",
    ),
    "ar": (
        "تصحيح معلومة: {myth}",
        "يتداول البعض أن «{myth}»\n\nالحقيقة: {fact}\n\nالمصدر: {source}",
    ),
    "fa": (
        "راستی‌آزمایی: {myth}",
        "این ادعا دست‌به‌دست می‌شود: «{myth}»\n\nواقعیت: {fact}\n\nمنبع: {source}",
    ),
}


@workspace_view(Action.CREATE_POST)
@require_POST
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A myth-busting draft from a myth alert, through the normal post workflow."""
    from nabz.content import gate, workflow
    from nabz.content.models import Post as ContentPost

    ws = request.workspace  # type: ignore[attr-defined]
    item = get_object_or_404(Alert, pk=pk, workspace=ws)
    if item.kind != Alert.Kind.MYTH or not item.details.get("fact"):
        messages.error(request, _("Only an alert about a myth has a fact to answer with."))
        return redirect("listening_alert", ws=ws.slug, pk=item.pk)
    if item.draft_id:
        return redirect("post_edit", ws=ws.slug, pk=item.draft_id)
    language = str(item.details.get("language") or "en")
    if language not in DRAFTS:
        language = "en"
    title, body = DRAFTS[language]
    values = {k: str(item.details.get(k) or "").rstrip(".") for k in ("myth", "fact", "source")}
    values["fact"] = str(item.details.get("fact") or "")
    with transaction.atomic():
        post = ContentPost.objects.create(
            workspace=ws, author=request.user, title=title.format(**values)[:200]
        )
        post = workflow.edit(post, request.user, text=body.format(**values), language=language)
        gate.record_verdict(post)
        Alert.objects.filter(pk=item.pk).update(draft=post)
        record(
            "listening.draft_created",
            actor=request.user,
            workspace=ws,
            obj=item,
            payload={"post": post.pk, "myth_id": item.myth_id},
        )
    messages.success(
        request,
        _("A myth-busting draft is ready: pick its networks, check it and send it to review."),
    )
    return redirect("post_edit", ws=ws.slug, pk=post.pk)
