"""Post lists, a post's page with its review, and the actions on it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabz.content import findings, gate, reach, workflow
from nabz.content.highlight import SEVERITY_ORDER, highlight
from nabz.content.models import Comment, Network, Notification, Pillar, Post, ReviewKind, State
from nabz.content.status import held_by_pause, shown_state
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, Role, can

PAGE_SIZE = 25


def _posts(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Post.objects.filter(workspace=request.workspace)  # type: ignore[attr-defined]


@workspace_view(Action.VIEW_WORKSPACE)
def post_list(request: HttpRequest) -> HttpResponse:
    posts = (
        _posts(request)
        .select_related("author", "workspace")
        .prefetch_related("variants", "publications")
    )
    state, pillar, network = (request.GET.get(k, "") for k in ("state", "pillar", "network"))
    query = request.GET.get("q", "").strip()
    if state in State.values:
        posts = posts.filter(state=state)
    if pillar in Pillar.values:
        posts = posts.filter(pillar=pillar)
    if network in Network.values:
        posts = posts.filter(variants__network=network)
    if query:
        posts = posts.filter(Q(title__icontains=query) | Q(text__icontains=query))
    counts = dict(_posts(request).values_list("state").annotate(n=Count("id")))
    page = Paginator(posts.order_by("-updated_at").distinct(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "content/post_list.html",
        {
            "page_obj": page,
            "states": State.choices,
            "pillars": Pillar.choices,
            "networks": Network.choices,
            "counts": counts,
            "filters": {"state": state, "pillar": pillar, "network": network, "q": query},
            "can_write": can(request.role, Action.CREATE_POST),  # type: ignore[attr-defined]
        },
    )


@workspace_view(Action.VIEW_WORKSPACE)
def review_queue(request: HttpRequest) -> HttpResponse:
    """Posts waiting for the kind of review this member's role gives."""
    role = request.role  # type: ignore[attr-defined]
    kind = {
        Role.CLINICAL_REVIEWER: ReviewKind.CLINICAL,
        Role.COMPLIANCE_OFFICER: ReviewKind.COMPLIANCE,
    }.get(role)
    waiting = (
        _posts(request)
        .filter(state=State.IN_REVIEW)
        .select_related("author", "workspace")
        .prefetch_related("approvals", "variants", "media", "consents", "overrides")
        .order_by("scheduled_at", "updated_at")
    )
    rows = []
    for post in waiting:
        missing = workflow.missing_reviews(post)
        rows.append(
            {
                "post": post,
                "missing": sorted(missing),
                "mine": kind in missing and post.author_id != request.user.pk,
            }
        )
    if kind is not None:
        rows.sort(key=lambda r: not r["mine"])
    return render(request, "content/review_queue.html", {"rows": rows, "kind": kind})


def _detail_context(request: HttpRequest, post: Post) -> dict[str, object]:
    from django.utils import translation

    from nabz.audit.models import AuditEntry

    result = gate.run(post, message_language=(translation.get_language() or "en")[:2])
    role = request.role  # type: ignore[attr-defined]
    media = list(post.media.all())
    shown = findings.for_display(result.reports, lambda k: gate.part_label(k, media))
    texts = []
    for key, report in result.reports.items():
        text = report.text
        own = shown.get(key, [])
        texts.append(
            {
                "key": key,
                "label": gate.part_label(key, media) if key else "",
                "text": text,
                "html": highlight(text, [g.finding for g in own]),
                "report": report,
                "inherits": findings.inherits(result.reports, key),
                "findings": sorted(own, key=lambda f: (SEVERITY_ORDER[f.severity], f.start)),
            }
        )
    unresolved = {(key, f.code, f.text) for key, f in result.unresolved}
    approvals = [a for a in post.approvals.all() if a.active]
    fingerprint = post.fingerprint()
    missing = workflow.missing_reviews(post, result)
    history = AuditEntry.objects.filter(
        object_type="content.post", object_id=str(post.pk)
    ).order_by("-sequence")[:30]
    from nabz.audit.sentences import describe

    history = list(history)
    for entry, said in describe(history, (translation.get_language() or "en")[:2]):
        entry.sentence_html = said  # type: ignore[attr-defined]
    comments = list(post.comments.select_related("author"))
    publications = list(post.publications.select_related("account"))
    unconnected = []
    if post.state in (State.DRAFT, State.IN_REVIEW, State.APPROVED, State.SCHEDULED):
        unconnected = reach.unconnected(post.workspace, [v.network for v in post.variants.all()])
    return {
        "post": post,
        "shown": shown_state(post, publications),
        "held": held_by_pause(post),
        "unconnected": unconnected,
        "unconnected_labels": reach.labels(unconnected),
        "can_connect": can(role, Action.MANAGE_ACCOUNTS),
        "publications": publications,
        "result": result,
        "texts": texts,
        "unresolved": unresolved,
        "approvals": [a for a in approvals if a.fingerprint == fingerprint],
        "required": sorted(workflow.required_reviews(result)),
        "missing": sorted(missing),
        "history": history,
        "comments": [c for c in comments if c.parent_id is None],
        "replies": {c.pk: [r for r in comments if r.parent_id == c.pk] for c in comments},
        "allowed": workflow.allowed_actions(
            post, request.user, role=role, publications=publications
        ),
    }


