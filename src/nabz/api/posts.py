"""Posts through the API: the same workflow, the same role table, the same Trust Gate."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel

from nabz.api.api import ERRORS, workspace_for
from nabz.api.schemas import FindingOut
from nabz.content import gate, workflow
from nabz.content.gate import record_verdict
from nabz.content.models import Network, Pillar, Post, State
from nabz.workspaces.roles import Action

router = Router(tags=["posts"])

NetworkName = Literal["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky", "sandbox"]
PillarName = Literal[tuple(Pillar.values)]  # type: ignore[valid-type]


class VariantIO(Schema):
    network: NetworkName
    text: str = Field("", max_length=70_000)


class PostIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    text: str = Field("", max_length=70_000)
    language: Literal["en", "ar", "fa"] = "en"
    pillar: PillarName = "education"  # type: ignore[valid-type]
    tags: list[str] = Field(default_factory=list, max_length=30)
    variants: list[VariantIO] = Field(default_factory=list, max_length=7)
    media: list[int] = Field(default_factory=list, max_length=20)
    consents: list[int] = Field(default_factory=list, max_length=20)
    scheduled_at: datetime | None = None


class Out(BaseModel):
    """Output built as plain dicts: pydantic validates those without Ninja's attribute
    reader, which was most of a post list's time."""


MAX_OFFSET = 1_000_000_000  # beyond any workspace; keeps the database's integers in range


class TextReport(Out):
    part: Literal["text", "variant", "title", "alt_text"]
    network: str | None  # for a variant
    media: int | None  # for an image's alt text
    score: int
    findings: list[FindingOut]


class PublicationOut(Out):
    network: str
    account: str | None
    state: str
    remote_url: str
    published_at: datetime | None
    last_error: str


class TakedownIn(Schema):
    reason: str = Field(..., min_length=3, max_length=1000)


class PostOut(Out):
    id: int
    title: str
    text: str
    language: str
    pillar: str
    state: str
    tags: list[str]
    scheduled_at: datetime | None
    author: str
    variants: list[VariantIO]
    media: list[int]
    consents: list[int]
    trust_score: int | None
    required_reviews: list[str]
    missing_reviews: list[str]
    reports: list[TextReport]
    publications: list[PublicationOut]


class ApproveIn(Schema):
    kind: Literal["clinical", "compliance"]


class RejectIn(Schema):
    comment: str = Field(..., min_length=1, max_length=5000)


class OverrideIn(Schema):
    code: str = Field(..., max_length=8)
    matched_text: str = Field(..., max_length=500)
    network: NetworkName | Literal[""] = ""
    reason: str = Field(..., min_length=workflow.MIN_REASON, max_length=5000)


class ScheduleIn(Schema):
    scheduled_at: datetime


class CommentIn(Schema):
    body: str = Field(..., min_length=1, max_length=5000)
    parent: int | None = None


def _out(post: Post) -> dict[str, object]:
    """The post with its stored verdict: the gate runs only when the verdict is stale.

    A plain dict, validated once against :class:`PostOut` by Ninja on the way out
    (validating a dict is several times faster than reading a schema's attributes).
    """
    verdict = gate.verdict(post)
    return dict(
        id=post.pk,
        title=post.title,
        text=post.text,
        language=post.language,
        pillar=post.pillar,
        state=post.state,
        tags=list(post.tags),
        scheduled_at=post.scheduled_at,
        author=post.author.get_username(),
        variants=[{"network": v.network, "text": v.text} for v in post.variants.all()],
        media=[m.pk for m in post.media.all()],
        consents=[c.pk for c in post.consents.all()],
        trust_score=verdict.score,
        required_reviews=sorted(workflow.required_reviews(verdict)),
        missing_reviews=sorted(workflow.missing_reviews(post, verdict)),
        reports=[_text_report(r) for r in verdict.reports],
        publications=[
            dict(
                network=p.network,
                account=p.account.name if p.account else None,
                state=p.state,
                remote_url=p.remote_url,
                published_at=p.published_at,
                last_error=p.last_error,
            )
            for p in post.publications.all()
        ],
    )


