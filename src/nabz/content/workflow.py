"""The approval state machine (B2). Every transition is checked, audited and atomic.

    draft -> in_review -> approved -> scheduled -> published | failed
    in_review -> draft (rejected, with a comment); any but published -> archived

Rules: authors cannot approve their own posts; claims need a clinical reviewer;
patient stories, photos of identifiable people and any override need a
compliance officer; an edit after approval sends the post back to review and
drops its approvals; blocking findings stop approval unless a compliance officer
overrides each one with a written reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nabz.audit import record
from nabz.content import gate, reach
from nabz.content.models import Approval, Comment, Notification, Override, Post, ReviewKind, State
from nabz.workspaces.models import Membership, User
from nabz.workspaces.roles import Action, Role, can

REVIEW_ROLE = {
    ReviewKind.CLINICAL: Role.CLINICAL_REVIEWER,
    ReviewKind.COMPLIANCE: Role.COMPLIANCE_OFFICER,
}
EDITABLE = {State.DRAFT, State.IN_REVIEW, State.APPROVED, State.SCHEDULED, State.FAILED}
SUBMITTABLE = {State.DRAFT, State.FAILED}
OVERRIDABLE = {State.DRAFT, State.IN_REVIEW}
SCHEDULABLE = {State.APPROVED, State.SCHEDULED}
NOT_ARCHIVABLE = {State.PUBLISHED, State.ARCHIVED}
MIN_REASON = 10

# What a member may do with a post now: the role table (nabz.workspaces.roles) and the
# post's state, in one place. Pages, templates and the API ask ``allowed_actions``; the
# transitions below check the same sets. Which reviews a post needs is gate.evaluate's.
ACTION_RULES: dict[str, tuple[tuple[str, ...], frozenset[str] | None, bool]] = {
    # name: (any of these role actions, states it applies in (None: any), author excluded)
    "edit": ((Action.EDIT_POST,), frozenset(EDITABLE), False),
    "submit": ((Action.SUBMIT_POST,), frozenset(SUBMITTABLE), False),
    "approve_clinical": ((Action.REVIEW_CLINICAL,), frozenset({State.IN_REVIEW}), True),
    "approve_compliance": ((Action.REVIEW_COMPLIANCE,), frozenset({State.IN_REVIEW}), True),
    "reject": (
        (Action.REVIEW_CLINICAL, Action.REVIEW_COMPLIANCE),
        frozenset({State.IN_REVIEW}),
        False,
    ),
    "override": ((Action.OVERRIDE_FINDING,), frozenset(OVERRIDABLE), False),
    "schedule": ((Action.SCHEDULE_POST,), frozenset(SCHEDULABLE), False),
    "unschedule": ((Action.SCHEDULE_POST,), frozenset({State.SCHEDULED}), False),
    "archive": ((Action.ARCHIVE_POST,), frozenset(set(State.values) - NOT_ARCHIVABLE), False),
    "comment": ((Action.COMMENT_POST,), None, False),
    "takedown": ((Action.TAKEDOWN_POST,), None, False),
    "retry": ((Action.SCHEDULE_POST,), None, False),
    "drop_network": ((Action.SCHEDULE_POST,), None, False),
}


class WorkflowError(Exception):
    """A transition that is not allowed; the message is shown to the user as it is."""


def role_of(user: User, post: Post) -> str | None:
    membership = Membership.objects.filter(user=user, workspace_id=post.workspace_id).first()
    return membership.role if membership else None


def _require(user: User, post: Post, action: str) -> str:
    role = role_of(user, post)
    if not can(role, action):
        raise WorkflowError(_("Your role does not allow this."))
    return role  # type: ignore[return-value]


def allowed_actions(
    post: Post,
    user: User,
    *,
    role: str | None = None,
    publications: list[Any] | None = None,
) -> frozenset[str]:
    """The names in ACTION_RULES this user may do with this post now.

    ``role`` and ``publications`` save queries when the caller has them. Whether a
    publication is live or can be retried is publishing's to say (``Publication.live``,
    ``Publication.retryable``); content never spells out publishing's states.
    """
    role = role if role is not None else role_of(user, post)
    is_author = post.author_id == user.pk
    allowed = set()
    for name, (actions, states, not_author) in ACTION_RULES.items():
        if not any(can(role, a) for a in actions):
            continue
        if states is not None and post.state not in states:
            continue
        if not_author and is_author:
            continue
        allowed.add(name)
    if allowed & {"takedown", "retry", "drop_network"}:
        pubs = list(post.publications.all()) if publications is None else publications
        if not any(p.live for p in pubs):
            allowed.discard("takedown")
        if not any(p.retryable for p in pubs):
            allowed.discard("retry")
        if not any(p.droppable for p in pubs):
            allowed.discard("drop_network")
    return frozenset(allowed)


def _lock(post: Post) -> Post:
    """Re-read the post under a row lock so concurrent transitions serialise."""
    return Post.objects.select_for_update().select_related("workspace").get(pk=post.pk)


def required_reviews(result: gate.GateResult | gate.Verdict) -> set[str]:
    needed = set()
    if result.needs_clinical:
        needed.add(ReviewKind.CLINICAL)
    if result.needs_compliance:
        needed.add(ReviewKind.COMPLIANCE)
    return needed


def current_approvals(post: Post, fingerprint: str | None = None) -> set[str]:
    fingerprint = fingerprint or post.fingerprint()
    return {a.kind for a in post.approvals.all() if a.active and a.fingerprint == fingerprint}


def missing_reviews(
    post: Post,
    result: gate.GateResult | gate.Verdict | None = None,
    fingerprint: str | None = None,
) -> set[str]:
    """The reviews still needed. A post that needs no specific review needs any one."""
    result = result or gate.run(post)
    approvals = current_approvals(post, fingerprint)
    required = required_reviews(result)
    if required:
        return required - approvals
    return set() if approvals else {ReviewKind.CLINICAL, ReviewKind.COMPLIANCE}


def post_url(post: Post) -> str:
    """The post's page, for notifications."""
    return reverse("post_detail", kwargs={"ws": post.workspace.slug, "pk": post.pk})


