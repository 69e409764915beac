"""The Trust Gate for posts: build the engine's context from the database and check.

The gate checks the master text and every network variant with the same
``nabz.trust.check``; it knows nothing about individual rules, so new rules are
picked up without change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from nabz import trust
from nabz.content.models import Override, Pillar, Post

MASTER = ""  # the key of the master text among a post's reports


@dataclass(frozen=True)
class GateResult:
    """Reports per text (MASTER or a network) and what the workflow needs from them."""

    reports: dict[str, trust.Report]
    unresolved: tuple[tuple[str, trust.Finding], ...]  # blocking, not overridden
    needs_clinical: bool
    needs_compliance: bool
    overridden: tuple[tuple[str, trust.Finding], ...] = field(default=())

    @property
    def score(self) -> int:
        return min((r.score for r in self.reports.values()), default=100)

    @property
    def blocked(self) -> bool:
        return bool(self.unresolved)


def trust_settings(workspace: object) -> trust.Settings:
    raw = getattr(workspace, "trust_settings", None) or {}
    try:
        return trust.Settings.from_dict(raw)
    except trust.InputError:
        return trust.Settings()  # a bad stored setting must never stop the gate


def context_for(
    post: Post,
    *,
    message_language: str | None = None,
    media: Iterable[object] | None = None,
    consents: Iterable[object] | None = None,
) -> trust.Context:
    today = timezone.localdate()
    media_items = list(post.media.all()) if media is None else list(media)
    consent_items = list(post.consents.all()) if consents is None else list(consents)
    return trust.Context(
        consents=tuple(_consent_fact(c, today) for c in consent_items),
        media=tuple(_media_item(m, post.language) for m in media_items),
        pillar=post.pillar,
        settings=trust_settings(post.workspace),
        message_language=message_language,
        today=today,
    )


def _consent_fact(consent: object, today: object) -> trust.ConsentFact:
    to_fact = getattr(consent, "to_fact", None)
    if callable(to_fact):
        return to_fact(today)  # type: ignore[no-any-return]
    return trust.ConsentFact(label=str(consent))


def _media_item(item: object, language: str) -> trust.MediaItem:
    from nabz.media import models as media_models

    convert = getattr(media_models, "to_trust_media", None)
    if callable(convert):
        return convert(item, language)  # type: ignore[no-any-return]
    alt = getattr(item, "alt_for", lambda _lang: "")(language)
    return trust.MediaItem(
        id=str(getattr(item, "pk", "")),
        alt_text=alt,
        description=getattr(item, "description", ""),
        identifiable_person=bool(getattr(item, "identifiable_person", False)),
    )


def run(post: Post, *, message_language: str | None = None) -> GateResult:
    """Check a saved post's master text and each variant."""
    context = context_for(post, message_language=message_language)
    texts: dict[str, tuple[str, str | None]] = {MASTER: (post.text, None)}
    for variant in post.variants.all():
        texts[variant.network] = (variant.effective_text, variant.network)
    reports = {
        key: trust.check(
            text, language=post.language, network=network, kind="post", context=context
        )
        for key, (text, network) in texts.items()
    }
    overrides = [o for o in post.overrides.all() if o.active]
    shows_person = any(m.identifiable_person for m in context.media)
    return evaluate(post.pillar, reports, overrides, shows_person=shows_person)


def evaluate(
    pillar: str,
    reports: dict[str, trust.Report],
    overrides: list[Override],
    *,
    shows_person: bool = False,
) -> GateResult:
    """Decide what a set of reports means for the workflow.

    Claims (any CLM finding, or the education pillar) need a clinical reviewer;
    patient stories, photos of identifiable people and any override need a
    compliance officer. A blocking finding is resolved only by an active override
    of the same code and text, on the same network or on the master text.
    """

    def overridden(key: str, finding: trust.Finding) -> bool:
        return any(
            o.code == finding.code and o.matched_text == finding.text and o.network in (key, MASTER)
            for o in overrides
        )

    unresolved, waived = [], []
    for key, report in reports.items():
        for finding in report.blocking:
            (waived if overridden(key, finding) else unresolved).append((key, finding))
    has_claims = any(f.code.startswith("CLM") for r in reports.values() for f in r.findings)
    return GateResult(
        reports=reports,
        unresolved=tuple(unresolved),
        overridden=tuple(waived),
        needs_clinical=has_claims or pillar == Pillar.EDUCATION,
        needs_compliance=pillar == Pillar.PATIENT_STORY or bool(overrides) or shows_person,
    )


def check_text(
    workspace: object,
    text: str,
    *,
    language: str | None = None,
    network: str | None = None,
    kind: str = "post",
    context: Mapping[str, Any] | None = None,
) -> trust.Report:
    """Check one text as the editor does: the workspace's trust settings always apply
    (allow-listed numbers, disabled rules, the Mastodon limit); settings the caller gives
    are checked (InputError when bad) and add only what the workspace does not set."""
    raw = dict(context or {})
    given = raw.get("settings") or {}
    if not isinstance(given, Mapping):
        raise trust.InputError("context 'settings' must be an object")
    trust.Settings.from_dict(given)  # a caller's bad setting is their error to hear about
    stored = getattr(workspace, "trust_settings", None) or {}
    try:
        trust.Settings.from_dict(stored)
    except trust.InputError:
        stored = {}  # a bad stored setting must never stop the gate (as in trust_settings)
    raw["settings"] = {**given, **stored}
    return trust.check(text, language=language, network=network, kind=kind, context=raw)


def record_verdict(post: Post) -> GateResult:
    """Run the gate on a saved post and keep its score for lists and trends."""
    result = run(post)
    Post.objects.filter(pk=post.pk).update(
        trust_score=result.score,
        blocking_count=len(result.unresolved),
        checked_at=timezone.now(),
    )
    return result
