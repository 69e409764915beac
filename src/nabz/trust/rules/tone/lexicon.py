"""Phrase lexicons matched with one Aho-Corasick automaton per language.

A :class:`Lexicon` finds whole-word phrases in NORMALISED, lower-cased text
(see :func:`match_text`) in one pass, whatever the number of phrases. Word
boundaries follow each language:

- English: letters/digits end a word; a plural ``s``/``es``/``'s`` may follow.
- Arabic: the clitics و ف ب ل ك and the article (and لل for ل + ال) may stand
  before a phrase; pronoun and plural suffixes may follow it.
- Persian: a ZWNJ inside a phrase may be typed as a space or left out; the usual
  suffixes (ها، های، ی، ای، تان...) may follow, since normalisation removes the
  ZWNJ that separates them.

Short phrases (under four letters) only match as exact words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import regex

from nabz.trust.keys import KeyTable, fold, folded, found, register
from nabz.trust.registry import Hit
from nabz.trust.text import ZWNJ, normalize_term

if TYPE_CHECKING:
    from nabz.trust.document import Document


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of a lexicon and what to say about it."""

    term: str  # as written in the data file
    category: str  # jargon, stigma, fear, slang, casual, health, ...
    alternative: str = ""
    concept: str = ""  # entries with the same concept mean the same thing
    unless_next: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class Match:
    start: int  # offsets into the normalised text
    end: int
    entry: Entry
    form: str = ""  # Arabic: "lil" (ل + ال written لل) or "bare" (without the article)

    def replacement(self) -> str:
        """The entry's alternative, fitted to how the phrase was written."""
        alt = self.entry.alternative
        if self.form == "lil":
            return "ل" + (alt[1:] if alt.startswith("ال") else alt)
        if self.form == "bare" and alt.startswith("ال"):
            return alt[2:]
        return alt


_AR_PREFIXES = (
    "وبال", "فبال", "وکال", "وال", "فال", "بال", "کال", "ولل", "فلل", "لل", "ال",
    "وب", "ول", "وک", "فب", "فل", "فک", "و", "ف", "ب", "ل", "ک",
)  # fmt: skip
_AR_SUFFIXES = ("هما", "کما", "کم", "هم", "ها", "نا", "ات", "ین", "ون", "ان", "یه", "ه", "ک", "ی")
_FA_SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "های", "ها", "شان", "تان",
    "مان", "اند", "است", "ست", "ای", "یی", "ان", "ات", "ام", "اش", "ی", "م", "ت", "ش", "ه",
)  # fmt: skip
_EN_SUFFIXES = ("'s", "es", "s")
_NEXT_WORD = regex.compile(r"[ \t]+([\p{L}\p{N}'-]+)")
_PREVIOUS_WORD = regex.compile(r"([\p{L}\p{N}'-]+)[ \t]+$")
_MIN_AFFIX_LEN = 4


# The string lexicons match on: normalised text, lower case, same length, ’ as '.
match_text = fold


def _key(term: str) -> str:
    return match_text(normalize_term(term.strip()))


def _variants(term: str, language: str) -> dict[str, str]:
    """Keys to put in the automaton for ``term``, each with its written form."""
    keys = {_key(term): ""}
    if ZWNJ in term:
        keys[_key(term.replace(ZWNJ, " "))] = ""
    if language == "ar":
        for key in list(keys):
            if key.startswith("ال") and len(key) > 4:
                keys.setdefault("لل" + key[2:], "lil")
                keys.setdefault(key[2:], "bare")  # the same word without the article
    keys.pop("", None)
    return keys


