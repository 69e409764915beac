"""What the CLM rules share: data loading, one lower-cased view per document, clause
boundaries, and the negation, hedge and debunking cues that stop a rule from firing.

Every text is seen through ``doc.norm.text`` (see :mod:`nabz.trust.text`): Arabic and
Persian letters are unified, diacritics, tatweel and ZWNJ removed, digits made ASCII.
Lexicon entries are normalised with ``normalize_term`` so they match that text.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from nabz.trust.document import Document
from nabz.trust.keys import KeyTable, changed, found, matches_at, register
from nabz.trust.text import normalize_term

LANGS = ("en", "ar", "fa")


@lru_cache(maxsize=16)
def load_yaml(relative: str) -> Any:
    """A data file shipped in ``nabz/trust/data`` (UTF-8 YAML)."""
    text = resources.files("nabz.trust").joinpath("data", *relative.split("/")).read_text("utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=16)
def load_lines(relative: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of a text file shipped in ``nabz/trust/data``."""
    text = resources.files("nabz.trust").joinpath("data", *relative.split("/")).read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def term(text: str) -> str:
    """A lexicon entry as it appears in a normalised, lower-cased text."""
    return " ".join(normalize_term(text).lower().split())


def spelling_variants(text: str, language: str) -> set[str]:
    """Persian writers use a space, a ZWNJ or nothing between a word and its affixes
    (می‌کند, می کند, میکند). ZWNJ is deleted by normalisation, so a term with spaces
    also has to match with any of those spaces removed."""
    base = term(text)
    if language != "fa" or base.count(" ") > 4:
        return {base}
    parts = base.split(" ")
    out = set()
    for joins in itertools.product((" ", ""), repeat=len(parts) - 1):
        out.add(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True)))
    return out


def alternation(terms: Iterable[str], language: str = "en") -> str:
    """A regex alternation of normalised terms, longest first (so no prefix shadows)."""
    variants: set[str] = set()
    for t in terms:
        variants |= spelling_variants(t, language)
    ordered = sorted((v for v in variants if v), key=len, reverse=True)
    return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in ordered)


def lowered(text: str) -> str:
    """Lower-case without changing the length (offsets must stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# --- one view of a document, shared by every CLM rule -------------------------------
_SENTENCE_BREAK = re.compile(r"[!?;\n]+|\.(?=\s|$)|:\s")
_CLAUSE_BREAK = re.compile(
    r"[,;:!?\n()]|\.(?=\s|$)|\s(?:but|however|although|though|yet|and)\s"
    r"|\s(?:لکن|ولکن|لکنه|بل|اما|ولی|ولی|لیکن)\s"
)


@dataclass(slots=True)
class View:
    """The lower-cased normalised text of a document and its sentence boundaries."""

    low: str
    language: str
    _breaks: list[int] | None = None

    def breaks(self) -> list[int]:
        if self._breaks is None:
            self._breaks = [m.end() for m in _SENTENCE_BREAK.finditer(self.low)]
        return self._breaks

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence that contains ``pos``."""
        breaks = self.breaks()
        i = bisect_right(breaks, pos)
        start = breaks[i - 1] if i else 0
        end = breaks[i] if i < len(breaks) else len(self.low)
        return start, end

    def sentences(self) -> list[tuple[int, int]]:
        out = []
        start = 0
        for b in [*self.breaks(), len(self.low)]:
            if self.low[start:b].strip():
                out.append((start, b))
            start = b
        return out

    def before(self, start: int, limit: int = 48) -> str:
        """The text of the same clause before ``start`` (at most ``limit`` characters)."""
        s0, _ = self.sentence(start)
        window = self.low[max(s0, start - limit) : start]
        cuts = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
        return window[cuts[-1] :] if cuts else window

    def after(self, end: int, limit: int = 40) -> str:
        """The text of the same clause after ``end`` (at most ``limit`` characters)."""
        _, s1 = self.sentence(max(end - 1, 0))
        window = self.low[end : min(s1, end + limit)]
        cut = _CLAUSE_BREAK.search(window)
        return window[: cut.start()] if cut else window