def _log(action: str, user: User | None, post: Post, **payload: Any) -> None:
    record(f"post.{action}", actor=user, workspace=post.workspace, obj=post, payload=payload)


def _notify(post: Post, roles: set[str], message: str, *, exclude: User | None = None) -> None:
    members = Membership.objects.filter(workspace_id=post.workspace_id, role__in=roles)
    if exclude is not None:
        members = members.exclude(user=exclude)
    url = post_url(post)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=m.user_id, workspace_id=post.workspace_id, message=message, url=url
            )
            for m in members
        ]
    )


def _drop_approvals(post: Post) -> int:
    return post.approvals.filter(active=True).update(active=False)


def _review_roles(kinds: set[str]) -> set[str]:
    return {REVIEW_ROLE[ReviewKind(k)] for k in kinds}


@transaction.atomic
def submit(post: Post, user: User) -> Post:
    post = _lock(post)
    _require(user, post, Action.SUBMIT_POST)
    if post.state not in SUBMITTABLE:
        raise WorkflowError(_("Only a draft can be sent to review."))
    if not post.text.strip() and not post.variants.exclude(text="").exists():
        raise WorkflowError(_("Write the post before sending it to review."))
    result = gate.run(post)
    post.state = State.IN_REVIEW
    post.save(update_fields=["state", "updated_at"])
    needed = required_reviews(result) or {ReviewKind.CLINICAL, ReviewKind.COMPLIANCE}
    _log("submitted", user, post, reviews=sorted(needed), blocking=len(result.unresolved))
    _notify(
        post,
        _review_roles(needed),
        _("“%(title)s” waits for your review.") % {"title": post.title},
        exclude=user,
    )
    return post


@transaction.atomic
def approve(post: Post, user: User, kind: str) -> Post:
    post = _lock(post)
    if kind not in ReviewKind.values:
        raise WorkflowError(_("Unknown kind of review."))
    role = role_of(user, post)
    action = Action.REVIEW_CLINICAL if kind == ReviewKind.CLINICAL else Action.REVIEW_COMPLIANCE
    if not can(role, action):
        raise WorkflowError(_("Your role cannot give this approval."))
    if post.state != State.IN_REVIEW:
        raise WorkflowError(_("Only a post in review can be approved."))
    if post.author_id == user.pk:
        raise WorkflowError(_("You cannot approve your own post."))
    result = gate.run(post)
    if result.unresolved:
        raise WorkflowError(
            _(
                "%(n)d blocking finding(s) must be fixed or overridden by a compliance officer "
                "first."
            )
            % {"n": len(result.unresolved)}
        )
    fingerprint = post.fingerprint()
    Approval.objects.create(post=post, kind=kind, reviewer=user, fingerprint=fingerprint)
    _log("approved", user, post, review=kind, score=result.score)
    if not missing_reviews(post, result):
        post.state = State.APPROVED
        post.save(update_fields=["state", "updated_at"])
        _log("fully_approved", user, post, reviews=sorted(current_approvals(post, fingerprint)))
        Notification.saying(
            gettext_noop("“%(title)s” is approved and can be scheduled."),
            {"title": post.title},
            user_id=post.author_id,
            workspace_id=post.workspace_id,
            url=post_url(post),
        ).save()
    return post


