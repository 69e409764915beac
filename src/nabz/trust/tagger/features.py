"""Tokens and the features the name tagger reads from them (shared by training and use).

Every text is normalised first (``nabz.trust.text.normalize``: one spelling per
Arabic/Persian letter, no diacritics, no ZWNJ), so "می‌خواهد" and "میخواهد", "علي"
and "علی" give the same features. Features describe a token and its neighbours:

- the word (lower-cased), its shape (``Xx``, ``x``, ``X.``, ``a`` for Arabic script),
  prefixes and suffixes of one to four letters, its length;
- for Arabic script: the word without a leading clitic (و، ف، ب، ل، ال، وال، بال، لل،
  فال) and which clitic it was, so «ومحمود» reads like «محمود»; a Persian ezafe or
  plural ending (ی، های، ها) is a suffix feature;
- gazetteer membership (given name, family name, ordinary-word name, stop word) of the
  word, its clitic-stripped form and its neighbours: evidence, not the decision;
- the words, shapes and gazetteer flags one and two places either side, a title or
  cue word before it (Mr, Dr, السيد، آقای، خانم، وقال), the tag given to the token
  before, and whether it opens a sentence.
"""

from __future__ import annotations

import re

from nabz.trust.text import normalize_term

# A token: a run of letters and digits (with inner apostrophes and hyphens: O'Neil,
# Al-Zahrani), a @handle or #tag, or one punctuation character.
TOKEN = re.compile(r"[@#]?[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]")

_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
SENTENCE_END = frozenset([".", "!", "?", ":", ";", "…", "\n"])

# Titles and speech verbs: what follows them is a name if the model says so (a relative
# or patient noun, "my father", is weaker: "پدرم حالش بهتره" is "my father is better").
TITLES = frozenset(
    normalize_term(w).lower()
    for w in [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lady",
        "lord",
        "sheikh",
        "sheikha",
        "mister",
        "madam",
        "السيد",
        "السيدة",
        "الانسة",
        "الحاج",
        "الحاجة",
        "الدكتور",
        "الدكتورة",
        "الاستاذ",
        "الاستاذة",
        "المهندس",
        "المهندسة",
        "الشيخ",
        "الشيخة",
        "قال",
        "قالت",
        "وقال",
        "وقالت",
        "واضاف",
        "واضافت",
        "واكد",
        "واكدت",
        "صرح",
        "وصرح",
        "آقای",
        "خانم",
        "جناب",
        "سرکار",
        "بانو",
        "دکتر",
        "مهندس",
        "حاج",
        "حاجی",
    ]
)
# Words before a name that announce it (compared lower-cased and normalised): the titles
# and speech verbs, and the nouns and greetings that announce a name less surely.
CUE_WORDS = TITLES | frozenset(
    normalize_term(w).lower()
    for w in [
        "haji",
        "nurse",
        "rev",
        "doctor",
        "professor",
        "patient",
        "son",
        "daughter",
        "wife",
        "husband",
        "mom",
        "mum",
        "dad",
        "father",
        "mother",
        "brother",
        "sister",
        "uncle",
        "aunt",
        "grandma",
        "grandpa",
        "baby",
        "nephew",
        "niece",
        "friend",
        "meet",
        "named",
        "called",
        "thanks",
        "dear",
        "hi",
        "hello",
        "hey",
        "congratulations",
        "welcome",
        "المرحوم",
        "المرحومه",
        "الفقید",
        "المریض",
        "المریضه",
        "الطفل",
        "الطفله",
        "الرییس",
        "الوزیر",
        "الامیر",
        "الملک",
        "النایب",
        "الکابتن",
        "اللاعب",
        "المدرب",
        "الفنان",
        "الفنانه",
        "الممثل",
        "الممثله",
        "الکاتب",
        "الشاعر",
        "اکد",
        "اکدت",
        "اعلن",
        "واعلن",
        "ابن",
        "بنت",
        "ابو",
        "ام",
        "بن",
        "زوجه",
        "زوج",
        "ابنه",
        "ابنته",
        "استاد",
        "حاجیه",
        "مرحوم",
        "مرحومه",
        "شادروان",
        "بیمار",
        "کودک",
        "نوزاد",
        "پسرم",
        "دخترم",
        "همسرم",
        "مادرم",
        "پدرم",
        "برادرم",
        "خواهرم",
        "پسر",
        "دختر",
        "همسر",
        "مادر",
        "پدر",
        "گفت",
        "گفته",
        "افزود",
        "اظهار",
        "کرد",
        "سرپرست",
        "مدیر",
        "رییس",
        "رئیس",
        "الرئیس",
        "وزیر",
        "سردار",
        "سرهنگ",
    ]
)


def shape(word: str) -> str:
    """'Xx' for "Sarah", 'X' for "NHS", 'x' for "sara", 'd' for digits, 'a' for Arabic
    script, 'Xx-Xx' for "Al-Zahrani" (runs of one kind collapse to one letter)."""
    out: list[str] = []
    last = ""
    for ch in word:
        if ch.isdigit():
            c = "d"
        elif "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc":
            c = "a"
        elif ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
        if len(out) >= 6:
            break
    return "".join(out)


def is_arabic_script(word: str) -> bool:
    ch = word[:1]
    return "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc"


def strip_clitic(word: str) -> tuple[str, str]:
    """(clitic, rest) for an Arabic-script word that starts with one and keeps at least
    three letters after it; ("", word) otherwise."""
    for c in _CLITICS:
        if word.startswith(c) and len(word) - len(c) >= 3:
            return c, word[len(c) :]
    return "", word