@workspace_view(Action.VIEW_WORKSPACE)
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        _posts(request)
        .select_related("author", "workspace")
        .prefetch_related(
            "variants", "media", "consents", "approvals__reviewer", "overrides__officer"
        ),
        pk=pk,
    )
    return render(request, "content/post_detail.html", _detail_context(request, post))


def _after(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    post: Post,
    action,
    *args,
    done: str = "",
    keep_typed: bool = False,
    **kwargs,
) -> HttpResponse:
    """Run a workflow action and go back to the post's page with what happened as a message.

    A refusal is said as a message on the post's page (a redirect, as after success), so a
    reload never repeats the action. ``keep_typed``: the form holds text the person wrote
    (an override's reason, a comment), so a refusal shows the page again with it kept.
    """
    try:
        action(post, request.user, *args, **kwargs)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
        post.refresh_from_db()
        if keep_typed:
            return render(
                request, "content/post_detail.html", _detail_context(request, post), status=400
            )
        return redirect("post_detail", ws=post.workspace.slug, pk=post.pk)
    post.refresh_from_db()
    gate.record_verdict(post)
    if done:
        messages.success(request, done)
    return redirect("post_detail", ws=post.workspace.slug, pk=post.pk)


def _post_for_action(request: HttpRequest, pk: int) -> Post:
    return get_object_or_404(_posts(request), pk=pk)


@workspace_view(Action.SUBMIT_POST)
@require_POST
def submit_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _after(
        request,
        _post_for_action(request, pk),
        workflow.submit,
        done=_("Sent to review. The reviewers have been told."),
    )


@workspace_view(Action.REVIEW_POST)
@require_POST
def approve_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Which approval a reviewer may give depends on their role: the workflow checks it."""
    post = _post_for_action(request, pk)
    kind = request.POST.get("kind", "")
    done = (
        _("Your compliance approval is recorded.")
        if kind == ReviewKind.COMPLIANCE
        else _("Your clinical approval is recorded.")
    )
    return _after(request, post, workflow.approve, kind, done=done)


@workspace_view(Action.REVIEW_POST)
@require_POST
def reject_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for_action(request, pk)
    return _after(
        request,
        post,
        workflow.reject,
        request.POST.get("comment", ""),
        done=_("Sent back to the author with your comments."),
    )


@workspace_view(Action.OVERRIDE_FINDING)
@require_POST
def override_finding(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for_action(request, pk)
    return _after(
        request,
        post,
        workflow.override,
        code=request.POST.get("code", ""),
        matched_text=request.POST.get("matched_text", ""),
        network=request.POST.get("network", ""),
        reason=request.POST.get("reason", ""),
        done=_("The finding is overridden; your reason is in the audit log."),
        keep_typed=True,
    )


@workspace_view(Action.SCHEDULE_POST)
@require_POST
def schedule_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for_action(request, pk)
    when = parse_local(request.POST.get("scheduled_at", ""), request.workspace.timezone)  # type: ignore[attr-defined]
    if request.POST.get("scheduled_at") and when is None:
        messages.error(request, _("Enter a date and time like 2026-12-01 09:30."))
        return redirect("post_detail", ws=post.workspace.slug, pk=post.pk)
    return _after(request, post, workflow.schedule, when, done=_("Scheduled."))


@workspace_view(Action.SCHEDULE_POST)
@require_POST
def unschedule_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _after(
        request, _post_for_action(request, pk), workflow.unschedule, done=_("Unscheduled.")
    )


@workspace_view(Action.ARCHIVE_POST)
@require_POST
def archive_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _after(request, _post_for_action(request, pk), workflow.archive, done=_("Archived."))


@workspace_view(Action.COMMENT_POST)
@require_POST
def comment_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for_action(request, pk)
    parent = None
    if request.POST.get("parent"):
        parent = Comment.objects.filter(pk=request.POST.get("parent"), post=post).first()
    return _after(
        request, post, workflow.comment, request.POST.get("body", ""), parent, keep_typed=True
    )


def parse_local(raw: str, zone: str) -> dt.datetime | None:
    """A datetime-local value in the workspace's time zone, as an aware datetime."""
    raw = raw.strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            naive = dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return timezone.make_aware(naive, zoneinfo.ZoneInfo(zone))
    return None


@workspace_view(Action.VIEW_WORKSPACE)
def notifications(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user, workspace=request.workspace)[:100]  # type: ignore[attr-defined]
    response = render(request, "content/notifications.html", {"items": items})
    Notification.objects.filter(
        user=request.user,
        workspace=request.workspace,  # type: ignore[attr-defined]
        read_at__isnull=True,
    ).update(read_at=timezone.now())
    return response
