"""Posts through the API: the same workflow, the same role table, the same Trust Gate."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel

from nabz.api.base import workspace_for
from nabz.api.schemas import FindingOut, NetworkName
from nabz.api.validation import (
    CONFLICT,
    ERRORS,
    MAX_OFFSET,
    NONBLANK,
    Id,
    In,
    IsoDateTime,
    PathId,
    invalid,
)
from nabz.content import gate, workflow
from nabz.content.gate import record_verdict
from nabz.content.limits import MAX_TEXT, variant_error
from nabz.content.models import Network, Pillar, Post, State
from nabz.trust.platforms import NETWORK_SPECS
from nabz.workspaces.roles import Action

router = Router(tags=["posts"])

PillarName = Literal[tuple(Pillar.values)]  # type: ignore[valid-type]


class VariantIO(In):
    network: NetworkName
    text: str = Field("", max_length=MAX_TEXT)


class PostIn(In):
    title: str = Field(..., min_length=1, max_length=200, pattern=NONBLANK)
    text: str = Field(..., max_length=MAX_TEXT, pattern=NONBLANK, description="The master text")
    language: Literal["en", "ar", "fa"] = "en"
    pillar: PillarName = "education"  # type: ignore[valid-type]
    tags: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=30)
    variants: list[VariantIO] = Field(default_factory=list, max_length=len(NETWORK_SPECS))
    media: list[Id] = Field(default_factory=list, max_length=20)
    consents: list[Id] = Field(default_factory=list, max_length=20)
    scheduled_at: IsoDateTime | None = None


class Out(BaseModel):
    """Output built as plain dicts: pydantic validates those without Ninja's attribute
    reader, which was most of a post list's time."""


class TextReport(Out):
    part: Literal["text", "variant", "title", "alt_text"]
    network: str | None  # for a variant
    thread_part: int | None = None  # a thread's second, third... part (the first: None)
    media: int | None  # for an image's alt text
    score: int
    findings: list[FindingOut]


class GroupedFindingOut(FindingOut):
    """A finding once, however many parts repeat it (a variant that inherits the main
    text, or an image checked with every part): ``part`` (and ``network`` or ``media``)
    is where it is listed; ``found_in`` names every part it was found on ("text",
    "title", a network, or "alt_text:<media id>"), ``networks`` the networks among them."""

    part: Literal["text", "variant", "title", "alt_text"]
    network: str | None
    media: int | None
    found_in: list[str]
    networks: list[str]


class PublicationOut(Out):
    network: str
    account: str | None
    state: str
    remote_url: str
    published_at: datetime | None
    last_error: str


class TakedownIn(In):
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
    reports: list[TextReport]  # every part's findings, complete, as the engine gave them
    findings: list[GroupedFindingOut]  # the same findings, each distinct one once
    publications: list[PublicationOut]
    allowed_actions: list[str]  # what the caller may do with the post now (workflow's answer)


class ApproveIn(In):
    kind: Literal["clinical", "compliance"]


class RejectIn(In):
    comment: str = Field(..., min_length=1, max_length=5000)


class OverrideIn(In):
    code: str = Field(..., max_length=8)
    matched_text: str = Field(..., max_length=500)
    network: NetworkName | Literal[""] = ""
    reason: str = Field(..., min_length=workflow.MIN_REASON, max_length=5000)


class ScheduleIn(In):
    scheduled_at: IsoDateTime


class CommentIn(In):
    body: str = Field(..., min_length=1, max_length=5000)
    parent: Id | None = None


