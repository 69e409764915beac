"""Render a checked text as HTML with each finding's exact span marked."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from nabz.trust import Finding, Severity


def highlight(text: str, findings: Sequence[Finding]) -> SafeString:
    """``text`` escaped, each finding's span wrapped in ``<mark>``.

    Where findings overlap, a segment carries the most severe one and lists every
    code that covers it, so nothing found is hidden. Offsets are code points, as
    the engine reports them.
    """
    spans = [f for f in findings if f.end > f.start]
    if not spans:
        return mark_safe(escape(text))
    cuts = sorted({0, len(text), *(f.start for f in spans), *(f.end for f in spans)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        segment = text[start:end]
        covering = [f for f in spans if f.start <= start and f.end >= end]
        if not covering:
            parts.append(escape(segment))
            continue
        worst = max(covering, key=lambda f: f.severity.rank)
        codes = " ".join(sorted({f.code for f in covering}))
        parts.append(
            format_html(
                '<mark class="finding {}" data-codes="{}" title="{}">{}</mark>',
                worst.severity.value,
                codes,
                worst.message,
                segment,
            )
        )
    return mark_safe("".join(parts))


SEVERITY_ORDER = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}