class Lexicon:
    """Every phrase of one language in one automaton."""

    def __init__(self, language: str, entries: Iterable[Entry]) -> None:
        self.language = language
        table: dict[str, list[Entry]] = {}
        forms: dict[str, str] = {}
        for entry in entries:
            for key, form in _variants(entry.term, language).items():
                table.setdefault(key, []).append(entry)
                forms.setdefault(key, form)
        self.size = len(table)
        self.keys = {key: (tuple(found), forms[key]) for key, found in table.items()}
        self._table: KeyTable[tuple[tuple[Entry, ...], str]] | None = None  # built when needed

    def find(self, text: str, *, overlapping: bool = False) -> list[Match]:
        """Matches in ``text`` (output of :func:`match_text`).

        By default the longest match wins where two of the same category overlap;
        ``overlapping=True`` keeps every match (e.g. "breast cancer" and "cancer").
        """
        if not self.size:
            return []
        if self._table is None:
            self._table = KeyTable(self.keys)
        payloads = self._table.payloads
        hits = [(payloads[i], start, end) for i, start, end in self._table.matches(text)]
        return self.resolve(text, hits, overlapping=overlapping)

    def resolve(
        self,
        text: str,
        hits: list[tuple[tuple[tuple[Entry, ...], str], int, int]],
        *,
        overlapping: bool = False,
    ) -> list[Match]:
        """:meth:`find` from the automaton's raw hits ((entries, form), start, end), as
        :func:`nabz.trust.keys.found` gives them for a registered lexicon."""
        candidates: list[tuple[int, int, Entry, str]] = []
        for (entries, form), raw_start, raw_end in hits:
            length = raw_end - raw_start
            start = self._left(text, raw_start, length)
            if start < 0:
                continue
            end = self._right(text, raw_end, length)
            if end < 0:
                continue
            for entry in entries:
                if entry.unless_next and (
                    self._next_word(text, end) in entry.unless_next
                    or self._previous_word(text, start) in entry.unless_next
                ):
                    continue
                candidates.append((start, raw_end, entry, form))
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        if overlapping:
            return [Match(start, end, entry, form) for start, end, entry, form in candidates]
        taken: dict[str, int] = {}
        out: list[Match] = []
        for start, end, entry, form in candidates:
            if start < taken.get(entry.category, -1):
                continue
            taken[entry.category] = end
            out.append(Match(start, end, entry, form))
        return out

    def _left(self, text: str, start: int, length: int) -> int:
        """``start`` if a word starts there (or after an allowed clitic), else -1."""
        if start == 0 or not text[start - 1].isalnum():
            return start
        if self.language != "ar" or length < 3:
            return -1
        for prefix in _AR_PREFIXES:
            p = start - len(prefix)
            if p >= 0 and text.startswith(prefix, p) and (p == 0 or not text[p - 1].isalnum()):
                return start
        return -1

    def _right(self, text: str, end: int, length: int) -> int:
        """End of the word that ``end`` closes (after an allowed suffix), else -1."""
        n = len(text)
        if end == n or not text[end].isalnum():
            return end
        if length < _MIN_AFFIX_LEN:
            return -1
        if self.language == "en":
            suffixes: tuple[str, ...] = _EN_SUFFIXES
        elif self.language == "fa":
            suffixes = _FA_SUFFIXES
        else:
            suffixes = _AR_SUFFIXES
        for suffix in suffixes:
            e = end + len(suffix)
            if text.startswith(suffix, end) and (e == n or not text[e].isalnum()):
                return e
        return -1

    @staticmethod
    def _next_word(text: str, end: int) -> str:
        m = _NEXT_WORD.match(text, end)
        return m.group(1) if m else ""

    @staticmethod
    def _previous_word(text: str, start: int) -> str:
        m = _PREVIOUS_WORD.search(text, 0, start)
        return m.group(1) if m else ""


# --- data files ---------------------------------------------------------------------------
def _data_lines(*parts: str) -> Iterable[list[str]]:
    path = resources.files("nabz.trust").joinpath("data", *parts)
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield [cell.strip() for cell in line.split("\t")]


