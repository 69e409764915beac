"""Context words: the words that say what a nearby number is ("MRN", "کد ملی", "رقم الهوية").

One compiled alternation (named groups per label) runs once over the lower-cased
normalised text; detectors then ask for the closest label before a position.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import yaml

from nabz.trust.identifiers._scan import PhraseMatcher, Scan

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


@lru_cache(maxsize=1)
def context_matcher() -> PhraseMatcher:
    return PhraseMatcher(context_table())


def context_hits(scan: Scan) -> list[tuple[int, int, str]]:
    """(start, end, label) of every context word in the text, in order; computed once."""
    cached: list[tuple[int, int, str]] | None = scan.__dict__.get("_ctx")
    if cached is None:
        cached = context_matcher().find(scan.lower)
        scan.__dict__["_ctx"] = cached
    return cached


def label_before(scan: Scan, pos: int, gap: int = MAX_GAP) -> tuple[str, int] | None:
    """The closest context label ending at most ``gap`` characters before ``pos``."""
    best: tuple[str, int] | None = None
    for start, end, label in context_hits(scan):
        if end > pos:
            break
        if pos - end <= gap and _BETWEEN_OK.fullmatch(scan.text, end, pos):
            best = (label, start)
    return best


def label_near(scan: Scan, start: int, end: int) -> str | None:
    """A label right before the value, or directly after it (``0012345678 (کد ملی)``)."""
    before = label_before(scan, start)
    if before:
        return before[0]
    for s, _e, label in context_hits(scan):
        if s >= end and s - end <= 4 and _BETWEEN_OK.fullmatch(scan.text, end, s):
            return label
        if s > end + 4:
            break
    return None
