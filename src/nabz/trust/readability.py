"""Reading level in English, Arabic and Persian, on one grade-like scale.

- English: the Flesch–Kincaid grade level,
  ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``, with our own
  syllable counter (vowel groups corrected for silent endings and split vowels).
- Arabic: OSMAN (El-Haj and Rayson, LREC 2016), an ease score tuned to agree with
  Flesch reading ease: ``200.791 - 1.015 * words/sentences - 24.181 *
  (long words + syllables + hard words + faseeh words) / words``.
- Persian: Flesch–Dayani, ``262.835 - 0.846 * syllables per 100 words - 1.015 *
  words per sentence``.

The two ease scores are mapped to a grade through Flesch's own table (OSMAN after a
calibration offset, see ``OSMAN_OFFSET``): 90-100 is grade 5, 60-70 grades 8-9,
30-50 college. One setting (``reading_grade_max``) then works for every language.

Arabic and Persian are written without short vowels, so syllables are estimated:
every written long vowel (ا و ی, and a final ه) is a nucleus, a consonant that
closes a syllable after a written vowel costs nothing, and any other consonant
not followed by a written vowel carries about half a hidden short vowel. The most
common function words have their syllable count in a table. The estimate is good
enough to rank texts, which is all a readability warning needs.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from nabz.trust.text import normalize

MIN_WORDS = 25
# OSMAN runs higher than Flesch reading ease on the same content (it was fitted to
# rank texts like Flesch, not to equal it), and our unvocalised syllable estimate is
# lower than a count on fully vocalised text. Subtracting this offset puts Arabic
# texts on the grade of their English and Persian parallels (simple health advice
# about grade 5-6, ministry news about grade 10, clinical prose 17+).
OSMAN_OFFSET = 40.0
MIN_SENTENCES = 3

_STRIP = "\"'‘’“”«»()[]{}<>.,;:!?؟،؛…-–—*_/\\|~`^"
_HAS_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?؟。\n][\s.!?؟。\"'»)\]]*")


@dataclass(slots=True)
class Readability:
    """Reading level of one text."""

    language: str
    formula: str  # "Flesch-Kincaid", "OSMAN" or "Flesch-Dayani"
    score: float  # the formula's own value: a grade (FK) or an ease (OSMAN, Dayani)
    grade: float  # grade-like scale shared by the three languages
    words: int
    sentences: int
    syllables: int


# --- English syllables -------------------------------------------------------------
_EN_VOWELS = regex.compile(r"[aeiouy]+")
# Two vowel letters that are two syllables (di-a-be-tes, bi-o-psy, vac-u-um, me-di-um).
_EN_SPLIT = regex.compile(r"(?<![cst])i[ao]|[^aeiou]ia(?!l\b|n\b)|ua|uo|iu|eo(?!u)|ie(?=t)")
_EN_SPLIT_EXEMPT = regex.compile(r"(?:[cgst]|x)i(?:a|o)n|[cst]ial|[cst]ious|[cg]ian")
_EN_EXCEPTIONS = {
    "the": 1,
    "are": 1,
    "were": 1,
    "there": 1,
    "where": 1,
    "here": 1,
    "one": 1,
    "once": 1,
    "people": 2,
    "every": 3,
    "everyone": 4,
    "different": 3,
    "business": 2,
    "area": 3,
    "idea": 3,
    "create": 2,
    "created": 3,
    "creating": 3,
    "being": 2,
    "doing": 2,
    "going": 2,
    "seeing": 2,
    "quiet": 2,
    "science": 2,
    "diet": 2,
    "client": 2,
    "patient": 2,
    "patients": 2,
    "variety": 4,
    "society": 4,
    "anxiety": 4,
    "hospital": 3,
    "medicine": 3,
    "vaccine": 2,
    "vaccines": 2,
    "fire": 1,
    "hour": 1,
    "hours": 1,
    "our": 1,
    "your": 1,
    "cancer": 2,
    "liver": 2,
    "every day": 3,
    "movement": 2,
    "measles": 2,
    "care": 1,
    "health": 1,
    "healthy": 2,
    "heart": 1,
    "family": 3,
    "families": 3,
    "usually": 4,
    "actually": 4,
    "naturally": 4,
    "carefully": 3,
    "awareness": 3,
    "available": 4,
    "emergency": 4,
    "epidemiological": 8,
    "cardiovascular": 6,
    "myocardial": 5,
    "pneumonia": 4,
    "diabetes": 4,
    "influenza": 4,
    "via": 2,
    "email": 2,
    "trial": 2,
    "trials": 2,
    "real": 1,
    "really": 2,
    "being's": 2,
    "mri": 3,
    "covid": 2,
    "ok": 2,
}


@lru_cache(maxsize=65536)
def english_syllables(word: str) -> int:
    """Syllables in an English word, by rule (no dictionary download)."""
    w = word.lower().strip("'’")
    if not w:
        return 0
    if w in _EN_EXCEPTIONS:
        return _EN_EXCEPTIONS[w]
    if w.isdigit():
        return max(1, len(w))  # a number is read digit group by digit group, roughly
    if "'" in w or "’" in w:
        w = w.replace("’", "'").split("'")[0] or w
    if len(w) <= 3:
        return 1
    count = len(_EN_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        if w.endswith("le") and len(w) > 3 and w[-3] not in "aeiouy":
            pass  # ta-ble, peo-ple
        else:
            count -= 1
    elif (
        w.endswith("es")
        and len(w) > 4
        and not w.endswith(("ses", "xes", "zes", "ches", "shes", "ces", "ges", "ies", "ees"))
    ):
        count -= 1  # makes, tubes
    elif w.endswith("ed") and len(w) > 4 and w[-3] not in "td" and w[-3] not in "aeiouy":
        count -= 1  # walked, helped
    elif w.endswith("ely") and len(w) > 5 and w[-4] not in "aeiouy":
        count -= 1  # safely, completely
    if w.endswith("ism"):
        count += 1
    if w.endswith(("ier", "iest", "ied")) and len(w) > 5:
        pass
    for m in _EN_SPLIT.finditer(w):
        if not _EN_SPLIT_EXEMPT.match(w, max(0, m.start() - 1)):
            count += 1
    return max(1, count)


# --- Arabic and Persian syllables --------------------------------------------------
_LONG_VOWELS = frozenset("اوی")
_FA_FUNCTION = {
    "و": 1,
    "در": 1,
    "به": 1,
    "از": 1,
    "که": 1,
    "این": 1,
    "را": 1,
    "با": 1,
    "است": 1,
    "برای": 2,
    "ان": 1,
    "یک": 1,
    "خود": 1,
    "تا": 1,
    "می": 1,
    "بر": 1,
    "هم": 1,
    "نیز": 1,
    "شود": 2,
    "کرد": 1,
    "شده": 2,
    "بود": 1,
    "ما": 1,
    "شما": 2,
    "او": 1,
    "هر": 1,
    "اگر": 2,
    "یا": 1,
    "اما": 2,
    "باید": 2,
    "نه": 1,
    "هیچ": 1,
    "چه": 1,
    "چون": 1,
    "همه": 2,
    "دارد": 2,
    "کنید": 2,
    "کند": 2,
    "هستند": 2,
    "دارند": 2,
    "بیشتر": 2,
    "کنیم": 2,
    "هست": 1,
    "بی": 1,
    "پس": 1,
    "اینکه": 2,
    "زیرا": 2,
    "روز": 1,
    "سال": 1,
    "دست": 1,
    "وقتی": 2,
    "خیلی": 2,
    "بسیار": 2,
    "قلب": 1,
    "درد": 1,
    "خون": 1,
    "فشار": 2,
    "سر": 1,
    "حتی": 2,
    "مثل": 2,
    "بعد": 1,
    "قبل": 1,
    "چند": 1,
    "دو": 1,
    "سه": 1,
    "چهار": 2,
}
_AR_FUNCTION = {
    "في": 1,
    "من": 1,
    "علی": 2,
    "الی": 2,
    "عن": 1,
    "مع": 1,
    "هذا": 2,
    "هذه": 2,
    "التی": 2,
    "الذی": 2,
    "ان": 1,
    "لا": 1,
    "ما": 1,
    "هو": 2,
    "هی": 2,
    "و": 1,
    "قد": 1,
    "کان": 2,
    "لم": 1,
    "لن": 1,
    "کل": 1,
    "بعد": 2,
    "قبل": 2,
    "ذلک": 3,
    "ثم": 2,
    "او": 1,
    "حتی": 2,
    "یمکن": 3,
    "لدی": 2,
    "عند": 2,
    "بین": 1,
    "منذ": 2,
    "کما": 2,
    "اذا": 2,
    "لکن": 3,
    "فی": 1,
    "هل": 1,
    "لک": 2,
    "لکم": 2,
    "نحن": 2,
    "انت": 2,
    "انتم": 2,
    "الله": 2,
}


def _abjad_syllables(word: str, hidden: float, function_words: dict[str, int]) -> int:
    known = function_words.get(word)
    if known is not None:
        return known
    vowels = 0
    cost = 0.0
    prev_vowel = False
    last = len(word) - 1
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i < last else ""
        is_vowel = (
            ch == "ا" or (ch in "وی" and i > 0 and not prev_vowel) or (ch == "ه" and i == last)
        )
        if is_vowel:
            vowels += 1
            prev_vowel = True
            continue
        if nxt and (nxt == "ا" or nxt in "وی"):
            prev_vowel = False
            continue  # onset of the next written vowel
        if not prev_vowel:
            cost += hidden
        prev_vowel = False
    return max(1, vowels + math.floor(cost + 0.5))


@lru_cache(maxsize=65536)
def persian_syllables(word: str) -> int:
    return _abjad_syllables(normalize(word).text, 0.5, _FA_FUNCTION)


@lru_cache(maxsize=65536)
def arabic_syllables(word: str) -> int:
    return _abjad_syllables(normalize(word).text, 0.8, _AR_FUNCTION)


# --- counting ----------------------------------------------------------------------------
def _tokens(text: str) -> list[str]:
    return text.split()


def _word(token: str) -> str:
    """The word in a token, or "" for links, hashtags, mentions, e-mail addresses,
    emoji and symbols (U+2000 and above)."""
    if token[0] in "#@＃" or "@" in token or token.startswith(("http", "www.")):
        return ""
    word = token.strip(_STRIP)
    return word if word and word[0] < "\u2000" else ""


def _sentence_count(text: str) -> int:
    size = len(text)
    sentences = 0
    last = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if end == size or text[end - 1].isspace() or "\n" in m.group():
            sentences += 1  # a terminator followed by a space, a line break or the end
            last = end
    if _HAS_LETTER.search(text, last):
        sentences += 1
    return max(1, sentences)


def _words_and_sentences(text: str) -> tuple[list[str], int]:
    words = [w for w in map(_word, _tokens(text)) if w]
    return words, _sentence_count(text)


# Per-token figures, remembered: an account's posts reuse a few thousand words, and a dict
# lookup is cheaper than a cached call. Cleared when large.
_CACHE_SIZE = 65536
_EN_SEEN: dict[str, int] = {}
_FA_SEEN: dict[str, int] = {}
_AR_SEEN: dict[str, tuple[int, int, int, int]] = {}


def _en_token(token: str) -> int:
    word = _word(token)
    return english_syllables(word) if word else 0


# Per token (Arabic): syllables, long word, hard word, faseeh word; syllables 0 = not a word.
def _ar_token(token: str) -> tuple[int, int, int, int]:
    word = _word(token)
    if not word:
        return (0, 0, 0, 0)
    syl = 1 if word[0].isdigit() else arabic_syllables(word)
    hard = int(syl > 5)
    faseeh = int(hard and (any(ch in word for ch in "ءئؤذظ") or word.endswith(("وا", "ون"))))
    return (syl, int(len(word) > 5), hard, faseeh)


def _fa_token(token: str) -> int:
    word = _word(token)
    if not word:
        return 0
    return 1 if word[0].isdigit() else persian_syllables(word)


def measurable(text: str) -> bool:
    """Long enough to measure: at least 3 sentences or 25 words."""
    words, sentences = _words_and_sentences(text)
    return len(words) >= MIN_WORDS or sentences >= MIN_SENTENCES


# Flesch's reading-ease table as points (ease, grade); linear in between.
_EASE_GRADE = (
    (100.0, 4.0),
    (90.0, 5.0),
    (80.0, 6.0),
    (70.0, 7.0),
    (60.0, 9.0),
    (50.0, 12.0),
    (30.0, 16.0),
    (0.0, 18.0),
)


def ease_to_grade(ease: float) -> float:
    """Map a Flesch-style reading ease (0-100, higher is easier) to a school grade."""
    if ease >= _EASE_GRADE[0][0]:
        return _EASE_GRADE[0][1]
    for (e_hi, g_hi), (e_lo, g_lo) in itertools.pairwise(_EASE_GRADE):
        if ease >= e_lo:
            return g_lo + (g_hi - g_lo) * (ease - e_lo) / (e_hi - e_lo)
    return _EASE_GRADE[-1][1]


def readability(text: str, language: str, *, force: bool = False) -> Readability | None:
    """Reading level of ``text``; None when the text is too short to measure.

    ``text`` may be original or normalised text; for Arabic and Persian the
    normalised text (no diacritics, one spelling per letter) is expected.
    """
    tokens = _tokens(text)
    if not force and len(tokens) < MIN_WORDS and sum(map(text.count, ".!?؟\n")) < 2:
        return None  # cheap exit: cannot reach 25 words or three sentences
    # OSMAN's extra counts (long, hard and faseeh words) in Arabic; 0 elsewhere.
    osman = n = syllables = 0
    if language in ("en", "fa"):
        english = language == "en"
        seen = _EN_SEEN if english else _FA_SEEN
        if len(seen) > _CACHE_SIZE:
            seen.clear()
        for token in tokens:
            count = seen.get(token)
            if count is None:
                count = seen[token] = _en_token(token) if english else _fa_token(token)
            if count:
                n += 1
                syllables += count
    else:
        if len(_AR_SEEN) > _CACHE_SIZE:
            _AR_SEEN.clear()
        for token in tokens:
            figures = _AR_SEEN.get(token)
            if figures is None:
                figures = _AR_SEEN[token] = _ar_token(token)
            syl, long_word, hard, faseeh = figures
            if syl:
                n += 1
                syllables += syl
                osman += long_word + hard + faseeh
    if n == 0:
        return None
    sentences = _sentence_count(text)
    if not force and n < MIN_WORDS and sentences < MIN_SENTENCES:
        return None
    if language == "en":
        grade = 0.39 * n / sentences + 11.8 * syllables / n - 15.59
        return Readability("en", "Flesch-Kincaid", grade, _clamp(grade), n, sentences, syllables)
    if language == "fa":
        ease = 262.835 - 0.846 * (100.0 * syllables / n) - 1.015 * n / sentences
        return Readability(
            "fa", "Flesch-Dayani", ease, _clamp(ease_to_grade(ease)), n, sentences, syllables
        )
    ease = 200.791 - 1.015 * n / sentences - 24.181 * (osman + syllables) / n
    grade = _clamp(ease_to_grade(ease - OSMAN_OFFSET))
    return Readability("ar", "OSMAN", ease, grade, n, sentences, syllables)


def _clamp(grade: float) -> float:
    return max(0.0, min(20.0, grade))
