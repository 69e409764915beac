"""The Trust Gate for posts: build the engine's context from the database and check.

The gate checks everything a post sends out, each part with the same
``nabz.trust.check``: the master text, every network variant and the alt text of
every image (in the post's language: that is the one published). The working title
is checked for identifiers too: it is not published, but it shows in lists,
notifications and the audit trail. The gate knows nothing about individual rules,
so new rules are picked up without change here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from nabz import trust
from nabz.content import adapt, findings
from nabz.content.models import Override, Pillar, Post

MASTER = ""  # the key of the master text among a post's reports
TITLE = "title"
ALT_PREFIX = "alt:"  # + the media item's id: the key of an image's alt text


def alt_key(item: object) -> str:
    return f"{ALT_PREFIX}{getattr(item, 'pk', '')}"


PART_SEP = "/"  # a thread's later parts: "x/2", "x/3"; its first part is "x"


def is_network_key(key: str) -> bool:
    return key not in (MASTER, TITLE) and not key.startswith(ALT_PREFIX)


def network_of(key: str) -> str:
    """The network a report's key is about ("x/2", the second part of a thread: "x")."""
    return key.split(PART_SEP, 1)[0]


def thread_part_of(key: str) -> int | None:
    """The part of a thread a key names (2, 3, ...); None for a first part or any other."""
    _network, sep, number = key.partition(PART_SEP)
    return int(number) if sep and number.isdigit() else None


def variant_parts(network: str, text: str) -> list[str]:
    """A variant's text as it goes out: several parts for a thread on a network that has
    threads (parts separated by a line holding only ``---``), else the text itself."""
    if network in adapt.THREAD_NETWORKS and text:
        parts = adapt.thread_parts(text)
        if len(parts) > 1:
            return parts
    return [text]


@dataclass(frozen=True)
class GateResult:
    """Reports per text (MASTER or a network) and what the workflow needs from them."""

    reports: dict[str, trust.Report]  # MASTER, TITLE, a network or alt_key(item)
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

    @property
    def blocking_count(self) -> int:
        """Unresolved blocking findings, each counted once however many parts repeat it."""
        return findings.distinct(self.unresolved, self.reports)


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


def check_parts(
    *,
    title: str,
    text: str,
    language: str,
    variants: dict[str, str],
    media: list[object],
    context: trust.Context,
) -> dict[str, trust.Report]:
    """Check every part of a post, saved or still in the editor.

    ``variants`` maps a network to its own text ("" means the master text). Alt texts
    are checked without the media facts, so that picture rules are not repeated on
    each image's text; consents and settings apply to them as to the post.
    """
    reports = {MASTER: trust.check(text, language=language, kind="post", context=context)}
    for network, own in variants.items():
        # A thread's parts each go out as a post: each is checked as one (its length too).
        for i, part in enumerate(variant_parts(network, own or text), 1):
            key = network if i == 1 else f"{network}{PART_SEP}{i}"
            reports[key] = trust.check(
                part, language=language, network=network, kind="post", context=context
            )
    parts_context = dataclasses.replace(context, media=())
    for item in media:
        alt = getattr(item, "alt_for", lambda _lang: "")(language)
        if alt.strip():
            reports[alt_key(item)] = trust.check(
                alt, language=language, kind="post", context=parts_context
            )
    if title.strip():
        report = trust.check(title, language=language, kind="post", context=parts_context)
        reports[TITLE] = _identifiers_only(report)
    return reports


def _identifiers_only(report: trust.Report) -> trust.Report:
    """The title is not published: of its findings only who it identifies matters."""
    kept = tuple(f for f in report.findings if f.code.startswith("PHI"))
    if len(kept) == len(report.findings):
        return report
    return dataclasses.replace(report, findings=kept, score=trust.trust_score(kept))


def run(post: Post, *, message_language: str | None = None) -> GateResult:
    """Check everything a saved post sends out."""
    media = list(post.media.all())
    context = context_for(post, message_language=message_language, media=media)
    reports = check_parts(
        title=post.title,
        text=post.text,
        language=post.language,
        variants={v.network: v.text for v in post.variants.all()},
        media=media,
        context=context,
    )
    overrides = [o for o in post.overrides.all() if o.active]
    shows_person = any(m.identifiable_person for m in context.media)
    return evaluate(post.pillar, reports, overrides, shows_person=shows_person)


def part_label(key: str, media: list[object] | None = None) -> str:
    """What a report's key means to a person: a network, the title or an image's alt text."""
    from django.utils.translation import gettext as _

    from nabz.content.models import Network

    if key == MASTER:
        return str(_("Main text"))
    if key == TITLE:
        return str(_("Working title"))
    if key.startswith(ALT_PREFIX):
        pk = key[len(ALT_PREFIX) :]
        name = next(
            (getattr(m, "title", "") for m in media or () if str(getattr(m, "pk", "")) == pk),
            "",
        )
        return str(_("Alt text of “%(image)s”") % {"image": name or f"#{pk}"})
    network = dict(Network.choices).get(network_of(key), network_of(key))
    part = thread_part_of(key)
    if part is not None:
        return str(_("%(network)s, part %(n)d of the thread") % {"network": network, "n": part})
    return str(network)


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


