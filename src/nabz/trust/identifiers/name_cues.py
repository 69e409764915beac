"""Arabic-script names no lexicon knows, found from the sentence around them, and
later mentions of a name already found.

People introduce, greet, thank and describe a person in a few fixed frames:

- before the name: اسمي / تعرفوا على / أهلاً X، / سلام X، / شكراً X Y على / ابنتك X Y
- around it: با X آشنا شوید / به X تبریک / از X بابت / X Y هستم / أنا X Y من
- after a relative or patient noun, a given name followed by a family-name shape
  (…ی، …پور، …زاده، ال…ي، با…)

A name found once is the same name further on ("تعرفوا على يزن … عادت يزن تمشي").
Every candidate token must not be a stop word or an institution word, so prose after
a greeting ("أهلاً بكم", "سلام دوستان") is not a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan, word_spans
from nabz.trust.identifiers.names import _STRONG_CUES, _WEAK_CUES
from nabz.trust.text import normalize_term


def _terms(words: str) -> frozenset[str]:
    return frozenset(normalize_term(w) for w in words.split())


# Greetings: the name follows and a comma or "!" closes it.
_GREETINGS = _terms("اهلا أهلا مرحبا مرحبًا هلا عزيزي عزيزتي سلام درود")
# Introductions and thanks: the name follows, 1-3 words.
_INTRO = _terms("اسمي اسمه اسمها اسمم شكرا نشكر ممنون مبروك")
# Thanks ("شكرًا", "ممنون"): mostly followed by ordinary words ("شكرًا يا دكتور", "ممنون
# بابت صبر شما"), so the words after them are a name only when they look like one.
_THANKS = _terms("شكرا نشكر ممنون")
_VOCATIVE = normalize_term("يا")
_INTRO_PHRASES = tuple(
    normalize_term(p)
    for p in (
        "تعرفوا على",
        "تعرفوا الى",
        "تعرفوا إلى",
        "نقدم لكم",
        "اسم من",
        "نام من",
        "ألف مبروك ل",
    )
)
# Relatives addressed or described ("your daughter", "his wife"): a full name follows.
_RELATIVES = _terms(
    "ابنك ابنتك بنتك والدك والدتك زوجك زوجتك ابنه ابنته زوجها زوجته والده والدته "
    "ابنها ابنتها والدها والدتها دخترش پسرش همسرش مادرش پدرش دخترتان پسرتان همسرتان "
    "مادرتان پدرتان دخترم پسرم همسرم مادرم پدرم والدي والدتي ابني ابنتي زوجي زوجتي "
    "مریضنا مريضتنا بیمار المريض المريضة للمريض للمريضة"
)
# Words after which a Persian name closes: "با X آشنا شوید", "به X تبریک", "از X بابت".
_FA_FRAMES = {
    normalize_term("با"): _terms("آشنا"),
    normalize_term("به"): _terms("تبریک"),
    normalize_term("از"): _terms("بابت"),
}
_FRAME_CLOSERS = frozenset().union(*_FA_FRAMES.values())
_FA_SELF = normalize_term("هستم")
_AR_SELF = _terms("أنا انا")
_NOT_NAME = _terms(
    "بكم بك بكن وسهلا وسهلاً جميعا الجميع دوستان عزیزان همگی همه عزیز عزیزم جان دوست "
    "همراهان مخاطبان لكم لك لكن عليكم علیکم ورحمة الله لجميع للجميع كثيرا جزيلا بسیار "
    "خیلی تیم کادر فريق الفريق طاقم الطاقم ام أم ابو أبو اب أب زوجة زوج ابن بنت مادر پدر "
    "جدید جدیدی تازه خدمات خدمت برنامه طرح سامانه اپلیکیشن روش روشهای بخش واحد مرکز "
    "نکات علائم داروهای داروی واکسن کمپین پویش مراحل همکاران پرستاران پزشکان"
)
_WORD = re.compile(r"[^\W\d_]+")
_YOUR = tuple(normalize_term(w) for w in ("كم", "كن"))
_CLOSE = "،,!.؛;:)(؟?"
_SURNAME_END = re.compile(
    normalize_term(
        r"^(?:.{2,}(?:ی|ي|زاده|پور|نیا|فر|یان|وند|نژاد|لو|فرد|راد|نسب|کیا)|ال.{3,}|با(?!ل).{3,})$"
    )
)


# Titles and cue words the main detector reads; never part of a name here.
_TITLES = _STRONG_CUES | _WEAK_CUES


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    words = set(_GREETINGS | _INTRO | _RELATIVES | _AR_SELF) | {_FA_SELF, "تعرفوا", "لکم"}
    words |= {normalize_term("آشنا"), normalize_term("تبریک"), normalize_term("بابت"), "نام", "اسم"}
    return frozenset(words)


def detect(scan: Scan, lex: object, stop: frozenset[str]) -> None:
    """Add names that cue frames introduce; ``lex`` is the language's names.Lexicon."""
    hits = _trigger_words().intersection(scan.tokens)
    if not hits:
        return
    text = scan.text
    # Only the words around a trigger (a frame spans a few words either side).
    spans: list[tuple[int, int]] = []
    for hit in hits:
        pos = text.find(hit)
        while pos != -1:
            a = text.rfind(" ", 0, max(0, pos - 45)) + 1
            spans.append((a, pos + len(hit) + 70))
            pos = text.find(hit, pos + len(hit))
    spans.sort()
    words: list[tuple[int, int, str]] = []
    done = 0
    for a, b in spans:
        if b <= done:
            continue
        a = max(a, done)
        words.extend(word_spans(text, a, b))
        done = b
    _Frames(scan, words, lex, stop).find(hits)


