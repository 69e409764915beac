"""Health observance calendar (B6): awareness days, weeks, months and seasons.

Pure Python (no models); the data is src/nabz/observances/data/observances.yaml, checked
when first used (ObservanceDataError names the entry at fault).

    occurrences(start, end, *, regions=None, include_global=True) -> list[Occurrence]
    get(observance_id) -> Observance | None;  all_observances() -> list[Observance]
    name(observance, language);  hashtags(observance, language) -> list[str]
    format_span(occurrence, language): en Gregorian, fa Jalali, ar Gregorian + Hijri
    prefill(occurrence, language, *, tz=None) -> dict for a new Post (09:00 on the first day)
    Occurrence.key ('world-health-day@2026-04-07') and find(key); next_occurrence(...)

    from nabz.observances import occurrences, format_span, prefill
    for occurrence in occurrences(date(2026, 1, 1), date(2026, 12, 31), regions={"IR"}):
        print(occurrence.observance.id, format_span(occurrence, "fa"))
"""

from nabz.observances.calendar import (
    Occurrence,
    all_observances,
    find,
    format_span,
    get,
    hashtags,
    name,
    next_occurrence,
    occurrences,
    prefill,
)
from nabz.observances.catalogue import (
    KINDS,
    LANGUAGES,
    PILLARS,
    Observance,
    ObservanceDataError,
    load_catalogue,
    parse_catalogue,
)

__all__ = [
    "KINDS",
    "LANGUAGES",
    "PILLARS",
    "Observance",
    "ObservanceDataError",
    "Occurrence",
    "all_observances",
    "find",
    "format_span",
    "get",
    "hashtags",
    "load_catalogue",
    "name",
    "next_occurrence",
    "occurrences",
    "parse_catalogue",
    "prefill",
]
