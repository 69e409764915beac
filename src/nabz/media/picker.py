"""What the picker partial (``media/picker.html``) needs, for any page that embeds it.

    from nabz.media.picker import picker_context
    context.update(picker_context(workspace, selected=post.media.all(), language=post.language))
    {% include "media/picker.html" %}

The partial lists images with checkboxes named ``media`` (values: item ids), so a
form with ``media = ModelMultipleChoiceField(...)`` reads the selection directly.
Selected items always come first and are never hidden by a search.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nabz.media.models import ALT_LANGUAGES, MediaItem
from nabz.media.queries import library

PICKER_LIMIT = 60


def picker_context(
    workspace: Any,
    *,
    selected: Iterable[Any] = (),
    language: str = "",
    q: str = "",
    limit: int = PICKER_LIMIT,
) -> dict[str, Any]:
    selected_ids = {_as_id(s) for s in selected} - {None}
    chosen = list(MediaItem.objects.filter(workspace=workspace, pk__in=selected_ids))
    others = list(library(workspace, q=q).exclude(pk__in=selected_ids)[:limit])
    return {
        "picker_items": chosen + others,
        "picker_selected": {str(pk) for pk in selected_ids},
        "picker_language": language if language in ALT_LANGUAGES else "",
        "picker_query": q,
        "picker_more": len(others) >= limit,
        "picker_workspace": workspace,
    }


def _as_id(value: Any) -> int | None:
    value = getattr(value, "pk", value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