def jargon_entries(language: str) -> list[Entry]:
    """data/jargon/<language>.tsv: term, plain alternative."""
    out = []
    for cells in _data_lines("jargon", f"{language}.tsv"):
        if len(cells) >= 2 and cells[0] and cells[1]:
            out.append(Entry(cells[0], "jargon", cells[1], concept=_key(cells[1])))
    return out


def tone_entries(language: str) -> list[Entry]:
    """data/tone/<language>.tsv: category, phrase, alternative, words that cancel it nearby."""
    out = []
    for cells in _data_lines("tone", f"{language}.tsv"):
        if len(cells) < 2 or not cells[1]:
            continue
        alternative = cells[2] if len(cells) > 2 else ""
        unless = (
            frozenset(_key(w) for w in cells[3].split("|") if w) if len(cells) > 3 else frozenset()
        )
        out.append(
            Entry(cells[1], cells[0], alternative, concept=_key(cells[1]), unless_next=unless)
        )
    return out


@lru_cache(maxsize=4)
def tone_lexicon(language: str) -> Lexicon:
    """Jargon and tone phrases of one language (matched in the shared walk)."""
    return Lexicon(language, [*jargon_entries(language), *tone_entries(language)])


_TONE = "tone.lexicon"
register(_TONE, lambda language: tone_lexicon(language).keys)


@lru_cache(maxsize=4)
def acronyms() -> frozenset[str]:
    return frozenset(cells[0].upper() for cells in _data_lines("tone", "acronyms.txt") if cells[0])


def custom_jargon(doc: Document) -> tuple[tuple[str, str], ...]:
    """The workspace's own jargon entries for the document's language."""
    lexicon: Mapping[str, Any] | None = doc.settings.custom_lexicon
    by_lang = lexicon.get("jargon") if lexicon else None
    if not by_lang or not isinstance(by_lang, Mapping):  # (no ABC check without any)
        return ()
    raw = by_lang.get(doc.language) or {}
    pairs: list[tuple[str, str]] = []
    if isinstance(raw, Mapping):
        pairs = [(str(k), str(v)) for k, v in raw.items() if k and v]
    elif isinstance(raw, list | tuple):
        for item in raw:
            if isinstance(item, list | tuple) and len(item) >= 2 and item[0] and item[1]:
                pairs.append((str(item[0]), str(item[1])))
    return tuple(sorted(pairs))


@lru_cache(maxsize=64)
def _custom_lexicon(language: str, pairs: tuple[tuple[str, str], ...]) -> Lexicon:
    return Lexicon(language, [Entry(t, "jargon", p, concept=_key(p)) for t, p in pairs])


def tone_matches(doc: Document) -> list[Match]:
    """Every tone-lexicon match in a document; computed once per document."""
    return doc.memoized("_nabz_tone_matches", _find_tone_matches)


def _find_tone_matches(doc: Document) -> list[Match]:
    text = folded(doc)
    matches = tone_lexicon(doc.language).resolve(text, found(doc, _TONE))
    pairs = custom_jargon(doc)
    if pairs:
        extra = _custom_lexicon(doc.language, pairs).find(text)
        seen = {(m.start, m.end) for m in matches if m.entry.category == "jargon"}
        matches = matches + [m for m in extra if (m.start, m.end) not in seen]
        matches.sort(key=lambda m: m.start)
    return matches


def lexicon_hits(doc: Document, category: str, *, replace: bool = True) -> Iterator[Hit]:
    for match in tone_matches(doc):
        if match.entry.category != category:
            continue
        start, end = doc.span(match.start, match.end)
        alternative = match.replacement()
        found = doc.text[start:end]
        if (
            alternative
            and found[:1].isupper()
            and found[1:2].islower()
            and alternative[:1].islower()
        ):
            alternative = alternative[0].upper() + alternative[1:]
        yield Hit(
            start,
            end,
            replacement=alternative if (replace and alternative) else None,
            data={"phrase": match.entry.term, "alternative": match.entry.alternative},
        )