def _text_report(stored: dict[str, object]) -> dict[str, object]:
    key = str(stored["key"])
    out = {"score": stored["score"], "findings": stored["findings"], "network": None, "media": None}
    if key.startswith(gate.ALT_PREFIX):
        return out | {"part": "alt_text", "media": int(key[len(gate.ALT_PREFIX) :])}
    if key in (gate.MASTER, gate.TITLE):
        return out | {"part": "text" if key == gate.MASTER else "title"}
    return out | {"part": "variant", "network": key}


def _changes(request: HttpRequest, ws: object, body: PostIn) -> dict[str, object]:
    from nabz.consent.models import Consent
    from nabz.media.models import MediaItem

    media = list(MediaItem.objects.filter(workspace=ws, pk__in=body.media))
    consents = list(Consent.objects.filter(workspace=ws, pk__in=body.consents))
    if len(media) != len(set(body.media)):
        raise HttpError(422, "media: unknown image id in this workspace")
    if len(consents) != len(set(body.consents)):
        raise HttpError(422, "consents: unknown consent id in this workspace")
    if len({v.network for v in body.variants}) != len(body.variants):
        raise HttpError(422, "variants: one variant per network")
    if not body.text.strip() and not any(v.text.strip() for v in body.variants):
        raise HttpError(422, "text: write the text of the post")
    return {
        "title": body.title,
        "text": body.text,
        "language": body.language,
        "pillar": body.pillar,
        "tags": [t.strip().lstrip("#") for t in body.tags if t.strip()],
        "scheduled_at": body.scheduled_at,
        "variants": {v.network: v.text for v in body.variants},
        "media": media,
        "consents": consents,
    }


def _get(ws: object, post_id: int) -> Post:
    return get_object_or_404(
        Post.objects.select_related("author", "workspace"), pk=post_id, workspace=ws
    )


def _run(action, post: Post, user, *args, **kwargs) -> Post:  # type: ignore[no-untyped-def]
    try:
        action(post, user, *args, **kwargs)
    except workflow.WorkflowError as exc:
        raise HttpError(409, str(exc)) from exc
    record_verdict(post)
    post.refresh_from_db()
    return post


class PostListOut(Out):
    count: int  # posts matching the filters, all pages together
    items: list[PostOut]


