"""What a post needs consent for (story, quote, photo, video) and which consents are live."""

from __future__ import annotations

from dataclasses import dataclass

from nabz.trust.document import Document
from nabz.trust.model import ConsentFact
from nabz.trust.rules.consent._story import (
    _QUOTE,
    _find_story,
)

# --- what the post needs ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Need:
    """One thing the post uses that a consent must cover."""

    content_kind: str  # story, quote, photo, video
    span: tuple[int, int]  # original offsets to point at (empty for media)
    media_id: str = ""


@dataclass(frozen=True, slots=True)
class ConsentNeeds:
    needs: tuple[Need, ...]
    anchor: tuple[int, int]  # where consent findings point
    live: tuple[ConsentFact, ...]  # linked, neither expired nor revoked


def _analyse(doc: Document) -> ConsentNeeds:
    return doc.memoized("_consent_needs", _find_needs)


def _find_needs(doc: Document) -> ConsentNeeds:
    needs: list[Need] = []
    story = _find_story(doc)
    anchor = doc.span(*story) if story else (0, 0)
    if story or doc.context.pillar == "patient_story":
        needs.append(Need("story", anchor))
        quote = _QUOTE.search(doc.norm.text)
        if quote:
            needs.append(Need("quote", doc.span(quote.start(), quote.end())))
    for item in doc.context.media:
        if item.identifiable_person:
            kind = "video" if item.kind == "video" else "photo"
            needs.append(Need(kind, anchor, media_id=item.id))
    live: tuple[ConsentFact, ...] = ()
    if doc.context.consents:  # (today's date costs a clock read: only when there are any)
        today = doc.today
        live = tuple(
            c
            for c in doc.context.consents
            if not c.revoked and (c.expires is None or c.expires >= today)
        )
    return ConsentNeeds(tuple(needs), anchor, live)
