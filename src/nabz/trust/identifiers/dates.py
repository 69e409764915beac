"""Dates in Gregorian, Jalali (Solar Hijri) and lunar Hijri forms, with month names in
English, Arabic and Persian, and numeric forms (1402/05/12, 12/03/2024, 2024-03-12).

A bare year is not an identifier (HIPAA Safe Harbor keeps years); a month needs a
day or a year beside it. The detail names the calendar and, when a cue word
precedes, the event (birth, admission, discharge, death, surgery).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import yaml

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.text import normalize_term

# Short month names that are also common words: they need a year beside them.
_NEEDS_YEAR = {
    "مه",
    "می",
    "اب",
    "صفر",
    "mar",
    "jan",
    "jun",
    "jul",
    "sep",
    "oct",
    "nov",
    "dec",
    "aug",
}

_DAY_BEFORE = re.compile(
    r"(?<![\d/.\-])(\d{1,2})(?:st|nd|rd|th|ام|م|ом)?\s*(?:of\s+|من\s+|(?:ماه|شهر)\s+)?$"
)
_AFTER = re.compile(
    r"\.?(?:\s*(?:ماه|الماضی|عام|سال|سنه|of))?"
    r"(?:\s*,?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:]))?"
    r"(?:\s*(?:,|،)?\s*(?:عام|سال|سنه|of)?\s*(?P<year>\d{4})(?!\d)"
    r"(?:\s?(?:هـ|ه\.ق|ه\.ش|هجری قمری|هجری شمسی|هجری|هجري|ميلادي|میلادی|شمسی|قمری|ه|م|ش|ق|"
    r"ad|ah|ce|bc)(?![\w]))?)?",
    re.IGNORECASE,
)
# "(?<![\d/.\-])\d" written as "\d(?<![\d/.\-].)": the same matches, but a pattern that
# starts with a character class lets the regex engine skip to the digits (twice as fast).
# A day written as a Persian ordinal word before the month: «بیستم آبان», «بیست و یکم مهر».
_FA_UNITS = (
    "یکم|دوم|سوم|چهارم|پنجم|ششم|هفتم|هشتم|نهم|دهم|یازدهم|دوازدهم|سیزدهم|چهاردهم|"
    "پانزدهم|شانزدهم|هفدهم|هجدهم|هیجدهم|نوزدهم"
)
_ORDINAL_BEFORE = re.compile(
    normalize_term(
        rf"(?<![\w])(?:(?:(?:بیست|سی)\s*و\s*)?(?:{_FA_UNITS})|بیستم|سی\s?ام|اول)\s+(?:ماه\s+)?$"
    )
)
_NUMERIC_YMD = re.compile(r"(\d(?<![\d/.\-].)\d{3})([/\-.])(\d{1,2})\2(\d{1,2})(?![\d/\-]|\.\d)")
_NUMERIC_DMY = re.compile(r"(\d(?<![\d/.\-].)\d?)([/\-.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/\-]|\.\d)")

_EVENTS = [
    (
        "date of birth",
        r"born|birth|dob|d\.o\.b|birthday|ولد|ولدت|مواليد|الميلاد|ميلاده|ميلادها|"
        r"تولد|متولد|زاده|زادروز",
    ),
    (
        "admission date",
        r"admit|admission|admitted|hospitali[sz]ed|دخل|دخلت|ادخل|ادخلت|الدخول|"
        r"تنويم|نقل|بستری|پذیرش|منتقل",
    ),
    ("discharge date", r"discharg|released|went home|خرج|خرجت|الخروج|خروج|مرخص|ترخیص|مرخص"),
    ("date of death", r"died|death|passed away|deceased|توفی|توفيت|وفاه|وفات|فوت|درگذشت|مرگ"),
    (
        "surgery or procedure date",
        r"surgery|operat|procedure|transplant|جراحه|عملیه|العملیه|"
        r"جراحی|عمل|پیوند|زایمان|delivery|delivered|gave birth|ولاده",
    ),
    ("visit date", r"visit|appointment|seen|موعد|زیاره|مراجعه|ویزیت|نوبت"),
]
_EVENT_RE = re.compile(
    "|".join(f"(?P<e{i}>{normalize_term(p)})" for i, (_, p) in enumerate(_EVENTS))
)
# The same alternatives in the same order, without the groups: it finds the same matches
# (leftmost, first alternative), but every alternative now starts with a letter, so the
# regex engine skips from one possible first letter to the next (twice as fast). The
# grouped pattern then names the event of the one match that counts.
_EVENT_ANY = re.compile("|".join(normalize_term(p) for _, p in _EVENTS))


@lru_cache(maxsize=1)
def _months() -> tuple[dict[str, list[tuple[str, str]]], dict[str, tuple[str, int]]]:
    """Month phrases by their first word (longest first), and label -> (calendar, month)."""
    raw = yaml.safe_load(
        files("nabz.trust").joinpath("data", "privacy", "calendar.yaml").read_text("utf-8")
    )
    by_first: dict[str, list[tuple[str, str]]] = {}
    info: dict[str, tuple[str, int]] = {}
    for calendar, months in raw.items():
        for number, names in months.items():
            label = f"{calendar}:{number}"
            info[label] = (calendar, int(number))
            for name in names:
                phrase = " ".join(normalize_term(str(name)).lower().split())
                for variant in {phrase, phrase.replace(" ", "")}:
                    first = _WORD.match(variant)
                    if first:
                        by_first.setdefault(first.group(), []).append((variant, label))
    for phrases in by_first.values():
        phrases.sort(key=lambda p: -len(p[0]))
    return by_first, info


_WORD = re.compile(r"[^\W\d_]+")


def _find_months(scan: Scan) -> list[tuple[int, int, str]]:
    """(start, end, label) of month names, found from the text's words (no full scan)."""
    by_first, _info = _months()
    present = scan.tokens.intersection(by_first)
    if not present:
        return []
    lower, n = scan.lower, len(scan.lower)
    hits: list[tuple[int, int, str]] = []
    for word in present:
        pos = lower.find(word)
        while pos != -1:
            if pos == 0 or not lower[pos - 1].isalnum():
                for phrase, label in by_first[word]:
                    end = pos + len(phrase)
                    if lower.startswith(phrase, pos) and (end >= n or not lower[end].isalnum()):
                        hits.append((pos, end, label))
                        break
            pos = lower.find(word, pos + 1)
    hits.sort()
    return hits


