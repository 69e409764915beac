"""Ages: "aged 93", "93-year-old", "۹۳ ساله", "عمره ٩٣ عاماً", "البالغ من العمر"."""

from __future__ import annotations

import itertools
import re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.keys import found, matches_at, register
from nabz.trust.text import normalize_term

_N = r"(?P<n>\d{1,3})"
_COUNTER = itertools.count(3)


def _numbered(pattern: str) -> str:
    """stdlib ``re`` wants unique group names: n -> n1, n2, ..."""
    return re.sub(r"\(\?P<n>", lambda _m: f"(?P<n{next(_COUNTER)}>", pattern)


# English, in three patterns so that each starts with something cheap to look for.
# ("\d\d{0,2}" is "\d{1,3}" starting with a character class: the engine skips to digits.)
_EN_NUMBER_FIRST = re.compile(
    r"(?P<n1>\d\d{0,2})(?:"
    r"(?:\s*|-)(?:years?|yrs?|y|months?|weeks?|days?)(?:\s*|-)old"
    r"|\s?(?:yo|y/o|y\.o\.?|yr old)"
    r"|\s+years?\s+of\s+age"
    r")(?![\w])"
)
_EN_CUE_FIRST = re.compile(
    r"\b(?:aged|age|at the age of|age of)\s*:?\s*(?P<n2>\d{1,3})"
    r"(?![\d.,]\d|\d|\s*(?:%|percent|-\s*\d|to\s+\d|and\s+(?:up|over|older)|\+|or\s+\d))"
)
_EN_DECADE = re.compile(
    r"\bin\s+(?:his|her|their)\s+(?:late\s+|early\s+|mid-?)?(?P<dec>[1-9]0)'?s(?![\w])"
)
# "turned 102", "her 95th birthday" (not a hospital's or a charity's).
_EN_TURNED = re.compile(
    r"\b(?:turned|turns|turning)\s+(?P<n5>\d{1,3})(?![\d.,:%]|\s*(?:%|percent|degrees|times)\b)"
    r"|(?<![\w-])(?P<n6>\d{1,3})(?:st|nd|rd|th)\s+birthday\b"
)
_NOT_A_PERSON = re.compile(
    r"\b(?:hospital|clinic|centre|center|foundation|charity|ward|unit|we|our|company|team)"
    r"(?:'s)?\W+(?:\w+\W+)?$"
)
_EN = _EN_NUMBER_FIRST  # key of the English trigger words below
# The words an Arabic or a Persian age phrase may start with (the other branches start
# with the number itself).
_AR_CUES = (
    "عمره", "عمرها", "عمري", "بعمر", "العمر", "عمر يناهز", "عمر ناهز", "يبلغ من العمر",
    "تبلغ من العمر", "البالغ من العمر", "البالغة من العمر", "البالغ", "البالغة", "يبلغ", "تبلغ",
    "ذو", "ذات", "ابن", "بنت", "سن",
)  # fmt: skip
_AR_IN = ("في", "فی")
_AR_PEOPLE = (
    "طفل", "طفلة", "رضيع", "رضيعة", "مسن", "مسنة", "رجل", "امرأة", "سيدة", "مريض", "مريضة",
    "شاب", "شابة", "فتاة", "فتى", "ولد",
)  # fmt: skip
_FA_CUES = ("سن", "سنش", "با سن", "در سن", "سن وی", "سن او", "سن بیمار")
_FA_PEOPLE = ("نوزاد", "کودک", "بچه", "دختر", "پسر", "شیرخوار", "طفل")
_FA_NOW = ("الان", "اکنون", "حالا", "امسال")
_AR = re.compile(
    _numbered(
        normalize_term(
            rf"(?:{'|'.join(_AR_CUES)})"
            rf"\s*:?\s*(?:(?:الآن|الان|حاليا|اليوم)\s+)?(?:ال)?{_N}"
            rf"\s*(?:عاما|عام|سنة|سنوات|سنين|أعوام|شهرا|شهور|أشهر|يوما|أيام)?(?![\d\w])"
            rf"|(?:{'|'.join(_AR_IN)})\s+(?:عمر|سن)\s+{_N}\s*(?:عاما|عام|سنة|سنوات|شهرا|أشهر)(?![\w])"
            rf"|(?<![\d\w]){_N}\s*(?:عاما|عام|سنة|سنوات|شهرا|شهور|أشهر)\s+من\s+العمر"
            rf"|(?:{'|'.join(_AR_PEOPLE)})"
            rf"\s+(?:في\s+)?(?:ال\s*)?{_N}\s*"
            rf"(?:عاما|عام|سنة|سنوات|من عمره|من عمرها|شهرا|أشهر|شهور)(?![\w])"
            rf"|(?<![\d\w]){_N}\s+من\s+(?:عمره|عمرها)(?![\w])"
        )
    )
)
_FA = re.compile(
    _numbered(
        normalize_term(
            rf"(?<![\d\w]){_N}\s*(?:ساله|سالگی|سالش|سال سن)(?![\w])"
            rf"|(?:{'|'.join(_FA_CUES)})\s*:?\s*{_N}(?:\s*سال(?:گی)?)?(?![\d\w])"
            rf"|(?:{'|'.join(_FA_PEOPLE)})\s+{_N}\s*(?:ماهه|روزه|هفته)(?![\w])"
            rf"|(?<![\d\w]){_N}\s*سال\s+(?:دارد|داره|داشت|داشتند)(?![\w])"
            rf"|(?:{'|'.join(_FA_NOW)})\s+{_N}\s*سال(?:ش|شان)?\s+(?:است|هست|شده)(?!\s*که)(?![\w])"
        )
    )
)
# Where an Arabic or a Persian age phrase may start: at one of its start words (found in
# the shared walk of nabz.trust.keys) or at a number. Trying the pattern only there gives
# what finditer gives, without the regex engine trying an alternation of words at every
# position of the text.
_START_WORDS = {"ar": _AR_CUES + _AR_IN + _AR_PEOPLE, "fa": _FA_CUES + _FA_PEOPLE + _FA_NOW}
_PATTERN_OF = {"ar": _AR, "fa": _FA}
_STARTS = "identifiers.ages"
register(
    _STARTS, lambda language: {normalize_term(w): True for w in _START_WORDS.get(language, ())}
)
_DIGIT_RUN = re.compile(r"\d+")
# Words before "N ساله" that make it a duration, not an age (a five-year plan).
_FA_NOT_AGE = re.compile(
    normalize_term(
        r"(?:برنامه|دوره|طرح|قرارداد|سابقه|تجربه|گارانتی|ضمانت|مطالعه|پیگیری|تحقیق|نقشه|"
        r"فعالیت|تاریخ|عمر مفید|جشن|سالگرد|میانگین|اقامت)\s*$"
    )
)
_MONTHS_UNIT = re.compile(
    normalize_term(r"month|week|day|شهر|شهور|أشهر|يوم|أيام|ماهه|روزه|هفته"), re.IGNORECASE
)
_AR_NOT_AGE = re.compile(normalize_term(r"(?:منذ|خلال|لمدة|مدة|قبل|بعد|خطة|برنامج|خبرة)\s*$"))