def _out(post: Post, user: object, role: str | None = None) -> dict[str, object]:
    """The post with its stored verdict: the gate runs only when the verdict is stale.

    A plain dict, validated once against :class:`PostOut` by Ninja on the way out
    (validating a dict is several times faster than reading a schema's attributes).
    """
    fingerprint = post.fingerprint()  # once: the verdict and the approvals both need it
    verdict = gate.verdict(post, fingerprint)
    publications = list(post.publications.all())
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
        missing_reviews=sorted(workflow.missing_reviews(post, verdict, fingerprint)),
        reports=[_text_report(r) for r in verdict.reports],
        findings=[_grouped(g) for g in verdict.groups],
        publications=[
            dict(
                network=p.network,
                account=p.account.name if p.account else None,
                state=p.state,
                remote_url=p.remote_url,
                published_at=p.published_at,
                last_error=p.last_error,
            )
            for p in publications
        ],
        allowed_actions=sorted(
            workflow.allowed_actions(post, user, role=role, publications=publications)  # type: ignore[arg-type]
        ),
    )


def _text_report(stored: dict[str, object]) -> dict[str, object]:
    key = str(stored["key"])
    out = {"score": stored["score"], "findings": stored["findings"], "network": None, "media": None}
    if key.startswith(gate.ALT_PREFIX):
        return out | {"part": "alt_text", "media": int(key[len(gate.ALT_PREFIX) :])}
    if key in (gate.MASTER, gate.TITLE):
        return out | {"part": "text" if key == gate.MASTER else "title"}
    return out | {
        "part": "variant",
        "network": gate.network_of(key),
        "thread_part": gate.thread_part_of(key),
    }


def _part_name(key: str) -> str:
    if key == gate.MASTER:
        return "text"
    if key.startswith(gate.ALT_PREFIX):
        return f"alt_text:{key[len(gate.ALT_PREFIX) :]}"
    return key


def _grouped(stored: dict[str, object]) -> dict[str, object]:
    finding = dict(stored["finding"])  # type: ignore[call-overload]
    keys = [str(k) for k in stored["keys"]]  # type: ignore[attr-defined]
    where = _text_report({"key": stored["key"], "score": 0, "findings": []})
    return finding | {
        "part": where["part"],
        "network": where["network"],
        "media": where["media"],
        "found_in": [_part_name(k) for k in keys],
        "networks": [k for k in keys if gate.is_network_key(k)],
    }


def _changes(request: HttpRequest, ws: object, body: PostIn) -> dict[str, object]:
    from nabz.consent.models import Consent
    from nabz.media.models import MediaItem

    media = list(MediaItem.objects.filter(workspace=ws, pk__in=body.media))
    consents = list(Consent.objects.filter(workspace=ws, pk__in=body.consents))
    if len(media) != len(set(body.media)):
        raise HttpError(404, "media: an image id is not in this workspace")
    if len(consents) != len(set(body.consents)):
        raise HttpError(404, "consents: a consent id is not in this workspace")
    texts: dict[str, str] = {}
    for variant in body.variants:  # the same variant twice is one; two texts conflict
        if texts.setdefault(variant.network, variant.text) != variant.text:
            raise HttpError(409, f"variants: two different texts for {variant.network}")
    settings = gate.trust_settings(ws)
    too_long = {
        f"variants.{network}": error
        for network, text in texts.items()
        if (error := variant_error(network, text, settings))
    }
    if too_long:
        raise invalid(too_long)
    return {
        "title": body.title,
        "text": body.text,
        "language": body.language,
        "pillar": body.pillar,
        "tags": [t.strip().lstrip("#") for t in body.tags if t.strip()],
        "scheduled_at": body.scheduled_at,
        "variants": texts,
        "media": media,
        "consents": consents,
    }


def _get(ws: object, post_id: PathId) -> Post:
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
    ws, role = workspace_for(request, slug, Action.VIEW_WORKSPACE)
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
    return PostListOut(count=posts.count(), items=[_out(p, request.auth, role) for p in page])


