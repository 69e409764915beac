"""What a post's state means to a person right now, said truthfully.

The stored state is the workflow's; what a page shows must also count what happens around
it. A scheduled post held by the crisis pause is not going out at its time, and a published
post whose copies were deleted is no longer published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from nabz.content.models import Pillar, Post, State


@dataclass(frozen=True)
class ShownState:
    css: str  # the badge's style: a State value, "held" or "taken_down"
    label: str


def held_by_pause(post: Post) -> bool:
    """The crisis pause holds everything scheduled but crisis updates."""
    paused = getattr(post.workspace, "crisis_paused_at", None)
    return bool(paused) and post.state == State.SCHEDULED and post.pillar != Pillar.CRISIS_UPDATE


def shown_state(post: Post, publications: list[Any] | None = None) -> ShownState:
    """The badge for ``post``. ``publications`` saves a query when the caller has them."""
    if held_by_pause(post):
        return ShownState("held", _("Held: publishing is paused"))
    if post.state == State.PUBLISHED:
        pubs = list(post.publications.all()) if publications is None else publications
        if pubs and not any(p.live for p in pubs):
            if any(p.being_removed for p in pubs):
                return ShownState("taken_down", _("Being taken down"))
            if any(p.removed for p in pubs):
                return ShownState("taken_down", _("Taken down"))
    return ShownState(post.state, str(State(post.state).label))
