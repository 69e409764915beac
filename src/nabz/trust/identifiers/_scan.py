"""Shared plumbing for the detectors: a found span in normalised offsets, and helpers.

Detectors work on the normalised text (ASCII digits, one spelling per letter) and
report :class:`Found` spans in *normalised* offsets; ``scan_document`` maps them back
to the original text once, at the end.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.keys import folded, found
from nabz.trust.text import normalize_term

if TYPE_CHECKING:
    from nabz.trust.document import Document


@dataclass(slots=True)
class Found:
    kind: IdentifierKind
    start: int  # normalised offsets
    end: int
    validated: bool = False
    detail: str = ""

    # (Written out: the __init__ dataclass generates is interpreted even in a compiled
    # build, and these are made many times per check.)
    def __init__(
        self, kind: IdentifierKind, start: int, end: int, validated: bool = False, detail: str = ""
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.validated = validated
        self.detail = detail


class Scan:
    """The normalised text under scan, with a few views computed on demand."""

    __slots__ = (
        "_claim_ends", "_claim_starts", "digit_runs", "doc", "found", "has_digit",
        "has_upper", "language", "long_number", "lower", "text", "tokens",
    )  # fmt: skip

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = text = doc.norm.text
        self.language = doc.language
        self.found: list[Found] = []
        # Spans later detectors must not re-use, kept sorted and disjoint (bisect: long
        # texts with thousands of identifiers stay linear-logarithmic).
        self._claim_starts: list[int] = []
        self._claim_ends: list[int] = []
        # str.lower() keeps the length for everything we meet except a few rare
        # characters (e.g. 'İ'); fall back to the text itself in that case.
        low = text.lower()
        self.lower = low if len(low) == len(text) else text
        # Some character changes case (false: no Latin capital, no VIN, no UK postcode).
        self.has_upper = low != text
        # Every word, lower-cased: each detector's quick "is my cue word here?" test.
        # (ASCII text: the same words with a cheaper character class.)
        self.tokens = frozenset(_WORD.findall(self.lower))
        # (start, end) of every run of digits: most detectors start from numbers, and a few
        # short tests over these runs replace whole-text searches (see number_triple).
        self.digit_runs = [m.span() for m in _DIGITS.finditer(text)]
        self.has_digit = bool(self.digit_runs)
        # Three digits in a row (maybe spaced): every ID, phone or code has that much.
        self.long_number = _three_digits(text, self.digit_runs)

    def number_triple(self, separators: str, middle: int) -> bool:
        """Three digit runs joined each by one character of ``separators``, the middle run
        at most ``middle`` digits long: a search for ``\\d[sep]\\d{1,middle}[sep]\\d``
        (a date, an IP address) without the regex engine looking up every character."""
        runs, text = self.digit_runs, self.text
        for i in range(1, len(runs) - 1):
            _s0, e0 = runs[i - 1]
            s1, e1 = runs[i]
            s2, _e2 = runs[i + 1]
            if (
                e1 - s1 <= middle
                and s1 == e0 + 1
                and s2 == e1 + 1
                and text[e0] in separators
                and text[e1] in separators
            ):
                return True
        return False

    def add(
        self, kind: IdentifierKind, start: int, end: int, validated: bool = False, detail: str = ""
    ) -> None:
        if end > start:
            self.found.append(Found(kind, start, end, validated, detail))

    def is_claimed(self, start: int, end: int) -> bool:
        i = bisect_right(self._claim_starts, start)
        if i and self._claim_ends[i - 1] > start:
            return True
        return i < len(self._claim_starts) and self._claim_starts[i] < end

    def claim(self, start: int, end: int) -> None:
        """Reserve a span (ignored when it overlaps one already reserved)."""
        if end <= start or self.is_claimed(start, end):
            return
        i = bisect_right(self._claim_starts, start)
        self._claim_starts.insert(i, start)
        self._claim_ends.insert(i, end)

    def claimed_end_before(self, pos: int) -> int:
        """End of the last reserved span that ends at or before ``pos`` (0 if none)."""
        i = bisect_right(self._claim_starts, pos)
        while i:
            i -= 1
            if self._claim_ends[i] <= pos:
                return self._claim_ends[i]
        return 0


_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")


def _three_digits(text: str, runs: list[tuple[int, int]]) -> bool:
    """Three digits, each pair at most one of " .-" apart (``\\d(?:[ .-]?\\d){2}``)."""
    total, prev_end = 0, -2
    for start, end in runs:
        joined = start == prev_end + 1 and text[prev_end] in " .-"
        total = total + end - start if joined else end - start
        if total >= 3:
            return True
        prev_end = end
    return False


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of every run of letters in ``text[start:end]``, as
    ``_WORD.finditer(text, start, end)`` gives them, from findall and str.find (cheaper
    than a match object per word). No letter lies between one run and the next, so a
    word's first occurrence after the previous one is where its run starts."""
    out: list[tuple[int, int, str]] = []
    pos = start
    for word in _WORD.findall(text, start, end):
        pos = text.find(word, pos)
        out.append((pos, pos + len(word), word))
        pos += len(word)
    return out