# --- the stored verdict --------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """A gate result as kept on the post: enough for lists, the API and the workflow.

    It is valid for one :func:`verdict_key`: the post's fingerprint, the workspace's
    trust settings, the consents' facts today, the active overrides and the engine's
    rules. Lists read it instead of checking every post on every request.
    """

    key: str
    score: int
    blocking: int  # unresolved blocking findings
    needs_clinical: bool
    needs_compliance: bool
    reports: tuple[dict[str, object], ...]  # {"key", "score", "findings": [Finding.to_dict()]}
    # Each distinct finding once: {"key": the part it is shown with, "keys": every part it
    # was found on, "finding": Finding.to_dict()} (nabz.content.findings).
    groups: tuple[dict[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, result: GateResult) -> Verdict:
        return cls(
            groups=tuple(
                {"key": g.key, "keys": list(g.keys), "finding": g.finding.to_dict()}
                for g in findings.group(result.reports)
            ),
            key=key,
            score=result.score,
            blocking=result.blocking_count,
            needs_clinical=result.needs_clinical,
            needs_compliance=result.needs_compliance,
            reports=tuple(
                {"key": k, "score": r.score, "findings": [f.to_dict() for f in r.findings]}
                for k, r in result.reports.items()
            ),
        )

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self) | {
            "reports": list(self.reports),
            "groups": list(self.groups),
        }

    @classmethod
    def from_json(cls, raw: object) -> Verdict | None:
        if not isinstance(raw, dict):
            return None
        try:
            return cls(
                key=str(raw["key"]),
                score=int(raw["score"]),
                blocking=int(raw["blocking"]),
                needs_clinical=bool(raw["needs_clinical"]),
                needs_compliance=bool(raw["needs_compliance"]),
                reports=tuple(raw["reports"]),
                groups=tuple(raw["groups"]),
            )
        except (KeyError, TypeError, ValueError):
            return None  # an old or damaged verdict is simply computed again


_ENGINE_KEY: list[str] = []
# Raised when what a verdict holds changes meaning, so stored verdicts are computed again
# (2: ``blocking`` counts a finding repeated on variants once).
VERDICT_FORMAT = 2


def _engine_key() -> str:
    """Changes when the package or its rules change, so a deploy refreshes every verdict."""
    if not _ENGINE_KEY:
        import nabz

        rules = sorted((r.code, r.severity.value) for r in trust.all_rules())
        _ENGINE_KEY.append(json.dumps([getattr(nabz, "__version__", ""), rules]))
    return _ENGINE_KEY[0]


def verdict_key(post: Post, fingerprint: str | None = None) -> str:
    """What the verdict depends on: the content (its ``fingerprint``, computed when not
    given), the workspace's settings, the consents as of today, overrides, the engine."""
    today = timezone.localdate()
    consents = []
    for consent in post.consents.all():
        fact = _consent_fact(consent, today)
        consents.append(
            [
                fact.label,
                sorted(fact.networks),
                sorted(fact.content_kinds),
                sorted(fact.media_ids),
                fact.expires.isoformat() if fact.expires else None,
                fact.revoked,
            ]
        )
    overrides = sorted(
        (o.code, o.matched_text, o.network) for o in post.overrides.all() if o.active
    )
    data = [
        VERDICT_FORMAT,
        fingerprint or post.fingerprint(),
        getattr(post.workspace, "trust_settings", None) or {},
        sorted(consents),
        overrides,
        _engine_key(),
    ]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def record_verdict(post: Post) -> GateResult:
    """Run the gate on a saved post and keep its verdict for lists, the API and trends."""
    key = verdict_key(post)
    result = run(post)
    _store(post, Verdict.of(key, result))
    return result


def verdict(post: Post, fingerprint: str | None = None) -> Verdict:
    """The post's verdict: the stored one while it is current, else checked and stored."""
    key = verdict_key(post, fingerprint)
    stored = Verdict.from_json(post.trust_verdict)
    if stored is not None and stored.key == key:
        return stored
    fresh = Verdict.of(key, run(post))
    _store(post, fresh)
    return fresh


def _store(post: Post, fresh: Verdict) -> None:
    now = timezone.now()
    Post.objects.filter(pk=post.pk).update(
        trust_score=fresh.score,
        blocking_count=fresh.blocking,
        checked_at=now,
        trust_verdict=fresh.to_json(),
    )
    post.trust_score, post.blocking_count, post.checked_at = fresh.score, fresh.blocking, now
    post.trust_verdict = fresh.to_json()


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