@router.post("", response={201: PostOut, **CONFLICT})
def create_post(request: HttpRequest, body: PostIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    from ninja import Status

    ws, _ = workspace_for(request, slug, Action.CREATE_POST)
    changes = _changes(request, ws, body)
    with transaction.atomic():
        post = Post.objects.create(workspace=ws, author=request.auth, title=body.title)  # type: ignore[attr-defined]
        post = workflow.edit(post, request.auth, **changes)  # type: ignore[attr-defined]
    record_verdict(post)
    return Status(201, _out(_get(ws, post.pk), request.auth))


@router.get("/{post_id}", response={200: PostOut, **ERRORS})
def get_post(request: HttpRequest, post_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.VIEW_WORKSPACE)
    return _out(_get(ws, post_id), request.auth)


@router.put("/{post_id}", response={200: PostOut, **CONFLICT})
def update_post(request: HttpRequest, post_id: PathId, body: PostIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.EDIT_POST)
    post = _get(ws, post_id)
    return _out(
        _run(workflow.edit, post, request.auth, **_changes(request, ws, body)), request.auth
    )  # type: ignore[attr-defined]


@router.post("/{post_id}/submit", response={200: PostOut, **CONFLICT})
def submit(request: HttpRequest, post_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.SUBMIT_POST)
    return _out(_run(workflow.submit, _get(ws, post_id), request.auth), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/approve", response={200: PostOut, **CONFLICT})
def approve(request: HttpRequest, post_id: PathId, body: ApproveIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    action = Action.REVIEW_CLINICAL if body.kind == "clinical" else Action.REVIEW_COMPLIANCE
    ws, _ = workspace_for(request, slug, action)
    return _out(_run(workflow.approve, _get(ws, post_id), request.auth, body.kind), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/reject", response={200: PostOut, **CONFLICT})
def reject(request: HttpRequest, post_id: PathId, body: RejectIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.REVIEW_POST)
    return _out(_run(workflow.reject, _get(ws, post_id), request.auth, body.comment), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/override", response={200: PostOut, **CONFLICT})
def override(request: HttpRequest, post_id: PathId, body: OverrideIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
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
        ),
        request.auth,
    )


@router.post("/{post_id}/schedule", response={200: PostOut, **CONFLICT})
def schedule(request: HttpRequest, post_id: PathId, body: ScheduleIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.SCHEDULE_POST)
    when = body.scheduled_at
    return _out(_run(workflow.schedule, _get(ws, post_id), request.auth, when), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/unschedule", response={200: PostOut, **CONFLICT})
def unschedule(request: HttpRequest, post_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.SCHEDULE_POST)
    return _out(_run(workflow.unschedule, _get(ws, post_id), request.auth), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/archive", response={200: PostOut, **CONFLICT})
def archive(request: HttpRequest, post_id: PathId, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.ARCHIVE_POST)
    return _out(_run(workflow.archive, _get(ws, post_id), request.auth), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/comments", response={200: PostOut, **CONFLICT})
def comment(request: HttpRequest, post_id: PathId, body: CommentIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    ws, _ = workspace_for(request, slug, Action.COMMENT_POST)
    post = _get(ws, post_id)
    parent = post.comments.filter(pk=body.parent).first() if body.parent else None
    if body.parent and parent is None:
        raise HttpError(404, "parent: no such comment on this post")
    return _out(_run(workflow.comment, post, request.auth, body.body, parent), request.auth)  # type: ignore[attr-defined]


@router.post("/{post_id}/takedown", response={200: PostOut, **CONFLICT})
def takedown(request: HttpRequest, post_id: PathId, body: TakedownIn, slug: str = Path(...)):  # type: ignore[no-untyped-def]
    """Delete the post's published copies from their networks (done by the worker)."""
    from nabz.publishing.worker import request_takedown

    ws, _ = workspace_for(request, slug, Action.TAKEDOWN_POST)
    post = _get(ws, post_id)
    if not request_takedown(post, request.auth, body.reason):  # type: ignore[attr-defined]
        raise HttpError(409, "Nothing of this post is published.")
    return _out(_get(ws, post_id), request.auth)
