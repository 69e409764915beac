"""Finding items in a workspace's library: search and the two filters."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from nabz.media.models import ALT_LANGUAGES, MediaItem
from nabz.media.search import fold

# "missing alt text" filter values: "any" = no alt text in any language, or one language.
MISSING_ALT_CHOICES = ("any", *ALT_LANGUAGES)


def library(
    workspace: Any,
    *,
    q: str = "",
    identifiable_person: bool | None = None,
    missing_alt: str = "",
) -> QuerySet[MediaItem]:
    items = MediaItem.objects.filter(workspace=workspace)
    for term in fold(q).split(" ")[:8]:
        if term:
            items = items.filter(search_text__contains=term)
    if identifiable_person is not None:
        items = items.filter(identifiable_person=identifiable_person)
    if missing_alt == "any":
        items = items.exclude(alt_text__has_any_keys=list(ALT_LANGUAGES))
    elif missing_alt in ALT_LANGUAGES:
        items = items.exclude(alt_text__has_key=missing_alt)
    return items


def with_usage(items: QuerySet[MediaItem]) -> QuerySet[MediaItem]:
    # Meta.ordering does not apply to GROUP BY queries: order explicitly.
    return items.annotate(post_count=Count("posts", distinct=True)).order_by("-created_at", "-pk")
