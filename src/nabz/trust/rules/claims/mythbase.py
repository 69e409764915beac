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
from typing import Any

from nabz.trust.rules.claims._shared import LANGS, load_yaml, spelling_variants, term

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


@dataclass(frozen=True, slots=True)
class KeyHit:
    myth: int  # index into MythBase.myths
    group: int
    start: int
    end: int


class MythBase:
    """All myths of one language and the automaton over their key phrases."""

    def __init__(self, language: str, entries: list[dict[str, Any]]) -> None:
        import ahocorasick

        self.language = language
        self.myths: list[Myth] = []
        self.stemmed: list[str] = []
        table: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for index, entry in enumerate(entries):
            groups = entry["keys"]
            self.myths.append(
                Myth(
                    id=entry["id"],
                    language=language,
                    topic=entry["topic"],
                    myth=entry["myth"],
                    fact=entry["fact"],
                    source=entry["source"],
                    groups=len(groups),
                )
            )
            self.stemmed.append(" ".join(stems(term(entry["myth"]), language)))
            for g, group in enumerate(groups):
                for raw in group:
                    text = str(raw)
                    mode = "word"
                    if text.endswith("*"):
                        mode, text = "prefix", text[:-1]
                    elif text.endswith("="):
                        mode, text = "exact", text[:-1]
                    for variant in spelling_variants(text, language):
                        table[variant].append((index, g, mode))
        self.automaton = ahocorasick.Automaton()
        for key, payload in table.items():
            self.automaton.add_word(key, (len(key), tuple(payload)))
        self.automaton.make_automaton()

    def key_hits(self, low: str) -> list[KeyHit]:
        hits: list[KeyHit] = []
        clitics = _CLITICS[self.language]
        for end_index, (length, payload) in self.automaton.iter(low):
            end = end_index + 1
            start = end - length
            if not _word_start(low, start, clitics):
                continue
            for myth, group, mode in payload:
                if _word_end_ok(low, end, mode, self.language):
                    hits.append(KeyHit(myth, group, start, end))
        return hits


def _word_start(low: str, start: int, clitics: frozenset[str]) -> bool:
    w = start
    while w > 0 and low[w - 1].isalpha():
        w -= 1
        if start - w > 4:
            return False
    return low[w:start] in clitics


def _word_end_ok(low: str, end: int, mode: str, language: str) -> bool:
    if mode == "prefix":
        return True
    if mode == "exact":
        return end >= len(low) or not low[end].isalpha()
    for suffix in _SUFFIXES[language]:
        stop = end + len(suffix)
        if low.startswith(suffix, end) and (stop >= len(low) or not low[stop].isalpha()):
            return True
    return False


# --- light stemming for fuzzy comparison ------------------------------------------------
_TOKEN = re.compile(r"\w+")
_EN_STRIP = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "ly", "s")
_AR_PREFIX = ("وال", "بال", "فال", "کال", "لل", "ال", "و", "ف", "ب", "ل")
_AR_SUFFIX = ("هما", "کم", "هم", "ها", "ات", "ون", "ین", "ان", "یه", "ه", "ی")
_FA_PREFIX = ("نمی", "می", "ن", "ب")
_FA_SUFFIX = ("هایی", "های", "ها", "ترین", "تر", "ات", "ان", "ای", "ی")


def stems(text: str, language: str) -> list[str]:
    out = []
    for token in _TOKEN.findall(text):
        if language == "en":
            for suffix in _EN_STRIP:
                if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                    token = token[: -len(suffix)]
                    break
        else:
            prefixes = _AR_PREFIX if language == "ar" else _FA_PREFIX
            suffixes = _AR_SUFFIX if language == "ar" else _FA_SUFFIX
            for prefix in prefixes:
                if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                    token = token[len(prefix) :]
                    break
            for suffix in suffixes:
                if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                    token = token[: -len(suffix)]
                    break
        out.append(token)
    return out


@lru_cache(maxsize=3)
def myth_base(language: str) -> MythBase:
    entries = load_yaml(f"myths/{language}.yaml")
    base = MythBase(language, entries)
    return base


def all_entries() -> dict[str, list[dict[str, Any]]]:
    return {lang: list(load_yaml(f"myths/{lang}.yaml")) for lang in LANGS}