_TRIGGERS = {
    _EN: frozenset(
        {"old", "aged", "age", "yo", "yr", "y", "s", "ages", "turned", "turns", "turning"}
        | {"birthday"}
    ),
    _AR: frozenset(
        normalize_term(w)
        for w in [
            "عاما",
            "عام",
            "سنة",
            "سنوات",
            "سنين",
            "أعوام",
            "شهرا",
            "شهور",
            "أشهر",
            "يوما",
            "أيام",
            "العمر",
            "عمره",
            "عمرها",
            "بعمر",
            "عمر",
            "يبلغ",
            "تبلغ",
            "البالغ",
            "البالغة",
            "عمري",
        ]
    ),
    _FA: frozenset(
        normalize_term(w)
        for w in ["ساله", "سالگی", "سالش", "سال", "سن", "سنش", "ماهه", "روزه", "هفته"]
    ),
}


def detect(scan: Scan) -> None:
    if not scan.has_digit:
        return
    lang_patterns = {"en": (_EN,), "ar": (_AR, _EN), "fa": (_FA, _EN)}
    tokens = scan.tokens
    for pattern in lang_patterns.get(scan.language, (_EN, _AR, _FA)):
        if _TRIGGERS[pattern].isdisjoint(tokens):
            continue
        if pattern is _EN:
            _english(scan)
            continue
        for m in _matches(pattern, scan):
            group = m.lastgroup or ""
            if not group:
                continue
            value = int(m.group(group))
            if value > 125 or scan.is_claimed(m.start(group), m.end(group)):
                continue
            window = scan.text[max(0, m.start() - 20) : m.start()]
            if pattern is _FA and _FA_NOT_AGE.search(window):
                continue
            if pattern is _AR and _AR_NOT_AGE.search(window):
                continue
            detail = f"age {value}" + ("s (decade)" if group == "dec" else "")
            if _MONTHS_UNIT.search(m.group()):
                detail += " months or younger"
            if group == "dec":
                value = value + 9
            start, end = m.start(), m.end()
            if m.start(group) > m.start() and not scan.text[m.start()].isdigit():
                start = m.start(group)  # "aged 93": the number, not the cue word
            scan.add(IdentifierKind.AGE, start, end, True, detail)
            scan.claim(start, end)


