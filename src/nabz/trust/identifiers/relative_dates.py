"""Relative dates: "yesterday", "last Tuesday", "two days ago", «دیروز», «پریروز»,
«هفته گذشته», «أمس», «الأسبوع الماضي», «قبل يومين».

A post carries its own date, so "discharged yesterday" names the day as surely as
"discharged on 3 December". These are reported as DATE (detail "relative date", with
the event a cue word ties them to, as for written dates) so that the PHI rules can tie
them to a person. What is only a period ("this month", "last year", "every Sunday") is
not a day and is not reported.
"""

from __future__ import annotations

import re

from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.dates import add_date
from nabz.trust.text import normalize_term

_EN_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_EN_COUNT = (
    r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|a\s+couple\s+of|couple\s+of|several)"
)
_EN_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_EN = re.compile(
    r"(?<![\w-])(?:"
    r"(?:the\s+)?day\s+before\s+yesterday"
    r"|yesterday" + _EN_PART + r"|last\s+(?:night|week|weekend)"
    r"|this\s+(?:morning|afternoon)|earlier\s+this\s+week"
    rf"|(?:last|next|this\s+past|this\s+coming|past)\s+{_EN_WEEKDAY}{_EN_PART}"
    rf"|(?<=\bon\s){_EN_WEEKDAY}{_EN_PART}"
    # "arrived Monday morning", "since Tuesday evening": a weekday with a part of the day
    # names one day without "on"; a bare weekday ("open Monday to Friday") does not.
    rf"|{_EN_WEEKDAY}\s+(?:morning|afternoon|evening|night)"
    rf"|(?<=\b(?:since|until)\s){_EN_WEEKDAY}"
    rf"|{_EN_COUNT}\s+(?:days?|weeks?|months?)\s+ago"
    r")(?![\w])",
    re.IGNORECASE,
)
# The pattern runs only when the words of one of its shapes are there ("last" and "this"
# alone are in most English posts).
_WEEKDAYS_EN = frozenset(
    d + "day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
)
_EN_ALONE = frozenset({"yesterday", "ago"})
_EN_LEADS = frozenset({"last", "this", "next", "past", "earlier"})
_EN_AFTER_LEAD = _WEEKDAYS_EN | {"night", "week", "weekend", "morning", "afternoon"}
# Words that make a weekday one day: "on Monday", "Monday morning", "since Tuesday".
_EN_WEEKDAY_WITH = frozenset({"on", "since", "until", "morning", "afternoon", "evening", "night"})


def _english_words(tokens: frozenset[str]) -> bool:
    if not _EN_ALONE.isdisjoint(tokens):
        return True
    if _WEEKDAYS_EN.isdisjoint(tokens) and _EN_AFTER_LEAD.isdisjoint(tokens):
        return False
    if _WEEKDAYS_EN.isdisjoint(tokens):
        return not _EN_LEADS.isdisjoint(tokens)
    return not _EN_LEADS.isdisjoint(tokens) or not _EN_WEEKDAY_WITH.isdisjoint(tokens)


# Arabic: normalised as the text is (أ→ا, ة→ه, ي→ی).
_AR_WEEKDAY = r"(?:السبت|الاحد|الاثنین|الثلاثاء|الاربعاء|الخمیس|الجمعه)"
_AR_COUNT = (
    r"(?:\d{1,2}|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثمانی|ثمانیه|تسع|تسعه|"
    r"عشر|عشره|بضعه)"
)
_AR = re.compile(
    normalize_term(
        r"(?<![\w])(?:[وف]|ب)?("
        r"(?:اول\s+)?امس(?:\s+الاول)?|البارحه|(?:صباح|مساء|لیله)\s+(?:امس|البارحه)"
        r"|(?:الاسبوع|الشهر)\s+(?:الماضی|المنصرم|الفائت)"
        rf"|(?:یوم\s+)?{_AR_WEEKDAY}\s+(?:الماضی|الفائت|المنصرم|المقبل|القادم)"
        rf"|یوم\s+{_AR_WEEKDAY}"
        r"|(?:قبل|منذ)\s+(?:یوم|یومین|اسبوع|اسبوعین|شهر|شهرین|"
        rf"{_AR_COUNT}\s+(?:ایام|اسابیع|اشهر|شهور))"
        r")(?![\w])"
    )
)
# Arabic and Persian words a relative date cannot do without, with their clitics.
_AR_ALONE = frozenset(
    normalize_term(p + w) for w in ("أمس", "البارحة") for p in ("", "و", "ف", "ب", "بال", "وال")
)
_AR_WHEN = frozenset(
    normalize_term(w)
    for w in ("الماضي", "الفائت", "المنصرم", "المقبل", "القادم", "يوم", "قبل", "منذ")
)
_AR_UNITS = frozenset(
    normalize_term(w)
    for w in (
        "الأسبوع", "الشهر", "يوم", "يومين", "أسبوع", "أسبوعين", "شهر", "شهرين", "أيام",
        "أسابيع", "أشهر", "شهور", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء",
        "الخميس", "الجمعة",
    )
)  # fmt: skip


# Persian: ZWNJ is dropped by normalisation ("سه‌شنبه" → "سهشنبه").
_FA_WEEKDAY = (
    r"(?:شنبه|یکشنبه|یک\s?شنبه|دوشنبه|دو\s?شنبه|سهشنبه|سه\s?شنبه|چهارشنبه|پنجشنبه|پنج\s?شنبه|جمعه)"
)
_FA_COUNT = r"(?:\d{1,2}|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|چند|یکی دو)"
_FA = re.compile(
    normalize_term(
        r"(?<![\w])(?:[وب]|از)?("
        r"پریروز|دیروز(?:\s+(?:صبح|ظهر|عصر))?|دیشب|پریشب"
        r"|(?:هفته|ماه)\s+(?:گذشته|پیش|قبل|پیشین)"
        rf"|(?:روز\s+)?{_FA_WEEKDAY}\s+(?:گذشته|پیش|قبل|آینده)"
        rf"|روز\s+{_FA_WEEKDAY}"
        rf"|{_FA_COUNT}\s+(?:روز|هفته|ماه)\s+(?:پیش|قبل)(?!\s+از)"
        r")(?![\w])"
    )
)
_FA_ALONE = frozenset(
    normalize_term(p + w) for w in ("دیروز", "پریروز", "دیشب", "پریشب") for p in ("", "و", "از")
)
_FA_WHEN = frozenset(normalize_term(w) for w in ("گذشته", "پیش", "قبل", "آینده", "پیشین", "روز"))
_FA_UNITS = frozenset(
    normalize_term(w)
    for w in (
        "هفته", "ماه", "روز", "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه",
        "پنج‌شنبه", "جمعه",
    )
)  # fmt: skip


def _words_of(
    tokens: frozenset[str], alone: frozenset[str], when: frozenset[str], units: frozenset[str]
) -> bool:
    if not alone.isdisjoint(tokens):
        return True
    return not when.isdisjoint(tokens) and not units.isdisjoint(tokens)


def detect(scan: Scan) -> None:
    tokens = scan.tokens
    if _english_words(tokens):
        for m in _EN.finditer(scan.lower):
            add_date(scan, m.start(), m.end(), "relative date")
    if scan.language == "en":
        return
    for pattern, alone, when, units in (
        (_AR, _AR_ALONE, _AR_WHEN, _AR_UNITS),
        (_FA, _FA_ALONE, _FA_WHEN, _FA_UNITS),
    ):
        if _words_of(tokens, alone, when, units):
            for m in pattern.finditer(scan.lower):
                add_date(scan, m.start(1), m.end(1), "relative date")