@transaction.atomic
def reject(post: Post, user: User, comment: str) -> Post:
    post = _lock(post)
    role = role_of(user, post)
    if not (can(role, Action.REVIEW_CLINICAL) or can(role, Action.REVIEW_COMPLIANCE)):
        raise WorkflowError(_("Your role cannot send posts back."))
    if post.state != State.IN_REVIEW:
        raise WorkflowError(_("Only a post in review can be sent back."))
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change."))
    Comment.objects.create(post=post, author=user, body=comment.strip())
    _drop_approvals(post)
    post.state = State.DRAFT
    post.save(update_fields=["state", "updated_at"])
    _log("rejected", user, post)
    Notification.saying(
        gettext_noop("“%(title)s” was sent back with comments."),
        {"title": post.title},
        user_id=post.author_id,
        workspace_id=post.workspace_id,
        url=post_url(post),
    ).save()
    return post


@transaction.atomic
def override(
    post: Post, user: User, *, code: str, matched_text: str, network: str, reason: str
) -> Override:
    post = _lock(post)
    _require(user, post, Action.OVERRIDE_FINDING)
    if post.state not in OVERRIDABLE:
        raise WorkflowError(_("Findings can be overridden only before approval."))
    if len(reason.strip()) < MIN_REASON:
        raise WorkflowError(
            _("Write the reason for the override (at least %(n)d characters).") % {"n": MIN_REASON}
        )
    result = gate.run(post)
    if not any(
        f.code == code and f.text == matched_text and key == network for key, f in result.unresolved
    ):
        raise WorkflowError(_("There is no such blocking finding to override."))
    item = Override.objects.create(
        post=post,
        code=code,
        matched_text=matched_text[:500],
        network=network,
        reason=reason.strip(),
        officer=user,
    )
    # What compliance signed off on changed: approvals given before no longer count.
    _drop_approvals(post)
    _log("override", user, post, code=code, network=network or "master", reason=reason.strip())
    return item


@transaction.atomic
def edit(post: Post, user: User, **changes: Any) -> Post:
    """Apply field changes; an edit after approval sends the post back to review.

    ``changes`` may hold model fields (text, title, language, pillar, tags,
    scheduled_at) and ``variants`` ({network: text}), ``media`` and ``consents``
    (iterables of objects or ids).
    """
    post = _lock(post)
    _require(user, post, Action.EDIT_POST)
    if post.state not in EDITABLE:
        raise WorkflowError(_("A published or archived post cannot be edited."))
    before = post.fingerprint()
    variants = changes.pop("variants", None)
    media = changes.pop("media", None)
    consents = changes.pop("consents", None)
    for name, value in changes.items():
        setattr(post, name, value)
    post.save()
    if variants is not None:
        post.variants.exclude(network__in=list(variants)).delete()
        for network, text in variants.items():
            post.variants.update_or_create(network=network, defaults={"text": text})
    if media is not None:
        post.media.set(media)
    if consents is not None:
        post.consents.set(consents)
    changed = post.fingerprint() != before
    if changed and post.state in (State.APPROVED, State.SCHEDULED):
        _back_to_review(post, user, "edited after approval")
    elif changed:
        _log("edited", user, post)
    return post


def _back_to_review(post: Post, user: User | None, reason: str) -> None:
    _drop_approvals(post)
    post.overrides.filter(active=True).update(active=False)
    post.state = State.IN_REVIEW
    post.save(update_fields=["state", "updated_at"])
    _log("returned_to_review", user, post, reason=reason)
    _notify(
        post,
        {Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER},
        _("“%(title)s” was edited after approval and needs review again.") % {"title": post.title},
        exclude=user,
    )