def _matches(pattern: re.Pattern[str], scan: Scan) -> list[re.Match[str]]:
    """``pattern.finditer(scan.text)``, trying the pattern only where it may start."""
    text = scan.text
    if _PATTERN_OF.get(scan.language) is not pattern:
        return list(pattern.finditer(text))
    starts = [start for _, start, _ in found(scan.doc, _STARTS)]
    starts.extend(m.start() for m in _DIGIT_RUN.finditer(text))
    return matches_at(pattern, text, starts)


def _english(scan: Scan) -> None:
    lower = scan.lower
    matches = [m for m in _EN_NUMBER_FIRST.finditer(lower) if _starts_clean(lower, m.start())]
    if "age" in lower:
        matches.extend(_EN_CUE_FIRST.finditer(lower))
    if "in " in lower:
        matches.extend(_EN_DECADE.finditer(lower))
    if "turn" in lower or "birthday" in lower:
        matches.extend(
            m
            for m in _EN_TURNED.finditer(lower)
            if not _NOT_A_PERSON.search(lower, max(0, m.start() - 30), m.start())
        )
    for m in matches:
        group = m.lastgroup or ""
        value = int(m.group(group))
        if value > 125 or scan.is_claimed(m.start(group), m.end(group)):
            continue
        detail = f"age {value}" + ("s (decade)" if group == "dec" else "")
        if _MONTHS_UNIT.search(m.group()):
            detail += " months or younger"
        start = m.start(group) if group != "n1" else m.start()
        scan.add(IdentifierKind.AGE, start, m.end(), True, detail)
        scan.claim(start, m.end())