class _Frames:
    """The words around the triggers of one text, and the frames read from them."""

    def __init__(
        self, scan: Scan, words: list[tuple[int, int, str]], lex: object, stop: frozenset[str]
    ) -> None:
        self.scan = scan
        self.text = scan.text
        self.words = words
        self.stop = stop
        self.first_names: frozenset[str] = lex.first  # type: ignore[attr-defined]
        self.last_names: frozenset[str] = lex.last  # type: ignore[attr-defined]
        self.common: frozenset[str] = lex.common  # type: ignore[attr-defined]

    def ok(self, i: int) -> bool:
        w = self.words[i][2]
        return (
            len(w) >= 2
            and w not in self.stop
            and w not in _NOT_NAME
            and w not in _TITLES
            and not w.startswith(("لل", "بال"))
            # «لثقتكم», «بكم»: a preposition, a noun and "your" is a courtesy, not a name
            and not (w[0] in "لب" and w.endswith(_YOUR))
        )

    def joined(self, i: int) -> bool:
        """words[i] follows words[i-1] with only a space between."""
        gap = self.text[self.words[i - 1][1] : self.words[i][0]]
        return gap in (" ", "  ")

    def closes(self, i: int) -> bool:
        """After words[i]: punctuation, a line end, a digit or the text end."""
        end = self.words[i][1]
        rest = self.text[end : end + 3].lstrip(" ")
        return not rest or rest[0] in _CLOSE or rest[0] == "\n" or rest[0].isdigit()

    def surname(self, w: str) -> bool:
        return w in self.last_names or bool(_SURNAME_END.match(w))

    def name_like(self, i: int, k: int) -> bool:
        """The k words at i look like a name: a known given name or family name first,
        or a family-name shape second."""
        first = self.words[i][2]
        if first in self.common:
            return False
        if first in self.first_names or first in self.last_names:
            return True
        if k < 2 or first[0] in "لب":
            return False  # "شكرا لممرضات المناوبة": thanks to someone, not a name
        second = self.words[i + 1][2]
        # An article-led second word is a family name only as a nisba (القحطاني), not as
        # an adjective (المناوبة، الجميلة).
        return second in self.last_names or (
            bool(_SURNAME_END.match(second)) and (not second.startswith("ال") or second[-1] == "ی")
        )

    def run(self, i: int, most: int) -> int:
        """How many name-like words start at i (joined, not stop words), at most ``most``."""
        words, first_names = self.words, self.first_names
        k = 0
        while i + k < len(words) and k < most and self.ok(i + k) and (k == 0 or self.joined(i + k)):
            w = words[i + k][2]
            if k and w[0] == "و" and w not in first_names and w[1:] not in first_names:
                break  # "اسمي X Y ورقم ملفي": a clause joined by و starts here
            if k >= 2 and not (w in first_names or w in self.last_names or self.surname(w)):
                break  # a third word must look like a name ("سارة القحطاني غادرت")
            k += 1
        return k

    def add(self, i: int, k: int, detail: str) -> None:
        start, end = self.words[i][0], self.words[i + k - 1][1]
        if k and not self.scan.is_claimed(start, end):
            self.scan.add(IdentifierKind.PERSON_NAME, start, end, False, detail)

    def find(self, hits: set[str] | frozenset[str]) -> None:
        words, text = self.words, self.text
        n = len(words)
        fa = self.scan.language == "fa"
        active = set(hits)
        if not _FRAME_CLOSERS.isdisjoint(hits):
            active.update(_FA_FRAMES)
        for i, (_s, _e, w) in enumerate(words):
            if w not in active:
                continue
            nxt = i + 1
            if nxt >= n or not self.joined(nxt):
                continue
            if w in _GREETINGS:
                k = self.run(nxt, 2)
                if k and self.closes(nxt + k - 1) and (k == 1 or self.surname(words[nxt + 1][2])):
                    self.add(nxt, k, "named:" + w)
                continue
            phrase = f"{w} {words[nxt][2]}"
            if w in _INTRO or phrase in _INTRO_PHRASES:
                start = nxt + (1 if phrase in _INTRO_PHRASES else 0)
                if w in _THANKS and start < n and words[start][2] == _VOCATIVE:
                    start += 1
                if start < n and self.joined(start):
                    k = self.run(start, 3)
                    if k and (w not in _THANKS or self.name_like(start, k)):
                        self.add(start, k, "named:" + w)
                continue
            if w in _RELATIVES:
                start = nxt + (1 if words[nxt][2] == "ما" else 0)
                if start >= n or not self.joined(start):
                    continue
                k = self.run(start, 3)
                first = words[start][2] if k else ""
                if (
                    k < 2
                    or first in self.common
                    or (first.startswith("ال") and first not in self.first_names)
                ):
                    continue
                last = words[start + k - 1][2]
                # "پدرم بهراد آذرنوش، ..." : two words closed by punctuation (not a verb in ه).
                closed = k == 2 and self.closes(start + 1) and not (fa and last.endswith("ه"))
                if first in self.first_names or self.surname(words[start + 1][2]) or closed:
                    self.add(start, k, "patient:" + w)
                continue
            if w in _FA_FRAMES:
                k = self.run(nxt, 4)
                reach = min(k, n - 1 - nxt)  # the closing word may itself be a stop word
                closers = _FA_FRAMES[w]
                close = next((j for j in range(1, reach + 1) if words[nxt + j][2] in closers), 0)
                if close and (close >= 2 or words[nxt][2] not in self.common):
                    self.add(nxt, close, "named:" + w)
                continue
            if w in _AR_SELF:
                k = self.run(nxt, 3)
                if k >= 2 and (
                    words[nxt][2] in self.first_names or self.surname(words[nxt + 1][2])
                ):
                    self.add(nxt, k, "named:" + w)
                continue
            if w == _FA_SELF and i >= 2:
                # "X Y هستم" at the start of a clause: "سلام، آوین کامیاب هستم".
                k = 0
                while k < 3 and i - k - 1 >= 0 and self.ok(i - k - 1) and self.joined(i - k):
                    k += 1
                s = i - k
                clause_start = s == 0 or text[words[s - 1][1] : words[s][0]].strip(" ") != ""
                if k >= 2 and clause_start:
                    self.add(s, k, "named:" + w)


def propagate(scan: Scan, common: frozenset[str], stop: frozenset[str]) -> None:
    """Later mentions of a name found once: the same given name, as a whole word."""
    names = [f for f in scan.found if f.kind is IdentifierKind.PERSON_NAME]
    if not names:
        return
    text = scan.text
    # 1 where a name lies: an overlap test costs the span's length, not the number of names.
    taken = bytearray(len(text) + 1)
    for f in names:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    seen: set[str] = set()
    for f in names:
        if f.detail.startswith("staff:"):
            continue
        m = _WORD.match(text, f.start)
        if m is None:
            continue
        word = m.group()
        if word in seen or len(word) < 2 or word in common or word in stop:
            continue
        seen.add(word)
        if text.count(word) < 2:
            continue
        pos = text.find(word)
        while pos != -1:
            end = pos + len(word)
            whole = (pos == 0 or not text[pos - 1].isalnum()) and (
                end >= len(text) or not text[end].isalnum()
            )
            if whole and taken.find(1, pos, end) == -1 and not scan.is_claimed(pos, end):
                scan.add(IdentifierKind.PERSON_NAME, pos, end, False, "same name as above")
                taken[pos:end] = b"\x01" * (end - pos)
            pos = text.find(word, end)