@router.get("", response={200: PostListOut, **ERRORS})
def list_posts(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    slug: str = Path(...),
    state: State | None = None,
    network: Network | None = None,
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """The workspace's posts, most recently changed first, a page at a time."""
    ws, _ = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    posts = Post.objects.filter(workspace=ws)
    if state:
        posts = posts.filter(state=state)
    if network:
        posts = posts.filter(variants__network=network).distinct()
    page = (
        posts.select_related("author", "workspace")
        .prefetch_related(
            "variants", "media", "consents", "overrides", "approvals", "publications__account"
        )
        .order_by("-updated_at", "-pk")[offset : offset + limit]
    )
    return PostListOut(count=posts.count(), items=[_out(p) for p in page])


@router.post("", response={201: PostOut, **ERRORS})
def create_post(request: HttpRequest, body: PostIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    from ninja import Status

    ws, _ = workspace_for(request, slug, Action.CREATE_POST)
    changes = _changes(request, ws, body)
    with transaction.atomic():
        post = Post.objects.create(workspace=ws, author=request.auth, title=body.title)  # type: ignore[attr-defined]
        post = workflow.edit(post, request.auth, **changes)  # type: ignore[attr-defined]
    record_verdict(post)
    return Status(201, _out(_get(ws, post.pk)))


@router.get("/{post_id}", response={200: PostOut, **ERRORS})
def get_post(request: HttpRequest, post_id: int, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    return _out(_get(ws, post_id))


@router.put("/{post_id}", response={200: PostOut, 409: dict, **ERRORS})
def update_post(request: HttpRequest, post_id: int, body: PostIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.EDIT_POST)
    post = _get(ws, post_id)
    return _out(_run(workflow.edit, post, request.auth, **_changes(request, ws, body)))  # type: ignore[attr-defined]


@router.post("/{post_id}/submit", response={200: PostOut, 409: dict, **ERRORS})
def submit(request: HttpRequest, post_id: int, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.SUBMIT_POST)
    return _out(_run(workflow.submit, _get(ws, post_id), request.auth))  # type: ignore[attr-defined]


@router.post("/{post_id}/approve", response={200: PostOut, 409: dict, **ERRORS})
def approve(request: HttpRequest, post_id: int, body: ApproveIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    action = Action.REVIEW_CLINICAL if body.kind == "clinical" else Action.REVIEW_COMPLIANCE
    ws, _ = workspace_for(request, slug, action)
    return _out(_run(workflow.approve, _get(ws, post_id), request.auth, body.kind))  # type: ignore[attr-defined]


@router.post("/{post_id}/reject", response={200: PostOut, 409: dict, **ERRORS})
def reject(request: HttpRequest, post_id: int, body: RejectIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.REVIEW_POST)
    return _out(_run(workflow.reject, _get(ws, post_id), request.auth, body.comment))  # type: ignore[attr-defined]


@router.post("/{post_id}/override", response={200: PostOut, 409: dict, **ERRORS})
def override(request: HttpRequest, post_id: int, body: OverrideIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.OVERRIDE_FINDING)
    return _out(
        _run(
            workflow.override,
            _get(ws, post_id),
            request.auth,
            code=body.code,  # type: ignore[attr-defined]
            matched_text=body.matched_text,
            network=body.network,
            reason=body.reason,
        )
    )


@router.post("/{post_id}/schedule", response={200: PostOut, 409: dict, **ERRORS})
def schedule(request: HttpRequest, post_id: int, body: ScheduleIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.SCHEDULE_POST)
    when = body.scheduled_at
    if when.tzinfo is None:
        raise HttpError(
            422, "scheduled_at: give a time zone offset, e.g. 2026-12-01T09:00:00+03:30"
        )
    return _out(_run(workflow.schedule, _get(ws, post_id), request.auth, when))  # type: ignore[attr-defined]


@router.post("/{post_id}/unschedule", response={200: PostOut, 409: dict, **ERRORS})
def unschedule(request: HttpRequest, post_id: int, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.SCHEDULE_POST)
    return _out(_run(workflow.unschedule, _get(ws, post_id), request.auth))  # type: ignore[attr-defined]


@router.post("/{post_id}/archive", response={200: PostOut, 409: dict, **ERRORS})
def archive(request: HttpRequest, post_id: int, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.ARCHIVE_POST)
    return _out(_run(workflow.archive, _get(ws, post_id), request.auth))  # type: ignore[attr-defined]


@router.post("/{post_id}/comments", response={200: PostOut, 409: dict, **ERRORS})
def comment(request: HttpRequest, post_id: int, body: CommentIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.COMMENT_POST)
    post = _get(ws, post_id)
    parent = post.comments.filter(pk=body.parent).first() if body.parent else None
    if body.parent and parent is None:
        raise HttpError(422, "parent: no such comment on this post")
    return _out(_run(workflow.comment, post, request.auth, body.body, parent))  # type: ignore[attr-defined]


api_router = router


@router.post("/{post_id}/takedown", response={200: PostOut, 409: dict, **ERRORS})
def takedown(request: HttpRequest, post_id: int, body: TakedownIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    """Delete the post's published copies from their networks (done by the worker)."""
    from nabz.publishing.worker import request_takedown

    ws, _ = workspace_for(request, slug, Action.TAKEDOWN_POST)
    post = _get(ws, post_id)
    if not request_takedown(post, request.auth, body.reason):  # type: ignore[attr-defined]
        raise HttpError(409, "Nothing of this post is published.")
    return _out(_get(ws, post_id))
