"""The myth base (data/myths/<lang>.yaml) and the matcher that finds a myth in a text.

A sentence repeats a myth when each of the myth's key-phrase groups has a match in it, in
any order, without overlapping (so "flu vaccine" cannot also count as "flu"). When one
group of three or more is missing, a fuzzy comparison of lightly stemmed tokens
(rapidfuzz) may still accept the sentence. Keys are found with one Aho-Corasick pass.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from nabz.trust.keys import folded, found, register
from nabz.trust.rules.claims._shared import LANGS, load_yaml, spelling_variants, term

if TYPE_CHECKING:
    from nabz.trust.document import Document

TOPICS = (
    "vaccines",
    "antibiotics",
    "covid-19",
    "cancer",
    "diabetes",
    "heart",
    "mental-health",
    "pregnancy",
    "nutrition",
    "fasting",
    "herbal",
    "5g-microchips",
    "fertility",
)
# Clitics that may be glued to the front of a word.
_CLITICS = {
    "en": frozenset({""}),
    "ar": frozenset(
        {
            "",
            "و",
            "ف",
            "ب",
            "ل",
            "ک",
            "ال",
            "وال",
            "بال",
            "فال",
            "کال",
            "لل",
            "ول",
            "وب",
            "فب",
            "فل",
            "ولل",
            "وبال",
            "س",
            "وس",
            "فس",
        }
    ),
    "fa": frozenset({"", "ب", "ن", "می", "نمی", "به", "و"}),
}
# Endings a whole-word key may carry (plural, possessive, attached pronoun, comparative).
_SUFFIXES = {
    "en": ("", "s", "es", "'s", "’s"),
    "ar": (
        "",
        "ه",
        "ها",
        "هم",
        "هما",
        "هن",
        "ک",
        "کم",
        "نا",
        "ی",
        "ین",
        "ون",
        "ان",
        "ات",
        "یه",
        "یا",
        "ا",
        "وا",
        "ته",
        "تها",
        "تین",
        "یات",
        "یین",
        "یون",
    ),
    "fa": (
        "",
        "ها",
        "های",
        "هایی",
        "ی",
        "ای",
        "ایی",
        "ان",
        "ات",
        "ش",
        "م",
        "ت",
        "مان",
        "تان",
        "شان",
        "تر",
        "ترین",
        "اش",
        "ام",
        "ند",
        "د",
    ),
}


@dataclass(frozen=True, slots=True)
class Myth:
    id: str
    language: str
    topic: str
    myth: str
    fact: str
    source: str
    groups: int
    # What is claimed about what (subject, relation, object), in the entry's language:
    # "vaccines → cause → infertility", «واکسن → باعث → ناباروری».
    triple: tuple[str, ...] = ()
    # The same myth in every language shares this id ("vaccines-infertility").
    concept: str = ""


def _variants(text: str, language: str) -> set[str]:
    """Spelling variants of a key; Arabic multi-word keys also with the article on every
    word ("مضادات حیویه" and "المضادات الحیویه")."""
    variants = spelling_variants(text, language)
    if language == "ar":
        for v in list(variants):
            words = v.split(" ")
            if len(words) > 1:
                variants.add(" ".join(w if w.startswith("ال") else "ال" + w for w in words))
    return variants


@dataclass(slots=True, eq=False)  # (compared by identity, as the plain class it was)
class KeyHit:
    """A key phrase of one of a myth's groups, found in a text (normalised offsets)."""

    myth: int  # index into MythBase.myths
    group: int
    start: int
    end: int


