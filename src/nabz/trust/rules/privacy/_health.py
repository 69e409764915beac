"""Health details next to a person's name, and ages over 89, for PHI101.

A compliance officer blocks a post that names a person together with a detail of their
health: a diagnosis or condition, a surgery or treatment, a ward, an admission or a
discharge ("Mr. Thompson is back home after his stroke"). The health words are data
(``data/privacy/health_details.yaml``, plus the shipped rare conditions) found in the
document's shared lexicon walk (:mod:`nabz.trust.keys`); the sentence breaks come from
the staff-context index the privacy context already keeps per document, so this adds
no pass of its own over the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib.resources import files

import yaml

from nabz.trust.document import Document
from nabz.trust.identifiers import Identifier, IdentifierKind
from nabz.trust.identifiers._scan import PhraseMatcher
from nabz.trust.identifiers.ages import age_value
from nabz.trust.identifiers.privacy_context import _staff_index
from nabz.trust.keys import register

_LEXICON = "privacy.health_details"
_LABELS = ("condition", "care", "campaign", "staff")


def _data(name: str) -> object:
    return yaml.safe_load(
        files("nabz.trust").joinpath("data", "privacy", name).read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    raw = _data("health_details.yaml")
    assert isinstance(raw, dict)
    table: dict[str, list[str]] = {}
    for label in _LABELS:
        table[label] = [str(w) for words in raw[label].values() for w in words]
    rare = _data("rare_conditions.yaml")
    assert isinstance(rare, dict)
    table["condition"] += [
        str(n) for entry in rare["conditions"] for v in entry.values() for n in v
    ]
    return PhraseMatcher(_LEXICON, table)


register(_LEXICON, lambda _language: _matcher().keys)


# Words that end with a full stop without ending a sentence ("Mr. Thompson", "Dr. Lee").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "rev",
        "sgt",
        "capt",
        "col",
        "gen",
        "hon",
        "mt",
        "no",
        "vs",
        "e.g",
        "i.e",
    ]
)


class _Health:
    """One document's health words and sentence breaks, in ORIGINAL offsets."""

    __slots__ = ("breaks", "hits", "starts")

    def __init__(self, doc: Document) -> None:
        text = doc.text
        breaks: list[int] = []
        for b in _staff_index(doc)[0]:
            if text[b] == "." and not _ends_sentence(text, b):
                continue
            breaks.append(b)
        self.breaks = breaks
        self.hits = [(*doc.span(s, e), label) for s, e, label in _matcher().find(doc)]
        self.starts = [h[0] for h in self.hits]

    def sentence(self, start: int, end: int, *, following: int = 0) -> tuple[int, int]:
        """The sentence around [start, end) and ``following`` sentences after it."""
        breaks = self.breaks
        i = bisect_left(breaks, start)
        first = breaks[i - 1] + 1 if i else 0
        j = bisect_left(breaks, end) + following
        last = breaks[j] if j < len(breaks) else 1 << 62
        return first, last

    def labels(self, start: int, end: int, skip: tuple[int, int] = (0, 0)) -> set[str]:
        """Labels of the health words inside [start, end), leaving out those in ``skip``."""
        found: set[str] = set()
        for k in range(bisect_left(self.starts, start), bisect_right(self.starts, end)):
            s, e, label = self.hits[k]
            if e <= end and not (s >= skip[0] and e <= skip[1]):
                found.add(label)
        return found

    def about_health(self, name: Identifier) -> bool:
        """A detail of someone's health in the name's sentence or the next one, and no
        clinician's title in the name's own sentence (then it is their field)."""
        if not self.hits:
            return False
        own = self.sentence(name.start, name.end)
        if "staff" in self.labels(*own, skip=(name.start, name.end)):
            return False
        start, end = self.sentence(name.start, name.end, following=1)
        for k in range(bisect_left(self.starts, start), bisect_right(self.starts, end)):
            s, e, label = self.hits[k]
            if e > end or (s >= name.start and e <= name.end):
                continue
            if label == "care":
                return True
            # A condition named in a campaign's sentence is the campaign's topic.
            if label == "condition" and "campaign" not in self.labels(*self.sentence(s, e)):
                return True
        return False


def _ends_sentence(text: str, dot: int) -> bool:
    """A full stop at ``dot`` ends a sentence: space or the end after it, and no title
    or initial before it."""
    after = dot + 1
    if after < len(text) and not text[after].isspace():
        return False
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    return not (len(word) == 1 or word in _ABBREVIATIONS)


def _health(doc: Document) -> _Health:
    return doc.memoized("_phi_health", _Health)


def health_near(doc: Document, name: Identifier) -> bool:
    """A health detail of a person in ``name``'s sentence or the next one."""
    return _health(doc).about_health(name)


def age_over_89(doc: Document) -> bool:
    """The text gives an age above 89 (what PHI108 flags)."""
    return doc.memoized("_phi_age_over_89", _find_age_over_89)


def _find_age_over_89(doc: Document) -> bool:
    for ident in doc.identifiers:
        if ident.kind is IdentifierKind.AGE and "months" not in ident.detail:
            value = age_value(ident.detail)
            if value is not None and value > 89:
                return True
    return False