def view(doc: Document) -> View:
    return doc.memoized("_clm_view", _view)


def _view(doc: Document) -> View:
    return View(lowered(doc.norm.text), doc.language)


# --- cues -----------------------------------------------------------------------------
class CueSet:
    """Whole words or phrases found with one Aho-Corasick pass (much cheaper than a regex
    alternation of many words). A term ending in "*" is a prefix; in Arabic and Persian a
    cue may follow a one-letter clitic (و ف ب ل) when ``clitics`` is set."""

    def __init__(self, terms: Iterable[str], language: str, clitics: bool = True) -> None:
        self.clitics = clitics and language != "en"
        table: dict[str, bool] = {}  # variant -> is a prefix
        for raw in terms:
            prefix = raw.endswith("*")
            for variant in spelling_variants(raw.rstrip("*"), language):
                table[variant] = prefix
        self.keys = KeyTable(table)

    def search(self, text: str) -> bool:
        if not text or not len(self.keys):
            return False
        size = len(text)
        prefixes = self.keys.payloads
        for index, start, end in self.keys.matches(text):
            glued = start > 0 and text[start - 1].isalnum()
            clitic = (
                self.clitics
                and glued
                and text[start - 1] in "وفبل"
                and (start == 1 or not text[start - 2].isalnum())
            )
            if glued and not clitic:
                continue
            if not prefixes[index] and end < size and text[end].isalnum():
                continue
            return True
        return False


def _cue(words: Mapping[str, Iterable[str]], left: bool = True) -> dict[str, CueSet]:
    return {lang: CueSet(items, lang, clitics=left) for lang, items in words.items()}


_CUES: dict[str, dict[str, list[str]]] = load_yaml("claims/cues.yaml")

# A negation shortly before a claim cancels it ("no vaccine is 100% effective").
NEGATION = _cue(_CUES["negation"])
# Verb-final languages put the negation after the claim ("... صددرصد مؤثر نیست").
NEGATION_AFTER = _cue(_CUES["negation_after"], left=False)
# Hedging words turn an absolute into an ordinary statement ("most people have no side effects").
HEDGE = _cue(_CUES["hedge"])
# Warnings, debunking and reported speech: the sentence is about the claim, not making it.
DEBUNK = _cue(_CUES["debunk"])
# The narrower set for incoming messages: a correction, not a warning ("beware: ...").
DEBUNK_STRICT = _cue(_CUES["debunk_strict"])
# Markers that make the whole post a myth-busting post.
DEBUNK_POST = _cue(_CUES["debunk_post"], left=False)


def has(cues: Mapping[str, CueSet], language: str, text: str) -> bool:
    cue = cues.get(language)
    return bool(cue and text and cue.search(text))


def negated(v: View, start: int, end: int, masked: Iterable[tuple[int, int]] = ()) -> bool:
    """A negation in the clause right before [start, end), or (Arabic, Persian, and English
    "... doesn't exist") right after it. Spans in ``masked`` (other claim phrases that
    contain negation words themselves) are ignored."""
    before = v.before(start)
    after = v.after(end, 32)
    b0, a1 = start - len(before), end + len(after)
    for m0, m1 in masked:
        if m1 > b0 and m0 < start:
            lo, hi = max(m0, b0) - b0, min(m1, start) - b0
            before = before[:lo] + " " * (hi - lo) + before[hi:]
        if m0 < a1 and m1 > end:
            lo, hi = max(m0, end) - end, min(m1, a1) - end
            after = after[:lo] + " " * (hi - lo) + after[hi:]
    return has(NEGATION, v.language, before) or has(NEGATION_AFTER, v.language, after)


def hedged(v: View, start: int) -> bool:
    return has(HEDGE, v.language, v.before(start, 40))


def debunking_sentence(v: View, start: int) -> bool:
    s0, s1 = v.sentence(start)
    return has(DEBUNK, v.language, v.low[s0:s1])


def debunking_post(v: View) -> bool:
    return has(DEBUNK_POST, v.language, v.low)