def _starts_clean(text: str, pos: int) -> bool:
    """A number that starts a token (not "A320-year", "v2")."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "-_")


def age_value(detail: str) -> int | None:
    """The age (upper bound for a decade) a detail string records."""
    digits = "".join(ch for ch in detail.split()[1] if ch.isdigit()) if " " in detail else ""
    if not digits:
        return None
    value = int(digits)
    return value + 9 if "decade" in detail else value


_AFTER_NAME = re.compile(r"\s*[,(]\s*(\d{1,3})\s*(?=[,)]|\s+(?:years?|y/?o)\b)")
# "فرانک، ۹۴ سال،" / "يزن، 91 عاما،": a count of years in apposition after a name.
_AFTER_NAME_AR = re.compile(
    normalize_term(
        r"\s*[،,(]\s*(\d{1,3}\s*(?:سال|ساله|عاما|عام|سنة|سنه))\s*(?=[،,)]|$)"
        r"|\s+(\d{1,3}\s*(?:عاما|عام|سنة|سنه))(?![\w])"
    )
)


def after_names(scan: Scan) -> None:
    """ "Jane Roe, 93," and "Jane Roe (93)": a bare number right after a name is an age (in
    Arabic also «الشهري ٥٨ سنة», a count of years right after the name)."""
    for name in list(scan.found):
        if name.kind is not IdentifierKind.PERSON_NAME:
            continue
        m = _AFTER_NAME.match(scan.text, name.end)
        if m is None and scan.language != "en":
            m = _AFTER_NAME_AR.match(scan.text, name.end)
        if m is None:
            continue
        group = 1 if m.group(1) else 2
        value = "".join(ch for ch in m.group(group)[:3] if ch.isdigit())
        start, end = m.start(group), m.end(group)
        if not scan.is_claimed(start, end) and int(value) <= 125:
            scan.add(IdentifierKind.AGE, start, end, True, f"age {value}")
            scan.claim(start, end)


# Ages written in words: «شش ساله», «هشتاد و پنج سالگی», «ذات الست سنوات», «عيد ميلادها
# المئة». Each word's value, normalised as the text is.
_FA_NUMBER_WORDS = {
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9,
    "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30,
    "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100,
    "یکصد": 100,
}  # fmt: skip
_AR_NUMBER_WORDS = {
    normalize_term(w): v
    for v, words in (
        (1, "واحد"), (2, "اثنين اثنان"), (3, "ثلاث ثلاثة"), (4, "أربع أربعة"), (5, "خمس خمسة"),
        (6, "ست ستة"), (7, "سبع سبعة"), (8, "ثمان ثماني ثمانية"), (9, "تسع تسعة"),
        (10, "عشر عشرة"), (20, "عشرين عشرون"), (30, "ثلاثين ثلاثون"), (40, "أربعين أربعون"),
        (50, "خمسين خمسون"), (60, "ستين ستون"), (70, "سبعين سبعون"), (80, "ثمانين ثمانون"),
        (90, "تسعين تسعون"), (100, "مئة مائة"),
    )
    for w in words.split()
}  # fmt: skip


def _alternation(words: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(normalize_term(w)) for w in words), key=len, reverse=True))


_FA_NUM = f"(?:{_alternation(_FA_NUMBER_WORDS)})"
_AR_NUM = f"(?:ال)?(?:{_alternation(_AR_NUMBER_WORDS)})"
_FA_WORDED = re.compile(
    rf"(?<![\w])(?P<w>{_FA_NUM}(?:\s*و\s*{_FA_NUM}){{0,2}})\s*(?:ساله|سالگی|سالش)(?![\w])"
)
_AR_WORDED = re.compile(
    normalize_term(
        r"(?<![\w])(?:ذو|ذات|ابن|بنت|عمره|عمرها|بعمر|البالغ من العمر|البالغة من العمر|"
        r"عمر ناهز|عمر يناهز)"
        rf"\s+(?P<w>{_AR_NUM}(?:\s+و{_AR_NUM})?)\s*(?:عاما|عام|سنة|سنوات|سنين|أعوام)(?![\w])"
        rf"|عيد\s+ميلاد(?:ه|ها)?\s+(?P<b>{_AR_NUM}(?:\s+و{_AR_NUM})?)(?![\w])"
    )
)
_WORD_TRIGGERS = {
    "fa": frozenset(normalize_term(w) for w in ("ساله", "سالگی", "سالش")),
    "ar": frozenset(normalize_term(w) for w in ("ميلاده", "ميلادها", "ميلاد", "سنوات", "عاما")),
}
_NUMBER_WORD = re.compile(r"[^\W\d_]+")


def _value_of(words: str, table: dict[str, int]) -> int:
    total = 0
    for word in _NUMBER_WORD.findall(words):
        if word not in ("و", "ال"):
            total += table.get(word[2:] if word.startswith("ال") else word, table.get(word, 0))
    return total


def worded(scan: Scan) -> None:
    """Ages written out in Persian or Arabic words."""
    lang = scan.language
    if lang not in _WORD_TRIGGERS or _WORD_TRIGGERS[lang].isdisjoint(scan.tokens):
        return
    pattern, table = (
        (_FA_WORDED, _FA_NUMBER_WORDS) if lang == "fa" else (_AR_WORDED, _AR_NUMBER_WORDS)
    )
    for m in pattern.finditer(scan.text):
        group = "b" if lang == "ar" and m.group("b") else "w"
        start, end = m.start(group), m.end()
        value = _value_of(m.group(group), table)
        if not 0 < value <= 125 or scan.is_claimed(start, end):
            continue
        window = scan.text[max(0, start - 20) : start]
        if lang == "fa" and _FA_NOT_AGE.search(window):
            continue
        scan.add(IdentifierKind.AGE, start, end, True, f"age {value}")
        scan.claim(start, end)
