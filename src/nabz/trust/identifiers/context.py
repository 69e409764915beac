"""Context words: the words that say what a nearby number is ("MRN", "کد ملی", "رقم الهوية").

One compiled alternation (named groups per label) runs once over the lower-cased
normalised text; detectors then ask for the closest label before a position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

import yaml

from nabz.trust.identifiers._scan import PhraseMatcher, Scan
from nabz.trust.keys import register

if TYPE_CHECKING:
    from nabz.trust.document import Document

# How far before a value its context word may end, in characters.
MAX_GAP = 32
_BETWEEN_OK = re.compile(r"[^\d\n]*")  # no digit, no line break between word and value


@lru_cache(maxsize=1)
def context_table() -> dict[str, list[str]]:
    raw = yaml.safe_load(
        files("nabz.trust").joinpath("data", "privacy", "context_words.yaml").read_text("utf-8")
    )
    return {
        label: [w for words in by_lang.values() for w in words] for label, by_lang in raw.items()
    }


LEXICON = "identifiers.context"  # the lexicon's name in the shared walk


@lru_cache(maxsize=1)
def context_matcher() -> PhraseMatcher:
    return PhraseMatcher(LEXICON, context_table())


register(LEXICON, lambda _language: context_matcher().keys)


def context_hits(scan: Scan) -> list[tuple[int, int, str]]:
    """(start, end, label) of every context word in the text, in order; computed once."""
    return scan.doc.memoized("_id_ctx", _find_context_hits)


def _find_context_hits(doc: Document) -> list[tuple[int, int, str]]:
    return context_matcher().find(doc)


def _bounds(scan: Scan) -> tuple[list[int], list[int]]:
    """Starts and ends of the context words (both ascending: the words do not overlap)."""
    return scan.doc.memoized("_id_ctx_bounds", _find_bounds)


def _find_bounds(doc: Document) -> tuple[list[int], list[int]]:
    hits = doc.memoized("_id_ctx", _find_context_hits)
    return [h[0] for h in hits], [h[1] for h in hits]


def label_before(scan: Scan, pos: int, gap: int = MAX_GAP) -> tuple[str, int] | None:
    """The closest context label ending at most ``gap`` characters before ``pos``."""
    hits = context_hits(scan)
    if not hits:
        return None
    ends = _bounds(scan)[1]
    # The last word ending by ``pos`` whose gap qualifies, searched from the closest.
    i = bisect_right(ends, pos) - 1
    while i >= 0 and pos - ends[i] <= gap:
        start, end, label = hits[i]
        if _BETWEEN_OK.fullmatch(scan.text, end, pos):
            return (label, start)
        i -= 1
    return None


def label_near(scan: Scan, start: int, end: int) -> str | None:
    """A label right before the value, or directly after it (``0012345678 (کد ملی)``)."""
    before = label_before(scan, start)
    if before:
        return before[0]
    hits = context_hits(scan)
    if not hits:
        return None
    starts = _bounds(scan)[0]
    for i in range(bisect_left(starts, end), len(hits)):
        s, _e, label = hits[i]
        if s > end + 4:
            break
        if _BETWEEN_OK.fullmatch(scan.text, end, s):
            return label
    return None