def phrase_pattern(phrases: Iterable[str]) -> str:
    """One regex alternation for lexicon phrases, normalised like the text.

    Latin phrases get word boundaries; Arabic-script phrases may carry a one-letter
    prefix (و, ب, ل, ف) and suffixes, so they only need a non-letter or prefix before.
    Longer phrases come first so that the most specific one wins.
    """
    seen: set[str] = set()
    parts: list[str] = []
    for raw in sorted({normalize_term(p).lower() for p in phrases}, key=len, reverse=True):
        if not raw or raw in seen:
            continue
        seen.add(raw)
        body = r"\s*".join(re.escape(w) for w in raw.split())
        if _LATIN.search(raw):
            parts.append(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z])")
        else:
            parts.append(rf"(?<![\w])(?:[وبلف]|ال)?{body}")
    return "|".join(parts) if parts else r"(?!x)x"


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_ARABIC_PREFIXES = ("و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "فال", "به", "در")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseMatcher:
    """Whole-word phrase lookup: label of every phrase found.

    Phrases are normalised like the text and lower-cased; internal spaces may be
    absent in the text ("کدملی"). Arabic-script phrases may carry a clitic prefix
    (و, ب, ل, ف, ال). At each place the longest phrase wins. The owner registers
    ``keys`` under ``lexicon`` with :func:`nabz.trust.keys.register`, so the phrases
    are found in the one walk every document gets.
    """

    def __init__(
        self, lexicon: str, table: Mapping[str, Iterable[str]], *, suffixes: bool = True
    ) -> None:
        self.lexicon = lexicon
        self._suffixes = suffixes
        # key -> (label, Latin); the first label given for a key wins
        self.keys: dict[str, tuple[str, bool]] = {}
        for label, phrases in table.items():
            for phrase in phrases:
                norm = " ".join(normalize_term(phrase).lower().split())
                if not norm:
                    continue
                variants = {norm, norm.replace(" ", "")} if " " in norm else {norm}
                for v in variants:
                    self.keys.setdefault(v, (label, bool(_LATIN.search(v))))

    def find(self, doc: Document) -> list[tuple[int, int, str]]:
        """(start, end, label) of whole-word phrases, longest first at one place, in order
        (offsets in the normalised text)."""
        hits = found(doc, self.lexicon)
        if not hits:
            return []
        text = folded(doc)
        raw: list[tuple[int, int, str]] = []
        n = len(text)
        for (label, latin), start, end in hits:
            # (_is_word_char inlined: this runs for every raw hit of the automaton)
            if (
                end < n
                and ((ch := text[end]).isalnum() or ch == "_")
                and (latin or not self._suffixes or not _suffix_ok(text, end))
            ):
                continue
            if (
                start > 0
                and ((ch := text[start - 1]).isalnum() or ch == "_")
                and (latin or not _prefix_ok(text, start))
            ):
                continue
            raw.append((start, end, label))
        if len(raw) < 2:
            return raw
        raw.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        for hit in raw:
            if out and hit[0] < out[-1][1]:
                if hit[1] - hit[0] > out[-1][1] - out[-1][0]:
                    out[-1] = hit
                continue
            out.append(hit)
        return out


def _prefix_ok(text: str, start: int) -> bool:
    """An Arabic-script phrase may follow a clitic that itself starts a word."""
    for prefix in _ARABIC_PREFIXES:
        p = start - len(prefix)
        if p >= 0 and text.startswith(prefix, p) and (p == 0 or not _is_word_char(text[p - 1])):
            return True
    return False


# Possessive and plural endings that may follow an Arabic-script phrase.
_SUFFIXES = ("ه", "ها", "هم", "ش", "م", "ت", "مان", "تان", "شان", "های", "ات", "ان", "ین")


def _suffix_ok(text: str, end: int) -> bool:
    for suffix in _SUFFIXES:
        e = end + len(suffix)
        if text.startswith(suffix, end) and (e >= len(text) or not _is_word_char(text[e])):
            return True
    return False
