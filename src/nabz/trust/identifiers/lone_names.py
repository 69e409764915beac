"""A given name alone at the start of a sentence, in Arabic and Persian: «سارا دیروز مرخص
شد», «سارة خرجت أمس من المستشفى».

Without a title or a family name, a given name that is also an ordinary word (امید
"hope", بهار "spring", أمل "hope", نور "light") or a rarer name is only reported when the
sentence says what happened to a person:

- Arabic puts the verb right after its subject: the name is followed by a verb of a
  person's care or recovery (خرجت، عاد، تتعافى، غادرت), maybe after a time word (اليوم،
  أمس);
- Persian puts the verb last: the sentence holds a singular event of a person (مرخص شد،
  بستری شد، به خانه برگشت، حالش).
"""

from __future__ import annotations

import re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.name_cues import _GREETINGS
from nabz.trust.identifiers.names import AR_PERSON_VERBS, Lexicon, ordinary_word
from nabz.trust.text import normalize_term

_AR_TIME = frozenset(
    normalize_term(w) for w in ("اليوم", "أمس", "البارحة", "الآن", "أخيرا", "أخيرًا", "صباح")
)
_FA_EVENTS = re.compile(
    "(?<![^\\W\\d_])(?:"
    + "|".join(
        re.escape(normalize_term(p))
        for p in (
            "مرخص شد", "ترخیص شد", "بستری شد", "جراحی شد", "عمل شد", "به خانه برگشت",
            "به خانه رفت", "به خانه بازگشت", "به هوش آمد", "حالش", "بهبود یافت", "درگذشت",
            "فوت کرد", "متولد شد", "به دنیا آمد", "را برداشت", "راه رفت",
            "زایمان کرد",
        )
    )
    + ")(?![^\\W\\d_])"
)  # fmt: skip
# The words without which no Persian event phrase above is there: the quick test.
_FA_KEYS = frozenset(
    normalize_term(w)
    for w in ("شد", "برگشت", "رفت", "بازگشت", "آمد", "حالش", "یافت", "درگذشت", "کرد",
              "برداشت")
)  # fmt: skip
_SENTENCE_START = re.compile(r"(?:^|[.!?؟\n]+)[\s\"'«»()\-–—]*([^\W\d_]+)")


def detect(scan: Scan, lex: Lexicon, stop: frozenset[str]) -> None:
    text = scan.text
    fa = scan.language == "fa"
    # Most posts hold no event word of the language: then no lone name can count.
    if (_FA_KEYS if fa else AR_PERSON_VERBS).isdisjoint(scan.tokens):
        return
    if lex.first.isdisjoint(scan.tokens):
        return
    taken = [(f.start, f.end) for f in scan.found if f.kind is IdentifierKind.PERSON_NAME]
    for m in _SENTENCE_START.finditer(text):
        start, end = m.span(1)
        word = m.group(1)
        if word[:1] in ("و", "ف") and word not in lex.first and word[1:] in lex.first:
            word, start = word[1:], start + 1
        if word not in lex.first or word in stop or ordinary_word(word) or word in _GREETINGS:
            continue
        if any(start < b and a < end for a, b in taken) or scan.is_claimed(start, end):
            continue
        after = _words_after(text, end, 2)
        if not after:
            continue
        if fa:
            stop_at = _sentence_end(text, end)
            if _FA_EVENTS.search(text, end, stop_at) is None:
                continue
        else:
            verb = after[1] if after[0] in _AR_TIME and len(after) > 1 else after[0]
            if verb not in AR_PERSON_VERBS:
                continue
        scan.add(IdentifierKind.PERSON_NAME, start, end, False, "sentence start")
        taken.append((start, end))


_WORDS = re.compile(r" {1,2}([^\W\d_]+)")
_END = re.compile(r"[.!?؟\n]")


def _words_after(text: str, pos: int, most: int) -> list[str]:
    out: list[str] = []
    while len(out) < most:
        m = _WORDS.match(text, pos)
        if m is None:
            break
        out.append(m.group(1))
        pos = m.end()
    return out


def _sentence_end(text: str, pos: int) -> int:
    m = _END.search(text, pos)
    return m.start() if m else len(text)