class Gazetteer:
    """The name and stop-word lists one language's features consult."""

    __slots__ = ("common", "first", "last", "stop", "views")

    def __init__(
        self,
        first: frozenset[str],
        last: frozenset[str],
        common: frozenset[str],
        stop: frozenset[str],
    ) -> None:
        self.first = first
        self.last = last
        self.common = common
        self.stop = stop
        # word -> (low, core, Arabic script, flags, shape): what Sentence._fill computes
        # for a word alone, kept because posts share most of their words.
        self.views: dict[str, tuple[str, str, bool, str, str]] = {}

    def flags(self, word: str, low: str) -> str:
        """F (given name), L (family name), C (also an ordinary word), S (stop word)."""
        out = ""
        if word in self.first or low in self.first:
            out += "F"
        if word in self.last or low in self.last:
            out += "L"
        if word in self.common:
            out += "C"
        if low in self.stop:
            out += "S"
        return out


class Sentence:
    """The per-token views of one token sequence that every feature reads.

    Views are filled for tokens near one that is scored (``prepare``: the token and two
    either side), or for all with ``full=True``: a post pays for the few tokens the
    tagger looks at, not for every word.
    """

    __slots__ = (
        "arabic", "cores", "flags", "gaz", "lows", "ready", "shapes", "starts", "words",
    )  # fmt: skip

    def __init__(self, words: list[str], gaz: Gazetteer, full: bool = True) -> None:
        self.words = words
        self.gaz = gaz
        n = len(words)
        self.lows = [""] * n
        self.cores = [""] * n
        self.arabic = [False] * n
        self.starts = [False] * n
        self.flags = [""] * n
        self.shapes = [""] * n
        self.ready = [False] * n
        if full:
            for i in range(n):
                self._fill(i)

    def _fill(self, i: int) -> None:
        w = self.words[i]
        gaz = self.gaz
        view = gaz.views.get(w)
        if view is None:
            view = word_view(w, gaz)
            if len(gaz.views) > 100_000:
                gaz.views.clear()
            gaz.views[w] = view
        self.lows[i], self.cores[i], self.arabic[i], self.flags[i], self.shapes[i] = view
        self.starts[i] = i == 0 or self.words[i - 1] in SENTENCE_END
        self.ready[i] = True

    def prepare(self, i: int) -> None:
        """Fill the views of tokens i-2 .. i+2."""
        ready = self.ready
        for k in range(max(0, i - 2), min(len(ready), i + 3)):
            if not ready[k]:
                self._fill(k)


def word_view(w: str, gaz: Gazetteer) -> tuple[str, str, bool, str, str]:
    """(low, core, Arabic script, gazetteer flags, shape) of one word."""
    low = w.lower()
    ch = w[0]
    ar = "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc"
    core = strip_clitic(low)[1] if ar else low
    f = gaz.flags(w, low)
    if core != low:
        f2 = gaz.flags(core, core)
        if f2:
            f += "/" + f2
    return low, core, ar, f, shape(w)


def word_features(s: Sentence, i: int) -> list[str]:
    """The features of token ``i`` that depend on the word alone (cached per word)."""
    low = s.lows[i]
    core = s.cores[i]
    shp = s.shapes[i]
    out = ["b", "w=" + low, "s=" + shp, "g=" + s.flags[i]]
    if not s.arabic[i] and not low.isascii():
        out.append("na")  # Zsófia, Þórðarson: letters beyond ASCII
    if core != low:
        out.append("c=" + core)
        out.append("k=" + low[: len(low) - len(core)])
    m = len(core)
    if m > 2:
        out.append("p2=" + core[:2])
        out.append("x2=" + core[m - 2 :])
    if m > 3:
        out.append("p3=" + core[:3])
        out.append("x3=" + core[m - 3 :])
    if m > 4:
        out.append("x4=" + core[m - 4 :])
    return out


def context_features(s: Sentence, i: int, prev_tag: str) -> list[str]:
    """The features of token ``i`` that depend on its neighbours and the tag before."""
    n = len(s.words)
    shp = s.shapes[i]
    out = ["t=" + prev_tag, "ts=" + prev_tag + shp]
    if s.starts[i]:
        out.append("st")
        out.append("sts=" + shp)
    if i > 0:
        pl = s.lows[i - 1]
        pc = s.cores[i - 1]
        out.append("pw=" + pl)
        out.append("ps=" + s.shapes[i - 1])
        out.append("pg=" + s.flags[i - 1])
        if pc != pl:
            out.append("pc=" + pc)
        key = pl.rstrip(".")
        if key in CUE_WORDS or pc in CUE_WORDS:
            out.append("cue")
            out.append("cues=" + shp)
        if i > 1:
            out.append("pw2=" + s.lows[i - 2])
            out.append("pg2=" + s.flags[i - 2])
            k2 = s.lows[i - 2].rstrip(".")
            if k2 in CUE_WORDS or s.cores[i - 2] in CUE_WORDS:
                out.append("cue2")
    else:
        out.append("pw=^")
    if i + 1 < n:
        nl = s.lows[i + 1]
        out.append("nw=" + nl)
        out.append("ns=" + s.shapes[i + 1])
        out.append("ng=" + s.flags[i + 1])
        nc = s.cores[i + 1]
        if nc != nl:
            out.append("nc=" + nc)
        if i + 2 < n:
            out.append("nw2=" + s.lows[i + 2])
            out.append("ng2=" + s.flags[i + 2])
    else:
        out.append("nw=$")
    return out


def features(s: Sentence, i: int, prev_tag: str) -> list[str]:
    """The feature strings of token ``i`` given the tag chosen for token ``i - 1``."""
    s.prepare(i)
    return word_features(s, i) + context_features(s, i, prev_tag)
