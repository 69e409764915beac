"""Text normalisation that never loses track of where things were.

Rules match on a normalised copy of the text (ASCII digits, one spelling of each
Arabic/Persian letter, no diacritics, tatweel, ZWNJ or direction marks, no
full-width forms) and report offsets into the ORIGINAL text through
:meth:`Normalized.span`. The normalised text is built with one ``str.translate``
for the one-to-one replacements; only texts that contain characters to delete
pay for the way back (one entry per run of deleted characters).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

# --- one-to-one replacements -------------------------------------------------
_DIGITS = {ord(c): ord("0") + i for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): ord("0") + i for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_DIGITS.update({0xFF10 + i: ord("0") + i for i in range(10)})  # full-width digits

_LETTERS = {
    ord("ي"): ord("ی"),  # Arabic yeh -> Persian yeh
    ord("ى"): ord("ی"),  # alef maqsura
    ord("ك"): ord("ک"),  # Arabic kaf -> keheh
    ord("أ"): ord("ا"),
    ord("إ"): ord("ا"),
    ord("آ"): ord("ا"),
    ord("ٱ"): ord("ا"),
    ord("ة"): ord("ه"),
    ord("ۀ"): ord("ه"),
    ord("٪"): ord("%"),
    ord("٫"): ord("."),  # Arabic decimal separator
    ord("٬"): ord(","),  # Arabic thousands separator
    ord("،"): ord(","),
    ord("؛"): ord(";"),
    ord("؟"): ord("?"),
    ord("\u00a0"): ord(" "),
    ord("\u202f"): ord(" "),
    ord("\u2009"): ord(" "),
    ord("\u2010"): ord("-"),
    ord("\u2011"): ord("-"),
    ord("\u2012"): ord("-"),
    ord("\u2013"): ord("-"),
    ord("\u2212"): ord("-"),
}
# Full-width ASCII (！ to ～) -> ASCII.
_LETTERS.update({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if not 0xFF10 <= cp <= 0xFF19})

_TABLE: dict[int, int] = {**_LETTERS, **_DIGITS}
_DIGIT_TABLE: dict[int, int] = dict(_DIGITS)

# --- characters that are deleted ---------------------------------------------
# Arabic diacritics (harakat, shadda, sukun, superscript alef), tatweel, ZWNJ/ZWJ,
# direction marks and isolates, BOM and soft hyphen.
_DELETE_CLASS = (
    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
)
_DELETE = re.compile(f"[{_DELETE_CLASS}]")
_DELETE_RUN = re.compile(f"[{_DELETE_CLASS}]+")
_TABLE_CHARS = {chr(k): chr(v) for k, v in _TABLE.items()}
# The full-width forms are many and rare: one search finds whether any is there.
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
_COMMON_CHARS = tuple(c for c in _TABLE_CHARS if not _FULL_WIDTH.match(c))
_DIACRITIC = regex.compile("[\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
ZWNJ = "\u200c"


def ascii_digits(text: str) -> str:
    """Persian, Arabic-Indic and full-width digits to ASCII; same length as the input."""
    return text.translate(_DIGIT_TABLE)


@dataclass(slots=True)
class Normalized:
    """A normalised text and the way back to the original's offsets."""

    original: str
    text: str
    # The way back, when characters were deleted (None when nothing was: offsets are then
    # identical). The normalised text is a series of stretches copied unchanged from the
    # original: stretch i starts at normalised offset norm_starts[i] and original offset
    # orig_starts[i]. A last stretch starts at the end of both texts, so the end maps too.
    norm_starts: list[int] | None = None
    orig_starts: list[int] | None = None

    # (Written out: the __init__ dataclass generates is interpreted even in a compiled
    # build, and this is made for every check.)
    def __init__(
        self,
        original: str,
        text: str,
        norm_starts: list[int] | None = None,
        orig_starts: list[int] | None = None,
    ) -> None:
        self.original = original
        self.text = text
        self.norm_starts = norm_starts
        self.orig_starts = orig_starts

    def to_original(self, pos: int) -> int:
        starts = self.norm_starts
        if starts is None or self.orig_starts is None:
            return pos
        i = bisect_right(starts, pos) - 1
        return self.orig_starts[i] + pos - starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span to the original text."""
        if self.norm_starts is None:
            return start, end
        if end <= start:
            o = self.to_original(start)
            return o, o
        # End is one past the last kept character, so deleted marks that follow
        # (e.g. a diacritic on the last letter) stay inside the span.
        last = self.to_original(end - 1)
        orig_end = self.to_original(end)
        # Keep diacritics that sit on the last letter, but not a joiner or mark after it.
        while orig_end > last + 1 and not _DIACRITIC.match(self.original[orig_end - 1]):
            orig_end -= 1
        return self.to_original(start), orig_end


def _translate(text: str) -> str:
    """``text.translate(_TABLE)``, faster: str.translate looks up every character of a
    non-ASCII text in the dict; testing for each of the few dozen mapped characters and
    replacing those present is several times cheaper. Same result: every mapping is one
    character to one, and no target is itself a key."""
    if text.isascii():
        return text
    for ch in _COMMON_CHARS:
        if ch in text:
            text = text.replace(ch, _TABLE_CHARS[ch])
    if _FULL_WIDTH.search(text):
        for ch in set(_FULL_WIDTH.findall(text)):
            text = text.replace(ch, _TABLE_CHARS[ch])
    return text


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching; see the module docstring for what changes."""
    translated = _translate(text)
    if not _DELETE.search(translated):
        return Normalized(text, translated)
    # One stretch per run of kept characters; offsets are computed from them on demand,
    # so a text pays per deleted run, not per character.
    pieces: list[str] = []
    norm_starts = [0]
    orig_starts = [0]
    pos = removed = 0
    for m in _DELETE_RUN.finditer(translated):
        start, end = m.span()
        pieces.append(translated[pos:start])
        removed += end - start
        pos = end
        if norm_starts[-1] == end - removed:  # a run at the very start
            orig_starts[-1] = end
        else:
            norm_starts.append(end - removed)
            orig_starts.append(end)
    pieces.append(translated[pos:])
    norm = "".join(pieces)
    if norm_starts[-1] != len(norm):
        norm_starts.append(len(norm))
        orig_starts.append(len(text))
    return Normalized(text, norm, norm_starts, orig_starts)