def media_changed(item: object, actor: User | None, **_signal: Any) -> None:
    """An image's alt text, flag or notes changed: approvals of posts using it are stale.

    Connected to ``nabz.media.signals.media_changed``; runs in the change's transaction.
    """
    for post in Post.objects.select_for_update().filter(
        media=item, state__in=(State.APPROVED, State.SCHEDULED)
    ):
        if current_approvals(post) != {a.kind for a in post.approvals.filter(active=True)}:
            _back_to_review(post, actor, "an image it uses changed after approval")


@transaction.atomic
def schedule(post: Post, user: User, when: dt.datetime | None = None) -> Post:
    post = _lock(post)
    _require(user, post, Action.SCHEDULE_POST)
    if post.state not in SCHEDULABLE:
        raise WorkflowError(_("Only an approved post can be scheduled."))
    when = when or post.scheduled_at
    if when is None:
        raise WorkflowError(_("Choose a date and time."))
    if when <= timezone.now():
        raise WorkflowError(_("Choose a time in the future."))
    result = gate.run(post)
    if result.unresolved:
        raise WorkflowError(_("Blocking findings remain; the post goes back to review."))
    missing = missing_reviews(post, result)
    if missing:
        raise WorkflowError(
            _("Approvals are missing: %(kinds)s.")
            % {"kinds": ", ".join(str(ReviewKind(k).label) for k in sorted(missing))}
        )
    unconnected = reach.unconnected(post.workspace, [v.network for v in post.variants.all()])
    if unconnected:
        raise WorkflowError(
            _(
                "No account is connected for %(networks)s. Connect one in Settings → Accounts, "
                "or untick the network in the editor, then schedule."
            )
            % {"networks": reach.labels(unconnected)}
        )
    previous = post.scheduled_at
    post.scheduled_at = when
    post.state = State.SCHEDULED
    post.save(update_fields=["scheduled_at", "state", "updated_at"])
    _log(
        "scheduled",
        user,
        post,
        at=when.isoformat(),
        previous=previous.isoformat() if previous else None,
    )
    return post


@transaction.atomic
def reschedule(post: Post, user: User, when: dt.datetime) -> Post:
    """Move a post in time (calendar drag and drop). Content is unchanged: no re-review."""
    post = _lock(post)
    _require(user, post, Action.SCHEDULE_POST)
    if post.state in (State.PUBLISHED, State.ARCHIVED):
        raise WorkflowError(_("A published or archived post cannot be moved."))
    if post.state == State.SCHEDULED and when <= timezone.now():
        raise WorkflowError(_("Choose a time in the future."))
    previous = post.scheduled_at
    post.scheduled_at = when
    post.save(update_fields=["scheduled_at", "updated_at"])
    _log(
        "rescheduled",
        user,
        post,
        at=when.isoformat(),
        previous=previous.isoformat() if previous else None,
    )
    return post


@transaction.atomic
def unschedule(post: Post, user: User) -> Post:
    post = _lock(post)
    _require(user, post, Action.SCHEDULE_POST)
    if post.state != State.SCHEDULED:
        raise WorkflowError(_("The post is not scheduled."))
    post.state = State.APPROVED
    post.save(update_fields=["state", "updated_at"])
    _log("unscheduled", user, post)
    return post


@transaction.atomic
def archive(post: Post, user: User) -> Post:
    post = _lock(post)
    _require(user, post, Action.ARCHIVE_POST)
    if post.state == State.PUBLISHED:
        raise WorkflowError(_("A published post is taken down, not archived."))
    post.state = State.ARCHIVED
    post.save(update_fields=["state", "updated_at"])
    _log("archived", user, post)
    return post


@transaction.atomic
def comment(post: Post, user: User, body: str, parent: Comment | None = None) -> Comment:
    _require(user, post, Action.COMMENT_POST)
    if not body.strip():
        raise WorkflowError(_("Write a comment first."))
    if parent is not None and parent.post_id != post.pk:
        raise WorkflowError(_("That comment belongs to another post."))
    item = Comment.objects.create(post=post, author=user, body=body.strip(), parent=parent)
    _log("commented", user, post, comment=item.pk)
    others = {post.author_id} | set(post.comments.values_list("author_id", flat=True))
    others.discard(user.pk)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=uid,
                workspace_id=post.workspace_id,
                message=_("New comment on “%(title)s”.") % {"title": post.title},
                url=post_url(post) + "#comments",
            )
            for uid in others
        ]
    )
    return item