class MythBase:
    """All myths of one language and the automaton over their key phrases."""

    def __init__(
        self,
        language: str,
        entries: list[dict[str, Any]],
        synonyms: dict[str, list[str]] | None = None,
    ) -> None:
        self.language = language
        lexicon = synonyms or {}
        self.myths: list[Myth] = []
        self.stemmed: list[str] = []
        self.anchor_terms: list[list[str]] = []
        table: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for index, entry in enumerate(entries):
            groups = [_expand(group, lexicon, entry["id"]) for group in entry["keys"]]
            self.myths.append(
                Myth(
                    id=entry["id"],
                    language=language,
                    topic=entry["topic"],
                    myth=entry["myth"],
                    fact=entry["fact"],
                    source=entry["source"],
                    groups=len(groups),
                    triple=tuple(str(t) for t in entry.get("triple") or ()),
                    concept=str(entry.get("concept") or entry["id"].split("-", 1)[1]),
                )
            )
            self.stemmed.append(" ".join(stems(term(entry["myth"]), language)))
            # With three or more groups one may be missing (fuzzy path), so every term of
            # the two most specific groups is an anchor; otherwise the most specific one.
            ranked = sorted(groups, key=lambda g: -min(len(str(t).rstrip("*=")) for t in g))
            anchors = ranked[:2] if len(groups) >= 3 else ranked[:1]
            self.anchor_terms.append(
                [term(str(t).rstrip("*=")) for group in anchors for t in group]
            )
            for g, group in enumerate(groups):
                for raw in group:
                    text = str(raw)
                    mode = "word"
                    if text.endswith("*"):
                        mode, text = "prefix", text[:-1]
                    elif text.endswith("="):
                        mode, text = "exact", text[:-1]
                    for variant in _variants(text, language):
                        table[variant].append((index, g, mode))
        keys: dict[str, tuple[tuple[str, tuple[tuple[int, int], ...]], ...]] = {}
        for key, payload in table.items():
            by_mode: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for myth, group_index, mode in payload:
                by_mode[mode].append((myth, group_index))
            keys[key] = tuple((mode, tuple(pairs)) for mode, pairs in by_mode.items())
        self.keys = keys  # matched in the shared walk (see key_hits)
        self._suffixes = frozenset(_SUFFIXES[language])

    def key_hits(self, doc: Document) -> list[KeyHit]:
        """Every whole-word occurrence of a myth's key phrase in the document (offsets in
        the normalised text)."""
        hits: list[KeyHit] = []
        clitics = _CLITICS[self.language]
        low = folded(doc)
        size = len(low)
        for modes, start, end in found(doc, MYTH_KEYS):
            if start and low[start - 1].isalpha() and not _word_start(low, start, clitics):
                continue
            for mode, pairs in modes:
                if mode == "word":
                    if end < size and low[end].isalpha() and not self._suffix_ok(low, end):
                        continue
                elif mode == "exact" and end < size and low[end].isalpha():
                    continue
                for myth, group in pairs:
                    hits.append(KeyHit(myth, group, start, end))
        return hits

    def _suffix_ok(self, low: str, end: int) -> bool:
        """The rest of the word after a key is one of the language's endings."""
        stop, limit = end, min(len(low), end + 5)
        while stop < limit and low[stop].isalpha():
            stop += 1
        if stop < len(low) and low[stop].isalpha():
            return False
        return low[end:stop] in self._suffixes


def _expand(group: list[Any], lexicon: dict[str, list[str]], entry: str) -> list[str]:
    """A key group with every "@name" replaced by the terms of that synonym set
    (data/myths/synonyms.yaml): one list of ways to say "vaccine" or "cause" serves
    every myth, so a paraphrase with another synonym still matches."""
    out: list[str] = []
    for raw in group:
        text = str(raw)
        if text.startswith("@"):
            if text[1:] not in lexicon:
                raise ValueError(f"myth {entry}: unknown synonym set {text}")
            out.extend(lexicon[text[1:]])
        else:
            out.append(text)
    return out


def _word_start(low: str, start: int, clitics: frozenset[str]) -> bool:
    w = start
    while w > 0 and low[w - 1].isalpha():
        w -= 1
        if start - w > 4:
            return False
    return low[w:start] in clitics


# --- light stemming for fuzzy comparison ------------------------------------------------
_TOKEN = re.compile(r"\w+")
_STEM = {
    "en": re.compile(r"(?<=\w{3})(?:ations?|ings?|ies|ed|es|ly|s)\b"),
    "ar": re.compile(
        r"\b(?:وال|بال|فال|کال|لل|ال|و|ف|ب|ل)(?=\w{3})|(?<=\w{3})(?:هما|کم|هم|ها|ات|ون|ین|ان|یه|ه|ی)\b"
    ),
    "fa": re.compile(r"\b(?:نمی|می)(?=\w{3})|(?<=\w{3})(?:هایی|های|ها|ترین|تر|ات|ان|ای|ی)\b"),
}


def stems(text: str, language: str) -> list[str]:
    """Tokens with common affixes removed (light stemming, for fuzzy comparison only)."""
    return _TOKEN.findall(_STEM.get(language, _STEM["en"]).sub("", text))


@lru_cache(maxsize=3)
def myth_base(language: str) -> MythBase:
    entries = load_yaml(f"myths/{language}.yaml")
    sets: dict[str, dict[str, list[str]]] = load_yaml("myths/synonyms.yaml")
    base = MythBase(language, entries, sets.get(language, {}))
    return base


MYTH_KEYS = "claims.myths"
register(MYTH_KEYS, lambda language: myth_base(language if language in LANGS else "en").keys)


def all_entries() -> dict[str, list[dict[str, Any]]]:
    return {lang: list(load_yaml(f"myths/{lang}.yaml")) for lang in LANGS}