@lru_cache(maxsize=4096)
def normalize_term(term: str) -> str:
    """Normalise a lexicon entry the same way as the text it will be matched in."""
    return normalize(unicodedata.normalize("NFC", term)).text


# --- script and language ------------------------------------------------------
_ARABIC_SCRIPT = regex.compile(r"\p{Script=Arabic}")
_LATIN = regex.compile(r"\p{Script=Latin}")
_PERSIAN_ONLY = regex.compile("[پچژگ\u06cc\u06a9]")  # letters Arabic does not use (ی ک)
_ARABIC_ONLY = regex.compile("[ةيىكأإؤءً]")
_PERSIAN_WORDS = regex.compile(r"(?<!\S)(است|این|برای|که|را|می|های|با|از|ما|شما|بیمار|نیست)(?!\S)")
_ARABIC_WORDS = regex.compile(r"(?<!\S)(في|من|على|إلى|الى|هذا|هذه|التي|الذي|عن|مع|لا|هل)(?!\S)")


def detect_language(text: str) -> str:
    """Return 'en', 'ar' or 'fa' for the dominant language of ``text``.

    Arabic-script text is told apart by letters and function words only one of
    the two languages uses. Latin-only or empty text is English.
    """
    sample = text[:4000]
    arabic = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 or arabic < latin * 0.5:
        return "en"
    fa = 2 * len(_PERSIAN_ONLY.findall(sample)) + 3 * len(_PERSIAN_WORDS.findall(sample))
    ar = 2 * len(_ARABIC_ONLY.findall(sample)) + 3 * len(_ARABIC_WORDS.findall(sample))
    return "fa" if fa > ar else "ar"


# --- words and sentences ---------------------------------------------------------
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\u200c][\p{L}\p{M}]+)*")
SENTENCE_END = regex.compile(r"(?<=[.!?؟。])\s+|\n{2,}")
GRAPHEME = regex.compile(r"\X")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def grapheme_count(text: str) -> int:
    return len(GRAPHEME.findall(text))