def event_before(scan: Scan, start: int, end: int) -> str:
    """Which event the date belongs to, from cue words shortly before (or after) it."""
    last = None
    floor = scan.claimed_end_before(start)
    for m in _EVENT_ANY.finditer(scan.lower, max(floor, start - 45), start):
        last = m
    if last is not None:
        last = _EVENT_RE.match(scan.lower, last.start(), start)
    else:
        last = _EVENT_ANY.search(scan.lower, end, end + 20)
        if last is not None:
            last = _EVENT_RE.match(scan.lower, last.start(), end + 20)
    if last is None or last.lastgroup is None:
        return ""
    return _EVENTS[int(last.lastgroup[1:])][0]


def _calendar_of_year(year: int) -> str:
    if 1300 <= year <= 1499:
        return "jalali or hijri"
    return "gregorian"


def detect(scan: Scan) -> None:
    text = scan.text
    _by_first, info = _months()
    for ms, me, label in _find_months(scan):
        calendar, _month = info[label]
        month_word = scan.lower[ms:me]
        before = _DAY_BEFORE.search(text, max(0, ms - 14), ms)
        after = _AFTER.match(scan.lower, me)
        day_before = before is not None and 1 <= int(before.group(1)) <= 31
        ordinal = (
            None
            if day_before or scan.language == "en"
            else _ORDINAL_BEFORE.search(text, max(0, ms - 22), ms)
        )
        day_after = after is not None and after.group("day") is not None
        year = after.group("year") if after else None
        if year is not None and not (1300 <= int(year) <= 1499 or 1800 <= int(year) <= 2100):
            year = None
        if day_after and not 1 <= int(after.group("day")) <= 31:  # type: ignore[union-attr]
            day_after = False
        if month_word in _NEEDS_YEAR and year is None:
            continue
        if not (day_before or day_after or year or ordinal):
            continue
        start = before.start(1) if day_before and before else ordinal.start() if ordinal else ms
        if after is not None and (year or day_after):
            end = after.end() if year else after.end("day")
            end = _rstrip(text, ms, end)
        else:
            end = me
        add_date(scan, start, end, calendar)
    if scan.number_triple("/.-", 2):  # \d[/.-]\d{1,2}[/.-]\d somewhere
        for m in _NUMERIC_YMD.finditer(text):
            y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if _valid_ymd(y, mo, d):
                add_date(scan, m.start(), m.end(), _calendar_of_year(y))
        for m in _NUMERIC_DMY.finditer(text):
            a, b, y_txt = int(m.group(1)), int(m.group(3)), m.group(4)
            y = int(y_txt)
            if len(y_txt) == 2 and m.group(2) == "-" and scan.is_claimed(m.start(), m.end()):
                continue
            if len(y_txt) == 4 and not (1300 <= y <= 1499 or 1850 <= y <= 2100):
                continue
            if (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31):
                if len(y_txt) == 2 and a == 0:
                    continue
                add_date(scan, m.start(), m.end(), _calendar_of_year(y) if len(y_txt) == 4 else "")


def _valid_ymd(y: int, mo: int, d: int) -> bool:
    return (1300 <= y <= 1499 or 1850 <= y <= 2100) and 1 <= mo <= 12 and 1 <= d <= 31


def _rstrip(text: str, floor: int, end: int) -> int:
    while end > floor and text[end - 1] in " ,.،":
        end -= 1
    return end


def add_date(scan: Scan, start: int, end: int, calendar: str) -> None:
    """Report a date (unless its text is taken), with the event a cue word ties it to."""
    if scan.is_claimed(start, end):
        return
    event = event_before(scan, start, end)
    detail = ", ".join(x for x in (event, calendar) if x)
    scan.add(IdentifierKind.DATE, start, end, True, detail)
    scan.claim(start, end)