def localized(table: Mapping[str, str], language: str) -> str:
    return table.get(language) or table["en"]


# --- one keyword pass per document ------------------------------------------------------
# Each rule registers the literal words without which it cannot fire; the one walk per
# document of nabz.trust.keys tells every rule whether to look closer.
_TRIGGERS: dict[str, dict[str, set[str]]] = {lang: {} for lang in LANGS}
_POSITIONAL: set[str] = set()


def add_triggers(
    code: str, words: Mapping[str, Iterable[str]], *, positional: bool = False
) -> None:
    """Register trigger words for ``code``. With ``positional`` the spans of the matches
    are kept too (see :func:`trigger_spans`)."""
    if positional:
        _POSITIONAL.add(code)
    for lang, items in words.items():
        for item in items:
            for variant in spelling_variants(item, lang):
                if variant:
                    _TRIGGERS[lang].setdefault(variant, set()).add(code)
    changed()


def _trigger_keys(language: str) -> dict[str, tuple[frozenset[str], bool]]:
    """Trigger word -> (the rules it wakes, whether any of them wants positions)."""
    table = _TRIGGERS[language if language in LANGS else "en"]
    return {word: (frozenset(codes), bool(codes & _POSITIONAL)) for word, codes in table.items()}


_TRIGGER_LEXICON = "claims.triggers"
register(_TRIGGER_LEXICON, _trigger_keys)


def _scan(doc: Document) -> tuple[set[str], dict[str, list[tuple[int, int]]]]:
    return doc.memoized("_clm_triggers", _find_triggers)


def _find_triggers(doc: Document) -> tuple[set[str], dict[str, list[tuple[int, int]]]]:
    codes_seen: set[str] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    for (codes, positional), start, end in found(doc, _TRIGGER_LEXICON):
        codes_seen |= codes
        if positional:
            for code in codes & _POSITIONAL:
                spans.setdefault(code, []).append((start, end))
    return codes_seen, spans


def triggered(doc: Document, code: str) -> bool:
    """True when the document contains one of the trigger words of rule ``code``."""
    return code in _scan(doc)[0]


def trigger_spans(doc: Document, code: str) -> list[tuple[int, int]]:
    """Spans (normalised text) of the trigger words of a positional ``code``."""
    return _scan(doc)[1].get(code, [])


class Starts:
    """A :func:`starts` pattern tried only where one of its terms begins.

    The pattern opens with a look-behind and an alternation of words, which the regex
    engine would try at every position of the text. The first word of every term is
    registered with :mod:`nabz.trust.keys`, and the pattern is tried only where one of
    them occurs: the same matches, for the cost of a few anchored attempts.
    """

    def __init__(self, name: str, terms: Iterable[str], language: str) -> None:
        items = self.terms = list(terms)
        self.pattern = re.compile(starts(items, language))
        self.name = name
        firsts = {
            variant.split()[0]
            for t in items
            for variant in spelling_variants(t.removesuffix("="), language)
            if variant.strip()
        }
        register(name, lambda lang: dict.fromkeys(firsts, True) if lang == language else {})

    def finditer(self, doc: Document, text: str) -> list[re.Match[str]]:
        """``pattern.finditer(text)`` for ``text`` the lower-cased normalised text of
        ``doc`` (:func:`view`'s ``low``)."""
        return matches_at(self.pattern, text, [start for _, start, _ in found(doc, self.name)])


def starts(terms: Iterable[str], language: str) -> str:
    """Regex source matching any term at the start of a word. Arabic clitics (و ف ب ل) may
    be glued in front; a term ending in "=" must also end its word."""
    items = list(terms)
    whole = alternation([t[:-1] for t in items if t.endswith("=")], language)
    prefix = alternation([t for t in items if not t.endswith("=")], language)
    parts = [f"(?:{whole})(?!\\w)"] if whole else []
    if prefix:
        parts.append(f"(?:{prefix})")
    lead = r"(?:(?<![^\W\d])|(?<=(?<!\w)[وفبل]))" if language == "ar" else r"(?<![^\W\d])"
    return lead + "(?:" + "|".join(parts) + ")"
